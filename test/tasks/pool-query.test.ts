import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageRank, seedStart, type WalkCursor } from '../../src/tasks/domain/task-order.ts';
import { TASK_TYPE_IDS } from '../../src/tasks/domain/task-types.ts';
import { Random } from '../../src/demo/random.ts';
import { queryPool, type PoolTask } from '../../src/tasks/pool-query.ts';
import { taskTopicCombinationCountMigration } from '../../src/tasks/store/migrations/024-task-topic-combination-count.ts';
import type {
  PoolEntry,
  PoolFilter,
  TaskPoolRepository,
} from '../../src/tasks/store/task-pool-repository.ts';
import { openTasksStore, type TasksStore } from '../../src/tasks/store/tasks-store.ts';
import type { TasksDatabase } from '../../src/tasks/store/tasks-schema.ts';
import { openTestStore, type OpenedTestStore } from '../factories/test-store.ts';
import { sqliteSchemaDialect } from '../../src/core/store/sqlite/sqlite-schema-dialect.ts';
import { postgresSchemaDialect } from '../../src/core/store/postgres/postgres-schema-dialect.ts';
import { testBackend } from '../factories/test-store.ts';

/**
 * The pool's query (pool-query.ts over the store's walk and counts) against an independent oracle:
 * random pools of pages with random types and topics, random filters (types, none to four topics,
 * OR and AND), seeds, page sizes and excluded pages; every walk followed by `continue` to its end
 * must hand out exactly the oracle's pages in the oracle's order, each with its first type and
 * asked topics, and every page of it must carry the oracle's exact count.
 */
const WIKI = 'poolwiki';
const TOPICS = ['asia', 'biography', 'europe', 'history', 'music', 'sports'];
const TYPES = TASK_TYPE_IDS.filter((t) => t !== 'link-recommendation');

let opened: OpenedTestStore;
let store: TasksStore;

interface OraclePage {
  id: number;
  types: Set<string>;
  topics: Set<string>;
}

function randomPages(r: Random, n: number, firstId: number): OraclePage[] {
  const ids = new Set<number>();
  while (ids.size < n) ids.add(firstId + r.int(0, 5_000_000));
  return [...ids].map((id) => ({
    id,
    types: new Set(r.sample(TYPES, r.int(1, 3))),
    topics: new Set(r.sample(TOPICS, r.int(0, 4))),
  }));
}

async function write(pages: readonly OraclePage[], gone: readonly number[] = []): Promise<void> {
  const entries: PoolEntry[] = pages.flatMap((p) =>
    [...p.types].map((taskType) => ({ pageId: p.id, taskType, topics: [...p.topics] })),
  );
  await store.transaction((tx) => tx.pool.replacePages(WIKI, [...pages.map((p) => p.id), ...gone], entries));
}

/** The walk the oracle expects: matching pages from the seed's start round the ranks, less the excluded. */
function expected(
  pool: Map<number, OraclePage>,
  filter: PoolFilter,
  start: number,
  excluded: ReadonlySet<number>,
) {
  const matches = (p: OraclePage) =>
    filter.taskTypes.some((t) => p.types.has(t)) &&
    (filter.topics.length === 0 ||
      (filter.mode === 'AND'
        ? filter.topics.every((t) => p.topics.has(t))
        : filter.topics.some((t) => p.topics.has(t))));
  const key = (p: OraclePage) => {
    const rank = pageRank(p.id);
    return [rank >= start ? 0 : 1, rank, p.id] as const;
  };
  const matching = [...pool.values()].filter(matches);
  const walk = matching
    .filter((p) => !excluded.has(p.id))
    .sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    })
    .map((p): PoolTask => ({
      pageId: p.id,
      taskType: TASK_TYPE_IDS.find((t) => filter.taskTypes.includes(t) && p.types.has(t))!,
      topics: filter.topics.filter((t) => p.topics.has(t)),
    }));
  return { walk, total: walk.length };
}

/** Follows the walk to its end; checks the count of every page. */
async function follow(
  filter: PoolFilter,
  start: number,
  limit: number,
  excluded: ReadonlySet<number>,
  total: number,
): Promise<PoolTask[]> {
  const seen: PoolTask[] = [];
  let cursor: WalkCursor | undefined;
  for (let i = 0; i < 1000; i++) {
    const page = await queryPool(store.pool, WIKI, {
      filter,
      start,
      cursor,
      limit,
      excludePageIds: excluded,
    });
    expect(page.totalCount).toBe(total);
    expect(page.tasks.length).toBeLessThanOrEqual(limit);
    seen.push(...page.tasks);
    if (!page.next) return seen;
    cursor = page.next;
  }
  throw new Error('the walk did not end');
}

/** The repository's methods bound to it, to wrap one of them. */
function bound(repo: TaskPoolRepository): TaskPoolRepository {
  const proto = Object.getPrototypeOf(repo) as object;
  return Object.fromEntries(
    Object.getOwnPropertyNames(proto)
      .filter((name) => name !== 'constructor')
      .map((name) => [name, (repo[name as keyof TaskPoolRepository] as () => unknown).bind(repo)]),
  ) as unknown as TaskPoolRepository;
}

