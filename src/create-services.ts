import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import { systemClock, type Clock } from './core/domain/clock.ts';
import { JobQueue } from './core/jobs/job-queue.ts';
import { openStore } from './core/store/open-store.ts';
import type { Store } from './core/store/store.ts';
import { LocalWiki } from './wiki-source/local/local-wiki.ts';
import { AccountService } from './core/accounts/accounts.ts';
import type { AppServices } from './app-services.ts';
import { WikiRegistry } from './core/wikis/wiki-registry.ts';
import { ReviewCompiler } from './review/review-compiler.ts';
import { ReviewPresets } from './review/review-presets.ts';
import { ReviewQueueService } from './review/review-queue-service.ts';
import { ReviewMaintenance } from './review/review-maintenance.ts';
import { NoIndexPolicy } from './review/noindex-policy.ts';

export interface ServiceOptions {
  config: Readonly<Config>;
  /** An already open store (tests); otherwise config.databaseUrl is opened. */
  store?: Store;
  clock?: Clock;
  logger?: Logger;
}

/** Wires every service once. The store is migrated before anything reads it. */
export async function createServices(opts: ServiceOptions): Promise<AppServices> {
  const { config } = opts;
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? pino({ level: config.logLevel });
  const store = opts.store ?? (await openStore(config.databaseUrl));
  await store.migrate();
  const wikis = new WikiRegistry(store.wikis);
  await wikis.reload();
  const presets = new ReviewPresets();
  const compiler = new ReviewCompiler({ store, wikis, presets, clock });
  return {
    config,
    store,
    clock,
    logger,
    wikis,
    accounts: new AccountService({ store, clock, auth: config.auth }),
    localWiki: new LocalWiki({ store, clock, wikis }),
    jobs: new JobQueue({ store, clock, maxAttempts: config.jobs.maxAttempts }),
    review: {
      presets,
      compiler,
      queue: new ReviewQueueService({ store, wikis, presets, compiler, clock }),
      maintenance: new ReviewMaintenance({ store, wikis, presets, compiler, clock }),
      noindex: new NoIndexPolicy({ store, wikis, presets, clock }),
    },
  };
}
