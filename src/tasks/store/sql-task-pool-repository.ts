import { sql } from 'kysely';
import { chunkKeys, chunkRows } from '../../core/store/sql/batching.ts';
import { startsWith } from '../../core/store/sql/title-range.ts';
import type { SqlContext } from '../../core/store/sql/sql-context.ts';
import { pageRank } from '../domain/task-order.ts';
import type {
  PoolEntry,
  PoolFilter,
  PoolSize,
  TaskPoolRepository,
  WalkRequest,
  WalkRow,
  WalkStream,
} from './task-pool-repository.ts';
import type { TasksDatabase } from './tasks-schema.ts';
import {
  MAX_COUNTED_COMBINATION,
  TOPIC_SET_PREFIX,
  topicCombinationKey,
  topicCombinations,
  topicInSet,
  topicSetKey,
  typeMask,
} from './task-count-keys.ts';

export class SqlTaskPoolRepository implements TaskPoolRepository {
  readonly #ctx: SqlContext<TasksDatabase>;

  constructor(ctx: SqlContext<TasksDatabase>) {
    this.#ctx = ctx;
  }

  async replacePages(wiki: string, pageIds: readonly number[], entries: readonly PoolEntry[]): Promise<void> {
    const db = this.#ctx.db();
    // What the deletes return is what this transaction removed (PostgreSQL re-reads a row a
    // concurrent refresh changed), so the counts move by exactly what changed.
    const removed: TaskRow[] = [];
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      for (const r of await db
        .deleteFrom('task')
        .where('wiki', '=', wiki)
        .where('page_id', 'in', chunk)
        .returning(['page_id', 'task_type'])
        .execute())
        removed.push({ pageId: Number(r.page_id), taskType: r.task_type, topic: '' });
      for (const r of await db
        .deleteFrom('task_topic')
        .where('wiki', '=', wiki)
        .where('page_id', 'in', chunk)
        .returning(['page_id', 'task_type', 'topic'])
        .execute())
        removed.push({ pageId: Number(r.page_id), taskType: r.task_type, topic: r.topic });
    }
    const tasks = entries.map((e) => ({
      wiki,
      task_type: e.taskType,
      page_id: e.pageId,
      rand: pageRank(e.pageId),
    }));
    for (const chunk of chunkRows(tasks, 4, this.#ctx.dialect.maxParameters))
      await db.insertInto('task').values(chunk).execute();
    const topics = entries.flatMap((e) =>
      [...new Set(e.topics)].map((topic) => ({
        wiki,
        topic,
        task_type: e.taskType,
        rand: pageRank(e.pageId),
        page_id: e.pageId,
      })),
    );
    for (const chunk of chunkRows(topics, 5, this.#ctx.dialect.maxParameters))
      await db.insertInto('task_topic').values(chunk).execute();
    const added: TaskRow[] = [
      ...tasks.map((t) => ({ pageId: t.page_id, taskType: t.task_type, topic: '' })),
      ...topics.map((t) => ({ pageId: t.page_id, taskType: t.task_type, topic: t.topic })),
    ];
    const delta = countsOf(added);
    for (const [key, n] of countsOf(removed)) delta.set(key, (delta.get(key) ?? 0) - n);
    // In key order: concurrent refreshes then lock the shared count rows in one order (PostgreSQL
    // would otherwise deadlock two that update the same rows the other way round).
    const changes = [...delta]
      .filter(([, n]) => n !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, pages]) => {
        const [topic, types] = splitCountKey(key);
        return { wiki, topic, types, pages };
      });
    for (const chunk of chunkRows(changes, 4, this.#ctx.dialect.maxParameters))
      await db
        .insertInto('task_count')
        .values(chunk)
        .onConflict((oc) =>
          oc
            .columns(['wiki', 'topic', 'types'])
            .doUpdateSet((eb) => ({ pages: eb('task_count.pages', '+', eb.ref('excluded.pages')) })),
        )
        .execute();
  }

  async walk(wiki: string, walk: WalkRequest): Promise<WalkRow[]> {
    const { streams, from, below, limit } = walk;
    const alsoUnder = walk.alsoUnder ?? [];
    if (streams.length === 0 || limit <= 0) return [];
    const db = this.#ctx.db();
    const { dialect } = this.#ctx;
    // `below - 1`: 2³¹ itself is no PostgreSQL integer. The redundant `rank >= from.rank` is the
    // range's lower bound for the index: neither SQLite nor PostgreSQL takes one from inside the
    // `or`, and without it a walk reads its stream from rank 0 up to `from` (all of a type's tasks
    // below the seed's start: 40 ms a request at 200,000 tasks).
    const after = sql`a.rand >= ${from.rank} and (a.rand > ${from.rank} or a.page_id > ${from.pageId}) and a.rand <= ${below - 1}`;
    // A page's tasks are filed under each of its topics: its task of a type is under another topic
    // exactly when the page is, a look-up in that topic's primary key. `offset 0` keeps it a test
    // of each row met (PostgreSQL would otherwise join it, guess one row, and read every row of
    // the stream's range to find `limit`).
    const filedUnder = sql.join(
      alsoUnder.map(
        (topic) =>
          sql` and exists (select 1 from task_topic b where b.wiki = a.wiki and b.topic = ${topic} and b.task_type = a.task_type and b.rand = a.rand and b.page_id = a.page_id limit 1 offset 0)`,
      ),
      sql``,
    );
    // One type: its range of task_rand (task_topic's primary key). Several: one range of the rank
    // index over every type (task_rank, task_topic_rank, migration 025), the others skipped.
    const part = (s: WalkStream, stream: number) => {
      const [table, byRank] =
        s.topic === undefined ? ['task', 'task_rank'] : ['task_topic', 'task_topic_rank'];
      const types =
        s.taskTypes.length === 1
          ? sql`a.task_type = ${s.taskTypes[0]}`
          : sql`a.task_type in (${sql.join(s.taskTypes)})`;
      return sql<WalkSqlRow>`select a.page_id, a.rand, a.task_type, ${sql.lit(stream)} as stream
        from ${sql.table(table)} ${s.taskTypes.length === 1 ? sql.id('a') : dialect.aliasUsingIndex('a', byRank)}
        where a.wiki = ${wiki}${s.topic === undefined ? sql`` : sql` and a.topic = ${s.topic}`} and ${types} and ${after}${s.topic === undefined ? sql`` : filedUnder}`;
    };
    const out: WalkRow[] = [];
    // Each stream is a range of an index in (rank, page id) order; their merge stops after `limit`
    // rows, whatever the number of streams.
    // SQLite takes at most 500 terms in a compound select: beyond, the parts' first rows merge here.
    // A page's rows come together, in no given order.
    for (let i = 0; i < streams.length; i += 400) {
      const parts = streams.slice(i, i + 400).map((s, k) => part(s, i + k));
      const merged = dialect.mergeOrdered<WalkSqlRow>(parts, ['rand', 'page_id'], limit);
      for (const r of (await merged.execute(db)).rows)
        out.push({
          pageId: Number(r.page_id),
          rank: Number(r.rand),
          taskType: r.task_type,
          stream: Number(r.stream),
        });
    }
    if (streams.length <= 400) return out;
    out.sort((a, b) => a.rank - b.rank || a.pageId - b.pageId);
    return out.slice(0, limit);
  }

  async typesOf(wiki: string, pageIds: readonly number[]): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.#ctx
        .db()
        .selectFrom('task')
        .select(['page_id', 'task_type'])
        .where('wiki', '=', wiki)
        .where('page_id', 'in', chunk)
        .execute();
      for (const r of rows) {
        const id = Number(r.page_id);
        out.set(id, [...(out.get(id) ?? []), r.task_type]);
      }
    }
    return out;
  }

  async exclude(wiki: string, pageId: number, taskType: string, until: number): Promise<void> {
    await this.#ctx
      .db()
      .insertInto('task_exclusion')
      .values({ wiki, page_id: pageId, task_type: taskType, until })
      .onConflict((oc) =>
        oc.columns(['wiki', 'page_id', 'task_type']).doUpdateSet((eb) => ({
          until: sql<number>`case when ${eb.ref('excluded.until')} > ${eb.ref('task_exclusion.until')} then ${eb.ref('excluded.until')} else ${eb.ref('task_exclusion.until')} end`,
        })),
      )
      .execute();
  }

  async exclusionsAmong(
    wiki: string,
    pageIds: readonly number[],
    now: number,
  ): Promise<Map<number, Map<string, number>>> {
    const out = new Map<number, Map<string, number>>();
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.#ctx
        .db()
        .selectFrom('task_exclusion')
        .select(['page_id', 'task_type', 'until'])
        .where('wiki', '=', wiki)
        .where('page_id', 'in', chunk)
        .where('until', '>', now)
        .execute();
      for (const r of rows) {
        const id = Number(r.page_id);
        const types = out.get(id) ?? new Map<string, number>();
        types.set(r.task_type, Number(r.until));
        out.set(id, types);
      }
    }
    return out;
  }

