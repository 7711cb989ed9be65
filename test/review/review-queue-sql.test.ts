import { randomBytes } from 'node:crypto';
import {
  CompiledQuery,
  sql,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewMetadata } from '../../src/review/domain/metadata.ts';
import {
  allPagesFilter,
  type QueueFilter,
  type QueueListQuery,
} from '../../src/review/domain/queue-filter.ts';
import type { NewQueuedPage } from '../../src/review/store/review-queue-repository.ts';
import type { ReviewDatabase } from '../../src/review/store/review-schema.ts';
import { openReviewStore } from '../../src/review/store/review-store.ts';
import { SqlReviewQueueRepository } from '../../src/review/store/sql-review-queue-repository.ts';
import { subsystemMigrations } from '../../src/create-services.ts';
import { openStore } from '../../src/core/store/open-store.ts';
import { dropPostgresSchema } from '../../src/core/store/postgres/open-postgres.ts';
import { SqlPageRepository } from '../../src/core/store/sql/page-repository.ts';
import type { SqlContext } from '../../src/core/store/sql/sql-context.ts';
import type { Store } from '../../src/core/store/store.ts';
import { makePage, openMemoryStore } from '../factories/store.ts';

/**
 * The SQL of the review queue's hot reads (pagetriagelist, pagetriagestats) and of the core reads
 * the list uses, as committed snapshots next to the store code: src/review/store/queries/ and
 * src/core/store/sql/queries/, one file per query shape and database, headed by the call and the
 * index it relies on. Each shape runs once through the real repository on a migrated store; every
 * statement it sends is captured (a Kysely plugin on the repository's context, in the order the
 * repository issues them) and compared with the file, and the plan of its key statement must use
 * the named index (SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN with sequential scans and
 * sorts off), so that a snapshot's claim cannot go stale. The files hold the SQL text as sent, with
 * line breaks before its clauses; parameters stay placeholders. A changed query fails here: review
 * the new SQL and its plan, then regenerate with `npx vitest run test/review/review-queue-sql.test.ts
 * -u` (with TEST_POSTGRES_URL set, to regenerate the PostgreSQL files as well).
 */

const WIKI = 'sqlwiki';
const OTHER_WIKI = 'otherwiki';
const PAGES = 3000;
const CREATOR = 'User 7';
/** A word no other snippet shares a trigram with, in every 300th page. */
const RARE_KEYWORD = 'Zyxwvq';

type Repositories = { queue: SqlReviewQueueRepository; pages: SqlPageRepository };

interface Shape {
  /** File stem of the snapshot. */
  name: string;
  /** The repository call and what it stands for. */
  call: string;
  /** The index the key statement is planned to read (PostgreSQL's name; see sqliteIndexName). */
  index: string;
  /** Which captured statement is the key one: its position from the end (-1: the last). */
  key?: number;
  /** Where PostgreSQL's planner (which no INDEXED BY binds) reads another index, and why. */
  postgres?: { index: string; why: string };
  run: (r: Repositories) => Promise<unknown>;
}

const feed: QueueFilter = {
  ...allPagesFilter(0),
  state: 'unreviewed',
  type: { kind: 'and', redirect: false, nominated: false },
};
const list =
  (filter: Partial<QueueFilter>, rest: Partial<QueueListQuery> = {}) =>
  (r: Repositories) =>
    r.queue.list(
      WIKI,
      { filter: { ...feed, ...filter }, sort: 'newestfirst', limit: 20, ...rest },
      { oresBounds: [] },
    );

