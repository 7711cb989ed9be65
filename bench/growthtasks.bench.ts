/**
 * Suggested edits at scale (issue 13): a task pool of BENCH_TASKS tasks (default 5,000,000) over a
 * few million articles of one wiki, and `list=growthtasks` at limit 20 timed for: no topic, one
 * popular and one rare topic, three topics OR, two topics AND, 1,000 `gtexcludepageids` (POST),
 * a `gtcontinue` deep into the pool, and `generator=growthtasks` once; on SQLite and, with
 * `--postgres URL`, on PostgreSQL.
 *
 * The pool is written with raw bulk inserts straight into `page`, `task`, `task_topic`,
 * `page_topic` and `task_count` (not the edit path), in transactions of PAGE_STEP pages. Every fact is a pure
 * function of the page id: each article has 1–3 task types with skewed shares (copyedit and
 * references common, section images rare; link-recommendation is off, as by default) and 0–3 of the
 * 39 topics drawn with Zipf-like popularity; `task_topic` repeats each task under each topic of its
 * page, and `rand` is the page's rank of domain/task-order.ts, as the pool service writes them.
 * The build also counts the oracle: the distinct pages each case's filter matches, which every
 * answer's `totalCount` must equal.
 *
 * The measuring runs in a fresh process that only opens the store and builds the app (its RSS is
 * the server's own): in process with `app.inject` (warm-up, then `--iterations` requests per case,
 * each with one of 64 seeds so that walks start all over the pool), then it listens on 127.0.0.1
 * and this process (the client side, so that clients do not share the server's event loop) sends
 * the same requests over 20 keep-alive connections.
 *
 * Targets (in process, limit 20, every case): p50 ≤ 2 ms, p99 ≤ 10 ms.
 *
 * The SQLite pool is kept in the temp directory and reused while its marker (generator, size)
 * matches; PostgreSQL gets a fresh schema per run, dropped at the end.
 * Run: node bin/run-ts.js bench/growthtasks.bench.ts [--tasks N] [--postgres URL] [--iterations N]
 * [--backends sqlite,postgres] [--budget SECONDS] (BENCH_TASKS, BENCH_ITERATIONS, BENCH_POSTGRES_URL,
 * BENCH_BACKENDS, BENCH_BUDGET_SECONDS: a case stops early after that long, with at least 40 requests).
 */
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import BetterSqlite3 from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { defaultNamespaces } from '../src/core/domain/namespaces.ts';
import type { WikiInfo } from '../src/core/domain/wiki.ts';
import { openStore } from '../src/core/store/open-store.ts';
import { dropPostgresSchema } from '../src/core/store/postgres/open-postgres.ts';
import { createServices, subsystemMigrations } from '../src/create-services.ts';
import { encodeCursor, pageRank, RANK_LIMIT, seedStart } from '../src/tasks/domain/task-order.ts';
import { TOPIC_IDS } from '../src/tasks/domain/topics.ts';
import {
  topicCombinationKey,
  topicCombinations,
  topicSetKey,
  typeMask,
} from '../src/tasks/store/task-count-keys.ts';
import { flagReader } from './bench-args.ts';

const WIKI = 'benchwiki';
const REPO = 'commonswiki';
const NOW = 1_760_000_000;
const DEFAULT_TASKS = 5_000_000;
/** Bump when the generator changes: a kept SQLite pool of another version is rebuilt. */
const GENERATOR_VERSION = 2;
/** Pages generated and inserted per transaction (~30k rows over the four tables). */
const PAGE_STEP = 10_000;
const DEFAULT_ITERATIONS = 300;
const WARMUP = 50;
/**
 * Seconds a case may take in each mode before it stops early (with at least MIN_SAMPLES): a case
 * that misses the targets by a hundredfold would otherwise take an hour at 5,000,000 tasks.
 */
const DEFAULT_BUDGET_SECONDS = 45;
const MIN_SAMPLES = 40;
const CLIENTS = 20;
const LIMIT = 20;
const TARGET_P50 = 2;
const TARGET_P99 = 10;
const USER = 'Bench newcomer';
const PASSWORD = 'bench newcomer password 1';
const RUN_TS = resolve(import.meta.dirname, '../bin/run-ts.js');

/** Task types with their share of pages (a page draws 1–3 of them without replacement). */
const TYPE_SHARES: readonly [string, number][] = [
  ['copyedit', 0.3],
  ['references', 0.25],
  ['links', 0.15],
  ['update', 0.1],
  ['image-recommendation', 0.09],
  ['expand', 0.08],
  ['section-image-recommendation', 0.03],
];

/**
 * Topics by popularity: the Zipf rank of each (biography, Europe and sports lead as on Wikipedia),
 * weight 1/rank; the rest of the 39 follow in id order.
 */
