import { chunkKeys, chunkRows } from '../../core/store/sql/batching.ts';
import type { SqlContext } from '../../core/store/sql/sql-context.ts';
import type { PageTopicRepository, TopicSource, TopicWeight } from './page-topic-repository.ts';
import type { TasksDatabase } from './tasks-schema.ts';

const PAGE_TOPIC_COLUMNS = 5;

export class SqlPageTopicRepository implements PageTopicRepository {
  readonly #ctx: SqlContext<TasksDatabase>;

  constructor(ctx: SqlContext<TasksDatabase>) {
    this.#ctx = ctx;
  }

  async replace(
    wiki: string,
    source: TopicSource,
    pages: ReadonlyMap<number, readonly TopicWeight[]>,
  ): Promise<void> {
    await this.deletePages(wiki, [...pages.keys()], source);
    const rows = [...pages].flatMap(([pageId, topics]) =>
      topics.map((t) => ({ wiki, page_id: pageId, topic: t.topic, weight: t.weight, source })),
    );
    for (const chunk of chunkRows(rows, PAGE_TOPIC_COLUMNS, this.#ctx.dialect.maxParameters))
      await this.#ctx.db().insertInto('page_topic').values(chunk).execute();
  }

  async topicsOf(
    wiki: string,
    pageIds: readonly number[],
    minWeight: number,
  ): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.#ctx
        .db()
        .selectFrom('page_topic')
        .select(['page_id', 'topic'])
        .where('wiki', '=', wiki)
        .where('page_id', 'in', chunk)
        .where('weight', '>=', minWeight)
        .orderBy('page_id')
        .orderBy('topic')
        .execute();
      for (const r of rows) {
        const id = Number(r.page_id);
        const list = out.get(id);
        if (list) list.push(r.topic);
        else out.set(id, [r.topic]);
      }
    }
    return out;
  }

  async weightsOf(
    wiki: string,
    pageIds: readonly number[],
  ): Promise<Map<number, (TopicWeight & { source: TopicSource })[]>> {
    const out = new Map<number, (TopicWeight & { source: TopicSource })[]>();
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.#ctx
        .db()
        .selectFrom('page_topic')
        .select(['page_id', 'topic', 'weight', 'source'])
        .where('wiki', '=', wiki)
        .where('page_id', 'in', chunk)
        .orderBy('page_id')
        .orderBy('topic')
        .execute();
      for (const r of rows) {
        const id = Number(r.page_id);
        const row = { topic: r.topic, weight: Number(r.weight), source: r.source as TopicSource };
        const list = out.get(id);
        if (list) list.push(row);
        else out.set(id, [row]);
      }
    }
    return out;
  }

  async pagesWithSource(wiki: string, pageIds: readonly number[], source: TopicSource): Promise<Set<number>> {
    const out = new Set<number>();
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.#ctx
        .db()
        .selectFrom('page_topic')
        .select('page_id')
        .distinct()
        .where('wiki', '=', wiki)
        .where('page_id', 'in', chunk)
        .where('source', '=', source)
        .execute();
      for (const r of rows) out.add(Number(r.page_id));
    }
    return out;
  }

  async listPages(wiki: string, source: TopicSource, afterId: number, limit: number): Promise<number[]> {
    const rows = await this.#ctx
      .db()
      .selectFrom('page_topic')
      .select('page_id')
      .distinct()
      .where('wiki', '=', wiki)
      .where('source', '=', source)
      .where('page_id', '>', afterId)
      .orderBy('page_id')
      .limit(limit)
      .execute();
    return rows.map((r) => Number(r.page_id));
  }

  async deletePages(wiki: string, pageIds: readonly number[], source?: TopicSource): Promise<number> {
    let deleted = 0;
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      let q = this.#ctx.db().deleteFrom('page_topic').where('wiki', '=', wiki).where('page_id', 'in', chunk);
      if (source !== undefined) q = q.where('source', '=', source);
      const r = await q.executeTakeFirst();
      deleted += Number(r.numDeletedRows);
    }
    return deleted;
  }
}