  async size(wiki: string, filter: PoolFilter): Promise<PoolSize> {
    const types = filter.taskTypes;
    const topics = [...new Set(filter.topics)];
    if (types.length === 0) return { pages: 0, tasks: 0, typeShare: 0 };
    // Pages are counted once per set of types (task_count) under '' (all), each topic and each
    // combination of two or three topics, so the distinct pages with any of the types under a
    // key is the sum over its sets that have one; an AND is its combination's key, an OR the
    // inclusion–exclusion sum over the keys of its combinations.
    const counted = topics.length <= MAX_COUNTED_COMBINATION;
    const and = filter.mode === 'AND' && topics.length > 1;
    const combinations = !counted || topics.length < 2 ? [] : and ? [topics] : topicCombinations(topics);
    const keys = topics.length === 0 ? [''] : [...topics, ...combinations.map(topicCombinationKey)];
    const byKey = await this.#sizeByKey(wiki, types, keys);
    const at = (key: string) => byKey.get(key) ?? { pages: 0, tasks: 0, allTasks: 0 };
    const walked = topics.length === 0 ? [''] : topics;
    const all = walked.reduce((sum, t) => sum + at(t).allTasks, 0);
    const typeShare = all === 0 ? 1 : walked.reduce((sum, t) => sum + at(t).tasks, 0) / all;
    const byTopic = topics.length > 1 ? new Map(topics.map((t) => [t, at(t).pages])) : undefined;
    if (topics.length <= 1) return { pages: at(walked[0]!).pages, tasks: at(walked[0]!).tasks, typeShare };
    if (and && counted) {
      const { pages, tasks } = at(topicCombinationKey(topics));
      return { pages, tasks, typeShare, byTopic };
    }
    if (counted) {
      const pages = [
        ...topics.map((t) => at(t).pages),
        ...combinations.map((c) => at(topicCombinationKey(c)).pages * (c.length % 2 === 0 ? -1 : 1)),
      ];
      return {
        pages: pages.reduce((a, b) => a + b, 0),
        tasks: topics.reduce((sum, t) => sum + at(t).tasks, 0),
        typeShare,
        byTopic,
      };
    }
    // More topics: the topic sets that meet them (OR) or hold them all (AND): a range of the
    // primary key (migration 024 orders `topic` by code point), not `like`, which neither
    // database reads as one.
    const holds = topics.map((t) => this.#ctx.dialect.containsText(sql.ref('topic'), topicInSet(t)));
    const wanted = typeMask(types);
    const rows = await this.#ctx
      .db()
      .selectFrom('task_count')
      .select(['types', (eb) => eb.fn.sum<number | string | bigint>('pages').as('pages')])
      .where('wiki', '=', wiki)
      .where(startsWith('topic', TOPIC_SET_PREFIX))
      .where((eb) => (filter.mode === 'AND' ? eb.and(holds) : eb.or(holds)))
      .groupBy('types')
      .execute();
    const pages = rows.reduce(
      (sum, r) => ((Number(r.types) & wanted) !== 0 ? sum + Number(r.pages) : sum),
      0,
    );
    return { pages, typeShare, byTopic };
  }

  async countAmong(wiki: string, filter: PoolFilter, pageIds: readonly number[]): Promise<number> {
    if (filter.taskTypes.length === 0 || pageIds.length === 0) return 0;
    const db = this.#ctx.db();
    const types = filter.taskTypes as string[];
    const topics = [...new Set(filter.topics)];
    const n = (v: number | string | bigint | null | undefined) => Number(v ?? 0);
    if (topics.length === 0) {
      const r = await db
        .selectFrom('task')
        .select(sql<number>`count(distinct page_id)`.as('n'))
        .where('wiki', '=', wiki)
        .where(this.#ctx.dialect.anyOf('task_type', types))
        .where('page_id', 'in', pageIds)
        .executeTakeFirstOrThrow();
      return n(r.n);
    }
    // Plain `in` lists (at most 39 topics and 8 types), not the dialect's `anyOf`: SQLite plans
    // `topic in (select … json_each(…))` as a read of every task_topic row of the wiki (by
    // task_topic_page), where a list is ranges of the primary key: 66 ms against 0.7 ms for a
    // rare topic at 200,000 tasks.
    const matching = db
      .selectFrom('task_topic')
      .select('page_id')
      .where('wiki', '=', wiki)
      .where('task_type', 'in', types)
      .where('topic', 'in', topics)
      .where('page_id', 'in', pageIds)
      .groupBy('page_id')
      .$if(filter.mode === 'AND', (q) => q.having(sql`count(distinct topic)`, '=', topics.length));
    const r = await db
      .selectFrom(matching.as('m'))
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .executeTakeFirstOrThrow();
    return n(r.n);
  }

  /**
   * Under each of the `task_count` keys, the distinct pages with a task of any of `taskTypes` and
   * their tasks of those types.
   */
  async #sizeByKey(
    wiki: string,
    taskTypes: readonly string[],
    keys: readonly string[],
  ): Promise<Map<string, KeySize>> {
    const out = new Map<string, KeySize>();
    const wanted = typeMask(taskTypes);
    const rows = await this.#ctx
      .db()
      .selectFrom('task_count')
      .select(['topic', 'types', 'pages'])
      .where('wiki', '=', wiki)
      .where('topic', 'in', [...new Set(keys)])
      .execute();
    for (const r of rows) {
      const size = out.get(r.topic) ?? { pages: 0, tasks: 0, allTasks: 0 };
      const [all, types, pages] = [Number(r.types), Number(r.types) & wanted, Number(r.pages)];
      size.allTasks += pages * bitCount(all);
      if (types !== 0) {
        size.pages += pages;
        size.tasks += pages * bitCount(types);
      }
      out.set(r.topic, size);
    }
    return out;
  }
}

/** Under a `task_count` key: pages with any of some types, their tasks of those types, and all their tasks. */
interface KeySize {
  pages: number;
  tasks: number;
  allTasks: number;
}

/** A row of a walk as the database returns it. */
interface WalkSqlRow {
  page_id: number | string;
  rand: number;
  task_type: string;
  stream: number;
}

/** The number of bits set. */
function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

/** A task row as the counts see it: `topic` '' for a `task` row, else the `task_topic` row's. */
interface TaskRow {
  pageId: number;
  taskType: string;
  topic: string;
}

/**
 * Pages by (topic, their types' mask), keyed `topic|mask`: under '' (all pages), under each topic,
 * under the page's whole topic set and under each combination of two or three of its topics
 * (task-count-keys.ts). A page's tasks are filed under all of its topics, so its mask is the same
 * in each.
 */
function countsOf(rows: readonly TaskRow[]): Map<string, number> {
  const typesOf = new Map<string, Set<string>>();
  const topicsOf = new Map<number, Set<string>>();
  for (const r of rows) {
    const page = `${r.topic}|${r.pageId}`;
    typesOf.set(page, (typesOf.get(page) ?? new Set<string>()).add(r.taskType));
    if (r.topic !== '') topicsOf.set(r.pageId, (topicsOf.get(r.pageId) ?? new Set<string>()).add(r.topic));
  }
  const out = new Map<string, number>();
  const add = (key: string) => out.set(key, (out.get(key) ?? 0) + 1);
  for (const [page, types] of typesOf) add(`${page.slice(0, page.lastIndexOf('|'))}|${typeMask(types)}`);
  for (const [pageId, topics] of topicsOf) {
    const types = typesOf.get(`|${pageId}`);
    if (!types) continue;
    const mask = typeMask(types);
    add(`${topicSetKey(topics)}|${mask}`);
    for (const c of topicCombinations(topics)) add(`${topicCombinationKey(c)}|${mask}`);
  }
  return out;
}

function splitCountKey(key: string): [topic: string, types: number] {
  const at = key.lastIndexOf('|');
  return [key.slice(0, at), Number(key.slice(at + 1))];
}
