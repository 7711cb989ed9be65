/**
 * The review queue at scale: builds a queue of BENCH_PAGES pages (default 1,000,000) with realistic
 * distributions and times pagetriagelist (many filter combinations, limit 20 and 200) and
 * pagetriagestats through the real app in process (`app.inject`), on SQLite and, when
 * BENCH_POSTGRES_URL or TEST_POSTGRES_URL is set, on PostgreSQL.
 *
 * The queue is built in this process; the measuring runs in a fresh process that only opens the
 * store, starts the app and serves (BENCH_SERVE), so that the memory it reports is the server's
 * own footprint at that size: after opening, and after serving every measured request.
 *
 * Targets (20 rows, every combination): SQLite p50 ≤ 1 ms and p99 ≤ 5 ms; PostgreSQL p99 ≤ 10 ms.
 *
 * The SQLite queue is kept in the temp directory and reused while its marker (schema, generator,
 * size) matches; PostgreSQL gets a fresh schema per run, dropped at the end.
 * Run: node bin/run-ts.js bench/review-queue.bench.ts (BENCH_BACKENDS, BENCH_PAGES, BENCH_ITERATIONS;
 * BENCH_POSTGRES_SCHEMA keeps a built PostgreSQL queue in that schema for the next run).
 */
import { createHash, randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
import { defaultNamespaces, type NamespaceInfo } from '../src/core/domain/namespaces.ts';
import type { ExperienceLevel } from '../src/core/domain/rights.ts';
import type { ReviewMetadata } from '../src/review/domain/metadata.ts';
import { allPagesFilter, type QueueFilter } from '../src/review/domain/queue-filter.ts';
import type { ReviewStatus } from '../src/review/domain/review-status.ts';
import type { WikiInfo } from '../src/core/domain/wiki.ts';
import type { AppServices } from '../src/app-services.ts';
import { createServices } from '../src/create-services.ts';
import { openStore } from '../src/core/store/open-store.ts';
import { dropPostgresSchema } from '../src/core/store/postgres/open-postgres.ts';
import type { NewQueuedPage } from '../src/review/store/review-queue-repository.ts';
import { openReviewStore, type ReviewStore } from '../src/review/store/review-store.ts';
import { subsystemMigrations } from '../src/create-services.ts';

const WIKI = 'benchwiki';
const DRAFT_NS = 118;
/** The bench clock: "now" for the data and the app. */
const NOW = 1_760_000_000;
const DAY = 86400;
const SEED = 20260101;
/** Bump when the generator changes; the migration text is hashed in as well. */
const GENERATOR_VERSION = 3;
const BATCH = 10_000;
let ITERATIONS = 400;
const WARMUP = 100;
const HEAVY_BOT = 'ArticleCreationBot';
const BOTS: [string, number][] = [
  [HEAVY_BOT, 0.02],
  ['StubSorterBot', 0.01],
  ['RedirectFixBot', 0.005],
];
const USER_POOL = 200_000;
const WIKITEXT_DIR = resolve(process.cwd(), '../shared/data/wikitext');
/** Runs this program again as the serving process. */
const RUN_TS = resolve(import.meta.dirname, '../bin/run-ts.js');
const MIGRATION_FILE_PATH = resolve(
  import.meta.dirname,
  '../src/review/store/migrations/002-review-queue.ts',
);

export interface ListFigure {
  combination: string;
  limit: number;
  p50: number;
  p99: number;
  storeP50: number;
  rows: number;
}

export interface ReviewQueueFigures {
  backend: 'sqlite' | 'postgres';
  pages: number;
  buildSeconds: number | null;
  list: ListFigure[];
  stats: { combination: string; p50: number; p99: number; filteredarticle: number }[];
  /** The serving process: after opening the store and starting the app, and after measuring. */
  memory: { openedRssMb: number; openedHeapUsedMb: number; rssMb: number; heapUsedMb: number };
  targetsMet: boolean;
}

/** mulberry32: a small deterministic generator. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words with their frequencies in the real articles (or a small built-in list). */
function vocabulary(): { words: string[]; cumulative: Float64Array } {
  const counts = new Map<string, number>();
  if (existsSync(WIKITEXT_DIR)) {
    for (const file of readdirSync(WIKITEXT_DIR).sort()) {
      const text = readFileSync(join(WIKITEXT_DIR, file), 'utf8')
        .replace(/\{\{[^{}]*\}\}/g, ' ')
        .replace(/<[^>]*>/g, ' ')
        .replace(/\[\[(?:[^|\]]*\|)?([^\]]*)\]\]/g, '$1');
      for (const w of text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}]+)?/gu) ?? [])
        counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  if (counts.size < 100) {
    const builtin =
      'the of and in to a was is for on as by with he that at from his it an were are which this be also or has had first one their its new after who they but not her she two been other when there all during into school time may years more most only over city where some such later can about than three between these many then both film under state team season would world national made university american'.split(
        ' ',
      );
    builtin.forEach((w, i) => counts.set(w, Math.round(10_000 / (i + 1))));
  }
  const words = [...counts.keys()].sort();
  const cumulative = new Float64Array(words.length);
  let sum = 0;
  words.forEach((w, i) => {
    sum += counts.get(w)!;
    cumulative[i] = sum;
  });
  for (let i = 0; i < cumulative.length; i++) cumulative[i]! /= sum;
  return { words, cumulative };
}

