import { sql } from 'kysely';
import { chunkKeys, chunkList, lastPerKey } from '../../core/store/sql/batching.ts';
import { BULK_ROWS } from '../../core/store/sql/dialect-queries.ts';
import type { SqlContext } from '../../core/store/sql/sql-context.ts';
import type { SectionFacts } from '../domain/page-suggestions.ts';
import {
  TAG_IMAGE,
  TAG_SECTION_IMAGE,
  type GeneratorRepository,
  type GeneratorRun,
  type StoredSections,
  type SuggestionTag,
  type TagChange,
} from './generator-repository.ts';
import type { Dataset } from './suggestion-repository.ts';
import { isNewerDataset, newestDatasetRows } from './newest-dataset-rows.ts';
import type { SuggestionsDatabase } from './suggestions-schema.ts';

/** Sections are stored compactly: [heading, number, files][]. */
type StoredSection = [string, number, string[]];

const SECTION_COLUMNS = { wiki: 'text', page_id: 'int', rev_id: 'int', sections: 'text' } as const;
const TAG_COLUMNS = { wiki: 'text', tag: 'text', page_id: 'int' } as const;

export class SqlGeneratorRepository implements GeneratorRepository {
  readonly #ctx: SqlContext<SuggestionsDatabase>;

  constructor(ctx: SqlContext<SuggestionsDatabase>) {
    this.#ctx = ctx;
  }

  async sectionsOf(wiki: string, pageIds: readonly number[]): Promise<Map<number, StoredSections>> {
    const out = new Map<number, StoredSections>();
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.#ctx
        .db()
        .selectFrom('image_suggestion_sections')
        .select(['page_id', 'rev_id', 'sections'])
        .where('wiki', '=', wiki)
        .where(this.#ctx.dialect.anyOf('page_id', chunk))
        .execute();
      for (const r of rows) {
        const sections = (JSON.parse(r.sections) as StoredSection[]).map(
          ([heading, number, files]): SectionFacts => ({ heading, number, files }),
        );
        out.set(Number(r.page_id), { revId: Number(r.rev_id), sections });
      }
    }
    return out;
  }

  async putSections(wiki: string, rows: readonly ({ pageId: number } & StoredSections)[]): Promise<void> {
    const values = lastPerKey(rows, (r) => String(r.pageId)).map((r) => ({
      wiki,
      page_id: r.pageId,
      rev_id: r.revId,
      sections: JSON.stringify(r.sections.map((s): StoredSection => [s.heading, s.number, s.files])),
    }));
    const db = this.#ctx.db();
    for (const chunk of chunkList(values, BULK_ROWS)) {
      const table = this.#ctx.dialect.rowsTable(SECTION_COLUMNS, chunk, 'r');
      await db
        .insertInto('image_suggestion_sections')
        .columns(['wiki', 'page_id', 'rev_id', 'sections'])
        .expression(
          db
            .selectFrom(table)
            .select(['wiki', 'page_id', 'rev_id', 'sections'])
            .where(sql<boolean>`true`),
        )
        .onConflict((oc) =>
          oc.columns(['wiki', 'page_id']).doUpdateSet((eb) => ({
            rev_id: eb.ref('excluded.rev_id'),
            sections: eb.ref('excluded.sections'),
          })),
        )
        .execute();
    }
  }

  async deleteSections(wiki: string, pageIds: readonly number[]): Promise<void> {
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      await this.#ctx
        .db()
        .deleteFrom('image_suggestion_sections')
        .where('wiki', '=', wiki)
        .where(this.#ctx.dialect.anyOf('page_id', chunk))
        .execute();
    }
  }

  /** image_suggestion_dataset covers the query: one entry per row of the pages. */
  async newestDatasets(wiki: string, pageIds: readonly number[]): Promise<Map<number, Dataset>> {
    const out = new Map<number, Dataset>();
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.#ctx
        .db()
        .selectFrom('image_suggestion')
        .select(['page_id', 'dataset_time', 'dataset_id'])
        .distinct()
        .where('wiki', '=', wiki)
        .where(this.#ctx.dialect.anyOf('page_id', chunk))
        .execute();
      for (const r of rows) {
        const pageId = Number(r.page_id);
        const time = Number(r.dataset_time);
        const seen = out.get(pageId);
        if (isNewerDataset(seen, time, r.dataset_id)) out.set(pageId, { id: r.dataset_id, time });
      }
    }
    return out;
  }

  async pagesWithDatasetBefore(
    wiki: string,
    time: number,
    afterId: number,
    limit: number,
  ): Promise<number[]> {
    const rows = await this.#ctx
      .db()
      .selectFrom('image_suggestion')
      .select('page_id')
      .distinct()
      .where('wiki', '=', wiki)
      .where('page_id', '>', afterId)
      .where('dataset_time', '<', time)
      .orderBy('page_id')
      .limit(limit)
      .execute();
    return rows.map((r) => Number(r.page_id));
  }

  async deleteSuggestions(wiki: string, pageIds: readonly number[]): Promise<number> {
    let deleted = 0;
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      const r = await this.#ctx
        .db()
        .deleteFrom('image_suggestion')
        .where('wiki', '=', wiki)
        .where(this.#ctx.dialect.anyOf('page_id', chunk))
        .executeTakeFirst();
      deleted += Number(r.numDeletedRows);
    }
    return deleted;
  }