const POPULAR_FIRST = ['biography', 'europe', 'sports', 'history', 'politics-and-government', 'music'];
const TOPICS_BY_RANK = [...POPULAR_FIRST, ...TOPIC_IDS.filter((t) => !POPULAR_FIRST.includes(t))];
const TOPIC_WEIGHTS = TOPICS_BY_RANK.map((_, r) => 1 / (r + 1));

/** The topic filters of the cases, by Zipf rank. */
const POPULAR = TOPICS_BY_RANK[0]!;
const RARE = TOPICS_BY_RANK.at(-1)!;
const OR_TOPICS = [TOPICS_BY_RANK[2]!, TOPICS_BY_RANK[9]!, TOPICS_BY_RANK[24]!];
const AND_TOPICS = [TOPICS_BY_RANK[0]!, TOPICS_BY_RANK[1]!];

// ---------------------------------------------------------------------------------------------
// The synthetic pool.

/** mulberry32 of a seed, one draw: a deterministic number in [0, 1). */
function draw(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), 1 | t);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A draw for (page, purpose). */
const u = (i: number, salt: number) => draw(Math.imul(i, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca6b));

/** `n` distinct items drawn by weight, without replacement. */
function pick<T>(items: readonly T[], weights: readonly number[], n: number, i: number, salt: number): T[] {
  const left = weights.slice();
  const out: T[] = [];
  for (let k = 0; k < n; k++) {
    const total = left.reduce((a, b) => a + b, 0);
    let x = u(i, salt + k) * total;
    let j = 0;
    while (j < left.length - 1 && x >= left[j]!) x -= left[j++]!;
    out.push(items[j]!);
    left[j] = 0;
  }
  return out;
}

/** The tasks and topics of page `i` (its id). */
function pageFacts(i: number): { types: string[]; topics: string[] } {
  const a = u(i, 1);
  const nTypes = a < 0.55 ? 1 : a < 0.85 ? 2 : 3;
  const b = u(i, 2);
  const nTopics = b < 0.2 ? 0 : b < 0.6 ? 1 : b < 0.88 ? 2 : 3;
  return {
    types: pick(
      TYPE_SHARES.map(([t]) => t),
      TYPE_SHARES.map(([, s]) => s),
      nTypes,
      i,
      10,
    ),
    topics: pick(TOPICS_BY_RANK, TOPIC_WEIGHTS, nTopics, i, 20),
  };
}

/** Distinct pages each case's filter matches (every type is offered, so any task counts). */
interface Oracle {
  pages: number;
  tasks: number;
  taskTopics: number;
  pageTopics: number;
  popular: number;
  rare: number;
  or: number;
  and: number;
}

interface Step {
  page: unknown[][];
  task: unknown[][];
  task_topic: unknown[][];
  page_topic: unknown[][];
  task_count: unknown[][];
}

const COLUMNS: Record<keyof Step, readonly string[]> = {
  page: [
    'wiki',
    'page_id',
    'namespace',
    'title',
    'is_redirect',
    'latest_rev_id',
    'len',
    'created_at',
    'touched_at',
    'content_model',
  ],
  task: ['wiki', 'task_type', 'page_id', 'rand'],
  task_topic: ['wiki', 'topic', 'task_type', 'rand', 'page_id'],
  page_topic: ['wiki', 'page_id', 'topic', 'weight', 'source'],
  task_count: ['wiki', 'topic', 'types', 'pages'],
};

/**
 * The rows of the pool, a step of pages at a time, until `tasks` tasks are written; then one step
 * of `task_count` rows (pages by topic, topic set or combination and set of types, migrations 021,
 * 022 and 024) that the pool's writes would have kept.
 */