const REVIEW_SHAPES: Shape[] = [
  {
    name: 'list-one-bucket',
    call: 'SqlReviewQueueRepository.list: one bucket in creation order (the default feed)',
    index: 'review_page_bucket_created_idx',
    run: list({}),
  },
  {
    name: 'list-buckets-merged',
    call: 'SqlReviewQueueRepository.list: several buckets merged (any state; redirects or nominated)',
    index: 'review_page_bucket_created_idx',
    run: list({ state: 'any', type: { kind: 'or', redirect: true, nominated: true } }),
  },
  {
    name: 'list-rare-filter',
    call: "SqlReviewQueueRepository.list: a rare filter's partial index (blocked creators, every state and type)",
    index: 'review_page_blocked_idx',
    run: list({ state: 'any', type: { kind: 'all' }, blockedUsers: true }),
  },
  {
    name: 'list-namespace',
    call: 'SqlReviewQueueRepository.list: every state and type, through the namespace index',
    index: 'review_page_namespace_created_idx',
    run: list({ state: 'any', type: { kind: 'all' } }),
  },
  {
    name: 'list-review-order',
    call: 'SqlReviewQueueRepository.list: one bucket in review-date order (oldestreview)',
    index: 'review_page_bucket_review_idx',
    run: list({}, { sort: 'oldestreview' }),
  },
  {
    name: 'list-counted-flags',
    call: 'SqlReviewQueueRepository.list: one bucket with counted flags (no category, unreferenced); keys first on PostgreSQL',
    index: 'review_page_bucket_created_idx',
    run: list({ noCategory: true, unreferenced: true }),
  },
  {
    name: 'list-keyword',
    call: `SqlReviewQueueRepository.list: a rare keyword ("${RARE_KEYWORD}"), candidates from the substring index`,
    index: 'review_page_snippet_idx',
    key: -2,
    run: list({ state: 'any', type: { kind: 'all' }, keyword: RARE_KEYWORD }),
  },
  {
    name: 'list-username',
    call: `SqlReviewQueueRepository.list: one creator's pages ("${CREATOR}"), through the creator index`,
    index: 'review_page_creator_idx',
    run: list({ state: 'any', type: { kind: 'all' }, username: CREATOR }),
  },
  {
    name: 'list-continued',
    call: 'SqlReviewQueueRepository.list: the default feed continued after a position (row-value comparison)',
    index: 'review_page_bucket_created_idx',
    run: list({}, { after: { timestamp: 1_600_000_000 + 250 * 3600, pageId: 1500 } }),
  },
  {
    name: 'count-counted',
    call: 'SqlReviewQueueRepository.count: a filter of counted conditions only, answered by the counters',
    index: 'review_queue_count_pk',
    run: (r) => r.queue.count(WIKI, { ...feed, noCategory: true }, { oresBounds: [] }),
  },
  {
    name: 'count-username',
    call: `SqlReviewQueueRepository.count: one creator's pages ("${CREATOR}"), read through the creator index`,
    index: 'review_page_creator_idx',
    run: (r) => r.queue.count(WIKI, { ...feed, username: CREATOR }, { oresBounds: [] }),
  },
  {
    name: 'bucket-stats',
    call: 'SqlReviewQueueRepository.bucketStats: count and oldest review time of the unreviewed articles',
    index: 'review_page_bucket_review_idx',
    run: (r) => r.queue.bucketStats(WIKI, { namespace: 0, statuses: [0], isRedirect: false }),
  },
  {
    name: 'count-reviewed-since',
    call: 'SqlReviewQueueRepository.countReviewedSince: articles reviewed since a time (pagetriagestats)',
    index: 'review_page_bucket_review_idx',
    postgres: {
      index: 'review_page_namespace_review_idx',
      why: "it reads the hour's range of review times in the namespace and tests the bucket on each row",
    },
    run: (r) =>
      r.queue.countReviewedSince(WIKI, {
        namespace: 0,
        statuses: [1, 2, 3],
        isRedirect: false,
        since: 1_600_000_000 + 300 * 3600 + 1800,
      }),
  },
];

const PAGE_SHAPES: Shape[] = [
  {
    name: 'pages-existing-titles',
    call: "SqlPageRepository.existingTitles: which creators' user and user-talk pages exist (pagetriagelist's links)",
    index: 'page_title_uq',
    run: (r) => r.pages.existingTitles(WIKI, [2, 3], ['User_1', 'User_7', 'Nobody']),
  },
  {
    name: 'pages-by-titles',
    call: 'SqlPageRepository.getManyByTitles: pages of titles in two namespaces',
    index: 'page_title_uq',
    run: (r) =>
      r.pages.getManyByTitles(WIKI, [
        { namespace: 0, title: 'Page_1' },
        { namespace: 2, title: 'User_7' },
        { namespace: 2, title: 'Nobody' },
      ]),
  },
];

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