const pool = new Map<number, OraclePage>();

beforeAll(async () => {
  opened = await openTestStore({ migrate: true });
  store = openTasksStore(opened.store);
  const r = new Random(7);
  const pages = randomPages(r, 400, 1);
  for (const p of pages) pool.set(p.id, p);
  await write(pages);
});

afterAll(() => opened.close());

describe('the pool query against its oracle', () => {
  it('walks every filter to its end in the oracle order, with the exact count', async () => {
    const r = new Random(11);
    for (let run = 0; run < 60; run++) {
      const taskTypes = r.sample(TYPES, r.int(1, TYPES.length));
      const topics = r.sample(TOPICS, r.int(0, 4));
      const filter: PoolFilter = { taskTypes, topics, mode: r.chance(0.5) ? 'AND' : 'OR' };
      const start = seedStart(`seed${run}`);
      const excluded = new Set(
        [...pool.keys()].filter(() => r.chance(0.2)).concat([123_456_789, 42].filter(() => r.chance(0.5))),
      );
      const limit = r.int(1, 30);
      const want = expected(pool, filter, start, excluded);
      const got = await follow(filter, start, limit, excluded, want.total);
      expect(got, JSON.stringify({ filter, limit, run })).toEqual(want.walk);
    }
  });

  it('skips a long run of excluded pages at the start of the walk in one read (a client’s seen pages)', async () => {
    const filter: PoolFilter = { taskTypes: TYPES, topics: [], mode: 'OR' };
    const start = seedStart('seen');
    const first = expected(pool, filter, start, new Set()).walk;
    let reads = 0;
    const counting: TaskPoolRepository = {
      ...bound(store.pool),
      walk: (...args) => {
        reads++;
        return store.pool.walk(...args);
      },
    };
    for (const n of [5, 60, 250, first.length - 3]) {
      const excluded = new Set(first.slice(0, n).map((t) => t.pageId));
      const want = expected(pool, filter, start, excluded);
      reads = 0;
      const page = await queryPool(counting, WIKI, {
        filter,
        start,
        cursor: undefined,
        limit: 20,
        excludePageIds: excluded,
      });
      expect(page.totalCount).toBe(want.total);
      expect(page.tasks).toEqual(want.walk.slice(0, 20));
      expect(page.next === undefined).toBe(want.walk.length <= 20);
      // The rows of the excluded pages are read in the same statement as those after them
      // (a second read at most, when the density was misjudged; a walk's end needs one more).
      expect(reads, `${n} excluded`).toBeLessThanOrEqual(want.walk.length <= 20 ? 3 : 2);
    }
  });

  it('keeps walks and counts exact while pages change their types and topics or leave', async () => {
    const r = new Random(23);
    const changed = [...pool.values()]
      .filter(() => r.chance(0.3))
      .map((p): OraclePage => ({
        id: p.id,
        types: new Set(r.sample(TYPES, r.int(1, 3))),
        topics: new Set(r.sample(TOPICS, r.int(0, 4))),
      }));
    const gone = [...pool.keys()].filter((id) => !changed.some((p) => p.id === id) && r.chance(0.15));
    const added = randomPages(r, 50, 6_000_000);
    await write([...changed, ...added], gone);
    for (const p of [...changed, ...added]) pool.set(p.id, p);
    for (const id of gone) pool.delete(id);
    for (const topics of [
      [],
      ['europe'],
      ['europe', 'history'],
      ['asia', 'music', 'sports'],
      TOPICS.slice(0, 4),
    ])
      for (const mode of ['OR', 'AND'] as const) {
        const filter: PoolFilter = { taskTypes: TYPES, topics, mode };
        const start = seedStart(`${mode}${topics.join()}`);
        const want = expected(pool, filter, start, new Set());
        expect(await follow(filter, start, 17, new Set(), want.total)).toEqual(want.walk);
      }
  });
});

describe('the counts of topic combinations', () => {
  it('kept by every pool write, they equal the counts migration 024 computes from the pool', async () => {
    const db = opened.store.repositories((ctx) => ctx.db()) as unknown as Kysely<TasksDatabase>;
    const rows = async () =>
      (
        await db
          .selectFrom('task_count')
          .selectAll()
          .where(sql<boolean>`substr(topic, 1, 2) = '&,'`)
          .execute()
      )
        .filter((r) => Number(r.pages) !== 0)
        .map((r) => `${r.wiki} ${r.topic} ${r.types} ${Number(r.pages)}`)
        .sort();
    const kept = await rows();
    expect(kept.length).toBeGreaterThan(0);
    await db
      .deleteFrom('task_count')
      .where(sql<boolean>`substr(topic, 1, 2) = '&,'`)
      .execute();
    const dialect = testBackend() === 'postgres' ? postgresSchemaDialect : sqliteSchemaDialect;
    await taskTopicCombinationCountMigration(dialect).up(db as unknown as Kysely<unknown>);
    expect(await rows()).toEqual(kept);
  });
});
