/**
 * The lead-image page queue at scale (issue 14): `GET /{wiki}/page-queue` with N queued pages
 * (BENCH_PAGEQUEUE_PAGES, default 1,000,000) and C concurrent contributors (default 50) over a
 * real socket, and the rate of a full queue build; on SQLite and, with `--postgres URL`, on
 * PostgreSQL (a fresh schema per run, dropped at the end; the SQLite file is deleted too).
 *
 * The data is written with raw bulk inserts through Kysely (not the edit path), in transactions
 * of STEP pages. Every fact is a pure function of an index:
 * - `enwiki`: N articles (namespace 0) without a lead image, each tagged `recommendation.image`
 *   (image_suggestion_tag) with 1–3 article-level rows in image_suggestion, all of one dataset (a
 *   time-based UUID of datasetIdAt);
 * - `commonswiki` (the media repository): MEDIA_FILES media_file rows, BITMAP JPEGs 100–4,000 px
 *   wide (so that the 640 px candidate is the original for some, a thumbnail for most), licence
 *   'CC BY-SA 4.0', URLs in MediaWiki's hashed layout as uploads store them (media-paths.ts);
 * - page_link from articles to articles: one link to a uniformly drawn page (inbound counts near
 *   Poisson(1): most pages have 0–3) and, for one page in two, a link to one of HUBS hub pages drawn
 *   with Zipf weights (at 1,000,000 pages the first hub gets ~55,000 links), so that importance
 *   (inbound links from namespace 0) orders the queue as on a real wiki.
 *
 * Then, in this process, `services.pagequeue.build('enwiki', {restart: true})` is timed: pages/s
 * (N / wall seconds) and this process's CPU seconds (a PostgreSQL server's CPU is not in them).
 *
 * The load: a child process opens the store and serves the app on 127.0.0.1 (as `wikiqueue
 * serve` does, with the `pagequeue-lease` rate limit and the per-address lease cap off), so that the clients do not share its
 * event loop; this process runs C contributors, each a closed loop over a keep-alive connection
 * for S seconds with its own client id: GET `/enwiki/page-queue?limit=L` with `X-Client-Id`, every
 * fifth request following the previous `continue` and every fifth POSTing `/enwiki/page-queue/
 * {id}/skip` for one of the pages it holds. Every request's latency is kept; each response is
 * checked (200, at most L pages, each with candidates). The leases are checked from the client
 * side: a page handed to contributor A by a request that started after contributor B had received
 * it and ended before B released it (by a skip, or by the trim to the pagequeue.maxLeases most
 * recent leases that B's next list did) is an overlap; there must be none. Then the same for
 * anonymous clients (no client id, nothing leased) for a third of the time.
 *
 * Targets: GET p99 ≤ 10 ms under the load on SQLite and on PostgreSQL; build ≥ 100,000 pages/s.
 *
 * With C clients in closed loops, a request waits for those ahead of it on the server's one event
 * loop: latency ≈ C / throughput. `--think MS` makes each client wait between its requests (a
 * person choosing an image), so that the latency is the server's and not the queue's.
 *
 * Run: node bin/run-ts.js bench/page-queue.bench.ts [--pages N] [--contributors C] [--seconds S]
 * [--limit L] [--think MS] [--backends sqlite,postgres] [--postgres URL] [--cpu-prof DIR] (a CPU
 * profile of the serving process, for Chrome DevTools) [--sql-times] (the costliest statements of
 * the build and of each load phase) (BENCH_PAGEQUEUE_PAGES, BENCH_PAGEQUEUE_CONTRIBUTORS,
 * BENCH_PAGEQUEUE_SECONDS, BENCH_PAGEQUEUE_LIMIT, BENCH_PAGEQUEUE_THINK_MS, BENCH_BACKENDS,
 * BENCH_POSTGRES_URL).
 */
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { sql, type Insertable, type Kysely } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../src/app.ts';
import type { AppServices } from '../src/app-services.ts';
import { loadConfig } from '../src/config.ts';
import { originalPath } from '../src/core/media/media-paths.ts';
import { defaultNamespaces } from '../src/core/domain/namespaces.ts';
import type { WikiInfo } from '../src/core/domain/wiki.ts';
import { openStore } from '../src/core/store/open-store.ts';
import { dropPostgresSchema } from '../src/core/store/postgres/open-postgres.ts';
import type { Database } from '../src/core/store/schema.ts';
import type { Store } from '../src/core/store/store.ts';
import { createServices, subsystemMigrations } from '../src/create-services.ts';
import type { BuildSummary } from '../src/pagequeue/page-queue-service.ts';
import { pageQueueSettingsSchema } from '../src/pagequeue/domain/queue-settings.ts';
import { datasetIdAt } from '../src/suggestions/domain/image-suggestion.ts';
import type { SuggestionsDatabase } from '../src/suggestions/store/suggestions-schema.ts';
import { flagReader } from './bench-args.ts';

