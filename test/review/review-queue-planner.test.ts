import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewMetadata } from '../../src/review/domain/metadata.ts';
import {
  allPagesFilter,
  matchesType,
  sortsByReview,
  sortsDescending,
  type QueueFilter,
  type QueueListQuery,
  type SortOrder,
} from '../../src/review/domain/queue-filter.ts';
import type { ReviewStatus } from '../../src/review/domain/review-status.ts';
import type { NewQueuedPage, QueuedPage } from '../../src/review/store/review-queue-repository.ts';
import { openReviewStore, type ReviewStore } from '../../src/review/store/review-store.ts';
import { subsystemMigrations } from '../../src/create-services.ts';
import { openStore } from '../../src/core/store/open-store.ts';
import { dropPostgresSchema } from '../../src/core/store/postgres/open-postgres.ts';
import { openMemoryStore } from '../factories/store.ts';

/**
 * The list planner of the review queue (src/review/store/sql-review-queue-repository.ts) reads different
 * indexes depending on counts — buckets in order, a rare filter's partial index, the creator index,
 * the snippet trigram index — and answers counts and stats from the counter table. Whatever it
 * picks, the rows must be exactly those of a plain filter-and-sort over all pages.
 */
const WIKI = 'plannerwiki';
const OTHER_WIKI = 'otherwiki';
const PAGES = 3000;
const BOUNDS = [0.2, 0.4, 0.6, 0.8, 0.9];
const WORDS = [
  'alpha',
  'beta',
  'gamma',
  'delta',
  'river',
  'the',
  'Station',
  'Zebrafish',
  'école',
  'a%b_c',
  'naïve',
];
const BOT = 'Heavy bot';

type Entry = QueuedPage & { metadata: ReviewMetadata };

/** A deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeEntry(wiki: string, pageId: number, rnd: () => number): Entry {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const namespace = rnd() < 0.8 ? 0 : pick([2, 118]);
  const status = pick([0, 0, 0, 1, 2, 3]) as ReviewStatus;
  const createdAt = 1_600_000_000 + Math.floor(rnd() * 500) * 3600; // ties on purpose
  const csd = rnd() < 0.05;
  const creatorName = rnd() < 0.1 ? BOT : `User ${Math.floor(rnd() * 300)}`;
  const metadata: ReviewMetadata = {
    linkCount: rnd() < 0.4 ? 0 : 3,
    categoryCount: rnd() < 0.3 ? 0 : 2,
    csd,
    prod: false,
    blpProd: false,
    afd: false,
    revCount: 1,
    pageLen: 100,
    snippet: Array.from({ length: 4 }, () => pick(WORDS)).join(' ') + (rnd() < 0.01 ? ' Quasirandom' : ''),
    creatorId: 1,
    creatorName,
    creatorEditCount: 5,
    creatorRegistration: 1_500_000_000,
    creatorAutoconfirmed: rnd() < 0.5,
    creatorExperience: pick(['newcomer', 'learner', 'experienced'] as const),
    creatorBot: creatorName === BOT,
    creatorAutopatrol: rnd() < 0.2,
    creatorBlocked: rnd() < 0.02,
    hasReference: rnd() < 0.5,
    afcState: namespace === 118 ? pick([1, 2, 3, 4] as const) : 1,
    copyvioRevId: rnd() < 0.02 ? 7 : null,
    recreated: rnd() < 0.02,
  };
  return {
    wiki,
    pageId,
    namespace,
    title: `Page_${pageId}`,
    isRedirect: rnd() < 0.15,
    status,
    nominated: csd,
    createdAt,
    // A third reviewed off the hour, so that "reviewed since" counts part of an hour as well.
    reviewedUpdated: createdAt + Math.floor(rnd() * 100) * 3600 + (pageId % 3 === 0 ? pageId % 3600 : 0),
    tagsUpdated: 1,
    lastReviewedBy: 0,
    reviewerName: '',
    metadata,
    oresArticleQuality: rnd() < 0.1 ? null : rnd(),
    oresDraftQuality: rnd() < 0.1 ? null : pick([0, 1, 1, 1, 2, 3]),
  };
}

/** The filter applied row by row: the meaning of QueueFilter, without any index. */
function matches(e: Entry, f: QueueFilter): boolean {
  const m = e.metadata;
  if (e.namespace !== f.namespace) return false;
  if (f.state === 'none') return false;
  if (f.state === 'unreviewed' && e.status !== 0) return false;
  if (f.state === 'reviewed' && e.status === 0) return false;
  if (!matchesType(f.type, e.isRedirect, e.nominated)) return false;
  if (f.createdFrom !== undefined && e.createdAt < f.createdFrom) return false;
  if (f.createdTo !== undefined && e.createdAt > f.createdTo) return false;
  if (f.noCategory && m.categoryCount !== 0) return false;
  if (f.unreferenced && m.hasReference) return false;
  if (f.noInboundLinks && m.linkCount !== 0) return false;
  if (f.recreated && !m.recreated) return false;
  if (f.nonAutoconfirmed && m.creatorAutoconfirmed) return false;
  if (f.learners && m.creatorExperience !== 'learner') return false;
  if (f.blockedUsers && !m.creatorBlocked) return false;
  if (f.bots && !m.creatorBot) return false;
  if (f.autopatrolledCreators && !m.creatorAutopatrol) return false;
  if (f.username !== undefined && m.creatorName !== f.username) return false;
  if (f.keyword !== undefined && !m.snippet.includes(f.keyword)) return false;
  if (f.afcState !== undefined && m.afcState !== f.afcState) return false;
  if (f.ores?.issues) {
    const ok = f.ores.issues.some((i) =>
      i === 'copyvio'
        ? m.copyvioRevId !== null
        : i === 'none'
          ? m.copyvioRevId === null && (e.oresDraftQuality === 1 || e.oresDraftQuality === null)
          : e.oresDraftQuality === { attack: 0, spam: 2, vandalism: 3 }[i],
    );
    if (!ok) return false;
  }
  if (f.ores?.classes) {
    const q = e.oresArticleQuality;
    if (q === null) return false;
    const order = ['stub', 'start', 'c', 'b', 'good', 'featured'];
    const cls = BOUNDS.findIndex((upper) => q < upper);
    if (!f.ores.classes.includes(order[cls === -1 ? 5 : cls] as never)) return false;
  }
  return true;
}

