import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type ConfigOverrides } from '../../src/config.ts';
import { defaultNamespaces } from '../../src/core/domain/namespaces.ts';
import type { TokenType } from '../../src/core/accounts/accounts.ts';
import type { AppServices } from '../../src/app-services.ts';
import { createServices } from '../../src/create-services.ts';
import { openTestStore } from './test-store.ts';
import { TEST_AUTH } from './actors.ts';

export const TEST_WIKI = 'testwiki';
export const TEST_START = 1_700_000_000;

export interface TestApp {
  app: FastifyInstance;
  services: AppServices;
  /** With `sharedStore`: the URL another process opens the same database with. */
  databaseUrl?: string;
  /** The services' clock; tests move it with `advance`. */
  now(): number;
  advance(seconds: number): void;
  /** Registers an account (with explicit `groups`) through the account service. */
  createUser(name: string, password: string, groups?: string[]): Promise<void>;
  /**
   * Saves `[title, text]` pages in order through the wiki's source as a visitor (so LinksUpdate
   * fills the link tables), moving the clock `stepSeconds` after each; returns page ids by title.
   */
  savePages(
    pages: readonly (readonly [string, string])[],
    stepSeconds?: number,
  ): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/**
 * The real HTTP app (src/app.ts) over real services and an in-memory SQLite store, with one local
 * wiki `testwiki` as the default wiki. Password hashing is made cheap; logs are silent unless a
 * `logger` is given. `routes` are registered as a subsystem's REST routes are (SubsystemParts.routes).
 * `config` overrides settings of the typed config (src/config.ts) on top of the test defaults.
 */
export async function buildTestApp(
  opts: {
    wikis?: string[];
    logger?: Logger;
    routes?: (app: FastifyInstance) => Promise<void>;
    trustedProxies?: string[];
    /** Event settings over the test defaults (streams look for new events every 20 ms). */
    events?: ConfigOverrides['events'];
    /** Auth settings over the test defaults (the scrypt cost is lowered). */
    auth?: ConfigOverrides['auth'];
    /** Further settings (e.g. `rateLimits`), over the test defaults. */
    config?: ConfigOverrides;
    /** A database another process can open too (a SQLite file rather than memory). */
    sharedStore?: boolean;
  } = {},
): Promise<TestApp> {
  let now = TEST_START;
  const clock = () => now;
  // Media files go to a directory of this app's own, removed on close.
  const mediaDir = mkdtempSync(join(tmpdir(), 'wikiqueue-media-'));
  const config = loadConfig(
    {
      media: { dir: mediaDir },
      defaultWiki: TEST_WIKI,
      logLevel: 'silent',
      demo: { autoCreate: false },
      jobs: { runInServer: false },
      // Test clocks jump by hours and days: sessions outlive them unless a test sets sessionTtl.
      events: { streamPollMs: 20, ...opts.events },
      ...(opts.trustedProxies ? { trustedProxies: opts.trustedProxies } : {}),
      ...opts.config,
      // A secret of its own: the vault would otherwise make a key file in the data folder.
      auth: {
        scryptCost: 1024,
        sessionTtl: 365 * 86400,
        secretKey: TEST_AUTH.secretKey,
        ...opts.auth,
        ...opts.config?.auth,
      },
    },
    {},
  );
  const { store, close: closeStore, url } = await openTestStore({ clock, shared: opts.sharedStore ?? false });
  const services = await createServices({
    config,
    store,
    clock,
    logger: opts.logger ?? pino({ level: 'silent' }),
  });
  for (const id of opts.wikis ?? [TEST_WIKI]) {
    await services.wikis.upsert(
      {
        id,
        lang: 'en',
        sitename: `Wiki ${id}`,
        baseUrl: '',
        namespaces: defaultNamespaces(),
        isMediaRepo: false,
        source: 'local',
        settings: {},
      },
      now,
    );
  }
  const app = await buildApp(
    opts.routes
      ? {
          ...services,
          started: [
            ...services.started,
            {
              subsystem: { name: 'test-routes', start: () => ({ service: undefined }) },
              parts: { service: undefined, routes: opts.routes },
            },
          ],
        }
      : services,
  );
  await app.ready();
  return {
    app,
    services,
    ...(url === undefined ? {} : { databaseUrl: url }),
    now: () => now,
    advance: (seconds) => {
      now += seconds;
    },
    createUser: async (name, password, groups = []) => {
      await services.accounts.createAccount(TEST_WIKI, name, password, { groups });
    },
    savePages: async (pages, stepSeconds = 0) => {
      const actor = await services.accounts.actorFor(TEST_WIKI, undefined, '127.0.0.1');
      const ids: Record<string, number> = {};
      for (const [title, text] of pages) {
        const saved = await services.wikiSources.for(TEST_WIKI).edit(actor, { title, text });
        ids[title] = saved.pageid;
        now += stepSeconds;
      }
      return ids;
    },
    close: async () => {
      await app.close();
      await closeStore();
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}

export interface ApiCall {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  /** The parsed JSON body (undefined for non-JSON responses). */
  json: Record<string, unknown>;
  body: string;
}

/**
 * A tiny api.php client over `app.inject` that keeps the session cookie like a browser would.
 * `format=json` is added unless the call sets `format` itself. `remoteAddress` is the address the
 * requests come from (inject's default is 127.0.0.1).
 */
export class ApiClient {
  cookie: string | undefined;

  constructor(
    private readonly t: TestApp,
    private readonly path = '/w/api.php',
    /** The client address requests come from (inject's default: 127.0.0.1). */
    private readonly remoteAddress?: string,
  ) {}

  get(params: Record<string, string>): Promise<ApiCall> {
    return this.call('GET', params);
  }

  post(params: Record<string, string>): Promise<ApiCall> {
    return this.call('POST', params);
  }

  /** A token of the current session, computed by the account service (no meta=tokens needed). */
  async token(type: TokenType = 'csrf'): Promise<string> {
    const accounts = this.t.services.accounts;
    let actor = await accounts.actorFor(TEST_WIKI, this.cookie, this.remoteAddress ?? '127.0.0.1');
    if (type === 'login' || type === 'createaccount') {
      const ensured = accounts.ensureSession(actor);
      actor = ensured.actor;
      if (ensured.cookie) this.cookie = ensured.cookie.value;
    }
    return accounts.token(actor, type);
  }

  /** Logs in with action=login (NeedToken, then the token). */
  async login(name: string, password: string): Promise<Record<string, unknown>> {
    const first = await this.post({ action: 'login', lgname: name, lgpassword: password });
    const token = (first.json.login as { token: string }).token;
    const second = await this.post({ action: 'login', lgname: name, lgpassword: password, lgtoken: token });
    return second.json.login as Record<string, unknown>;
  }

  async call(method: 'GET' | 'POST', params: Record<string, string>): Promise<ApiCall> {
    const all = { format: 'json', ...params };
    const encoded = new URLSearchParams(all).toString();
    const res = await this.t.app.inject({
      method,
      url: method === 'GET' ? `${this.path}?${encoded}` : this.path,
      ...(this.remoteAddress ? { remoteAddress: this.remoteAddress } : {}),
      ...(method === 'POST'
        ? {
            payload: encoded,
            headers: { 'content-type': 'application/x-www-form-urlencoded', ...this.cookieHeader() },
          }
        : { headers: this.cookieHeader() }),
    });
    for (const c of res.cookies) {
      if (c.name !== 'wikiqueue_session') continue;
      const expired =
        (c.maxAge !== undefined && c.maxAge <= 0) ||
        (c.expires !== undefined && c.expires.getTime() < Date.now());
      this.cookie = c.value === '' || expired ? undefined : c.value;
    }
    const isJson = String(res.headers['content-type'] ?? '').startsWith('application/json');
    return {
      status: res.statusCode,
      headers: res.headers,
      json: isJson ? (JSON.parse(res.body) as Record<string, unknown>) : {},
      body: res.body,
    };
  }

  private cookieHeader(): Record<string, string> {
    return this.cookie ? { cookie: `wikiqueue_session=${this.cookie}` } : {};
  }
}