const WIKI = 'enwiki';
const REPO = 'commonswiki';
const TAG_IMAGE = 'recommendation.image';
/** Unix seconds of the wikis and files; the dataset is dated from it too. */
const NOW = 1_760_000_000;
const DEFAULT_PAGES = 1_000_000;
const DEFAULT_CONTRIBUTORS = 50;
const DEFAULT_SECONDS = 10;
const DEFAULT_LIMIT = 10;
const MEDIA_FILES = 200_000;
/** Hub pages (many inbound links), at most one page in 20. */
const HUBS = 5000;
/** Pages generated and inserted per transaction. */
const STEP = 10_000;
/** Every how many requests a contributor follows `continue`, and skips a page (offset by 2). */
const CONTINUE_EVERY = 5;
const SKIP_EVERY = 5;
const TARGET_P99 = 10;
const TARGET_BUILD_RATE = 100_000;
const RUN_TS = resolve(import.meta.dirname, '../bin/run-ts.js');
/** The default settings of the queue: the bench checks leases against them. */
const QUEUE_DEFAULTS = pageQueueSettingsSchema.defaultValue;

// ---------------------------------------------------------------------------------------------
// The synthetic data.

/** mulberry32 of a seed, one draw: a deterministic number in [0, 1). */
function draw(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), 1 | t);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A draw for (index, purpose). */
const u = (i: number, salt: number) => draw(Math.imul(i, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca6b));

const SUBJECTS = ['Church', 'Bridge', 'Portrait', 'View', 'Street', 'Castle', 'River', 'Station', 'Market'];
const PLACES = ['Linz', 'Brno', 'Kassel', 'Ostrava', 'Leeds', 'Dresden', 'Cork', 'Graz', 'York', 'Bremen'];

const mediaName = (k: number) =>
  `${SUBJECTS[Math.floor(u(k, 1) * SUBJECTS.length)]}_${PLACES[Math.floor(u(k, 2) * PLACES.length)]}_${k}.jpg`;

function mediaRow(k: number): Database['media_file'] {
  const name = mediaName(k);
  const width = 100 + Math.floor(u(k, 3) * 3900);
  return {
    repo: REPO,
    name,
    size: 20_000 + Math.floor(u(k, 4) * 5_000_000),
    width,
    height: Math.max(80, Math.round(width * (0.5 + u(k, 5)))),
    media_type: 'BITMAP',
    mime: 'image/jpeg',
    bit_depth: 8,
    sha1: (Math.floor(u(k, 6) * 2 ** 52).toString(16) + k.toString(16)).padStart(40, '0').slice(-40),
    license: 'CC BY-SA 4.0',
    author: `Photographer ${k % 5000}`,
    description: name.replace(/_/g, ' '),
    categories: `Files_from_${PLACES[k % PLACES.length]}`,
    uploader: `Uploader ${k % 3000}`,
    url: originalPath(REPO, name),
    timestamp: NOW - Math.floor(u(k, 7) * 3e8),
  };
}

/** Where the hubs are among N pages, and the cumulative Zipf weights a link to a hub is drawn with. */
interface LinkLayout {
  pages: number;
  hubs: number;
  cumulative: Float64Array;
}

function linkLayout(pages: number): LinkLayout {
  const hubs = Math.max(1, Math.min(HUBS, Math.floor(pages / 20)));
  const cumulative = new Float64Array(hubs);
  let total = 0;
  for (let k = 0; k < hubs; k++) cumulative[k] = total += 1 / (k + 1);
  for (let k = 0; k < hubs; k++) cumulative[k]! /= total;
  return { pages, hubs, cumulative };
}

/** The page id of hub `k`: spread over the ids, so that hubs are not all in one build batch. */
const hubId = (l: LinkLayout, k: number) => 1 + Math.floor(((k + 0.5) * l.pages) / l.hubs);