function expected(all: Entry[], q: QueueListQuery): number[] {
  const byReview = sortsByReview(q.sort);
  const desc = sortsDescending(q.sort);
  const key = (e: Entry) => (byReview ? e.reviewedUpdated : e.createdAt);
  const after = q.after;
  return all
    .filter((e) => matches(e, q.filter))
    .filter((e) => {
      if (!after) return true;
      const k = key(e);
      if (after.pageId === undefined) return desc ? k < after.timestamp : k > after.timestamp;
      return desc
        ? k < after.timestamp || (k === after.timestamp && e.pageId < after.pageId)
        : k > after.timestamp || (k === after.timestamp && e.pageId > after.pageId);
    })
    .sort((a, b) => {
      const d = key(a) - key(b) || a.pageId - b.pageId;
      return desc ? -d : d;
    })
    .slice(0, q.limit + 1)
    .map((e) => e.pageId);
}

const base: QueueFilter = {
  ...allPagesFilter(0),
  state: 'unreviewed',
  type: { kind: 'and', redirect: false, nominated: false },
};

/** Filters chosen to send the planner down each of its paths. */
const FILTERS: [string, Partial<QueueFilter>][] = [
  ['default feed', {}],
  ['all states and types', { state: 'any', type: { kind: 'all' } }],
  ['reviewed only', { state: 'reviewed', type: { kind: 'all' } }],
  ['redirects or nominated', { state: 'any', type: { kind: 'or', redirect: true, nominated: true } }],
  ['no state', { state: 'none' }],
  ['no category, unreferenced', { noCategory: true, unreferenced: true }],
  ['blocked creators', { state: 'any', type: { kind: 'all' }, blockedUsers: true }],
  ['recreated', { state: 'any', recreated: true }],
  ['bots', { bots: true }],
  ['learners, not autoconfirmed', { learners: true, nonAutoconfirmed: true }],
  ['small creator', { state: 'any', type: { kind: 'all' }, username: 'User 7' }],
  ['heavy bot creator', { username: BOT }],
  ['common keyword', { keyword: 'the' }],
  ['rare keyword', { state: 'any', type: { kind: 'all' }, keyword: 'Quasirandom' }],
  ['keyword with LIKE wildcards', { state: 'any', keyword: 'a%b_c' }],
  ['non-ASCII keyword', { state: 'any', keyword: 'ïve' }],
  ['two-character keyword', { keyword: 'ta' }],
  ['keyword matching nothing', { keyword: 'Nowhere' }],
  ['case differs', { keyword: 'station' }],
  [
    'date range',
    { state: 'any', createdFrom: 1_600_000_000 + 100 * 3600, createdTo: 1_600_000_000 + 130 * 3600 },
  ],
  ['pending drafts', { namespace: 118, state: 'any', type: { kind: 'all' }, afcState: 2 }],
  ['unsubmitted drafts', { namespace: 118, afcState: 1 }],
  ['copyvio', { state: 'any', type: { kind: 'all' }, ores: { classes: null, issues: ['copyvio'] } }],
  ['issues none or spam', { ores: { classes: null, issues: ['none', 'spam'] } }],
  ['classes', { state: 'any', ores: { classes: ['stub', 'b'], issues: null } }],
  ['autopatrolled creators', { state: 'any', autopatrolledCreators: true }],
  [
    'blocked bot learners',
    { state: 'any', type: { kind: 'all' }, bots: true, learners: true, blockedUsers: true },
  ],
  ['no inbound links, not autoconfirmed', { noInboundLinks: true, nonAutoconfirmed: true }],
  [
    'every counted flag',
    {
      state: 'any',
      type: { kind: 'all' },
      noCategory: true,
      unreferenced: true,
      noInboundLinks: true,
      nonAutoconfirmed: true,
      autopatrolledCreators: true,
    },
  ],
  ['bots, not autoconfirmed (none)', { state: 'any', bots: true, nonAutoconfirmed: true }],
  ['keyword of common trigrams across words', { state: 'any', keyword: 'gamma delta' }],
  ['long keyword', { state: 'any', type: { kind: 'all' }, keyword: 'river the Station' }],
  ['rare keyword and learners', { state: 'any', keyword: 'Quasirandom', learners: true }],
];
const SORTS: SortOrder[] = ['newestfirst', 'oldestfirst', 'newestreview', 'oldestreview'];