function sampleWord(v: { words: string[]; cumulative: Float64Array }, u: number): string {
  let lo = 0;
  let hi = v.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v.cumulative[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return v.words[lo]!;
}

interface Creator {
  name: string;
  id: number;
  editCount: number;
  registration: number;
  experience: ExperienceLevel;
  autoconfirmed: boolean;
  bot: boolean;
  autopatrol: boolean;
  blocked: boolean;
}

/** The creator of a given popularity rank: a fixed account whose facts derive from the rank. */
function creatorOf(rank: number): Creator {
  const r = random(rank * 7919 + 17);
  const heavy = rank < 200;
  const experience: ExperienceLevel = heavy
    ? 'experienced'
    : r() < 0.45
      ? 'newcomer'
      : r() < 0.45
        ? 'learner'
        : 'experienced';
  const editCount =
    experience === 'newcomer'
      ? Math.floor(r() * 10)
      : experience === 'learner'
        ? 10 + Math.floor(r() * 490)
        : 500 + Math.floor(r() * 50_000);
  return {
    name: `User ${rank}`,
    id: 1000 + rank,
    editCount,
    registration: NOW - Math.floor(r() * 10 * 365 * DAY),
    experience,
    autoconfirmed: experience !== 'newcomer' || r() < 0.2,
    bot: false,
    autopatrol: experience === 'experienced' && r() < 0.5,
    blocked: r() < 0.005,
  };
}

const botCreators: Creator[] = BOTS.map(([name], i) => ({
  name,
  id: 10 + i,
  editCount: 1_000_000,
  registration: NOW - 3000 * DAY,
  experience: 'experienced',
  autoconfirmed: true,
  bot: true,
  autopatrol: i !== 0,
  blocked: false,
}));

/** The queue rows of page ids [from, to), in creation order (page id order). */
function* generate(
  pages: number,
  v: ReturnType<typeof vocabulary>,
): Generator<(NewQueuedPage & { metadata: ReviewMetadata; tagsUpdated: number })[]> {
  const rnd = random(SEED);
  // Creation times: 60% in the last 90 days, the rest over two years; sorted so ids follow creation.
  const created = new Float64Array(pages);
  for (let i = 0; i < pages; i++)
    created[i] = rnd() < 0.6 ? NOW - Math.floor(rnd() * 90 * DAY) : NOW - Math.floor(rnd() * 730 * DAY);
  created.sort();
  const logPool = Math.log(USER_POOL);
  let batch: (NewQueuedPage & { metadata: ReviewMetadata; tagsUpdated: number })[] = [];
  for (let i = 0; i < pages; i++) {
    const pageId = i + 1;
    const createdAt = created[i]!;
    const u = rnd();
    const ns = u < 0.85 ? 0 : u < 0.9 ? DRAFT_NS : u < 0.98 ? 2 : 4;
    const isRedirect = ns !== DRAFT_NS && rnd() < 0.12;
    let creator: Creator | undefined;
    const b = rnd();
    let acc = 0;
    for (const [k, [, share]] of BOTS.entries()) {
      acc += share;
      if (!creator && b < acc) creator = botCreators[k];
    }
    creator ??= creatorOf(Math.floor(Math.exp(rnd() * logPool)));
    const statusDraw = rnd();
    const status: ReviewStatus =
      creator.autopatrol && ns !== DRAFT_NS ? 3 : statusDraw < 0.7 ? 0 : statusDraw < 0.85 ? 1 : 2;
    const reviewedUpdated =
      status === 0 || status === 3
        ? createdAt + Math.floor(rnd() * 3600)
        : Math.min(NOW, createdAt + Math.floor(rnd() * 30 * DAY));
    const nomination = rnd();
    const csd = nomination < 0.015;
    const prod = nomination >= 0.015 && nomination < 0.022;
    const afd = nomination >= 0.022 && nomination < 0.03;
    const words: string[] = [];
    let bytes = 0;
    if (!isRedirect) {
      while (bytes < 200) {
        const w = sampleWord(v, rnd());
        words.push(w);
        bytes += Buffer.byteLength(w) + 1;
      }
    }
    const afcDraw = rnd();
    const afcState = (
      ns !== DRAFT_NS ? 1 : afcDraw < 0.4 ? 1 : afcDraw < 0.75 ? 2 : afcDraw < 0.8 ? 3 : 4
    ) as 1 | 2 | 3 | 4;
    const metadata: ReviewMetadata = {
      linkCount: isRedirect || rnd() < 0.4 ? 0 : 1 + Math.floor(rnd() * 50),
      categoryCount: rnd() < 0.2 ? 0 : 1 + Math.floor(rnd() * 10),
      csd,
      prod,
      blpProd: false,
      afd,
      revCount: 1 + Math.floor(rnd() * 30),
      pageLen: isRedirect ? 30 : 500 + Math.floor(rnd() * 20_000),
      snippet: words.join(' '),
      creatorId: creator.id,
      creatorName: creator.name,
      creatorEditCount: creator.editCount,
      creatorRegistration: creator.registration,
      creatorAutoconfirmed: creator.autoconfirmed,
      creatorExperience: creator.experience,
      creatorBot: creator.bot,
      creatorAutopatrol: creator.autopatrol,
      creatorBlocked: creator.blocked,
      hasReference: !isRedirect && rnd() < 0.55,
      afcState,
      copyvioRevId: rnd() < 0.002 ? pageId * 10 : null,
      recreated: rnd() < 0.01,
    };
    batch.push({
      wiki: WIKI,
      pageId,
      namespace: ns,
      title: `${words.slice(0, 3).join('_') || 'Redirect'}_${pageId}`,
      isRedirect,
      status,
      createdAt,
      reviewedUpdated,
      lastReviewedBy: status === 1 || status === 2 ? 7 : 0,
      reviewerName: status === 1 || status === 2 ? 'Reviewer' : '',
      metadata,
      tagsUpdated: NOW - Math.floor(rnd() * DAY),
    });
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

export function marker(pages: number): string {
  const migration = createHash('sha256').update(readFileSync(MIGRATION_FILE_PATH)).digest('hex').slice(0, 12);
  return `v${GENERATOR_VERSION}:${migration}:${pages}:${SEED}`;
}

function wikiInfo(benchMarker: string): WikiInfo {
  const ns = (id: number, name: string): NamespaceInfo => ({
    id,
    name,
    canonical: name,
    aliases: [],
    content: false,
    case: 'first-letter',
  });
  return {
    id: WIKI,
    lang: 'en',
    // The build marker (a wiki's settings only take declared keys).
    sitename: `Bench Wiki ${benchMarker}`,
    baseUrl: '',
    namespaces: [...defaultNamespaces(), ns(DRAFT_NS, 'Draft'), ns(DRAFT_NS + 1, 'Draft talk')],
    isMediaRepo: false,
    source: 'local',
    settings: {
      review: {
        namespaces: [0, 2],
        draftNamespace: DRAFT_NS,
        enableOres: true,
        enableCopyvio: true,
        enableKeywordSearch: true,
      },
    },
  };
}

/** Fills the queue; returns the seconds it took. Quality predictions are set in one statement. */
async function build(
  store: ReviewStore,
  pages: number,
  setPredictions: () => Promise<void>,
): Promise<number> {
  const started = performance.now();
  const v = vocabulary();
  let done = 0;
  for (const batch of generate(pages, v)) {
    await store.transaction((tx) => tx.reviewQueue.upsertMany(batch));
    done += batch.length;
    if (done % 100_000 === 0 || done === pages) {
      const s = (performance.now() - started) / 1000;
      process.stdout.write(`  built ${done.toLocaleString('en')} rows in ${s.toFixed(1)} s\n`);
    }
  }
  await setPredictions();
  return (performance.now() - started) / 1000;
}

/** Deterministic ORES scores from the page id (the same on both databases). */
const PREDICTIONS_SQL = `update review_page set
  ores_articlequality = ((page_id * 7919) % 1000) / 1000.0,
  ores_draftquality = case when (page_id * 31) % 100 < 85 then 1 when (page_id * 31) % 100 < 92 then 2 when (page_id * 31) % 100 < 97 then 3 else 0 end
  where namespace in (0, ${DRAFT_NS})`;

export interface Bench {
  app: FastifyInstance;
  services: AppServices;
  advance(seconds: number): void;
}

export async function startApp(store: ReviewStore, benchMarker: string): Promise<Bench> {
  let now = NOW;
  const clock = () => now;
  const config = loadConfig(
    {
      databaseUrl: 'sqlite::memory:',
      defaultWiki: WIKI,
      logLevel: 'silent',
      demo: { autoCreate: false },
      jobs: { runInServer: false },
    },
    {},
  );
  const services = await createServices({ config, store, clock, logger: pino({ level: 'silent' }) });
  await services.wikis.upsert(wikiInfo(benchMarker), NOW);
  const app = await buildApp(services);
  await app.ready();
  return { app, services, advance: (s) => (now += s) };
}

/** A full collection before reading the heap, so that it shows live data, not garbage. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function time(
  fn: () => Promise<unknown>,
  iterations = ITERATIONS,
): Promise<{ p50: number; p99: number }> {
  // Between calls the event loop turns, as it does between a server's requests: inject's response
  // sockets finish in setImmediate callbacks, which hold every body until the loop reaches them.
  const turn = () => new Promise((done) => setImmediate(done));
  for (let i = 0; i < Math.min(WARMUP, iterations); i++) {
    await fn();
    await turn();
  }
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    await turn();
  }
  samples.sort((a, b) => a - b);
  return { p50: quantile(samples, 0.5), p99: quantile(samples, 0.99) };
}

function apiUrl(params: Record<string, string | number>): string {
  const qs = new URLSearchParams({
    format: 'json',
    formatversion: '2',
    ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
  });
  return `/w/api.php?${qs}`;
}

/** One API call, its result checked and parsed (the client's work: not part of the timings). */
async function api(
  app: FastifyInstance,
  params: Record<string, string | number>,
): Promise<Record<string, unknown>> {
  const url = apiUrl(params);
  const res = await app.inject({ url });
  const body = res.json() as Record<string, unknown>;
  if (res.statusCode !== 200 || body.error)
    throw new Error(`api ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return body;
}

/**
 * What is timed: the request until its whole response body is in hand. The answer was checked once
 * by `api`; parsing it again on every call would time the client's JSON parser, not the server.
 */
async function served(app: FastifyInstance, url: string): Promise<void> {
  const res = await app.inject({ url });
  if (res.statusCode !== 200 || res.headers['mediawiki-api-error'] !== undefined)
    throw new Error(`api ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
}

const DEFAULT_FEED = { showunreviewed: 1, showothers: 1 };
const EVERYTHING = { showunreviewed: 1, showreviewed: 1, showothers: 1, showredirs: 1, showdeleted: 1 };

/**
 * A keyword found in a few snippets (5–40), chosen among the rarer long words. Asks the list for
 * 41 rows (cheap whatever the word) rather than counting.
 */
async function rareKeyword(store: ReviewStore, filterOf: (kw: string) => QueueFilter): Promise<string> {
  const v = vocabulary();
  const candidates = v.words.filter((w) => w.length >= 9 && /^[A-Za-z]+$/.test(w));
  const rnd = random(7);
  let best = candidates[0] ?? 'Quasirandom';
  for (let i = 0; i < 200 && candidates.length; i++) {
    const w = candidates[Math.floor(rnd() * candidates.length)]!;
    const n = (
      await store.reviewQueue.list(
        WIKI,
        { filter: filterOf(w), sort: 'newestfirst', limit: 40 },
        { oresBounds: [] },
      )
    ).length;
    if (n >= 5 && n <= 40) return w;
    if (n > 0) best = w;
  }
  return best;
}

async function measure(
  backend: ReviewQueueFigures['backend'],
  store: ReviewStore,
  b: Bench,
  pages: number,
  opened: { rssMb: number; heapUsedMb: number },
): Promise<Omit<ReviewQueueFigures, 'buildSeconds'>> {
  const { app } = b;
  const preset = b.services.review.queue.preset(WIKI);
  const anyFilter = (keyword: string): QueueFilter => ({ ...allPagesFilter(0), keyword });
  const rare = await rareKeyword(store, anyFilter);
  // A continuation point deep in the default feed: five pages of 200 in.
  let offset: { offset: string; pageoffset: number } | undefined;
  for (let i = 0; i < 5; i++) {
    const body = await api(app, { action: 'pagetriagelist', ...DEFAULT_FEED, limit: 200, ...(offset ?? {}) });
    const list = (body.pagetriagelist as { pages: { pageid: number; creation_date_utc: string }[] }).pages;
    const last = list[list.length - 1];
    if (!last) break;
    offset = { offset: last.creation_date_utc, pageoffset: last.pageid };
  }
  const twoYearsAgo = NOW - 700 * DAY;
  const combinations: [string, Record<string, string | number>][] = [
    ['default feed (unreviewed, others)', DEFAULT_FEED],
    ['all states, all types', EVERYTHING],
    ['reviewed only', { showreviewed: 1, showothers: 1, showredirs: 1, showdeleted: 1 }],
    ['redirects only', { showunreviewed: 1, showreviewed: 1, showredirs: 1 }],
    ['nominated only', { showunreviewed: 1, showreviewed: 1, showdeleted: 1 }],
    ['no_category + unreferenced', { ...DEFAULT_FEED, no_category: 1, unreferenced: 1 }],
    ['blocked_users (rare)', { ...EVERYTHING, blocked_users: 1 }],
    ['recreated (rare)', { ...EVERYTHING, recreated: 1 }],
    ['username: small user', { ...EVERYTHING, username: 'User 5000' }],
    ['username: heavy bot', { ...DEFAULT_FEED, username: HEAVY_BOT }],
    ['keyword common "the"', { ...DEFAULT_FEED, keyword: 'the' }],
    [`keyword rare "${rare}"`, { ...EVERYTHING, keyword: rare }],
    ['learners + non_autoconfirmed', { ...DEFAULT_FEED, learners: 1, non_autoconfirmed_users: 1 }],
    [
      'date range: a week 700 days ago',
      { ...EVERYTHING, date_range_from: twoYearsAgo, date_range_to: twoYearsAgo + 7 * DAY },
    ],
    [
      'Draft, afc_state=2',
      { namespace: DRAFT_NS, showunreviewed: 1, showreviewed: 1, showothers: 1, afc_state: 2 },
    ],
    ['oldestfirst', { ...DEFAULT_FEED, dir: 'oldestfirst' }],
    ['newestreview', { ...DEFAULT_FEED, dir: 'newestreview' }],
    ['oldestreview, reviewed', { showreviewed: 1, showothers: 1, dir: 'oldestreview' }],
    ['continuation (page 6)', { ...DEFAULT_FEED, ...(offset ?? {}) }],
    [
      'ORES class stub + issue spam',
      { ...DEFAULT_FEED, show_predicted_class_stub: 1, show_predicted_issues_spam: 1 },
    ],
    ['ORES issue copyvio (rare)', { ...EVERYTHING, show_predicted_issues_copyvio: 1 }],
    ['bots', { ...EVERYTHING, showbots: 1 }],
    ['autopatrolled creators', { ...DEFAULT_FEED, showautopatrolled: 1 }],
    ['no_inbound_links', { ...DEFAULT_FEED, no_inbound_links: 1 }],
    ['bots + non_autoconfirmed (no match)', { ...EVERYTHING, showbots: 1, non_autoconfirmed_users: 1 }],
    [
      'learners + no_category + unreferenced + no_inbound_links',
      { ...DEFAULT_FEED, learners: 1, no_category: 1, unreferenced: 1, no_inbound_links: 1 },
    ],
    ['blocked_users + recreated (rare mix)', { ...EVERYTHING, blocked_users: 1, recreated: 1 }],
    [`keyword rare + learners`, { ...EVERYTHING, keyword: rare, learners: 1 }],
    ['keyword with no match', { ...EVERYTHING, keyword: 'Qxzqxzqv' }],
    [
      'keyword "the" + a week 700 days ago',
      { ...EVERYTHING, keyword: 'the', date_range_from: twoYearsAgo, date_range_to: twoYearsAgo + 7 * DAY },
    ],
    ['username: unknown user', { ...EVERYTHING, username: 'Nobody here' }],
    ['ORES issue vandalism', { ...EVERYTHING, show_predicted_issues_vandalism: 1 }],
    [
      'ORES class featured, Draft',
      { namespace: DRAFT_NS, showunreviewed: 1, showothers: 1, show_predicted_class_featured: 1 },
    ],
  ];
  const list: ListFigure[] = [];
  const { filterFromParams } = await import('../src/review/api/review-filter-params.ts');
  for (const [combination, params] of combinations) {
    for (const limit of [20, 200]) {
      const call = { action: 'pagetriagelist', ...params, limit };
      const body = await api(app, call);
      const rows = (body.pagetriagelist as { pages: unknown[] }).pages.length;
      const url = apiUrl(call);
      const t = await time(() => served(app, url));
      // The store alone, for comparison (same filter as the module builds).
      const boolParams = Object.fromEntries(
        Object.entries(params).map(([k, v]) => [
          k,
          typeof v === 'number' && k !== 'namespace' && k !== 'afc_state' && !k.startsWith('date') ? true : v,
        ]),
      );
      const filter = filterFromParams(boolParams, preset, { keywordSearch: true });
      const after =
        typeof params.offset === 'string'
          ? {
              timestamp:
                Date.UTC(
                  +params.offset.slice(0, 4),
                  +params.offset.slice(4, 6) - 1,
                  +params.offset.slice(6, 8),
                  +params.offset.slice(8, 10),
                  +params.offset.slice(10, 12),
                  +params.offset.slice(12, 14),
                ) / 1000,
              pageId: Number(params.pageoffset),
            }
          : undefined;
      const sort = (params.dir as 'newestfirst' | undefined) ?? 'newestfirst';
      const s = await time(
        () =>
          store.reviewQueue.list(
            WIKI,
            { filter, sort, limit, ...(after ? { after } : {}) },
            { oresBounds: preset.oresArticleQualityBounds },
          ),
        100,
      );
      list.push({ combination, limit, p50: t.p50, p99: t.p99, storeP50: s.p50, rows });
      process.stdout.write(`  measured ${combination} @${limit}: p50 ${t.p50.toFixed(2)} ms\n`);
    }
  }
  const stats: ReviewQueueFigures['stats'] = [];
  const statsCombos: [string, Record<string, string | number>][] = [
    ['no filters', {}],
    ['all states, all types', EVERYTHING],
    ['blocked_users', { ...EVERYTHING, blocked_users: 1 }],
    ['Draft afc_state=2', { namespace: DRAFT_NS, showunreviewed: 1, afc_state: 2 }],
    ['username: small user', { ...EVERYTHING, username: 'User 5000' }],
    [`keyword rare`, { ...EVERYTHING, keyword: rare }],
    ['no_category + unreferenced', { ...DEFAULT_FEED, no_category: 1, unreferenced: 1 }],
    ['keyword common "the"', { ...DEFAULT_FEED, keyword: 'the' }],
    ['learners + non_autoconfirmed', { ...DEFAULT_FEED, learners: 1, non_autoconfirmed_users: 1 }],
    ['keyword with no match', { ...EVERYTHING, keyword: 'Qxzqxzqv' }],
    [
      'keyword "the" + a week 700 days ago',
      { ...EVERYTHING, keyword: 'the', date_range_from: twoYearsAgo, date_range_to: twoYearsAgo + 7 * DAY },
    ],
  ];
  for (const [combination, params] of statsCombos) {
    const call = { action: 'pagetriagestats', ...params };
    const body = await api(app, call);
    const iterations =
      combination.includes('no_category') || combination.includes('common') ? 20 : ITERATIONS;
    // Each call moves the clock past the module's 30 s cache, so every call counts.
    const url = apiUrl(call);
    const t = await time(() => {
      b.advance(31);
      return served(app, url);
    }, iterations);
    stats.push({
      combination,
      ...t,
      filteredarticle: (body.pagetriagestats as { stats: { filteredarticle: number } }).stats.filteredarticle,
    });
  }
  await new Promise((done) => setImmediate(done));
  collectGarbage();
  const mem = process.memoryUsage();
  const memory = {
    openedRssMb: opened.rssMb,
    openedHeapUsedMb: opened.heapUsedMb,
    rssMb: mem.rss / 2 ** 20,
    heapUsedMb: mem.heapUsed / 2 ** 20,
  };
  const p99Target = backend === 'sqlite' ? 5 : 10;
  const small = list.filter((r) => r.limit === 20);
  const targetsMet = small.every((r) => r.p99 <= p99Target && (backend !== 'sqlite' || r.p50 <= 1));
  return { backend, pages, list, stats, memory, targetsMet };
}

function print(f: ReviewQueueFigures): void {
  const pad = (s: string, n: number) => s.padEnd(n);
  const num = (x: number) => x.toFixed(2).padStart(8);
  const p99Target = f.backend === 'sqlite' ? 5 : 10;
  console.log(
    `\nreview queue — ${f.backend}, ${f.pages.toLocaleString('en')} pages${f.buildSeconds === null ? ' (reused)' : `, built in ${f.buildSeconds.toFixed(1)} s`}`,
  );
  console.log(`${pad('pagetriagelist combination', 44)} limit   p50 ms   p99 ms  store p50  rows  target`);
  for (const r of f.list) {
    const ok =
      r.limit !== 20 ? '' : r.p99 <= p99Target && (f.backend !== 'sqlite' || r.p50 <= 1) ? 'met' : 'MISSED';
    console.log(
      `${pad(r.combination, 44)} ${String(r.limit).padStart(5)} ${num(r.p50)} ${num(r.p99)} ${num(r.storeP50)}  ${String(r.rows).padStart(4)}  ${ok}`,
    );
  }
  console.log(`${pad('pagetriagestats (uncached)', 44)}         p50 ms   p99 ms  filteredarticle`);
  for (const s of f.stats)
    console.log(`${pad(s.combination, 44)}       ${num(s.p50)} ${num(s.p99)}  ${s.filteredarticle}`);
  const m = f.memory;
  console.log(
    `server memory (fresh process): opened RSS ${m.openedRssMb.toFixed(0)} MB, heap used ${m.openedHeapUsedMb.toFixed(0)} MB; after serving RSS ${m.rssMb.toFixed(0)} MB, heap used ${m.heapUsedMb.toFixed(0)} MB`,
  );
  console.log(
    `targets (20 rows, every combination: ${f.backend === 'sqlite' ? 'p50 ≤ 1 ms, p99 ≤ 5 ms' : 'p99 ≤ 10 ms'}): ${f.targetsMet ? 'MET' : 'NOT MET'}`,
  );
}

/**
 * The keyword index and the counters as a running deployment keeps them: the job runner compacts
 * them hourly (review:maintenance compact); a bulk build leaves the index in many pieces and, on
 * PostgreSQL, a million updates' old versions of the counter rows. Cheap when done.
 */
async function compactAsDeployed(store: ReviewStore): Promise<void> {
  const started = performance.now();
  let steps = 0;
  while (!(await store.reviewQueue.compactKeywordIndex()).done) steps++;
  await store.reviewQueue.reclaimCounters();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `review queue: keyword index (${steps} steps) and counters compacted in ${seconds.toFixed(1)} s`,
  );
}

async function runSqlite(pages: number): Promise<ReviewQueueFigures> {
  const { url, buildSeconds } = await prepareSqliteQueue(pages);
  return { ...(await serveInChild({ backend: 'sqlite', url, pages })), buildSeconds };
}

/**
 * The SQLite queue of `pages` pages in the temp directory, built (or reused while its marker
 * matches) and compacted as deployed: its store URL, its wiki, and the build's seconds (null when
 * reused). Other benches serve it too (bench/ui-feed.bench.ts).
 */
export async function prepareSqliteQueue(
  pages: number,
): Promise<{ url: string; wiki: string; buildSeconds: number | null }> {
  const want = marker(pages);
  const path = join(tmpdir(), `wikiqueue-bench-review-${pages}.sqlite`);
  let reuse = false;
  if (existsSync(path)) {
    const probe = await openStore(`sqlite:${path}`);
    try {
      const info = await probe.wikis.get(WIKI);
      reuse = info?.sitename === `Bench Wiki ${want}`;
    } catch {
      reuse = false;
    }
    await probe.close();
    if (!reuse) for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }
  const store = openReviewStore(await openStore(`sqlite:${path}`));
  await store.migrate(subsystemMigrations());
  let buildSeconds: number | null = null;
  if (!reuse) {
    console.log(`review queue: building ${pages.toLocaleString('en')} pages in ${path}`);
    buildSeconds = await build(store, pages, async () => {
      const db = new BetterSqlite3(path);
      db.exec(PREDICTIONS_SQL);
      db.exec('analyze');
      db.close();
    });
  }
  if (!reuse) {
    // The marker is written last, so an interrupted build is rebuilt.
    await store.wikis.upsert(wikiInfo(want), NOW);
  }
  await compactAsDeployed(store);
  await store.close();
  return { url: `sqlite:${path}`, wiki: WIKI, buildSeconds };
}

/**
 * PostgreSQL: a fresh schema, dropped at the end; or `keepSchema` (BENCH_POSTGRES_SCHEMA), built
 * once, reused while its marker matches, and left for the next run (drop it when done).
 */
async function runPostgres(url: string, pages: number, keepSchema?: string): Promise<ReviewQueueFigures> {
  const schema = keepSchema ?? `wq_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const want = marker(pages);
  let reuse = false;
  if (keepSchema !== undefined) {
    const probe = await openStore(url, { schema });
    try {
      reuse = (await probe.wikis.get(WIKI))?.sitename === `Bench Wiki ${want}`;
    } catch {
      reuse = false;
    }
    await probe.close();
    if (!reuse) await dropPostgresSchema(url, schema);
  }
  const store = openReviewStore(await openStore(url, { schema }));
  try {
    let buildSeconds: number | null = null;
    if (!reuse) {
      await store.migrate(subsystemMigrations());
      console.log(
        `review queue: building ${pages.toLocaleString('en')} pages in PostgreSQL schema ${schema}`,
      );
      buildSeconds = await build(store, pages, async () => {
        const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
        await client.connect();
        await client.query(PREDICTIONS_SQL);
        await client.query('vacuum analyze review_page');
        await client.end();
      });
      await store.wikis.upsert(wikiInfo(want), NOW);
    }
    await compactAsDeployed(store);
    await store.close();
    return { ...(await serveInChild({ backend: 'postgres', url, schema, pages })), buildSeconds };
  } finally {
    await store.close().catch(() => undefined);
    if (keepSchema === undefined) await dropPostgresSchema(url, schema);
  }
}

interface ServeSpec {
  backend: ReviewQueueFigures['backend'];
  url: string;
  schema?: string;
  pages: number;
  /** Where the serving process writes its figures (JSON). */
  resultFile?: string;
}

/** Runs the measuring in a fresh process (this program with BENCH_SERVE_*) and returns its figures. */
async function serveInChild(spec: ServeSpec): Promise<Omit<ReviewQueueFigures, 'buildSeconds'>> {
  const resultFile = join(
    tmpdir(),
    `wikiqueue-bench-review-${process.pid}-${randomBytes(3).toString('hex')}.json`,
  );
  const child = spawn(process.execPath, [...process.execArgv, RUN_TS, import.meta.filename], {
    stdio: 'inherit',
    env: {
      ...process.env,
      BENCH_SERVE: JSON.stringify({ ...spec, resultFile } satisfies ServeSpec),
    },
  });
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  if (code !== 0) throw new Error(`the serving process failed (exit ${code})`);
  try {
    return JSON.parse(readFileSync(resultFile, 'utf8')) as Omit<ReviewQueueFigures, 'buildSeconds'>;
  } finally {
    rmSync(resultFile, { force: true });
  }
}

/** The serving process: opens the built store, starts the app, measures, writes the figures. */
async function serve(spec: ServeSpec): Promise<void> {
  const store = openReviewStore(
    await openStore(spec.url, spec.schema === undefined ? {} : { schema: spec.schema }),
  );
  const b = await startApp(store, marker(spec.pages));
  try {
    collectGarbage();
    const mem = process.memoryUsage();
    const opened = { rssMb: mem.rss / 2 ** 20, heapUsedMb: mem.heapUsed / 2 ** 20 };
    const figures = await measure(spec.backend, store, b, spec.pages, opened);
    if (spec.resultFile) writeFileSync(spec.resultFile, JSON.stringify(figures));
  } finally {
    await b.app.close();
    await store.close();
  }
}

export async function runReviewQueueBench(
  opts: {
    pages?: number;
    postgresUrl?: string;
    backends?: ('sqlite' | 'postgres')[];
    iterations?: number;
    /** A PostgreSQL schema to build once and keep (BENCH_POSTGRES_SCHEMA); default: a fresh one, dropped. */
    postgresSchema?: string;
    /** Set in the serving process only. */
    serve?: ServeSpec;
  } = {},
): Promise<ReviewQueueFigures[]> {
  const pages = opts.pages ?? 1_000_000;
  if (opts.iterations) ITERATIONS = opts.iterations;
  const backends = opts.backends ?? ['sqlite', 'postgres'];
  const out: ReviewQueueFigures[] = [];
  if (backends.includes('sqlite')) {
    const f = await runSqlite(pages);
    print(f);
    out.push(f);
  }
  if (backends.includes('postgres')) {
    if (!opts.postgresUrl)
      console.log('\nreview queue — postgres: skipped (set BENCH_POSTGRES_URL or TEST_POSTGRES_URL)');
    else {
      const f = await runPostgres(opts.postgresUrl, pages, opts.postgresSchema);
      print(f);
      out.push(f);
    }
  }
  return out;
}

/** The bench's settings from its environment (benchmarks are programs of their own, like tests). */
export function reviewQueueBenchOptions(env: NodeJS.ProcessEnv): Parameters<typeof runReviewQueueBench>[0] {
  const backends = env.BENCH_BACKENDS?.split(',').filter(
    (b): b is 'sqlite' | 'postgres' => b === 'sqlite' || b === 'postgres',
  );
  return {
    pages: env.BENCH_PAGES ? Number(env.BENCH_PAGES) : 1_000_000,
    ...(env.BENCH_ITERATIONS ? { iterations: Number(env.BENCH_ITERATIONS) } : {}),
    postgresUrl: env.BENCH_POSTGRES_URL ?? env.TEST_POSTGRES_URL,
    ...(backends?.length ? { backends } : {}),
    ...(env.BENCH_POSTGRES_SCHEMA ? { postgresSchema: env.BENCH_POSTGRES_SCHEMA } : {}),
    ...(env.BENCH_SERVE ? { serve: JSON.parse(env.BENCH_SERVE) as ServeSpec } : {}),
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = reviewQueueBenchOptions(process.env);
  if (options?.serve) {
    if (options.iterations) ITERATIONS = options.iterations;
    await serve(options.serve);
  } else await runReviewQueueBench(options);
}