/** The hub a draw `x` in [0, 1) falls on (binary search of the cumulative weights). */
function hubOf(l: LinkLayout, x: number): number {
  let lo = 0;
  let hi = l.hubs - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (l.cumulative[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The pages article `i` links to (none to itself). */
function linkTargets(l: LinkLayout, i: number): Set<number> {
  const out = new Set<number>();
  out.add(1 + Math.floor(u(i, 10) * l.pages));
  if (u(i, 11) < 0.5) out.add(hubId(l, hubOf(l, u(i, 12))));
  out.delete(i);
  return out;
}

interface Step {
  page: Database['page'][];
  image_suggestion: Insertable<SuggestionsDatabase['image_suggestion']>[];
  image_suggestion_tag: SuggestionsDatabase['image_suggestion_tag'][];
  page_link: Database['page_link'][];
}

const TABLES = ['page', 'image_suggestion', 'image_suggestion_tag', 'page_link'] as const;

/** The rows of articles [from, to). */
function step(l: LinkLayout, dataset: { id: string; time: number }, from: number, to: number): Step {
  const s: Step = { page: [], image_suggestion: [], image_suggestion_tag: [], page_link: [] };
  for (let i = from; i < to; i++) {
    const created = NOW - Math.floor(u(i, 20) * 4e8);
    s.page.push({
      wiki: WIKI,
      page_id: i,
      namespace: 0,
      title: `Article_${i}`,
      is_redirect: 0,
      latest_rev_id: i,
      len: 500 + Math.floor(u(i, 21) * 20_000),
      created_at: created,
      touched_at: created,
      content_model: 'wikitext',
    });
    const images = new Set<number>();
    const count = 1 + Math.floor(u(i, 22) * 3);
    for (let n = 0; n < count; n++) images.add(Math.floor(u(i, 30 + n) * MEDIA_FILES));
    for (const k of images)
      s.image_suggestion.push({
        wiki: WIKI,
        page_id: i,
        dataset_id: dataset.id,
        dataset_time: dataset.time,
        image: mediaName(k),
        origin_wiki: 'dewiki',
        confidence: Math.round(u(i, 40 + k) * 100) / 100,
        found_on: JSON.stringify(['dewiki']),
        kind: JSON.stringify(['istype-lead-image']),
        page_rev: i,
        section_heading: null,
        section_index: null,
        page_qid: `Q${i}`,
      });
    s.image_suggestion_tag.push({ wiki: WIKI, tag: TAG_IMAGE, page_id: i });
    for (const target of linkTargets(l, i))
      s.page_link.push({
        wiki: WIKI,
        from_page_id: i,
        from_namespace: 0,
        namespace: 0,
        title: `Article_${target}`,
      });
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// The build.

function wikiInfo(id: string, isMediaRepo: boolean): WikiInfo {
  return {
    id,
    lang: 'en',
    sitename: `Bench ${id}`,
    baseUrl: '',
    namespaces: defaultNamespaces(),
    isMediaRepo,
    source: 'local',
    settings: {},
  };
}

/**
 * The config of both processes: the bench wiki by default, no lease rate limit and no cap on the
 * leases of one address (every client of the bench comes from 127.0.0.1), no jobs.
 */
function benchConfig(databaseUrl: string, mediaDir: string) {
  return loadConfig(
    {
      databaseUrl,
      defaultWiki: WIKI,
      logLevel: 'silent',
      media: { dir: mediaDir },
      demo: { autoCreate: false },
      jobs: { runInServer: false },
      rateLimits: { 'pagequeue-lease': null },
      wikis: { [WIKI]: { 'pagequeue.maxLeasesPerAddress': 100_000 } },
    },
    {},
  );
}

/** Inserts rows in statements under the database's parameter limit. */
async function insertAll(
  db: Kysely<Record<string, object>>,
  table: string,
  rows: readonly object[],
  maxParameters: number,
): Promise<void> {
  if (rows.length === 0) return;
  const per = Math.max(1, Math.floor(maxParameters / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += per)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + per) as never)
      .execute();
}

/** Writes the wikis, the files and the articles; then ANALYZE. Returns rows by table and seconds. */
async function fill(
  services: AppServices,
  pages: number,
): Promise<{ rows: Record<string, number>; seconds: number }> {
  const started = performance.now();
  const { store } = services;
  const ctx = store.repositories((c) => c);
  const maxParameters = ctx.dialect.maxParameters;
  const db = () => ctx.db() as unknown as Kysely<Record<string, object>>;
  await services.wikis.upsert(wikiInfo(REPO, true), NOW);
  await services.wikis.upsert(wikiInfo(WIKI, false), NOW);
  const rows: Record<string, number> = { media_file: 0, ...Object.fromEntries(TABLES.map((t) => [t, 0])) };
  await store.transaction(async () => {
    for (let k = 0; k < MEDIA_FILES; k += STEP) {
      const chunk = Array.from({ length: Math.min(STEP, MEDIA_FILES - k) }, (_, j) => mediaRow(k + j));
      await insertAll(db(), 'media_file', chunk, maxParameters);
      rows.media_file! += chunk.length;
    }
  });
  const l = linkLayout(pages);
  const time = (NOW - 86_400) * 1000;
  const dataset = { id: datasetIdAt(time, randomBytes(10)), time };
  let lastPrinted = performance.now();
  for (let from = 1; from <= pages; from += STEP) {
    const s = step(l, dataset, from, Math.min(pages + 1, from + STEP));
    await store.transaction(async () => {
      for (const table of TABLES) {
        await insertAll(db(), table, s[table], maxParameters);
        rows[table]! += s[table].length;
      }
    });
    if (performance.now() - lastPrinted > 15_000) {
      lastPrinted = performance.now();
      process.stdout.write(
        `  written ${Math.min(pages, from + STEP - 1).toLocaleString('en')} pages in ${((lastPrinted - started) / 1000).toFixed(0)} s\n`,
      );
    }
  }
  await store.ids.ensureAbove(WIKI, 'page', pages);
  await store.ids.ensureAbove(WIKI, 'revision', pages);
  await analyze(store);
  return { rows, seconds: (performance.now() - started) / 1000 };
}

/** Planner statistics, as a deployed database has them. */
async function analyze(store: Store): Promise<void> {
  await sql.raw('ANALYZE').execute(store.repositories((c) => c).db());
}

interface BuildFigures {
  summary: BuildSummary;
  wallSeconds: number;
  cpuSeconds: number;
  pagesPerSecond: number;
  rssMb: number;
  /** With `--sql-times`: the costliest statements of the build (SQLite: its own time; PostgreSQL: round trips). */
  sql?: SqlStatementTime[];
}

interface SqlStatementTime {
  text: string;
  ms: number;
  n: number;
}

/** A full build of the queue, timed in this process. */
async function timeBuild(services: AppServices, pages: number, times?: SqlTimes): Promise<BuildFigures> {
  times?.clear();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let lastPrinted = started;
  const summary = await services.pagequeue.build(WIKI, {
    restart: true,
    onProgress: (p) => {
      if (performance.now() - lastPrinted < 15_000) return;
      lastPrinted = performance.now();
      process.stdout.write(
        `  queue build: ${p.pages.toLocaleString('en')}/${p.total.toLocaleString('en')} pages, ${((lastPrinted - started) / 1000).toFixed(0)} s\n`,
      );
    },
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  if (summary.queued !== pages)
    throw new Error(`the build queued ${summary.queued} of ${pages} pages: ${JSON.stringify(summary)}`);
  return {
    summary,
    wallSeconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    pagesPerSecond: pages / wallSeconds,
    rssMb: process.memoryUsage().rss / 2 ** 20,
    ...(times ? { sql: costliest(times) } : {}),
  };
}

let installed: SqlTimes | undefined;

/** This process's statement times, timed from the first call on; undefined unless `on`. */
function parentTimes(on: boolean): SqlTimes | undefined {
  if (on) installed ??= timeSql();
  return on ? installed : undefined;
}

/** The statements that took the most time, slowest first. */
const costliest = (times: SqlTimes) =>
  [...times]
    .map(([text, t]) => ({ text, ...t }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 12);

// ---------------------------------------------------------------------------------------------
// The serving process.

interface ServeSpec {
  url: string;
  schema?: string;
  mediaDir: string;
  /** Time every SQL statement the server runs (`--sql-times`). */
  sqlTimes: boolean;
}

/** Milliseconds and executions of each SQL text (parameters apart). */
type SqlTimes = Map<string, { ms: number; n: number }>;

/**
 * Times every statement of the process from the driver's side: better-sqlite3's `all`, `get`, `run`
 * and `iterate` (SQLite runs in this thread, so that is the query's own time), and pg's
 * `Client.query` (from the call to the answer: a pool wait is not in it, the round trip is).
 * For finding where a request's time goes; it costs a little itself.
 */
function timeSql(): SqlTimes {
  const times: SqlTimes = new Map();
  const add = (text: string, ms: number) => {
    const t = times.get(text) ?? { ms: 0, n: 0 };
    t.ms += ms;
    t.n++;
    times.set(text, t);
  };
  const probe = new BetterSqlite3(':memory:');
  const statement = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
  probe.close();
  for (const method of ['all', 'get', 'run'] as const) {
    const original = statement[method] as (this: { source: string }, ...a: unknown[]) => unknown;
    statement[method] = function (this: { source: string }, ...a: unknown[]) {
      const t = performance.now();
      try {
        return original.apply(this, a);
      } finally {
        add(this.source, performance.now() - t);
      }
    };
  }
  const iterate = statement.iterate as (this: { source: string }, ...a: unknown[]) => Iterable<unknown>;
  statement.iterate = function* (this: { source: string }, ...a: unknown[]) {
    const t = performance.now();
    try {
      yield* iterate.apply(this, a);
    } finally {
      add(this.source, performance.now() - t);
    }
  };
  const client = pg.Client.prototype as unknown as Record<string, unknown>;
  const query = client.query as (...a: unknown[]) => unknown;
  client.query = function (this: unknown, ...a: unknown[]) {
    const text = typeof a[0] === 'string' ? a[0] : (a[0] as { text?: string } | undefined)?.text;
    const result = query.apply(this, a);
    if (text === undefined || !(result instanceof Promise)) return result;
    const t = performance.now();
    return result.finally(() => add(text, performance.now() - t));
  };
  return times;
}

/** What the serving process reports after each phase of the load (`report`). */
interface ServeReport {
  rssMb: number;
  heapUsedMb: number;
  /** CPU seconds of the serving process since the phase began (its `start` message). */
  cpuSeconds: number;
  /** Live leases (page_queue rows) and page_queue_skip rows at the end of the phase (what a walk steps over). */
  leases: number;
  skips: number;
  /** With `--sql-times`: the statements that took the most time in the phase, slowest first. */
  sql?: SqlStatementTime[];
}

/**
 * Serves the app on 127.0.0.1 and answers the parent's messages: `start` (a phase of the load
 * begins), `report` (it ended: send a ServeReport), `done` (close and exit).
 */
async function serve(spec: ServeSpec): Promise<void> {
  const times = spec.sqlTimes ? timeSql() : undefined;
  const store = await openStore(spec.url, spec.schema === undefined ? {} : { schema: spec.schema });
  const services = await createServices({
    config: benchConfig(spec.url, spec.mediaDir),
    store,
    logger: pino({ level: 'silent' }),
  });
  const app = await buildApp(services);
  let cpu = process.cpuUsage();
  try {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((done) => {
      process.on('message', (m) => {
        if (m === 'start') {
          cpu = process.cpuUsage();
          times?.clear();
        }
        if (m === 'report') void report().catch((e: unknown) => process.send?.({ error: String(e) }));
        if (m === 'done') done();
      });
      process.send?.({ address });
    });
  } finally {
    await app.close();
    await store.close();
    process.disconnect?.();
  }

  async function report(): Promise<void> {
    const used = process.cpuUsage(cpu);
    const mem = process.memoryUsage();
    const db = store.repositories((c) => c).db();
    const count = async (table: string, where = sql`true`) =>
      Number(
        (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(db))
          .rows[0]?.n,
      );
    const report: ServeReport = {
      rssMb: mem.rss / 2 ** 20,
      heapUsedMb: mem.heapUsed / 2 ** 20,
      cpuSeconds: (used.user + used.system) / 1e6,
      leases: await count('page_queue', sql`leased_until > ${Date.now()}`),
      skips: await count('page_queue_skip'),
      ...(times ? { sql: costliest(times) } : {}),
    };
    process.send?.(report);
  }
}

/** Starts the serving process; resolves with its address and a handle to end it. */
async function startServer(
  spec: ServeSpec,
  cpuProfileDir: string | undefined,
): Promise<{ address: string; child: ChildProcess; exited: Promise<number | null> }> {
  const profiling = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const child = spawn(process.execPath, [...process.execArgv, ...profiling, RUN_TS, import.meta.filename], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_PAGEQUEUE_SERVE: JSON.stringify(spec) },
  });
  const exited = new Promise<number | null>((done) => child.on('exit', done));
  const { address } = await Promise.race([
    new Promise<{ address: string }>((done) => child.once('message', (m) => done(m as { address: string }))),
    exited.then((code): never => {
      throw new Error(`the serving process failed (exit ${code})`);
    }),
  ]);
  return { address, child, exited };
}

// ---------------------------------------------------------------------------------------------
// The contributors.

interface QueueAnswer {
  pages: { id: number; lead_image_candidates: unknown[] }[];
  continue?: string;
}

/** A page a contributor held, from the client's side: received at `from`, released at `to`. */
interface Hold {
  client: number;
  from: number;
  to: number;
}

/** A page handed to a contributor by a request that started at `start` and ended at `end`. */
interface Handed {
  client: number;
  start: number;
  end: number;
}

interface LoadFigures {
  mode: 'contributors' | 'anonymous';
  clients: number;
  thinkMs: number;
  seconds: number;
  gets: number[];
  skips: number[];
  errors: number;
  firstError?: string;
  pagesHanded: number;
  /** Pages handed to more than one contributor over the run (after skips and trims: allowed). */
  sharedPages: number;
  /** Pages handed to a contributor while another held them (must be 0). */
  overlaps: number;
  emptyAnswers: number;
  server: ServeReport;
  loadAverage: number[];
}

/** One keep-alive HTTP request; resolves with the status, the body and when it started and ended. */
function send(
  agent: Agent,
  base: URL,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: string; start: number; end: number }> {
  return new Promise((done, failed) => {
    const start = performance.now();
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        path,
        method,
        headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (b: Buffer) => chunks.push(b));
        res.on('end', () =>
          done({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            start,
            end: performance.now(),
          }),
        );
        res.on('error', failed);
      },
    );
    req.on('error', failed);
    req.end(body);
  });
}

/**
 * Runs `clients` closed loops against the server for `seconds`: contributors with client ids (GET,
 * `continue`, skip) or anonymous clients (GET and `continue`). Leases are followed on the client
 * side (see the file comment) to count overlaps.
 */
async function load(
  address: string,
  mode: LoadFigures['mode'],
  o: Settings,
  seconds: number,
): Promise<Omit<LoadFigures, 'server' | 'loadAverage'>> {
  const { contributors: clients, limit, thinkMs } = o;
  /**
   * A client's pause before its request `n`: thinkMs on average, drawn from [0.5, 1.5] × thinkMs
   * so that the clients do not all send at the same moment.
   */
  const think = (client: number, n: number) =>
    thinkMs > 0
      ? new Promise((done) => setTimeout(done, thinkMs * (0.5 + u(client * 100_003 + n, 99))))
      : undefined;
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const base = new URL(address);
  const gets: number[] = [];
  const skips: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let emptyAnswers = 0;
  const holds = new Map<number, Hold[]>();
  const handed = new Map<number, Handed[]>();
  const error = (what: string) => {
    errors++;
    firstError ??= what;
  };
  const run = async (client: number, deadline: number, record: boolean) => {
    const id = `bench-${process.pid}-${mode}-${client}`;
    const headers: Record<string, string> = mode === 'contributors' ? { 'x-client-id': id } : {};
    /** The pages this contributor holds, oldest lease first, with when it received each. */
    const held = new Map<number, number>();
    const release = (pageId: number, at: number) => {
      const from = held.get(pageId);
      if (from === undefined) return;
      held.delete(pageId);
      if (record) {
        const list = holds.get(pageId) ?? [];
        list.push({ client, from, to: at });
        holds.set(pageId, list);
      }
    };
    let cont: string | undefined;
    for (let n = 0; performance.now() < deadline; n++) {
      await think(client, n);
      if (mode === 'contributors' && n % SKIP_EVERY === SKIP_EVERY - 1 && held.size > 0) {
        const pageId = [...held.keys()].at(-1)!;
        const r = await send(
          agent,
          base,
          'POST',
          `/${WIKI}/page-queue/${pageId}/skip`,
          {
            ...headers,
            'content-type': 'application/json',
          },
          '{}',
        );
        if (record) skips.push(r.end - r.start);
        if (r.status !== 200) error(`skip: HTTP ${r.status} ${r.body.slice(0, 300)}`);
        // The lease ended at the latest when the skip was sent.
        release(pageId, r.start);
        continue;
      }
      const follow = n % CONTINUE_EVERY === 2 && cont !== undefined;
      const query = `limit=${limit}${follow ? `&continue=${encodeURIComponent(cont!)}` : ''}`;
      const r = await send(agent, base, 'GET', `/${WIKI}/page-queue?${query}`, headers);
      if (record) gets.push(r.end - r.start);
      if (r.status !== 200) {
        error(`GET: HTTP ${r.status} ${r.body.slice(0, 300)}`);
        continue;
      }
      const answer = JSON.parse(r.body) as QueueAnswer;
      if (answer.pages.length > limit || answer.pages.some((p) => p.lead_image_candidates.length === 0))
        error(`GET: ${answer.pages.length} pages or one without candidates`);
      if (answer.pages.length === 0) emptyAnswers++;
      cont = answer.continue;
      if (mode !== 'contributors') continue;
      // Renewed leases are the newest now; the server keeps the maxLeases most recent (ties: the
      // higher page id), dropping the rest while answering, so they ended by the request's start.
      const ids = answer.pages.map((p) => p.id).sort((a, b) => a - b);
      for (const pageId of ids) {
        const from = held.get(pageId);
        if (from !== undefined) held.delete(pageId);
        held.set(pageId, from ?? r.end);
        if (record) {
          const list = handed.get(pageId) ?? [];
          list.push({ client, start: r.start, end: r.end });
          handed.set(pageId, list);
        }
      }
      for (const pageId of [...held.keys()].slice(0, Math.max(0, held.size - QUEUE_DEFAULTS.maxLeases)))
        release(pageId, r.start);
    }
    for (const pageId of [...held.keys()]) release(pageId, Infinity);
  };
  try {
    // A short warm-up (connections, statement caches), not recorded, by clients of other ids: their
    // leases stay for the lease time, as those of contributors who went idle would.
    const warm = performance.now() + Math.min(2000, seconds * 200);
    await Promise.all(Array.from({ length: clients }, (_, c) => run(c + clients, warm, false)));
    const started = performance.now();
    const deadline = started + seconds * 1000;
    await Promise.all(Array.from({ length: clients }, (_, c) => run(c, deadline, true)));
    const elapsed = (performance.now() - started) / 1000;
    let overlaps = 0;
    let sharedPages = 0;
    for (const [pageId, list] of handed) {
      if (new Set(list.map((h) => h.client)).size > 1) sharedPages++;
      for (const h of list)
        for (const other of holds.get(pageId) ?? [])
          if (other.client !== h.client && h.start >= other.from && h.end <= other.to) overlaps++;
    }
    return {
      mode,
      clients,
      thinkMs,
      seconds: elapsed,
      gets,
      skips,
      errors,
      ...(firstError === undefined ? {} : { firstError }),
      pagesHanded: handed.size,
      sharedPages,
      overlaps,
      emptyAnswers,
    };
  } finally {
    agent.destroy();
  }
}

/** Runs the load phases against a fresh serving process. */
async function measureLoad(
  spec: ServeSpec,
  o: Settings,
  cpuProfileDir: string | undefined,
): Promise<LoadFigures[]> {
  const { address, child, exited } = await startServer(spec, cpuProfileDir);
  const out: LoadFigures[] = [];
  try {
    for (const [mode, seconds] of [
      ['contributors', o.seconds],
      ['anonymous', Math.max(1, o.seconds / 3)],
    ] as const) {
      child.send('start');
      const figures = await load(address, mode, o, seconds);
      const loadAverage = loadavg();
      const report = new Promise<ServeReport>((done) => child.once('message', (m) => done(m as ServeReport)));
      child.send('report');
      out.push({ ...figures, server: await report, loadAverage });
    }
    child.send('done');
    const code = await exited;
    if (code !== 0) throw new Error(`the serving process failed (exit ${code})`);
    return out;
  } finally {
    if (child.exitCode === null) child.kill();
  }
}

// ---------------------------------------------------------------------------------------------
// The figures.

interface Latency {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return { n: sorted.length, p50: q(0.5), p90: q(0.9), p99: q(0.99), max: sorted.at(-1) ?? NaN };
}

export interface PageQueueFigures {
  backend: 'sqlite' | 'postgres';
  pages: number;
  rows: Record<string, number>;
  fillSeconds: number;
  build: BuildFigures;
  load: (Omit<LoadFigures, 'gets' | 'skips'> & { get: Latency; skip: Latency })[];
  targetsMet: boolean;
}

function printSql(list: readonly SqlStatementTime[] | undefined): void {
  for (const q of list ?? [])
    console.log(
      `  sql ${q.ms.toFixed(0).padStart(7)} ms ${String(q.n).padStart(7)}× ${(q.ms / q.n).toFixed(3).padStart(7)} ms  ${q.text.replace(/\s+/g, ' ').slice(0, 160)}`,
    );
}

function print(f: PageQueueFigures): void {
  const ms = (x: number) => x.toFixed(2).padStart(8);
  const rows = Object.entries(f.rows)
    .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
    .join(', ');
  console.log(
    `\npage queue — ${f.backend}, ${f.pages.toLocaleString('en')} pages (${rows}); written in ${f.fillSeconds.toFixed(1)} s`,
  );
  const b = f.build;
  console.log(
    `queue build: ${b.summary.queued.toLocaleString('en')} queued in ${b.wallSeconds.toFixed(1)} s: ${b.pagesPerSecond.toFixed(0)} pages/s (${(f.pages / b.cpuSeconds).toFixed(0)} per CPU second of this process, ${b.cpuSeconds.toFixed(1)} CPU s); RSS ${b.rssMb.toFixed(0)} MB; target ≥ ${TARGET_BUILD_RATE.toLocaleString('en')} pages/s: ${b.pagesPerSecond >= TARGET_BUILD_RATE ? 'MET' : 'NOT MET'}`,
  );
  printSql(b.sql);
  console.log(
    `${'load'.padEnd(26)}${'requests'.padStart(9)}${'errors'.padStart(7)}${'req/s'.padStart(7)}   p50 ms   p90 ms   p99 ms   max ms | skips: n   p50 ms   p99 ms | pages handed, shared, overlaps`,
  );
  for (const l of f.load) {
    const g = l.get;
    const s = l.skip;
    console.log(
      `${`${l.mode}, ${l.clients} clients${l.thinkMs ? `, think ${l.thinkMs} ms` : ''}`.padEnd(26)}${String(g.n).padStart(9)}${String(l.errors).padStart(7)}${(g.n / l.seconds).toFixed(0).padStart(7)} ${ms(g.p50)} ${ms(g.p90)} ${ms(g.p99)} ${ms(g.max)} | ${String(s.n).padStart(8)} ${s.n ? `${ms(s.p50)} ${ms(s.p99)}` : ''.padEnd(17)} | ${l.mode === 'contributors' ? `${l.pagesHanded}, ${l.sharedPages}, ${l.overlaps}` : '—'}${l.emptyAnswers ? ` (${l.emptyAnswers} empty answers)` : ''}`,
    );
    if (l.firstError) console.log(`  first error: ${l.firstError}`);
    printSql(l.server.sql);
  }
  for (const l of f.load)
    console.log(
      `server (child process) after the ${l.mode}: ${l.server.leases} leases and ${l.server.skips} skips stored; RSS ${l.server.rssMb.toFixed(0)} MB (heap used ${l.server.heapUsedMb.toFixed(0)} MB), ${l.server.cpuSeconds.toFixed(1)} CPU s (${((100 * l.server.cpuSeconds) / l.seconds).toFixed(0)}% of a core); load average ${l.loadAverage.map((x) => x.toFixed(2)).join(' ')} (${cpus().length} cores)`,
    );
  const c = f.load[0]!;
  console.log(
    `targets (GET p99 ≤ ${TARGET_P99} ms with ${c.clients} contributors, no errors, no overlapping leases; build ≥ ${TARGET_BUILD_RATE.toLocaleString('en')} pages/s): ${f.targetsMet ? 'MET' : 'NOT MET'}`,
  );
}

export interface PageQueueBenchOptions {
  pages?: number;
  contributors?: number;
  seconds?: number;
  limit?: number;
  postgresUrl?: string;
  backends?: ('sqlite' | 'postgres')[];
  /** A directory for a CPU profile of the serving process (`--cpu-prof DIR`). */
  cpuProfileDir?: string;
  /** Time every SQL statement of the serving process and print the costliest (`--sql-times`). */
  sqlTimes?: boolean;
  /** Milliseconds each client waits between its requests (`--think MS`; default 0, a closed loop). */
  thinkMs?: number;
}

/** The options with their defaults. */
type Settings = Required<Omit<PageQueueBenchOptions, 'postgresUrl' | 'backends' | 'cpuProfileDir'>> &
  Pick<PageQueueBenchOptions, 'cpuProfileDir'>;

/** Fills a store, times the build, then the load; `schema` for PostgreSQL. */
async function runBackend(
  backend: PageQueueFigures['backend'],
  url: string,
  schema: string | undefined,
  o: Settings,
  scratch: string,
): Promise<PageQueueFigures> {
  const mediaDir = join(scratch, 'media');
  console.log(`page queue — ${backend}: writing ${o.pages.toLocaleString('en')} pages`);
  const store = await openStore(url, schema === undefined ? {} : { schema });
  let rows: Record<string, number>;
  let fillSeconds: number;
  let build: BuildFigures;
  try {
    await store.migrate(subsystemMigrations());
    const services = await createServices({
      config: benchConfig(url, mediaDir),
      store,
      logger: pino({ level: 'silent' }),
    });
    ({ rows, seconds: fillSeconds } = await fill(services, o.pages));
    build = await timeBuild(services, o.pages, parentTimes(o.sqlTimes));
    await analyze(store);
  } finally {
    await store.close();
  }
  const profileDir = o.cpuProfileDir ? join(o.cpuProfileDir, `${backend}-${o.pages}`) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const phases = await measureLoad(
    { url, ...(schema ? { schema } : {}), mediaDir, sqlTimes: o.sqlTimes },
    o,
    profileDir,
  );
  if (profileDir) console.log(`  CPU profile of the server: ${profileDir}`);
  const loadFigures = phases.map(({ gets, skips, ...rest }) => ({
    ...rest,
    get: latency(gets),
    skip: latency(skips),
  }));
  const c = loadFigures[0]!;
  return {
    backend,
    pages: o.pages,
    rows,
    fillSeconds,
    build,
    load: loadFigures,
    targetsMet:
      build.pagesPerSecond >= TARGET_BUILD_RATE &&
      loadFigures.every((l) => l.errors === 0) &&
      c.overlaps === 0 &&
      c.get.p99 <= TARGET_P99,
  };
}

export async function runPageQueueBench(opts: PageQueueBenchOptions = {}): Promise<PageQueueFigures[]> {
  const o: Settings = {
    pages: opts.pages ?? DEFAULT_PAGES,
    contributors: opts.contributors ?? DEFAULT_CONTRIBUTORS,
    seconds: opts.seconds ?? DEFAULT_SECONDS,
    limit: opts.limit ?? DEFAULT_LIMIT,
    sqlTimes: opts.sqlTimes ?? false,
    thinkMs: opts.thinkMs ?? 0,
    ...(opts.cpuProfileDir ? { cpuProfileDir: opts.cpuProfileDir } : {}),
  };
  const backends = opts.backends ?? ['sqlite', 'postgres'];
  const out: PageQueueFigures[] = [];
  const finish = (f: PageQueueFigures) => {
    print(f);
    out.push(f);
  };
  const scratch = mkdtempSync(join(tmpdir(), 'wikiqueue-pagequeue-bench-'));
  try {
    if (backends.includes('sqlite'))
      finish(await runBackend('sqlite', `sqlite:${join(scratch, 'bench.sqlite')}`, undefined, o, scratch));
    if (backends.includes('postgres')) {
      if (!opts.postgresUrl)
        console.log('\npage queue — postgres: skipped (--postgres URL or BENCH_POSTGRES_URL)');
      else {
        const schema = `wq_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
        try {
          finish(await runBackend('postgres', opts.postgresUrl, schema, o, scratch));
        } finally {
          await dropPostgresSchema(opts.postgresUrl, schema);
        }
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return out;
}

/** The bench's settings from its arguments and environment. */
export function pageQueueBenchOptions(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): PageQueueBenchOptions {
  const after = flagReader(args);
  const number = (flag: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const n = Number(value.replace(/_/g, ''));
    if (!(n > 0)) throw new Error(`${flag} must be a positive number, got ${value}`);
    return n;
  };
  const pages = number('--pages', after('--pages') ?? env.BENCH_PAGEQUEUE_PAGES);
  const contributors = number('--contributors', after('--contributors') ?? env.BENCH_PAGEQUEUE_CONTRIBUTORS);
  const seconds = number('--seconds', after('--seconds') ?? env.BENCH_PAGEQUEUE_SECONDS);
  const limit = number('--limit', after('--limit') ?? env.BENCH_PAGEQUEUE_LIMIT);
  const postgresUrl = after('--postgres') ?? env.BENCH_POSTGRES_URL;
  const cpuProfileDir = after('--cpu-prof');
  const thinkMs = after('--think') ?? env.BENCH_PAGEQUEUE_THINK_MS;
  const backends = (after('--backends') ?? env.BENCH_BACKENDS)
    ?.split(',')
    .filter((b): b is 'sqlite' | 'postgres' => b === 'sqlite' || b === 'postgres');
  return {
    ...(pages ? { pages: Math.floor(pages) } : {}),
    ...(contributors ? { contributors: Math.floor(contributors) } : {}),
    ...(seconds ? { seconds } : {}),
    ...(limit ? { limit: Math.floor(limit) } : {}),
    ...(postgresUrl ? { postgresUrl } : {}),
    ...(cpuProfileDir ? { cpuProfileDir: resolve(cpuProfileDir) } : {}),
    ...(args.includes('--sql-times') ? { sqlTimes: true } : {}),
    ...(thinkMs !== undefined ? { thinkMs: Number(thinkMs) } : {}),
    ...(backends?.length ? { backends } : {}),
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const spec = process.env.BENCH_PAGEQUEUE_SERVE;
  if (spec) await serve(JSON.parse(spec) as ServeSpec);
  else await runPageQueueBench(pageQueueBenchOptions(process.argv.slice(2), process.env));
}