type Row = NewQueuedPage & { metadata: ReviewMetadata; tagsUpdated: number };

function makeRow(wiki: string, pageId: number, rnd: () => number): Row {
  const status = ([0, 0, 0, 1, 2, 3] as const)[Math.floor(rnd() * 6)]!;
  const createdAt = 1_600_000_000 + Math.floor(rnd() * 500) * 3600;
  const csd = rnd() < 0.05;
  const creatorName = `User ${Math.floor(rnd() * 300)}`;
  return {
    wiki,
    pageId,
    namespace: rnd() < 0.6 ? 0 : rnd() < 0.5 ? 2 : 118,
    title: `Page_${pageId}`,
    isRedirect: rnd() < 0.15,
    status,
    createdAt,
    reviewedUpdated: createdAt + Math.floor(rnd() * 100) * 3600 + (pageId % 3600),
    lastReviewedBy: 0,
    reviewerName: '',
    tagsUpdated: 1,
    metadata: {
      linkCount: rnd() < 0.4 ? 0 : 3,
      categoryCount: rnd() < 0.3 ? 0 : 2,
      csd,
      prod: false,
      blpProd: false,
      afd: false,
      revCount: 1,
      pageLen: 100,
      snippet: `alpha beta river station ${pageId % 300 === 0 ? RARE_KEYWORD : 'gamma'}`,
      creatorId: 1,
      creatorName,
      creatorEditCount: 5,
      creatorRegistration: 1_500_000_000,
      creatorAutoconfirmed: rnd() < 0.5,
      creatorExperience: (['newcomer', 'learner', 'experienced'] as const)[Math.floor(rnd() * 3)]!,
      creatorBot: false,
      creatorAutopatrol: rnd() < 0.2,
      creatorBlocked: rnd() < 0.02,
      hasReference: rnd() < 0.5,
      afcState: 1,
      copyvioRevId: null,
      recreated: false,
    },
  };
}

/**
 * Records the statements executed through the Kysely it is added to, compiled as that Kysely
 * compiles them (it must be the last plugin), in the order they are issued: queries run
 * concurrently (Promise.all) on a PostgreSQL pool complete in any order, but are issued in the
 * caller's. Kysely also passes subqueries through plugins as they are built; only a query whose
 * result comes back was sent (its latest compilation: a builder and the subqueries made from it
 * share one query id).
 */
class StatementRecorder implements KyselyPlugin {
  readonly #seen: { queryId: QueryId; query: CompiledQuery; executed: boolean }[] = [];

  constructor(private readonly compile: (node: RootOperationNode, queryId: QueryId) => CompiledQuery) {}

  get statements(): CompiledQuery[] {
    return this.#seen.filter((s) => s.executed).map((s) => s.query);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.#seen.push({ queryId: args.queryId, query: this.compile(args.node, args.queryId), executed: false });
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const sent = this.#seen.findLast((s) => s.queryId === args.queryId);
    if (sent) sent.executed = true;
    return Promise.resolve(args.result);
  }
}

/** Fresh repositories on the store's database whose statements `recorder` records. */
function recordedRepositories(store: Store): { repos: Repositories; recorder: StatementRecorder } {
  return store.repositories<{ repos: Repositories; recorder: StatementRecorder }, ReviewDatabase>((ctx) => {
    const base = ctx.db();
    const recorder = new StatementRecorder((node, queryId) => base.getExecutor().compileQuery(node, queryId));
    // One recorded handle for the shape: the dialects cache per handle what they learnt
    // (trigram frequencies, samples), so each shape starts as a fresh process would.
    const recorded = base.withPlugin(recorder);
    const recordedCtx: SqlContext<ReviewDatabase> = { ...ctx, db: () => recorded };
    return {
      recorder,
      repos: {
        queue: new SqlReviewQueueRepository(recordedCtx),
        pages: new SqlPageRepository(recordedCtx as unknown as SqlContext),
      },
    };
  });
}

