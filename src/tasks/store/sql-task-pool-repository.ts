import { sql, type SqlBool, type Expression } from 'kysely';
import { chunkKeys, chunkRows } from '../../core/store/sql/batching.ts';
import type { SqlContext } from '../../core/store/sql/sql-context.ts';
import { pageRank } from '../domain/task-order.ts';
import type { PoolEntry, PoolFilter, TaskPoolRepository, WalkRow } from './task-pool-repository.ts';
import { TASK_TYPE_BITS, type TasksDatabase } from './tasks-schema.ts';
import { TOPIC_SET_PREFIX, topicInSet, topicSetKey } from './task-count-keys.ts';

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
    for (const [key, n] of [...delta].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (n === 0) continue;
      const [topic, types] = splitCountKey(key);
      await db
        .insertInto('task_count')
        .values({ wiki, topic, types, pages: n })
        .onConflict((oc) =>
          oc
            .columns(['wiki', 'topic', 'types'])
            .doUpdateSet((eb) => ({ pages: eb('task_count.pages', '+', eb.ref('excluded.pages')) })),
        )
        .execute();
    }
  }

  async walk(
    wiki: string,
    streams: readonly { taskType: string; topic?: string }[],
    from: { rank: number; pageId: number },
    below: number,
    limit: number,
  ): Promise<WalkRow[]> {
    if (streams.length === 0 || limit <= 0) return [];
    const db = this.#ctx.db();
    // `below - 1`: 2³¹ itself is no PostgreSQL integer. The redundant `rank >= from.rank` is the
    // range's lower bound for the index: neither SQLite nor PostgreSQL takes one from inside the
    // `or`, and without it a walk reads its stream from rank 0 up to `from` (all of a type's tasks
    // below the seed's start: 40 ms a request at 200,000 tasks).
    const after = (rank: Expression<number>, page: Expression<number>): Expression<SqlBool> =>
      sql<SqlBool>`${rank} >= ${from.rank} and (${rank} > ${from.rank} or ${page} > ${from.pageId}) and ${rank} <= ${below - 1}`;
    const out: WalkRow[] = [];
    // SQLite takes at most 500 terms in a compound select.
    for (let i = 0; i < streams.length; i += 400) {
      const parts = streams.slice(i, i + 400).map((s, k) =>
        s.topic === undefined
          ? db
              .selectFrom('task')
              .select(['page_id', 'rand', sql<number>`${i + k}`.as('stream')])
              .where('wiki', '=', wiki)
              .where('task_type', '=', s.taskType)
              .where(({ ref }) => after(ref('rand'), ref('page_id')))
              .orderBy('rand')
              .orderBy('page_id')
              .limit(limit)
          : db
              .selectFrom('task_topic')
              .select(['page_id', 'rand', sql<number>`${i + k}`.as('stream')])
              .where('wiki', '=', wiki)
              .where('topic', '=', s.topic)
              .where('task_type', '=', s.taskType)
              .where(({ ref }) => after(ref('rand'), ref('page_id')))
              .orderBy('rand')
              .orderBy('page_id')
              .limit(limit),
      );
      const [first, ...rest] = parts.map((q) => db.selectFrom(q.as('s')).selectAll());
      if (!first) continue;
      const rows = await rest.reduce((q, next) => q.unionAll(next), first).execute();
      for (const r of rows)
        out.push({ pageId: Number(r.page_id), rank: Number(r.rand), stream: Number(r.stream) });
    }
    return out.sort((a, b) => a.rank - b.rank || a.pageId - b.pageId || a.stream - b.stream);
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

  async topicsAmong(
    wiki: string,
    pageIds: readonly number[],
    topics: readonly string[],
  ): Promise<Map<number, Set<string>>> {
    const out = new Map<number, Set<string>>();
    if (topics.length === 0) return out;
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.#ctx
        .db()
        .selectFrom('task_topic')
        .select(['page_id', 'topic'])
        .distinct()
        .where('wiki', '=', wiki)
        .where('page_id', 'in', chunk)
        .where(this.#ctx.dialect.anyOf('topic', topics as string[]))
        .execute();
      for (const r of rows) {
        const id = Number(r.page_id);
        const set = out.get(id) ?? new Set<string>();
        set.add(r.topic);
        out.set(id, set);
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

  async count(wiki: string, filter: PoolFilter, pageIds?: readonly number[]): Promise<number> {
    if (filter.taskTypes.length === 0 || pageIds?.length === 0) return 0;
    const db = this.#ctx.db();
    const types = filter.taskTypes as string[];
    const n = (v: number | string | bigint | null | undefined) => Number(v ?? 0);
    if (pageIds === undefined && filter.topics.length <= 1) {
      // One topic (or none): pages are counted once per set of types (task_count), so the
      // distinct pages with any of the types is the sum over the sets that have one.
      const wanted = typeMask(types);
      const rows = await db
        .selectFrom('task_count')
        .select(['types', 'pages'])
        .where('wiki', '=', wiki)
        .where('topic', '=', filter.topics[0] ?? '')
        .execute();
      return rows.reduce((sum, r) => ((Number(r.types) & wanted) !== 0 ? sum + n(r.pages) : sum), 0);
    }
    if (pageIds === undefined) {
      // Several topics: the topic sets that meet them (OR) or hold them all (AND).
      const holds = filter.topics.map((t) => this.#ctx.dialect.containsText(sql.ref('topic'), topicInSet(t)));
      const wanted = typeMask(types);
      const rows = await db
        .selectFrom('task_count')
        .select(['types', (eb) => eb.fn.sum<number | string | bigint>('pages').as('pages')])
        .where('wiki', '=', wiki)
        .where('topic', 'like', `${TOPIC_SET_PREFIX}%`)
        .where((eb) => (filter.mode === 'AND' ? eb.and(holds) : eb.or(holds)))
        .groupBy('types')
        .execute();
      return rows.reduce((sum, r) => ((Number(r.types) & wanted) !== 0 ? sum + n(r.pages) : sum), 0);
    }
    if (filter.topics.length === 0) {
      const r = await db
        .selectFrom('task')
        .select(sql<number>`count(distinct page_id)`.as('n'))
        .where('wiki', '=', wiki)
        .where(this.#ctx.dialect.anyOf('task_type', types))
        .$if(pageIds !== undefined, (q) => q.where('page_id', 'in', pageIds as number[]))
        .executeTakeFirstOrThrow();
      return n(r.n);
    }
    const topics = filter.topics as string[];
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
      .$if(pageIds !== undefined, (q) => q.where('page_id', 'in', pageIds as number[]))
      .groupBy('page_id')
      .$if(filter.mode === 'AND', (q) => q.having(sql`count(distinct topic)`, '=', topics.length));
    const r = await db
      .selectFrom(matching.as('m'))
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .executeTakeFirstOrThrow();
    return n(r.n);
  }
}

/** A task row as the counts see it: `topic` '' for a `task` row, else the `task_topic` row's. */
interface TaskRow {
  pageId: number;
  taskType: string;
  topic: string;
}

/** The bit mask of `task_count.types` for a set of task types. */
function typeMask(types: Iterable<string>): number {
  let mask = 0;
  for (const t of types) {
    const bit = (TASK_TYPE_BITS as readonly string[]).indexOf(t);
    if (bit >= 0) mask |= 2 ** bit;
  }
  return mask;
}

/**
 * Pages by (topic, their types' mask), keyed `topic|mask`: under '' (all pages), under each topic,
 * and under the page's whole topic set (task-count-keys.ts). A page's tasks are filed under all of
 * its topics, so its mask is the same in each.
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
    if (types) add(`${topicSetKey(topics)}|${typeMask(types)}`);
  }
  return out;
}

function splitCountKey(key: string): [topic: string, types: number] {
  const at = key.lastIndexOf('|');
  return [key.slice(0, at), Number(key.slice(at + 1))];
}