/** SQLite always; PostgreSQL when TEST_POSTGRES_URL names a database (a schema per run). */
const postgresUrl = process.env.TEST_POSTGRES_URL;
const backends: [string, () => Promise<{ store: ReviewStore; cleanup: () => Promise<void> }>][] = [
  [
    'sqlite',
    async () => {
      const store = await openMemoryStore();
      return { store: openReviewStore(store), cleanup: () => store.close() };
    },
  ],
];
if (postgresUrl) {
  backends.push([
    'postgres',
    async () => {
      const schema = `wq_planner_${process.pid}_${randomBytes(4).toString('hex')}`;
      const store = await openStore(postgresUrl, { schema });
      await store.migrate(subsystemMigrations());
      return {
        store: openReviewStore(store),
        cleanup: async () => {
          await store.close();
          await dropPostgresSchema(postgresUrl, schema);
        },
      };
    },
  ]);
}

describe.each(backends)('review queue list planner (%s)', (_name, open) => {
  let store: ReviewStore;
  let cleanup: () => Promise<void>;
  let all: Entry[];

  beforeAll(async () => {
    ({ store, cleanup } = await open());
    const rnd = random(42);
    all = Array.from({ length: PAGES }, (_, i) => makeEntry(WIKI, i + 1, rnd));
    // Same ids in another wiki must never leak into the results.
    const other = Array.from({ length: 300 }, (_, i) => makeEntry(OTHER_WIKI, i + 1, rnd));
    const rows = (es: Entry[]) =>
      es.map((e) => ({ ...(e as NewQueuedPage), metadata: e.metadata, tagsUpdated: e.tagsUpdated }));
    await store.reviewQueue.upsertMany(rows([...all, ...other]));
    for (const e of all) {
      await store.reviewQueue.setPredictions(WIKI, e.pageId, {
        articleQuality: e.oresArticleQuality,
        draftQuality: e.oresDraftQuality,
      });
    }
    // Later changes go through the counter and trigram triggers too.
    for (const e of all.filter((x) => x.pageId % 97 === 0)) {
      e.metadata = {
        ...e.metadata,
        snippet: `${e.metadata.snippet} Quasirandom`,
        creatorBlocked: true,
        categoryCount: e.pageId % 2 ? 0 : 4,
        hasReference: e.pageId % 3 === 0,
        linkCount: e.pageId % 5 ? 0 : 2,
        creatorAutoconfirmed: e.pageId % 7 !== 0,
        creatorAutopatrol: e.pageId % 11 === 0,
      };
      await store.reviewQueue.saveMetadata(WIKI, e.pageId, e.metadata, 2);
    }
    for (const e of all.filter((x) => x.pageId % 89 === 0)) {
      e.status = 1;
      e.reviewedUpdated = 1_600_000_000 + 600 * 3600;
      await store.reviewQueue.setStatus(WIKI, e.pageId, {
        status: 1,
        reviewedUpdated: e.reviewedUpdated,
        lastReviewedBy: 1,
        reviewerName: 'R',
      });
    }
    const gone = all.filter((x) => x.pageId % 101 === 0).map((x) => x.pageId);
    await store.reviewQueue.delete(WIKI, gone);
    all = all.filter((x) => !gone.includes(x.pageId));
  });
  afterAll(async () => {
    await cleanup();
  });

  for (const [name, filter] of FILTERS) {
    it(`lists exactly the matching pages in every order: ${name}`, async () => {
      const f = { ...base, ...filter };
      for (const sort of SORTS) {
        for (const limit of [5, 60]) {
          const q: QueueListQuery = { filter: f, sort, limit };
          const got = (await store.reviewQueue.list(WIKI, q, { oresBounds: BOUNDS })).map((p) => p.pageId);
          expect(got, `${sort} limit ${limit}`).toEqual(expected(all, q));
          // The next page continues after the last row (timestamp and page id).
          const last = all.find((e) => e.pageId === got[limit - 1]);
          if (last) {
            const after = {
              timestamp: sortsByReview(sort) ? last.reviewedUpdated : last.createdAt,
              pageId: last.pageId,
            };
            const next: QueueListQuery = { ...q, after };
            const page2 = (await store.reviewQueue.list(WIKI, next, { oresBounds: BOUNDS })).map(
              (p) => p.pageId,
            );
            expect(page2, `${sort} limit ${limit} continued`).toEqual(expected(all, next));
          }
        }
      }
    });

    it(`counts exactly the matching pages: ${name}`, async () => {
      const f = { ...base, ...filter };
      const want = all.filter((e) => matches(e, f)).length;
      expect(await store.reviewQueue.count(WIKI, f, { oresBounds: BOUNDS })).toBe(want);
    });
  }

  it('finds a page that starts matching right after a list that matched nothing', async () => {
    // The planner plans with counts up to a few seconds old, but never concludes "empty" from them.
    const f: QueueFilter = { ...base, namespace: 4, state: 'any', type: { kind: 'all' }, recreated: true };
    const q: QueueListQuery = { filter: f, sort: 'newestfirst', limit: 5 };
    expect(await store.reviewQueue.list(WIKI, q, { oresBounds: BOUNDS })).toEqual([]);
    const rnd = random(7);
    const entry = makeEntry(WIKI, PAGES + 500, rnd);
    const page = { ...entry, namespace: 4, metadata: { ...entry.metadata, recreated: true } };
    await store.reviewQueue.upsertMany([
      { ...(page as NewQueuedPage), metadata: page.metadata, tagsUpdated: 1 },
    ]);
    try {
      const got = await store.reviewQueue.list(WIKI, q, { oresBounds: BOUNDS });
      expect(got.map((p) => p.pageId)).toEqual([page.pageId]);
      expect(await store.reviewQueue.count(WIKI, f, { oresBounds: BOUNDS })).toBe(1);
    } finally {
      await store.reviewQueue.delete(WIKI, [page.pageId]);
    }
    expect(await store.reviewQueue.list(WIKI, q, { oresBounds: BOUNDS })).toEqual([]);
  });

  it('finds a page whose snippet gained a rare keyword right after a list of that keyword', async () => {
    // The first list probes the keyword's candidates; the next ones may plan from that probe's
    // count, but must read the candidates as the index has them then.
    const f: QueueFilter = { ...base, state: 'any', type: { kind: 'all' }, keyword: 'Quasirandom' };
    const q: QueueListQuery = { filter: f, sort: 'oldestfirst', limit: 500 };
    const before = (await store.reviewQueue.list(WIKI, q, { oresBounds: BOUNDS })).map((p) => p.pageId);
    expect(before).toEqual(expected(all, q));
    const target = all.find((e) => e.namespace === 0 && !e.metadata.snippet.includes('Quasirandom'))!;
    const metadata = { ...target.metadata, snippet: `${target.metadata.snippet} Quasirandom` };
    await store.reviewQueue.saveMetadata(WIKI, target.pageId, metadata, 3);
    try {
      const after = (await store.reviewQueue.list(WIKI, q, { oresBounds: BOUNDS })).map((p) => p.pageId);
      expect(after).toEqual(
        expected(
          all.map((e) => (e === target ? { ...e, metadata } : e)),
          q,
        ),
      );
      expect(after).toContain(target.pageId);
    } finally {
      await store.reviewQueue.saveMetadata(WIKI, target.pageId, target.metadata, target.tagsUpdated ?? 1);
    }
    expect((await store.reviewQueue.list(WIKI, q, { oresBounds: BOUNDS })).map((p) => p.pageId)).toEqual(
      before,
    );
  });

  it('reports bucket counts and the oldest review time from the counters', async () => {
    const cases = [
      { namespace: 0, statuses: [0] as ReviewStatus[], isRedirect: false, nominated: false },
      { namespace: 0, statuses: [0] as ReviewStatus[], isRedirect: true, nominated: false },
      { namespace: 0, statuses: [1, 2] as ReviewStatus[], isRedirect: false },
      { namespace: 118, statuses: [0, 1, 2, 3] as ReviewStatus[], isRedirect: false, afcState: 2 },
      { namespace: 118, statuses: [0] as ReviewStatus[], isRedirect: false, afcState: 1 },
      { namespace: 5, statuses: [0] as ReviewStatus[], isRedirect: false },
    ];
    for (const c of cases) {
      const rows = all.filter(
        (e) =>
          e.namespace === c.namespace &&
          c.statuses.includes(e.status) &&
          e.isRedirect === c.isRedirect &&
          (c.nominated === undefined || e.nominated === c.nominated) &&
          (c.afcState === undefined || e.metadata.afcState === c.afcState),
      );
      const oldest = rows.length ? Math.min(...rows.map((e) => e.reviewedUpdated)) : null;
      expect(await store.reviewQueue.bucketStats(WIKI, c), JSON.stringify(c)).toEqual({
        count: rows.length,
        oldest,
      });
    }
  });

  it('counts pages reviewed since a time, whole hours and part of one', async () => {
    const hour = (h: number) => 1_600_000_000 + h * 3600;
    for (const since of [
      hour(300),
      hour(300) + 1,
      hour(450) + 1799,
      hour(600) - 1,
      hour(600),
      hour(600) + 1,
    ]) {
      for (const isRedirect of [false, true]) {
        const want = all.filter(
          (e) =>
            e.namespace === 0 &&
            [1, 2].includes(e.status) &&
            e.isRedirect === isRedirect &&
            e.reviewedUpdated >= since,
        ).length;
        expect(
          await store.reviewQueue.countReviewedSince(WIKI, {
            namespace: 0,
            statuses: [1, 2],
            isRedirect,
            since,
          }),
          `since ${since}, redirect ${isRedirect}`,
        ).toBe(want);
      }
    }
  });
  it('compacts the keyword index in steps that end, and keyword lists find the same pages after', async () => {
    let steps = 0;
    while (!(await store.reviewQueue.compactKeywordIndex()).done) {
      steps++;
      expect(steps, 'compaction ends').toBeLessThan(1000);
    }
    // SQLite's index was written in many segments (one per write above); PostgreSQL's pending list
    // is flushed in its one call.
    if (store.backend === 'sqlite') expect(steps).toBeGreaterThan(0);
    expect((await store.reviewQueue.compactKeywordIndex()).done).toBe(true);
    for (const [name, filter] of FILTERS.filter(([, f]) => f.keyword !== undefined)) {
      const q: QueueListQuery = { filter: { ...base, ...filter }, sort: 'newestfirst', limit: 60 };
      const got = (await store.reviewQueue.list(WIKI, q, { oresBounds: BOUNDS })).map((p) => p.pageId);
      expect(got, name).toEqual(expected(all, q));
    }
  });

  it('reclaims the counters (PostgreSQL: VACUUM outside any transaction) and counts the same after', async () => {
    await store.reviewQueue.reclaimCounters();
    for (const [name, filter] of FILTERS.slice(0, 8)) {
      const f = { ...base, ...filter };
      expect(await store.reviewQueue.count(WIKI, f, { oresBounds: BOUNDS }), name).toBe(
        all.filter((e) => matches(e, f)).length,
      );
    }
  });
});