/**
 * The SQL as sent, with a line break (instead of the space) before each clause keyword outside
 * quotes, so that a diff points at the clause that changed. Nothing else is touched.
 */
function formatStatement(text: string): string {
  return text
    .split(/('(?:[^']|'')*'|"(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/ (?=(?:select|from|where|and|order by|group by|limit|union all)\b)/gi, '\n'),
    )
    .join('');
}

/** The index the key statement of `shape` reads on `dialect`. */
function indexOf(shape: Shape, dialect: Backend['dialect']): string {
  return dialect === 'postgres' && shape.postgres ? shape.postgres.index : shape.index;
}

function snapshotText(
  shape: Shape,
  dialect: Backend['dialect'],
  statements: CompiledQuery[],
  keyAt: number,
): string {
  const postgres = dialect === 'postgres' && shape.postgres;
  const header = [
    `-- ${shape.call}`,
    `-- Relies on ${indexOf(shape, dialect)} (statement ${keyAt + 1} of ${statements.length}; the test checks its plan).`,
    ...(postgres ? [`-- PostgreSQL's planner picks it over ${shape.index}: ${postgres.why}.`] : []),
    '-- Generated from the real code by test/review/review-queue-sql.test.ts; do not edit: regenerate',
    `-- with \`npx vitest run test/review/review-queue-sql.test.ts -u\`${dialect === 'postgres' ? ' and TEST_POSTGRES_URL set' : ''}.`,
  ];
  const body = statements.map(
    (s, i) => `-- statement ${i + 1} of ${statements.length}\n${formatStatement(s.sql)};`,
  );
  return `${header.join('\n')}\n\n${body.join('\n\n')}\n`;
}

interface Backend {
  dialect: 'sqlite' | 'postgres';
  open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>;
  /** The plan of `query` as text, one line per plan row. */
  plan: (db: Kysely<ReviewDatabase>, query: CompiledQuery) => Promise<string[]>;
  /** The name this database gives `index` (a constraint's index may be named otherwise). */
  indexName: (db: Kysely<ReviewDatabase>, index: string) => Promise<string>;
}

const sqliteBackend: Backend = {
  dialect: 'sqlite',
  open: async () => {
    const store = await openMemoryStore();
    return { store, cleanup: () => store.close() };
  },
  plan: async (db, query) => {
    const { rows } = await db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
    );
    return rows.map((r) => r.detail);
  },
  indexName: sqliteIndexName,
};

/**
 * SQLite keeps no name for a UNIQUE or PRIMARY KEY constraint's index (sqlite_autoindex_<table>_N):
 * the constraint's columns, read from the table's CREATE statement, identify it.
 */
async function sqliteIndexName(db: Kysely<ReviewDatabase>, index: string): Promise<string> {
  const named = await sql<{
    name: string;
  }>`select name from sqlite_master where type in ('index', 'table') and name = ${index}`.execute(db);
  if (named.rows.length > 0) return index;
  const { rows } = await sql<{
    tbl_name: string;
    sql: string;
  }>`select tbl_name, sql from sqlite_master where type = 'table' and sql like ${`%"${index}"%`}`.execute(db);
  const table = rows[0];
  const columns = table?.sql.match(new RegExp(`"${index}" (?:unique|primary key) \\(([^)]*)\\)`, 'i'))?.[1];
  if (!table || !columns) throw new Error(`no index or constraint named ${index}`);
  const wanted = columns.replace(/"/g, '').replace(/\s+/g, '');
  const indexes = await sql<{
    name: string;
  }>`select name from pragma_index_list(${table.tbl_name}) where origin in ('u', 'pk')`.execute(db);
  for (const { name } of indexes.rows) {
    const cols = await sql<{
      name: string;
    }>`select name from pragma_index_info(${name}) order by seqno`.execute(db);
    if (cols.rows.map((c) => c.name).join(',') === wanted) return name;
  }
  throw new Error(`no index of constraint ${index} (${wanted}) on ${table.tbl_name}`);
}

const postgresUrl = process.env.TEST_POSTGRES_URL;
const postgresBackend: Backend = {
  dialect: 'postgres',
  open: async () => {
    const url = postgresUrl!;
    const schema = `wq_sql_${process.pid}_${randomBytes(4).toString('hex')}`;
    const store = await openStore(url, { schema });
    await store.migrate(subsystemMigrations());
    return {
      store,
      cleanup: async () => {
        await store.close();
        await dropPostgresSchema(url, schema);
      },
    };
  },
  // With sequential scans and sorts off, the plan reads an index that serves the statement's
  // conditions and its order: at a test's few thousand rows the planner's own choice may differ
  // from the one it makes at a million (a sort of the few rows it expects to match).
  plan: (db, query) =>
    db.connection().execute(async (conn) => {
      await sql`set enable_seqscan = off`.execute(conn);
      await sql`set enable_sort = off`.execute(conn);
      try {
        const { rows } = await conn.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]),
        );
        return rows.map((r) => r['QUERY PLAN']);
      } finally {
        await sql`reset enable_seqscan`.execute(conn);
        await sql`reset enable_sort`.execute(conn);
      }
    }),
  indexName: async (_db, index) => index,
};