function* generate(tasks: number, oracle: Oracle): Generator<Step> {
  let written = 0;
  const counts = new Map<string, number>();
  const count = (topic: string, types: readonly string[]) => {
    const key = `${topic}|${typeMask(types)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  for (let i = 1; written < tasks;) {
    const s: Step = { page: [], task: [], task_topic: [], page_topic: [], task_count: [] };
    for (const end = i + PAGE_STEP; i < end && written < tasks; i++) {
      const f = pageFacts(i);
      const types = f.types.slice(0, tasks - written);
      written += types.length;
      const rank = pageRank(i);
      const created = NOW - Math.floor(u(i, 3) * 4e8);
      s.page.push([
        WIKI,
        i,
        0,
        `Article_${i}`,
        0,
        i,
        500 + Math.floor(u(i, 4) * 20_000),
        created,
        created,
        'wikitext',
      ]);
      for (const t of types) s.task.push([WIKI, t, i, rank]);
      count('', types);
      if (f.topics.length > 0) count(topicSetKey(f.topics), types);
      for (const c of topicCombinations(f.topics)) count(topicCombinationKey(c), types);
      for (const topic of f.topics) {
        count(topic, types);
        s.page_topic.push([WIKI, i, topic, 0.5 + Math.floor(u(i, 30 + topic.length) * 50) / 100, 'import']);
        for (const t of types) s.task_topic.push([WIKI, topic, t, rank, i]);
      }
      oracle.pages++;
      if (f.topics.includes(POPULAR)) oracle.popular++;
      if (f.topics.includes(RARE)) oracle.rare++;
      if (OR_TOPICS.some((t) => f.topics.includes(t))) oracle.or++;
      if (AND_TOPICS.every((t) => f.topics.includes(t))) oracle.and++;
    }
    oracle.tasks += s.task.length;
    oracle.taskTopics += s.task_topic.length;
    oracle.pageTopics += s.page_topic.length;
    yield s;
  }
  const s: Step = { page: [], task: [], task_topic: [], page_topic: [], task_count: [] };
  for (const [key, pages] of counts) {
    const at = key.lastIndexOf('|');
    s.task_count.push([WIKI, key.slice(0, at), Number(key.slice(at + 1)), pages]);
  }
  yield s;
}

// ---------------------------------------------------------------------------------------------
// The build.

function wikiInfo(id: string, isMediaRepo: boolean, marker: string): WikiInfo {
  return {
    id,
    lang: 'en',
    // The build marker (a wiki's settings only take declared keys).
    sitename: `Bench ${id} ${marker}`,
    baseUrl: '',
    namespaces: defaultNamespaces(),
    isMediaRepo,
    source: 'local',
    settings: {},
  };
}

function benchConfig(databaseUrl: string) {
  return loadConfig(
    {
      databaseUrl,
      defaultWiki: WIKI,
      logLevel: 'silent',
      demo: { autoCreate: false },
      jobs: { runInServer: false },
      auth: { scryptCost: 1024, sessionTtl: 7 * 86_400 },
    },
    {},
  );
}

/** Migrates, registers the wikis (a media repository, so that the image types are offered) and the user. */
async function prepare(url: string, schema: string | undefined): Promise<void> {
  const store = await openStore(url, schema === undefined ? {} : { schema });
  try {
    await store.migrate(subsystemMigrations());
    const services = await createServices({
      config: benchConfig(url),
      store,
      logger: pino({ level: 'silent' }),
    });
    await services.wikis.upsert(wikiInfo(REPO, true, ''), NOW);
    if (!(await store.users.getByName(WIKI, USER))) {
      await services.wikis.upsert(wikiInfo(WIKI, false, 'building'), NOW);
      await services.accounts.createAccount(WIKI, USER, PASSWORD);
    }
  } finally {
    await store.close();
  }
}

/** Writes the rows of every step with `insert`, one transaction per step; returns the oracle and seconds. */
async function fill(
  tasks: number,
  insert: (s: Step) => Promise<void>,
): Promise<{ oracle: Oracle; seconds: number }> {
  const started = performance.now();
  const oracle: Oracle = {
    pages: 0,
    tasks: 0,
    taskTopics: 0,
    pageTopics: 0,
    popular: 0,
    rare: 0,
    or: 0,
    and: 0,
  };
  let reported = 0;
  for (const s of generate(tasks, oracle)) {
    await insert(s);
    if (s.task.length > 0 && (oracle.tasks - reported >= 500_000 || oracle.tasks === tasks)) {
      reported = oracle.tasks;
      const sec = (performance.now() - started) / 1000;
      process.stdout.write(`  built ${oracle.tasks.toLocaleString('en')} tasks in ${sec.toFixed(1)} s\n`);
    }
  }
  return { oracle, seconds: (performance.now() - started) / 1000 };
}

const marker = (tasks: number) => `v${GENERATOR_VERSION}:${tasks}`;

/** The SQLite pool, built once per marker in the temp directory; its oracle is kept beside it. */
async function buildSqlite(
  tasks: number,
): Promise<{ url: string; oracle: Oracle; buildSeconds: number | null }> {
  const path = join(tmpdir(), `wikiqueue-bench-growthtasks-${tasks}.sqlite`);
  const oracleFile = `${path}.oracle.json`;
  const url = `sqlite:${path}`;
  if (existsSync(path) && existsSync(oracleFile)) {
    const kept = JSON.parse(readFileSync(oracleFile, 'utf8')) as { marker: string; oracle: Oracle };
    if (kept.marker === marker(tasks)) {
      // New migrations (an index) apply to the kept pool.
      await prepare(url, undefined);
      return { url, oracle: kept.oracle, buildSeconds: null };
    }
  }
  for (const suffix of ['', '-wal', '-shm', '.oracle.json']) rmSync(path + suffix, { force: true });
  console.log(`growthtasks: building ${tasks.toLocaleString('en')} tasks in ${path}`);
  await prepare(url, undefined);
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const statements = Object.fromEntries(
    Object.entries(COLUMNS).map(([table, cols]) => [
      table,
      db.prepare(`insert into ${table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`),
    ]),
  ) as Record<keyof Step, BetterSqlite3.Statement>;
  const writeStep = db.transaction((s: Step) => {
    for (const table of Object.keys(COLUMNS) as (keyof Step)[])
      for (const row of s[table]) statements[table].run(row);
  });
  const { oracle, seconds } = await fill(tasks, (s) => Promise.resolve(writeStep(s)));
  const analyzeStarted = performance.now();
  db.exec('analyze');
  db.close();
  const buildSeconds = seconds + (performance.now() - analyzeStarted) / 1000;
  const store = await openStore(url);
  await store.wikis.upsert(wikiInfo(WIKI, false, marker(tasks)), NOW);
  await store.close();
  // Written last, so that an interrupted build is rebuilt.
  writeFileSync(oracleFile, JSON.stringify({ marker: marker(tasks), oracle }));
  return { url, oracle, buildSeconds };
}

/** PostgreSQL types of the columns, for `unnest` of one array per column. */
const PG_TYPES: Record<keyof Step, readonly string[]> = {
  page: ['text', 'bigint', 'integer', 'text', 'integer', 'bigint', 'integer', 'bigint', 'bigint', 'text'],
  task: ['text', 'text', 'bigint', 'integer'],
  task_topic: ['text', 'text', 'text', 'integer', 'bigint'],
  page_topic: ['text', 'bigint', 'text', 'double precision', 'text'],
  task_count: ['text', 'text', 'integer', 'bigint'],
};

/** The PostgreSQL pool in `schema`: each step's tables in one transaction, a table per `unnest` insert. */
async function buildPostgres(
  url: string,
  schema: string,
  tasks: number,
): Promise<{ oracle: Oracle; buildSeconds: number }> {
  console.log(`growthtasks: building ${tasks.toLocaleString('en')} tasks in PostgreSQL schema ${schema}`);
  await prepare(url, schema);
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query('set synchronous_commit = off');
    const { oracle, seconds } = await fill(tasks, async (s) => {
      await client.query('begin');
      for (const table of Object.keys(COLUMNS) as (keyof Step)[]) {
        const cols = COLUMNS[table];
        const columns = cols.map((_, c) => s[table].map((row) => row[c]));
        const args = PG_TYPES[table].map((t, c) => `$${c + 1}::${t}[]`).join(', ');
        await client.query(
          `insert into ${table} (${cols.join(', ')}) select * from unnest(${args})`,
          columns,
        );
      }
      await client.query('commit');
    });
    const analyzeStarted = performance.now();
    await client.query('vacuum analyze');
    const store = await openStore(url, { schema });
    await store.wikis.upsert(wikiInfo(WIKI, false, marker(tasks)), NOW);
    await store.close();
    return { oracle, buildSeconds: seconds + (performance.now() - analyzeStarted) / 1000 };
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// The cases.

/** 64 seeds: each request of a case starts its walk at one of 64 places of the pool. */
const SEEDS = Array.from({ length: 64 }, (_, k) => `bench${k}`);

interface Case {
  name: string;
  /** The request of iteration `k` (a GET query string, or a POST body). */
  params(k: number): Record<string, string>;
  post?: boolean;
  /** The exact `totalCount` every answer must have. */
  expectedCount: number;
  /** Generator mode (`generator=growthtasks`): the pages are in `query.pages`. */
  generator?: boolean;
}

const listParams = (extra: Record<string, string>): Record<string, string> => ({
  action: 'query',
  list: 'growthtasks',
  gtlimit: String(LIMIT),
  ...extra,
});

/**
 * A cursor three quarters of the way round the walk of `seed` (task-order.ts: phase 0 covers ranks
 * from the seed's start up, phase 1 those below it), as `continue` would carry it there.
 */
function deepCursor(seed: string, total: number): string {
  const start = seedStart(seed);
  const rank = (start + Math.floor(0.75 * RANK_LIMIT)) % RANK_LIMIT;
  const phase = rank >= start ? 0 : 1;
  return encodeCursor(seed, { phase, rank, pageId: -1 }, Math.floor(0.75 * total));
}

function cases(o: Oracle, excluded: readonly number[]): Case[] {
  const seed = (k: number) => SEEDS[k % SEEDS.length]!;
  return [
    { name: 'no topic', params: (k) => listParams({ gtseed: seed(k) }), expectedCount: o.pages },
    {
      name: `one topic, popular (${POPULAR})`,
      params: (k) => listParams({ gtseed: seed(k), gttopics: POPULAR }),
      expectedCount: o.popular,
    },
    {
      name: `one topic, rare (${RARE})`,
      params: (k) => listParams({ gtseed: seed(k), gttopics: RARE }),
      expectedCount: o.rare,
    },
    {
      name: 'three topics OR',
      params: (k) => listParams({ gtseed: seed(k), gttopics: OR_TOPICS.join('|') }),
      expectedCount: o.or,
    },
    {
      name: 'two topics AND',
      params: (k) => listParams({ gtseed: seed(k), gttopics: AND_TOPICS.join('|'), gttopicsmode: 'AND' }),
      expectedCount: o.and,
    },
    {
      name: '1,000 excludepageids (POST)',
      params: () => listParams({ gtseed: SEEDS[0]!, gtexcludepageids: excluded.join('|') }),
      post: true,
      expectedCount: o.pages - excluded.length,
    },
    {
      name: 'continue 3/4 deep',
      params: (k) => listParams({ gtcontinue: deepCursor(seed(k), o.pages) }),
      expectedCount: o.pages,
    },
    {
      name: 'generator=growthtasks',
      params: (k) => ({
        action: 'query',
        generator: 'growthtasks',
        ggtlimit: String(LIMIT),
        ggtseed: seed(k),
      }),
      expectedCount: o.pages,
      generator: true,
    },
  ];
}

/** A request as both modes send it: path, method, body, headers. */
function requestOf(
  c: Case,
  k: number,
  cookie: string,
): { url: string; method: string; body?: string; headers: Record<string, string> } {
  const qs = new URLSearchParams({ format: 'json', formatversion: '2', ...c.params(k) }).toString();
  const headers: Record<string, string> = { cookie };
  if (!c.post) return { url: `/w/api.php?${qs}`, method: 'GET', headers };
  return {
    url: '/w/api.php',
    method: 'POST',
    body: qs,
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
  };
}

/** Checks an answer: no error or warning, LIMIT tasks, the exact totalCount. Throws with the body. */
function check(c: Case, body: string): void {
  const fail = (why: string) => {
    throw new Error(`growthtasks case "${c.name}": ${why}\n${body.slice(0, 1500)}`);
  };
  const r = JSON.parse(body) as {
    error?: unknown;
    warnings?: unknown;
    query?: { growthtasks?: { suggestions: unknown[]; totalCount: number }; pages?: unknown[] };
    growthtasks?: { totalCount: number };
  };
  if (r.error || r.warnings) fail('error or warning');
  const rows = c.generator ? r.query?.pages?.length : r.query?.growthtasks?.suggestions.length;
  const total = c.generator ? r.growthtasks?.totalCount : r.query?.growthtasks?.totalCount;
  if (rows !== LIMIT) fail(`${rows} tasks, expected ${LIMIT}`);
  if (total !== c.expectedCount) fail(`totalCount ${total}, expected ${c.expectedCount}`);
}

// ---------------------------------------------------------------------------------------------
// The serving process.

interface ServeSpec {
  backend: 'sqlite' | 'postgres';
  url: string;
  schema?: string;
  oracle: Oracle;
  iterations: number;
  budgetSeconds: number;
  resultFile: string;
}

interface Latency {
  /** Requests timed (fewer than asked when the case ran out of its time budget). */
  n: number;
  p50: number;
  p99: number;
  max: number;
}

interface CaseFigure extends Latency {
  name: string;
  totalCount: number;
  /** Socket mode: requests per second over all clients, and the latency each client saw. */
  socket?: Latency & { rps: number };
}

interface ServeFigures {
  cases: CaseFigure[];
  excluded: number[];
  cookie: string;
  memory: { openedRssMb: number; rssMb: number; heapUsedMb: number };
  loadAverage: number[];
}

function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { n: sorted.length, p50: q(0.5), p99: q(0.99), max: sorted.at(-1)! };
}

async function inject(app: FastifyInstance, req: ReturnType<typeof requestOf>): Promise<string> {
  const res = await app.inject({
    method: req.method as 'GET' | 'POST',
    url: req.url,
    headers: req.headers,
    ...(req.body === undefined ? {} : { payload: req.body }),
  });
  if (res.statusCode !== 200) throw new Error(`${req.url}: HTTP ${res.statusCode} ${res.body.slice(0, 500)}`);
  return res.body;
}

/** Logs the bench user in through action=login; returns the session cookie. */
async function login(app: FastifyInstance): Promise<string> {
  let cookie = '';
  const post = async (params: Record<string, string>) => {
    const res = await app.inject({
      method: 'POST',
      url: '/w/api.php',
      payload: new URLSearchParams({ format: 'json', ...params }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    });
    for (const c of res.cookies) if (c.name === 'wikiqueue_session') cookie = `${c.name}=${c.value}`;
    return res.json() as { login: { result: string; token?: string } };
  };
  const first = await post({ action: 'login', lgname: USER, lgpassword: PASSWORD });
  const second = await post({
    action: 'login',
    lgname: USER,
    lgpassword: PASSWORD,
    lgtoken: first.login.token ?? '',
  });
  if (second.login.result !== 'Success') throw new Error(`login: ${JSON.stringify(second)}`);
  return cookie;
}

/** The first 1,000 tasks of seed 0's walk: pages a user has seen, so that excluding them costs a walk. */
async function seenPages(app: FastifyInstance, cookie: string): Promise<number[]> {
  const out: number[] = [];
  let cont: string | undefined;
  while (out.length < 1000) {
    const params = {
      format: 'json',
      formatversion: '2',
      action: 'query',
      generator: 'growthtasks',
      ggtlimit: '250',
      ggtseed: SEEDS[0]!,
      ...(cont ? { ggtcontinue: cont } : {}),
    };
    const body = await inject(app, {
      url: `/w/api.php?${new URLSearchParams(params)}`,
      method: 'GET',
      headers: { cookie },
    });
    const r = JSON.parse(body) as {
      query?: { pages: { pageid: number }[] };
      continue?: { ggtcontinue?: string };
    };
    out.push(...(r.query?.pages ?? []).map((p) => p.pageid));
    cont = r.continue?.ggtcontinue;
    if (!cont) break;
  }
  if (out.length < 1000)
    throw new Error(`only ${out.length} tasks in the pool; the bench needs at least 1,000`);
  return out.slice(0, 1000);
}

/** Follows `continue` for `pages` pages of 20, checking that no task repeats (a sanity check of deep walks). */
async function followContinue(app: FastifyInstance, cookie: string, pages: number): Promise<void> {
  const seen = new Set<string>();
  let cont: string | undefined;
  for (let i = 0; i < pages; i++) {
    const params = listParams({ gtseed: SEEDS[1]!, ...(cont ? { gtcontinue: cont } : {}) });
    const body = await inject(app, {
      url: `/w/api.php?${new URLSearchParams({ format: 'json', formatversion: '2', ...params })}`,
      method: 'GET',
      headers: { cookie },
    });
    const r = JSON.parse(body) as {
      query: { growthtasks: { suggestions: { title: string }[] } };
      continue?: { gtcontinue?: string };
    };
    for (const s of r.query.growthtasks.suggestions) {
      if (seen.has(s.title)) throw new Error(`continue: ${s.title} came twice`);
      seen.add(s.title);
    }
    cont = r.continue?.gtcontinue;
    if (!cont) throw new Error(`continue: the walk ended after ${i + 1} pages`);
  }
}

async function serve(spec: ServeSpec): Promise<void> {
  const store = await openStore(spec.url, spec.schema === undefined ? {} : { schema: spec.schema });
  const services = await createServices({
    config: benchConfig(spec.url),
    store,
    logger: pino({ level: 'silent' }),
  });
  const app = await buildApp(services);
  await app.ready();
  try {
    collectGarbage();
    const openedRssMb = process.memoryUsage().rss / 2 ** 20;
    const cookie = await login(app);
    const excluded = await seenPages(app, cookie);
    await followContinue(app, cookie, 50);
    const figures: CaseFigure[] = [];
    const turn = () => new Promise((done) => setImmediate(done));
    for (const c of cases(spec.oracle, excluded)) {
      const first = await inject(app, requestOf(c, 0, cookie));
      check(c, first);
      const deadline = performance.now() + spec.budgetSeconds * 1000;
      const warmupEnds = performance.now() + (spec.budgetSeconds * 1000) / 5;
      for (let k = 0; k < WARMUP && performance.now() < warmupEnds; k++) {
        check(c, await inject(app, requestOf(c, k, cookie)));
        await turn();
      }
      const samples: number[] = [];
      for (let k = 0; k < spec.iterations; k++) {
        if (samples.length >= MIN_SAMPLES && performance.now() > deadline) break;
        const req = requestOf(c, k, cookie);
        const t = process.hrtime.bigint();
        await inject(app, req);
        samples.push(Number(process.hrtime.bigint() - t) / 1e6);
        await turn();
      }
      const l = latency(samples);
      figures.push({ name: c.name, totalCount: c.expectedCount, ...l });
      process.stdout.write(
        `  in process: ${c.name}: p50 ${l.p50.toFixed(2)} ms, p99 ${l.p99.toFixed(2)} ms\n`,
      );
    }
    // Over a socket: this process serves, the parent sends the requests and tells when it is done.
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const done = new Promise<void>((resolveDone) => process.once('message', () => resolveDone()));
    process.send?.({ address, cookie, excluded });
    await done;
    collectGarbage();
    const mem = process.memoryUsage();
    const out: ServeFigures = {
      cases: figures,
      excluded,
      cookie,
      memory: { openedRssMb, rssMb: mem.rss / 2 ** 20, heapUsedMb: mem.heapUsed / 2 ** 20 },
      loadAverage: loadavg(),
    };
    writeFileSync(spec.resultFile, JSON.stringify(out));
  } finally {
    await app.close();
    await store.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The client side of the socket mode.

/** Sends `total` requests of a case over CLIENTS keep-alive connections; each response checked. */
async function overSocket(
  address: string,
  c: Case,
  cookie: string,
  total: number,
  budgetSeconds: number,
): Promise<Latency & { rps: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const base = new URL(address);
  const send = (k: number) =>
    new Promise<string>((done, failed) => {
      const r = requestOf(c, k, cookie);
      const req = request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          path: r.url,
          method: r.method,
          headers:
            r.body === undefined ? r.headers : { ...r.headers, 'content-length': Buffer.byteLength(r.body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (b: Buffer) => chunks.push(b));
          res.on('end', () =>
            res.statusCode === 200
              ? done(Buffer.concat(chunks).toString('utf8'))
              : failed(new Error(`HTTP ${res.statusCode}`)),
          );
          res.on('error', failed);
        },
      );
      req.on('error', failed);
      req.end(r.body);
    });
  const run = async (count: number, samples: number[]) => {
    let next = 0;
    const deadline = performance.now() + budgetSeconds * 1000;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < count && (next < MIN_SAMPLES || performance.now() < deadline)) {
          const k = next++;
          const t = process.hrtime.bigint();
          const body = await send(k);
          samples.push(Number(process.hrtime.bigint() - t) / 1e6);
          // Every answer is checked; the check is the client's work, outside the timing.
          if (k % 10 === 0) check(c, body);
        }
      }),
    );
  };
  try {
    await run(CLIENTS * 2, []);
    const samples: number[] = [];
    const started = performance.now();
    await run(total, samples);
    const seconds = (performance.now() - started) / 1000;
    return { ...latency(samples), rps: samples.length / seconds };
  } finally {
    agent.destroy();
  }
}

// ---------------------------------------------------------------------------------------------

export interface GrowthTasksFigures {
  backend: 'sqlite' | 'postgres';
  tasks: number;
  oracle: Oracle;
  buildSeconds: number | null;
  cases: CaseFigure[];
  memory: ServeFigures['memory'];
  loadAverage: number[];
  targetsMet: boolean;
}

/** Measures a built pool: the serving child in process, then this process as its socket clients. */
async function measure(
  backend: GrowthTasksFigures['backend'],
  url: string,
  schema: string | undefined,
  oracle: Oracle,
  iterations: number,
  budgetSeconds: number,
): Promise<Omit<GrowthTasksFigures, 'tasks' | 'oracle' | 'buildSeconds' | 'targetsMet'>> {
  const scratch = mkdtempSync(join(tmpdir(), 'wikiqueue-growthtasks-bench-'));
  const spec: ServeSpec = {
    backend,
    url,
    ...(schema ? { schema } : {}),
    oracle,
    iterations,
    budgetSeconds,
    resultFile: join(scratch, 'result.json'),
  };
  const child: ChildProcess = spawn(process.execPath, [...process.execArgv, RUN_TS, import.meta.filename], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_GROWTHTASKS_SERVE: JSON.stringify(spec) },
  });
  const exited = new Promise<number | null>((done) => child.on('exit', done));
  try {
    const ready = await Promise.race([
      new Promise<{ address: string; cookie: string; excluded: number[] }>((done) =>
        child.once('message', (m) => done(m as { address: string; cookie: string; excluded: number[] })),
      ),
      exited.then((code) => {
        throw new Error(`the serving process failed (exit ${code})`);
      }),
    ]);
    const socket: (Latency & { rps: number })[] = [];
    for (const c of cases(oracle, ready.excluded)) {
      const s = await overSocket(
        ready.address,
        c,
        ready.cookie,
        Math.max(iterations, CLIENTS * 15),
        budgetSeconds,
      );
      socket.push(s);
      process.stdout.write(
        `  socket, ${CLIENTS} clients: ${c.name}: ${s.rps.toFixed(0)} req/s, p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms\n`,
      );
    }
    child.send('done');
    const code = await exited;
    if (code !== 0) throw new Error(`the serving process failed (exit ${code})`);
    const served = JSON.parse(readFileSync(spec.resultFile, 'utf8')) as ServeFigures;
    return {
      backend,
      cases: served.cases.map((c, i) => ({ ...c, socket: socket[i]! })),
      memory: served.memory,
      loadAverage: served.loadAverage,
    };
  } finally {
    if (child.exitCode === null) child.kill();
    rmSync(scratch, { recursive: true, force: true });
  }
}

const meetsTargets = (c: CaseFigure) => c.p50 <= TARGET_P50 && c.p99 <= TARGET_P99;

function print(f: GrowthTasksFigures): void {
  const o = f.oracle;
  const num = (x: number, w = 9) => x.toFixed(2).padStart(w);
  console.log(
    `\ngrowthtasks — ${f.backend}, ${o.tasks.toLocaleString('en')} tasks on ${o.pages.toLocaleString('en')} pages (task_topic ${o.taskTopics.toLocaleString('en')}, page_topic ${o.pageTopics.toLocaleString('en')})${f.buildSeconds === null ? ', pool reused' : `, built in ${f.buildSeconds.toFixed(1)} s`}; limit ${LIMIT}`,
  );
  console.log(
    `${'case'.padEnd(36)} ${'totalCount'.padStart(10)} | in process:    n   p50 ms   p99 ms   max ms  target | socket (${CLIENTS} clients):    n  req/s   p50 ms   p99 ms`,
  );
  for (const c of f.cases) {
    const s = c.socket;
    console.log(
      `${c.name.padEnd(36)} ${String(c.totalCount).padStart(10)} |         ${String(c.n).padStart(6)}${num(c.p50)}${num(c.p99)}${num(c.max)}  ${(meetsTargets(c) ? 'met' : 'MISSED').padEnd(6)} |               ${s ? `${String(s.n).padStart(9)}${s.rps.toFixed(0).padStart(7)}${num(s.p50)}${num(s.p99)}` : ''}`,
    );
  }
  const m = f.memory;
  console.log(
    `server (fresh process): RSS ${m.openedRssMb.toFixed(0)} MB when opened, ${m.rssMb.toFixed(0)} MB after serving (heap used ${m.heapUsedMb.toFixed(0)} MB); load average ${f.loadAverage.map((x) => x.toFixed(2)).join(' ')} (2 cores, shared)`,
  );
  console.log(
    `targets (in process, every case: p50 ≤ ${TARGET_P50} ms, p99 ≤ ${TARGET_P99} ms): ${f.targetsMet ? 'MET' : 'NOT MET'}`,
  );
}

export interface GrowthTasksBenchOptions {
  tasks?: number;
  postgresUrl?: string;
  backends?: ('sqlite' | 'postgres')[];
  iterations?: number;
  /** Seconds per case and mode before it stops early (see DEFAULT_BUDGET_SECONDS). */
  budgetSeconds?: number;
}

export async function runGrowthTasksBench(opts: GrowthTasksBenchOptions = {}): Promise<GrowthTasksFigures[]> {
  const tasks = opts.tasks ?? DEFAULT_TASKS;
  const iterations = opts.iterations ?? DEFAULT_ITERATIONS;
  const budget = opts.budgetSeconds ?? DEFAULT_BUDGET_SECONDS;
  const backends = opts.backends ?? ['sqlite', 'postgres'];
  const out: GrowthTasksFigures[] = [];
  const finish = (f: Omit<GrowthTasksFigures, 'targetsMet'>) => {
    const full = { ...f, targetsMet: f.cases.every(meetsTargets) };
    print(full);
    out.push(full);
  };
  if (backends.includes('sqlite')) {
    const { url, oracle, buildSeconds } = await buildSqlite(tasks);
    finish({
      tasks,
      oracle,
      buildSeconds,
      ...(await measure('sqlite', url, undefined, oracle, iterations, budget)),
    });
  }
  if (backends.includes('postgres')) {
    if (!opts.postgresUrl)
      console.log('\ngrowthtasks — postgres: skipped (--postgres URL or BENCH_POSTGRES_URL)');
    else {
      const schema = `wq_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
      try {
        const { oracle, buildSeconds } = await buildPostgres(opts.postgresUrl, schema, tasks);
        finish({
          tasks,
          oracle,
          buildSeconds,
          ...(await measure('postgres', opts.postgresUrl, schema, oracle, iterations, budget)),
        });
      } finally {
        await dropPostgresSchema(opts.postgresUrl, schema);
      }
    }
  }
  return out;
}

