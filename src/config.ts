import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `wikiqueue ui build` writes the web interface: `ui/dist` of this package. */
export const BUILT_UI_DIR = fileURLToPath(new URL('../ui/dist', import.meta.url));

/**
 * The only reader of the environment and of config files. Everything else receives a frozen Config.
 *
 * Sources, later ones winning: built-in defaults → `wikiqueue.config.json` in the working directory
 * (or the file named by `--config`, else by WIKIQUEUE_CONFIG; relative paths in it are relative
 * to its folder) → environment variables (PORT, HOST, WIKIQUEUE_DATA_DIR,
 * DATABASE_URL, LOG_LEVEL, WIKIQUEUE_DEFAULT_WIKI, WIKIQUEUE_SERVER, WIKIQUEUE_TRUSTED_PROXIES,
 * WIKIQUEUE_METRICS_TOKEN, WIKIQUEUE_METRICS_PORT, WIKIQUEUE_DEMO_PASSWORD, WIKIQUEUE_EVENTGATE_URL)
 * → explicit overrides (command-line options).
 */
export interface Config {
  /** TCP port to listen on; 0 picks a free one. */
  port: number;
  host: string;
  /** Where the embedded SQLite database and other local state live. */
  dataDir: string;
  /** `sqlite:<path>` / a bare file path, or `postgres://…`. Defaults to SQLite in dataDir. */
  databaseUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** The wiki `/w/api.php` serves; other wikis are under `/{wiki}/w/api.php`. */
  defaultWiki: string;
  /**
   * Scheme and host (and port) every URL this service writes starts with — siteinfo's `server`,
   * page URLs, `docref`, `helpurls` — and whose scheme decides the session cookie's `Secure` flag
   * (MediaWiki's $wgServer). Never taken from a request's `Host` or `X-Forwarded-*` headers.
   * Default: `http://{host}:{port}` (`localhost` for a wildcard or loopback host).
   */
  server: string;
  /**
   * Addresses or CIDR ranges of reverse proxies whose `X-Forwarded-For` is believed (MediaWiki's
   * $wgCdnServers): the client is the right-most address of the chain that is not one of them.
   * Empty: the header is ignored and the client is the connection's address, so nobody can pick
   * the address that blocks and throttles see.
   */
  trustedProxies: string[];
  /** `GET /metrics` (Prometheus). */
  metrics: {
    /** When set, `/metrics` answers only requests with `Authorization: Bearer <token>`. */
    token: string;
    /**
     * When set, `/metrics` is served only on this port (of `metrics.host`), by a listener of its
     * own, and not on the main port. null: on the main port.
     */
    port: number | null;
    /** Address the separate metrics listener binds to. */
    host: string;
  };
  demo: {
    /** Create the demo wiki family on first start when the store is empty. */
    autoCreate: boolean;
    /** Articles per content wiki in the generated demo. */
    pages: number;
    seed: number;
    /**
     * The demo accounts' password. Empty (the default): a random one is made when the demo is
     * created, logged once and written to `demo-password` in dataDir (mode 0600). Tests set it.
     */
    password: string;
    /**
     * Serve a store holding the demo accounts on an address other than loopback. Off by default:
     * anyone who reads the demo password could log in as its administrators.
     */
    allowPublic: boolean;
  };
  jobs: {
    /** Run the job runner inside `serve`. */
    runInServer: boolean;
    batchSize: number;
    pollIntervalMs: number;
    maxAttempts: number;
    /** Seconds a claimed job is leased before another runner may take it over. */
    leaseSeconds: number;
  };
  /** Core recurring tasks that delete what is no longer needed (src/core/housekeeping). */
  housekeeping: {
    /**
     * Seconds a finished (`done`) job is kept, for `wikiqueue jobs list --status done`. MediaWiki
     * drops a job's row as soon as it is done; a day is enough to see what ran.
     */
    doneJobAge: number;
    /** Seconds between two deletions of finished jobs older than doneJobAge. */
    doneJobsEvery: number;
    /** Seconds between two deletions of expired sessions (they expire auth.sessionTtl after login). */
    sessionsEvery: number;
    /** Seconds between two deletions of throttle counters whose window has passed. */
    throttlesEvery: number;
  };
  auth: {
    /**
     * Seconds a login session that did not ask to be remembered lives without being used
     * (MediaWiki's $wgObjectCacheSessionExpiry); each use renews it once half of it has passed.
     * Its cookie is a browser-session cookie.
     */
    sessionTtl: number;
    /**
     * Seconds a session lives when its login asked to be remembered (clientlogin `rememberMe`;
     * MediaWiki's $wgCookieExpiration); its cookie carries the same Max-Age.
     */
    rememberedSessionTtl: number;
    /**
     * Max-Age in seconds of a visitor's cookie, which binds its login and createaccount tokens.
     * Nothing is stored for visitors: the tokens are derived from the cookie's random value.
     */
    visitorCookieTtl: number;
    /**
     * MediaWiki's $wgPasswordAttemptThrottle: each condition allows `count` login attempts in
     * `seconds`, counted per (user name, address); `allIPs` counts per user name from every address,
     * `allNames` (not in MediaWiki) per address whatever the name. An attempt is counted before
     * the password is checked; a successful login clears the counts of its name and address.
     */
    passwordAttemptThrottle: PasswordAttemptThrottle[];
    /** scrypt cost parameter N (a power of two). Tests lower it. */
    scryptCost: number;
    /**
     * MediaWiki's $wgAccountCreationThrottle: accounts created per client address (through
     * action=createaccount) within `seconds`, for each entry; beyond it `acct_creation_throttle_hit`.
     * The `noratelimit` right is exempt. Empty: no throttle.
     */
    accountCreationThrottle: { count: number; seconds: number }[];
    /**
     * The secret that encrypts what is kept of a login to a followed MediaWiki (the wiki's session
     * cookies; MediaWiki's $wgSecretKey). Empty: `{dataDir}/secret-key`, made on first use. Server
     * processes that do not share a data folder must be given the same value (WIKIQUEUE_SECRET_KEY).
     * At least 32 characters: a random value (`openssl rand -hex 32`), not a password.
     */
    secretKey: string;
  };
  /**
   * MediaWiki's $wgRateLimits: per action (`edit`, `move`, … — the Action API module's name, see
   * README), per entity type, `[count, seconds]`: `anon` (all visitors together), `user` (each
   * account), `newbie` (each account that is not autoconfirmed; replaces `user`), `ip` (each
   * address of a visitor or newbie), `ip-all` (each address, any client), or a group name (each
   * account in it; the most generous applies). Every limit that applies counts the action; over one
   * is `ratelimited`. The `noratelimit` right (sysop, bureaucrat, bot) is exempt. `null` removes a
   * default action or entity.
   */
  rateLimits: RateLimitsConfig;
  /**
   * Per-wiki settings by wiki id, the same keys as `wikiqueue wiki set` (nested, or dotted like
   * `"review.namespaces"`): under the settings stored with the wiki, which win
   * (core/wikis/wiki-registry.ts). Checked against the settings' schemas when the wikis load.
   */
  wikis: Record<string, Record<string, unknown>>;
  /** The embedded media repository's files (core/media). */
  media: {
    /** Where originals and cached thumbnails are stored. Default: `{dataDir}/media`. */
    dir: string;
    /** Thumbnails rendered at the same time; further requests wait. */
    renderConcurrency: number;
    /** Requests that may wait for a render; beyond that `media-busy` (503). */
    renderQueue: number;
  };
  /** The web interface (ui/, served under /ui/ by core/http/rest/web-ui.ts). */
  ui: {
    /** The built interface (`wikiqueue ui build`). Default: the package's `ui/dist`. */
    dir: string;
  };
  /** The event log and its consumers (core/events). */
  events: {
    /** Events every consumer has passed are deleted once older than this many days. */
    retentionDays: number;
    /** How often a server-sent event stream (`/v2/stream/…`) looks for new events, in ms. */
    streamPollMs: number;
    /**
     * An open `/v2/stream/…` that has sent nothing for this long sends a comment line, in ms, so
     * that proxies keep the idle connection open (checked at each look for new events).
     */
    streamHeartbeatMs: number;
    /** Delivery to an EventGate-compatible HTTP intake (core/events/eventgate-delivery.ts). */
    eventGate: {
      /** Base URL; events are POSTed to `{url}/v1/events`. Empty: no delivery. */
      url: string;
      /** The streams to send; empty: every declared stream. */
      streams: string[];
      /** Events per POST. */
      batchSize: number;
      /** A POST that takes longer fails (and is retried). */
      timeoutMs: number;
      /** Longest wait between two attempts while the target is down, in seconds. */
      maxBackoffSeconds: number;
    };
  };
}