  async setTags(
    wiki: string,
    pageIds: readonly number[],
    tags: ReadonlyMap<number, readonly SuggestionTag[]>,
  ): Promise<TagChange[]> {
    const before = await this.tagsOf(wiki, pageIds);
    const changes: TagChange[] = [];
    for (const pageId of new Set(pageIds)) {
      const was = before.get(pageId) ?? [];
      const now = [...new Set(tags.get(pageId) ?? [])].sort();
      if (was.join('|') !== now.join('|')) changes.push({ pageId, before: was, after: now });
    }
    // Only the pages whose tags change are written (a run over unchanged pages writes none).
    const db = this.#ctx.db();
    for (const chunk of chunkKeys(changes.filter((c) => c.before.length > 0).map((c) => c.pageId))) {
      await db
        .deleteFrom('image_suggestion_tag')
        .where('wiki', '=', wiki)
        .where(this.#ctx.dialect.anyOf('page_id', chunk))
        .execute();
    }
    const rows = changes.flatMap((c) => c.after.map((tag) => ({ wiki, tag, page_id: c.pageId })));
    for (const chunk of chunkList(rows, BULK_ROWS)) {
      const table = this.#ctx.dialect.rowsTable(TAG_COLUMNS, chunk, 'r');
      await db
        .insertInto('image_suggestion_tag')
        .columns(['wiki', 'tag', 'page_id'])
        .expression(db.selectFrom(table).select(['wiki', 'tag', 'page_id']))
        .execute();
    }
    return changes;
  }

  async recomputeTags(wiki: string, pageIds: readonly number[]): Promise<TagChange[]> {
    const tags = new Map<number, SuggestionTag[]>();
    for (const [pageId, rows] of await newestDatasetRows(this.#ctx, wiki, pageIds)) {
      const list: SuggestionTag[] = [];
      if (rows.some((r) => r.sectionHeading === null)) list.push(TAG_IMAGE);
      if (rows.some((r) => r.sectionHeading !== null)) list.push(TAG_SECTION_IMAGE);
      tags.set(pageId, list);
    }
    return this.setTags(wiki, pageIds, tags);
  }

  async tagsOf(wiki: string, pageIds: readonly number[]): Promise<Map<number, SuggestionTag[]>> {
    const out = new Map<number, SuggestionTag[]>();
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.#ctx
        .db()
        .selectFrom('image_suggestion_tag')
        .select(['page_id', 'tag'])
        .where('wiki', '=', wiki)
        .where(this.#ctx.dialect.anyOf('page_id', chunk))
        .orderBy('page_id')
        .orderBy('tag')
        .execute();
      for (const r of rows) {
        const list = out.get(Number(r.page_id)) ?? [];
        list.push(r.tag as SuggestionTag);
        out.set(Number(r.page_id), list);
      }
    }
    return out;
  }

  async pagesWithTag(wiki: string, tag: SuggestionTag, afterId: number, limit: number): Promise<number[]> {
    const rows = await this.#ctx
      .db()
      .selectFrom('image_suggestion_tag')
      .select('page_id')
      .where('wiki', '=', wiki)
      .where('tag', '=', tag)
      .where('page_id', '>', afterId)
      .orderBy('page_id')
      .limit(limit)
      .execute();
    return rows.map((r) => Number(r.page_id));
  }

  async countWithTag(wiki: string, tag: SuggestionTag): Promise<number> {
    const r = await this.#ctx
      .db()
      .selectFrom('image_suggestion_tag')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('wiki', '=', wiki)
      .where('tag', '=', tag)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async latestRun(wiki: string): Promise<GeneratorRun | undefined> {
    const r = await this.#ctx
      .db()
      .selectFrom('image_suggestion_run')
      .selectAll()
      .where('wiki', '=', wiki)
      .orderBy('started_at', 'desc')
      .orderBy('dataset_id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return (
      r && {
        wiki: r.wiki,
        datasetId: r.dataset_id,
        startedAt: Number(r.started_at),
        afterPageId: Number(r.after_page_id),
        pagesDone: Number(r.pages_done),
        suggestedPages: Number(r.suggested_pages),
        suggestions: Number(r.suggestions),
        sectionSuggestions: Number(r.section_suggestions),
        finishedAt: r.finished_at === null ? null : Number(r.finished_at),
      }
    );
  }

  async saveRun(run: GeneratorRun): Promise<void> {
    const values = {
      wiki: run.wiki,
      dataset_id: run.datasetId,
      started_at: run.startedAt,
      after_page_id: run.afterPageId,
      pages_done: run.pagesDone,
      suggested_pages: run.suggestedPages,
      suggestions: run.suggestions,
      section_suggestions: run.sectionSuggestions,
      finished_at: run.finishedAt,
    };
    await this.#ctx
      .db()
      .insertInto('image_suggestion_run')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['wiki', 'dataset_id']).doUpdateSet({
          after_page_id: values.after_page_id,
          pages_done: values.pages_done,
          suggested_pages: values.suggested_pages,
          suggestions: values.suggestions,
          section_suggestions: values.section_suggestions,
          finished_at: values.finished_at,
        }),
      )
      .execute();
  }
}
