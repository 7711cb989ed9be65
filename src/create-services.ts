import pino, { type Logger } from 'pino';
import { FollowStatusBoard } from './core/wikis/follow-status.ts';
import type { AppServices, StartedSubsystem } from './app-services.ts';
import type { Config } from './config.ts';
import { AccountService } from './core/accounts/accounts.ts';
import { RateLimiter } from './core/accounts/rate-limiter.ts';
import type { CoreServices } from './core/core-services.ts';
import { systemClock, type Clock } from './core/domain/clock.ts';
import { coreStreams } from './core/domain/events.ts';
import { StreamRegistry } from './core/events/stream-registry.ts';
import { JobQueue } from './core/jobs/job-queue.ts';
import { MediaFileStore } from './core/media/media-file-store.ts';
import { MediaService } from './core/media/media-service.ts';
import { Thumbnailer } from './core/media/thumbnailer.ts';
import type { MigrationFactory } from './core/store/migrations/migration-provider.ts';
import { openStore } from './core/store/open-store.ts';
import type { Store } from './core/store/store.ts';
import type { SettingsDeclaration } from './core/domain/settings-schema.ts';
import type { Subsystem } from './core/subsystem.ts';
import { WikiRegistry } from './core/wikis/wiki-registry.ts';
import { subsystems } from './subsystems.ts';
import { createWikiSources } from './wiki-source/wiki-sources.ts';
import { MediaWikiMirror } from './wiki-source/mediawiki/mediawiki-mirror.ts';
import { CredentialVault, secretFromFile } from './core/accounts/credential-vault.ts';
import { WikiCredentials } from './core/accounts/wiki-credentials.ts';
import { resolve } from 'node:path';

export interface ServiceOptions {
  config: Readonly<Config>;
  /** An already open store (tests); otherwise config.databaseUrl is opened. */
  store?: Store;
  clock?: Clock;
  logger?: Logger;
  /**
   * false: refuse (`no-database`) a database that does not exist yet instead of creating it, for
   * commands that only make sense on the server's. Default true.
   */
  createDatabase?: boolean;
}

/**
 * Wires the core services once, then starts every subsystem over them. The store is migrated
 * (the core's tables and every subsystem's) before anything reads it.
 */
export async function createServices(opts: ServiceOptions): Promise<AppServices> {
  const { config } = opts;
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? pino({ level: config.logLevel });
  const store = opts.store ?? (await openStore(config.databaseUrl, { create: opts.createDatabase ?? true }));
  await store.migrate(subsystemMigrations());
  const wikis = new WikiRegistry(store.wikis, subsystemSettings(), config.wikis);
  try {
    await wikis.reload();
  } catch (e) {
    if (!opts.store) await store.close();
    throw e;
  }
  const jobs = new JobQueue({ store, clock, maxAttempts: config.jobs.maxAttempts });
  const credentials = new WikiCredentials({
    store,
    clock,
    vault: new CredentialVault(
      () => config.auth.secretKey || secretFromFile(resolve(config.dataDir, 'secret-key')),
    ),
  });
  const mirror = new MediaWikiMirror({ store, clock, wikis, jobs, userAgent: userAgentOf(config, 'acting') });
  const wikiSources = createWikiSources({
    store,
    clock,
    wikis,
    acting: { mirror, credentials, userAgent: userAgentOf(config, 'acting') },
  });
  const core: CoreServices = {
    config,
    store,
    clock,
    logger,
    wikis,
    accounts: new AccountService({ store, clock, auth: config.auth, wikiSources, credentials }),
    rateLimiter: new RateLimiter({ throttles: store.throttles, clock, limits: config.rateLimits }),
    wikiSources,
    following: new FollowStatusBoard(clock),
    jobs,
    media: createMediaService(config, store, wikis, clock),
    streams: streamRegistry(),
    preferences: subsystemPreferences(),
  };
  const started: StartedSubsystem[] = [];
  const services: Record<string, unknown> = { ...core, started };
  for (const subsystem of subsystems as readonly Subsystem[]) {
    const parts = subsystem.start(core);
    started.push({ subsystem, parts });
    services[subsystem.name] = parts.service;
  }
  return services as unknown as AppServices;
}

/** The User-Agent this service sends to a followed MediaWiki (its API etiquette asks for a contact). */
export function userAgentOf(config: Readonly<Config>, purpose: 'follower' | 'acting'): string {
  return `wikiqueue/0.1 (${config.server || 'https://github.com/wikiqueue'}; ${purpose})`;
}

/** The media service over config.media.dir (nothing is created there until a file is stored). */
export function createMediaService(
  config: Readonly<Config>,
  store: Store,
  wikis: WikiRegistry,
  clock: Clock,
): MediaService {
  const files = new MediaFileStore(config.media.dir);
  return new MediaService({
    store,
    clock,
    wikis,
    files,
    thumbnailer: new Thumbnailer({
      files,
      maxConcurrent: config.media.renderConcurrency,
      maxQueued: config.media.renderQueue,
    }),
    server: config.server,
  });
}

/** The user preferences every subsystem registers, with their defaults. */
export function subsystemPreferences(): Record<string, string | number> {
  return Object.assign({}, ...(subsystems as readonly Subsystem[]).map((s) => s.preferences ?? {})) as Record<
    string,
    string | number
  >;
}

/** Every subsystem's settings declaration, for the wiki registry's validation on write. */
export function subsystemSettings(): SettingsDeclaration<unknown>[] {
  const all: SettingsDeclaration<unknown>[] = [];
  for (const { name, settings } of subsystems as readonly Subsystem[]) {
    if (!settings) continue;
    if (settings.key !== name)
      throw new Error(`the settings of subsystem "${name}" sit under "${settings.key}"`);
    all.push(settings);
  }
  return all;
}

/** The core's event streams and every subsystem's. */
export function streamRegistry(): StreamRegistry {
  return new StreamRegistry([
    { owner: 'core', streams: Object.values(coreStreams) },
    ...(subsystems as readonly Subsystem[]).map((s) => ({ owner: s.name, streams: s.streams ?? [] })),
  ]);
}

/** Every subsystem's migrations, for `store.migrate` (a test opening a bare store uses this too). */
export function subsystemMigrations(): Record<string, MigrationFactory> {
  const all: Record<string, MigrationFactory> = {};
  for (const { name, migrations = {} } of subsystems as readonly Subsystem[])
    for (const [id, make] of Object.entries(migrations)) {
      if (id in all) throw new Error(`migration "${id}" of subsystem "${name}" is declared twice`);
      all[id] = make;
    }
  return all;
}