export interface PasswordAttemptThrottle {
  count: number;
  seconds: number;
  allIPs?: boolean;
  allNames?: boolean;
}

/** `[count, seconds]`: at most `count` actions within a window of `seconds`. */
export type RateLimit = [count: number, seconds: number];

/** action → entity type (or group) → limit; `null` removes a limit set by the defaults. */
export type RateLimitsConfig = Record<string, Record<string, RateLimit | null> | null>;

type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export type ConfigOverrides = DeepPartial<Config>;

export class ConfigError extends Error {}

const defaults: Config = {
  port: 8080,
  host: '127.0.0.1',
  dataDir: './data',
  databaseUrl: '',
  logLevel: 'info',
  defaultWiki: 'enwiki',
  server: '',
  trustedProxies: [],
  metrics: { token: '', port: null, host: '127.0.0.1' },
  demo: { autoCreate: true, pages: 200, seed: 1, password: '', allowPublic: false },
  jobs: { runInServer: true, batchSize: 50, pollIntervalMs: 200, maxAttempts: 5, leaseSeconds: 300 },
  housekeeping: { doneJobAge: 24 * 3600, doneJobsEvery: 3600, sessionsEvery: 3600, throttlesEvery: 3600 },
  auth: {
    sessionTtl: 3600,
    rememberedSessionTtl: 30 * 24 * 3600,
    visitorCookieTtl: 3600,
    // MediaWiki's defaults, a short-term and a long-term limit per (name, address), and one limit per
    // address whatever the name (not in MediaWiki, whose throttle lets one address try 5 passwords
    // on every account): generous enough for many people behind one NAT.
    passwordAttemptThrottle: [
      { count: 5, seconds: 300 },
      { count: 150, seconds: 48 * 3600 },
      { count: 300, seconds: 3600, allNames: true },
    ],
    scryptCost: 16384,
    accountCreationThrottle: [{ count: 6, seconds: 86400 }],
    secretKey: '',
  },
  // MediaWiki's defaults (MainConfigSchema RateLimits) for the actions this service has.
  rateLimits: {
    edit: { ip: [8, 60], newbie: [8, 60], user: [90, 60] },
    move: { newbie: [2, 120], user: [8, 60] },
    rollback: { newbie: [5, 120], user: [10, 60] },
    purge: { ip: [30, 60], user: [30, 60] },
    // GrowthExperiments' extension.json: prop=growthimagesuggestiondata, 500 a day per account.
    'growthexperiments-apiqueryimagesuggestiondata': { user: [500, 86400] },
    // Page-queue requests that lease pages (not a MediaWiki action): one list every 2 s per
    // address for anonymous apps and new accounts, one a second per account.
    'pagequeue-lease': { ip: [30, 60], user: [60, 60] },
  },
  wikis: {},
  media: { dir: '', renderConcurrency: 2, renderQueue: 64 },
  ui: { dir: '' },
  events: {
    retentionDays: 7,
    streamPollMs: 1000,
    streamHeartbeatMs: 15_000,
    eventGate: { url: '', streams: [], batchSize: 100, timeoutMs: 10_000, maxBackoffSeconds: 300 },
  },
};