const backends: [string, Backend | string][] = [
  ['sqlite', sqliteBackend],
  ['postgres', postgresUrl ? postgresBackend : 'TEST_POSTGRES_URL is not set'],
];

describe.each(backends)('SQL of the hot review-queue reads (%s)', (_name, backend) => {
  if (typeof backend === 'string') {
    it.skip(`[skipped: ${backend}]`, () => {});
    return;
  }
  let store: Store;
  let cleanup: () => Promise<void>;
  let db: Kysely<ReviewDatabase>;

  beforeAll(async () => {
    ({ store, cleanup } = await backend.open());
    db = store.repositories<Kysely<ReviewDatabase>, ReviewDatabase>((ctx) => ctx.db());
    const rnd = random(9);
    const rows = [
      ...Array.from({ length: PAGES }, (_, i) => makeRow(WIKI, i + 1, rnd)),
      ...Array.from({ length: 300 }, (_, i) => makeRow(OTHER_WIKI, i + 1, rnd)),
    ];
    await openReviewStore(store).reviewQueue.upsertMany(rows);
    await store.transaction(async (tx) => {
      for (let i = 1; i <= 300; i++) {
        await tx.pages.insert(makePage({ wiki: WIKI, id: i, namespace: 0, title: `Page_${i}` }));
        await tx.pages.insert(makePage({ wiki: WIKI, id: 1000 + i, namespace: 2, title: `User_${i}` }));
        if (i % 2 === 0)
          await tx.pages.insert(makePage({ wiki: WIKI, id: 2000 + i, namespace: 3, title: `User_${i}` }));
      }
    });
    await sql`analyze`.execute(db);
  });

  afterAll(async () => {
    await cleanup?.();
  });

  const shapes: [string, Shape, string][] = [
    ...REVIEW_SHAPES.map((s): [string, Shape, string] => [s.name, s, '../../src/review/store/queries']),
    ...PAGE_SHAPES.map((s): [string, Shape, string] => [s.name, s, '../../src/core/store/sql/queries']),
  ];

  it.each(shapes)(
    '%s: the statements sent match the snapshot, and the key one reads its index',
    async (_n, shape, dir) => {
      const { repos, recorder } = recordedRepositories(store);
      await shape.run(repos);
      const statements = recorder.statements;
      const keyAt = statements.length + (shape.key ?? -1);
      expect(keyAt).toBeGreaterThanOrEqual(0);
      await expect(snapshotText(shape, backend.dialect, statements, keyAt)).toMatchFileSnapshot(
        `${dir}/${shape.name}.${backend.dialect}.sql`,
      );
      const index = await backend.indexName(db, indexOf(shape, backend.dialect));
      const plan = await backend.plan(db, statements[keyAt]!);
      expect(
        plan.some((line) => new RegExp(`\\b${index}\\b`).test(line)),
        `plan:\n${plan.join('\n')}`,
      ).toBe(true);
    },
  );
});