/** The bench's settings from its arguments and environment. */
export function growthTasksBenchOptions(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): GrowthTasksBenchOptions {
  const after = flagReader(args);
  const tasks = after('--tasks') ?? env.BENCH_TASKS;
  const iterations = after('--iterations') ?? env.BENCH_ITERATIONS;
  const budget = after('--budget') ?? env.BENCH_BUDGET_SECONDS;
  const postgresUrl = after('--postgres') ?? env.BENCH_POSTGRES_URL;
  const backends = (after('--backends') ?? env.BENCH_BACKENDS)
    ?.split(',')
    .filter((b): b is 'sqlite' | 'postgres' => b === 'sqlite' || b === 'postgres');
  return {
    ...(tasks ? { tasks: Number(tasks.replace(/_/g, '')) } : {}),
    ...(iterations ? { iterations: Number(iterations) } : {}),
    ...(budget ? { budgetSeconds: Number(budget) } : {}),
    ...(postgresUrl ? { postgresUrl } : {}),
    ...(backends?.length ? { backends } : {}),
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const spec = process.env.BENCH_GROWTHTASKS_SERVE;
  if (spec) await serve(JSON.parse(spec) as ServeSpec);
  else await runGrowthTasksBench(growthTasksBenchOptions(process.argv.slice(2), process.env));
}