const logLevels = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/**
 * The config file that `loadConfig` reads with the same arguments (`--config`, else
 * WIKIQUEUE_CONFIG, else `wikiqueue.config.json` in `cwd`), or undefined when there is none.
 */
export function configFileFor(
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
  file?: string,
): string | undefined {
  const named = file ?? env.WIKIQUEUE_CONFIG;
  const fileName = named ? resolve(cwd, named) : resolve(cwd, 'wikiqueue.config.json');
  return named || existsSync(fileName) ? fileName : undefined;
}

/**
 * Reads, validates, defaults and freezes the configuration. `file` is the config file a command
 * names (`--config`); it must exist, as must one named by WIKIQUEUE_CONFIG.
 */
export function loadConfig(
  overrides: ConfigOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
  file?: string,
): Readonly<Config> {
  const fileName = configFileFor(env, cwd, file);
  let fromFile: ConfigOverrides = {};
  if (fileName !== undefined && existsSync(fileName)) {
    try {
      fromFile = JSON.parse(readFileSync(fileName, 'utf8')) as ConfigOverrides;
    } catch (e) {
      throw new ConfigError(`cannot read config file ${fileName}: ${(e as Error).message}`);
    }
    if (!isPlainObject(fromFile)) throw new ConfigError(`config file ${fileName} must hold a JSON object`);
    fromFile = withPathsFrom(dirname(fileName), fromFile);
  } else if (fileName !== undefined) {
    throw new ConfigError(
      `config file ${fileName} (${file !== undefined ? '--config' : 'WIKIQUEUE_CONFIG'}) does not exist`,
    );
  }
  const fromEnv: ConfigOverrides = {};
  if (env.PORT !== undefined) fromEnv.port = parseInteger('PORT', env.PORT);
  if (env.HOST) fromEnv.host = env.HOST;
  if (env.WIKIQUEUE_DATA_DIR) fromEnv.dataDir = env.WIKIQUEUE_DATA_DIR;
  if (env.DATABASE_URL) fromEnv.databaseUrl = env.DATABASE_URL;
  if (env.LOG_LEVEL) fromEnv.logLevel = env.LOG_LEVEL as Config['logLevel'];
  if (env.WIKIQUEUE_DEFAULT_WIKI) fromEnv.defaultWiki = env.WIKIQUEUE_DEFAULT_WIKI;
  if (env.WIKIQUEUE_TRUSTED_PROXIES !== undefined)
    fromEnv.trustedProxies = env.WIKIQUEUE_TRUSTED_PROXIES.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (env.WIKIQUEUE_SERVER) fromEnv.server = env.WIKIQUEUE_SERVER;
  if (env.WIKIQUEUE_SECRET_KEY) fromEnv.auth = { secretKey: env.WIKIQUEUE_SECRET_KEY };
  if (env.WIKIQUEUE_METRICS_TOKEN !== undefined || env.WIKIQUEUE_METRICS_PORT !== undefined)
    fromEnv.metrics = {
      ...(env.WIKIQUEUE_METRICS_TOKEN !== undefined ? { token: env.WIKIQUEUE_METRICS_TOKEN } : {}),
      ...(env.WIKIQUEUE_METRICS_PORT
        ? { port: parseInteger('WIKIQUEUE_METRICS_PORT', env.WIKIQUEUE_METRICS_PORT) }
        : {}),
    };
  if (env.WIKIQUEUE_DEMO_PASSWORD) fromEnv.demo = { password: env.WIKIQUEUE_DEMO_PASSWORD };
  if (env.WIKIQUEUE_EVENTGATE_URL !== undefined)
    fromEnv.events = { eventGate: { url: env.WIKIQUEUE_EVENTGATE_URL } };

  const merged = mergeConfig(mergeConfig(mergeConfig(defaults, fromFile), fromEnv), overrides);
  merged.dataDir = resolve(cwd, merged.dataDir);
  merged.media.dir = resolve(cwd, merged.media.dir || resolve(merged.dataDir, 'media'));
  merged.ui.dir = merged.ui.dir ? resolve(cwd, merged.ui.dir) : BUILT_UI_DIR;
  if (!merged.databaseUrl) merged.databaseUrl = `sqlite:${resolve(merged.dataDir, 'wikiqueue.sqlite')}`;
  merged.server = merged.server ? merged.server.replace(/\/+$/, '') : defaultServer(merged.host, merged.port);
  validate(merged);
  return deepFreeze(merged);
}

/**
 * The file's `dataDir`, `media.dir` and SQLite `databaseUrl` resolved against the file's folder,
 * so that a command run from anywhere with `--config` finds the database and files the server uses.
 */
function withPathsFrom(folder: string, file: ConfigOverrides): ConfigOverrides {
  const out = { ...file };
  if (typeof out.dataDir === 'string') out.dataDir = resolve(folder, out.dataDir);
  if (out.media && typeof out.media.dir === 'string' && out.media.dir !== '')
    out.media = { ...out.media, dir: resolve(folder, out.media.dir) };
  if (out.ui && typeof out.ui.dir === 'string' && out.ui.dir !== '')
    out.ui = { ...out.ui, dir: resolve(folder, out.ui.dir) };
  const url = out.databaseUrl;
  if (typeof url === 'string' && url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path !== '' && path !== ':memory:' && !isAbsolute(path))
      out.databaseUrl = `sqlite:${resolve(folder, path)}`;
  }
  return out;
}

/** The server URL of a listener on `host`:`port`, as a browser on this machine reaches it. */
function defaultServer(host: string, port: number): string {
  const local = ['127.0.0.1', '::1', '0.0.0.0', '::', ''].includes(host);
  const name = local ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

function mergeConfig(base: Config, extra: ConfigOverrides): Config {
  return mergeObject(base as unknown as Record<string, unknown>, extra, '') as unknown as Config;
}

/** `extra` over `base`, object by object (arrays and other values replace); unknown top-level keys fail. */
function mergeObject(base: Record<string, unknown>, extra: object, path: string): Record<string, unknown> {
  const out = structuredClone(base);
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) continue;
    if (!path && !(k in base)) throw new ConfigError(`unknown configuration key "${k}"`);
    const current = out[k];
    out[k] =
      isPlainObject(current) && isPlainObject(v)
        ? mergeObject(current, v, `${path}${k}.`)
        : structuredClone(v);
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The rule for a wiki id (MediaWiki's database name, `enwiki`, `zh_yuewiki`): a lowercase letter,
 * then lowercase letters, digits and underscores, at most 64 characters. Ids name URL paths, files
 * (presets) and keys, so nothing else is accepted: no `../`, no `__proto__`.
 */
export function isWikiId(id: string): boolean {
  return /^[a-z][a-z0-9_]{0,63}$/.test(id);
}

function parseInteger(name: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new ConfigError(`${name} must be a whole number, got "${value}"`);
  return Number(value);
}

function validate(c: Config): void {
  if (!Number.isInteger(c.port) || c.port < 0 || c.port > 65535)
    throw new ConfigError(`port must be 0–65535, got ${c.port}`);
  if (!logLevels.has(c.logLevel)) throw new ConfigError(`unknown log level "${c.logLevel}"`);
  if (!isWikiId(c.defaultWiki)) throw new ConfigError(`bad default wiki id "${c.defaultWiki}"`);
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(c.databaseUrl))
    throw new ConfigError(`DATABASE_URL must start with sqlite: or postgres://, got "${c.databaseUrl}"`);
  if (
    !Array.isArray(c.trustedProxies) ||
    !c.trustedProxies.every((p) => typeof p === 'string' && /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(p))
  )
    throw new ConfigError('trustedProxies must be a list of IP addresses or CIDR ranges');
  if (!/^https?:\/\/[^/?#\s]+$/.test(c.server))
    throw new ConfigError(
      `server must be a scheme and host like https://wiki.example.org (WIKIQUEUE_SERVER), got "${c.server}"`,
    );
  validateMetrics(c.metrics);
  if (c.demo.pages < 1) throw new ConfigError('demo.pages must be at least 1');
  if (typeof c.demo.password !== 'string' || typeof c.demo.allowPublic !== 'boolean')
    throw new ConfigError('demo.password must be a string and demo.allowPublic true or false');
  if (c.jobs.batchSize < 1 || c.jobs.maxAttempts < 1) throw new ConfigError('jobs settings must be positive');
  for (const [key, seconds] of Object.entries(c.housekeeping))
    if (!Number.isInteger(seconds) || seconds < 1)
      throw new ConfigError(
        `housekeeping.${key} must be a whole number of seconds, at least 1, got ${seconds}`,
      );
  if (
    !Number.isInteger(c.media.renderConcurrency) ||
    c.media.renderConcurrency < 1 ||
    !Number.isInteger(c.media.renderQueue) ||
    c.media.renderQueue < 0
  )
    throw new ConfigError('media.renderConcurrency must be at least 1 and media.renderQueue at least 0');
  validateAuth(c.auth);
  validateEvents(c.events);
  c.wikis = validateWikis(c.wikis);
  validateThrottles(c);
}

function isLimit(v: unknown): v is RateLimit {
  return (
    Array.isArray(v) &&
    v.length === 2 &&
    v.every((n) => Number.isInteger(n)) &&
    (v[0] as number) >= 0 &&
    (v[1] as number) >= 1
  );
}

function validateThrottles(c: Config): void {
  const throttle = c.auth.accountCreationThrottle;
  if (!Array.isArray(throttle) || !throttle.every((t) => isPlainObject(t) && isLimit([t.count, t.seconds])))
    throw new ConfigError(
      'auth.accountCreationThrottle must be a list of {count, seconds} (whole numbers, seconds at least 1)',
    );
  if (!isPlainObject(c.rateLimits)) throw new ConfigError('rateLimits must be an object of actions');
  for (const [action, limits] of Object.entries(c.rateLimits)) {
    if (limits === null) continue;
    if (!isPlainObject(limits)) throw new ConfigError(`rateLimits.${action} must be an object or null`);
    for (const [entity, limit] of Object.entries(limits)) {
      if (limit !== null && !isLimit(limit))
        throw new ConfigError(
          `rateLimits.${action}.${entity} must be [count, seconds] (whole numbers, seconds at least 1) or null`,
        );
      if (/^(subnet|subnet-all|user-global)$/.test(entity))
        throw new ConfigError(`rateLimits.${action}.${entity}: the "${entity}" limit is not supported`);
    }
  }
}

function validateAuth(a: Config['auth']): void {
  for (const key of ['sessionTtl', 'rememberedSessionTtl', 'visitorCookieTtl'] as const)
    if (!Number.isInteger(a[key]) || a[key] < 1)
      throw new ConfigError(`auth.${key} must be a whole number of seconds, at least 1, got ${a[key]}`);
  const throttle: unknown = a.passwordAttemptThrottle;
  const isCondition = (t: unknown): boolean => {
    if (!isPlainObject(t)) return false;
    const { count, seconds, allIPs, allNames, ...rest } = t;
    return (
      Object.keys(rest).length === 0 &&
      Number.isInteger(count) &&
      (count as number) >= 0 &&
      Number.isInteger(seconds) &&
      (seconds as number) >= 1 &&
      (allIPs === undefined || typeof allIPs === 'boolean') &&
      (allNames === undefined || typeof allNames === 'boolean') &&
      !(allIPs === true && allNames === true)
    );
  };
  if (!Array.isArray(throttle) || !throttle.every(isCondition))
    throw new ConfigError(
      'auth.passwordAttemptThrottle must be a list of {count, seconds} (whole numbers; count 0 disables ' +
        'a condition, seconds at least 1), each optionally with allIPs or allNames',
    );
  if (typeof a.secretKey !== 'string' || (a.secretKey !== '' && a.secretKey.length < 32))
    throw new ConfigError(
      'auth.secretKey must be empty (a key file in dataDir) or at least 32 characters (e.g. 32 random bytes as hex)',
    );
}

/**
 * `wikis` must map wiki ids to objects; dotted keys (`"review.namespaces": [0, 2]`) become nested
 * ones. What the settings themselves may hold is checked against their schemas when wikis load.
 */
function validateWikis(wikis: unknown): Config['wikis'] {
  if (!isPlainObject(wikis)) throw new ConfigError('wikis must be an object of wiki ids');
  const out: Config['wikis'] = {};
  for (const [id, settings] of Object.entries(wikis)) {
    if (!isWikiId(id)) throw new ConfigError(`wikis: "${id}" is not a wiki id`);
    if (!isPlainObject(settings)) throw new ConfigError(`wikis.${id} must be an object of settings`);
    const nested: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(settings)) {
      const names = key.split('.');
      if (names.some((n) => n === '' || n === '__proto__'))
        throw new ConfigError(`wikis.${id}: "${key}" is not a setting key`);
      let parent = nested;
      for (const name of names.slice(0, -1)) {
        if (!isPlainObject(parent[name])) parent[name] = {};
        parent = parent[name] as Record<string, unknown>;
      }
      const last = names[names.length - 1]!;
      parent[last] =
        isPlainObject(parent[last]) && isPlainObject(value) ? { ...parent[last], ...value } : value;
    }
    out[id] = nested;
  }
  return out;
}

function validateMetrics(m: Config['metrics']): void {
  if (typeof m.token !== 'string') throw new ConfigError('metrics.token must be a string');
  if (m.port !== null && (!Number.isInteger(m.port) || m.port < 0 || m.port > 65535))
    throw new ConfigError(`metrics.port must be null or 0–65535, got ${m.port}`);
  if (typeof m.host !== 'string' || m.host === '') throw new ConfigError('metrics.host must be an address');
}

function validateEvents(e: Config['events']): void {
  if (!(e.retentionDays > 0)) throw new ConfigError('events.retentionDays must be positive');
  if (!(e.streamPollMs >= 10)) throw new ConfigError('events.streamPollMs must be at least 10');
  if (!(e.streamHeartbeatMs >= 10)) throw new ConfigError('events.streamHeartbeatMs must be at least 10');
  const g = e.eventGate;
  if (g.url && !/^https?:\/\/[^/]/.test(g.url))
    throw new ConfigError(`events.eventGate.url must be an http(s) URL, got "${g.url}"`);
  if (!Array.isArray(g.streams) || g.streams.some((s) => typeof s !== 'string' || s === ''))
    throw new ConfigError('events.eventGate.streams must be a list of stream names');
  if (!Number.isInteger(g.batchSize) || g.batchSize < 1)
    throw new ConfigError('events.eventGate.batchSize must be a positive whole number');
  if (!(g.timeoutMs > 0) || !(g.maxBackoffSeconds > 0))
    throw new ConfigError('events.eventGate.timeoutMs and maxBackoffSeconds must be positive');
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
