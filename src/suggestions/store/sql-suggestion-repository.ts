import { sql, type Selectable } from 'kysely';
import { chunkList } from '../../core/store/sql/batching.ts';
import { BULK_ROWS, type RowColumnType } from '../../core/store/sql/dialect-queries.ts';
import { newestDatasetRows } from './newest-dataset-rows.ts';
import type { SqlContext } from '../../core/store/sql/sql-context.ts';
import {
  uuidTime,
  type FeedbackRow,
  type InstanceOfRow,
  type SuggestionRow,
  type TitleCacheRow,
} from '../domain/image-suggestion.ts';
import type { Dataset, PageKey, SuggestionRepository } from './suggestion-repository.ts';
import type { ImageSuggestionTable, SuggestionsDatabase } from './suggestions-schema.ts';

/** image_suggestion's columns as written, with their types for `rowsTable`. */
const SUGGESTION_COLUMNS = {
  wiki: 'text',
  page_id: 'int',
  dataset_id: 'text',
  dataset_time: 'int',
  image: 'text',
  origin_wiki: 'text',
  confidence: 'real',
  found_on: 'text',
  kind: 'text',
  page_rev: 'int',
  section_heading: 'text',
  section_index: 'int',
  page_qid: 'text',
} as const satisfies Record<keyof ImageSuggestionTable, RowColumnType>;
const SUGGESTION_COLUMN_NAMES = Object.keys(SUGGESTION_COLUMNS) as (keyof ImageSuggestionTable)[];

export class SqlSuggestionRepository implements SuggestionRepository {
  readonly #ctx: SqlContext<SuggestionsDatabase>;

  constructor(ctx: SqlContext<SuggestionsDatabase>) {
    this.#ctx = ctx;
  }

  async newestDataset(wiki: string, pageId: number): Promise<Dataset | undefined> {
    const row = await this.#ctx
      .db()
      .selectFrom('image_suggestion')
      .select(['dataset_id', 'dataset_time'])
      .where('wiki', '=', wiki)
      .where('page_id', '=', pageId)
      .orderBy('dataset_time', 'desc')
      .orderBy('dataset_id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && { id: row.dataset_id, time: Number(row.dataset_time) };
  }

  async listNewest(wiki: string, pageId: number): Promise<SuggestionRow[]> {
    const newest = await this.newestDataset(wiki, pageId);
    if (!newest) return [];
    const rows = await this.#ctx
      .db()
      .selectFrom('image_suggestion')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('page_id', '=', pageId)
      .where('dataset_id', '=', newest.id)
      .orderBy('confidence', 'desc')
      .orderBy('image')
      .execute();
    return rows.map(toSuggestion);
  }

  async leadImagesOf(wiki: string, pageIds: readonly number[]): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    for (const [pageId, rows] of await newestDatasetRows(this.#ctx, wiki, pageIds)) {
      const lead = rows.filter((r) => r.sectionHeading === null);
      if (lead.length === 0) continue;
      lead.sort(
        (a, b) => b.confidence - a.confidence || (a.image < b.image ? -1 : a.image > b.image ? 1 : 0),
      );
      out.set(
        pageId,
        lead.map((r) => r.image),
      );
    }
    return out;
  }

  async insertMissing(rows: readonly SuggestionRow[]): Promise<number> {
    let added = 0;
    const db = this.#ctx.db();
    const timeOf = datasetTimes();
    for (const chunk of chunkList(rows, BULK_ROWS)) {
      const table = this.#ctx.dialect.rowsTable(
        SUGGESTION_COLUMNS,
        chunk.map((r) => fromSuggestion(r, timeOf(r.id))),
        'r',
      );
      const result = await db
        .insertInto('image_suggestion')
        .columns(SUGGESTION_COLUMN_NAMES)
        .expression(
          db
            .selectFrom(table)
            .select(SUGGESTION_COLUMN_NAMES)
            .where(sql<boolean>`true`),
        )
        .onConflict((oc) => oc.columns(['wiki', 'page_id', 'dataset_id', 'image']).doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    return added;
  }

  async deletePage(wiki: string, pageId: number): Promise<number> {
    const r = await this.#ctx
      .db()
      .deleteFrom('image_suggestion')
      .where('wiki', '=', wiki)
      .where('page_id', '=', pageId)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async deleteSupersededDatasets(
    after: PageKey | undefined,
    limit: number,
  ): Promise<{ deleted: number; next: PageKey | undefined }> {
    const db = this.#ctx.db();
    const pages = await db
      .selectFrom('image_suggestion')
      .select(['wiki', 'page_id'])
      .select((eb) => eb.fn.count<number>('dataset_id').distinct().as('datasets'))
      .$if(after !== undefined, (q) =>
        q.where((eb) =>
          eb.or([
            eb('wiki', '>', after!.wiki),
            eb.and([eb('wiki', '=', after!.wiki), eb('page_id', '>', after!.pageId)]),
          ]),
        ),
      )
      .groupBy(['wiki', 'page_id'])
      .orderBy('wiki')
      .orderBy('page_id')
      .limit(limit)
      .execute();
    let deleted = 0;
    for (const p of pages) {
      if (Number(p.datasets) < 2) continue;
      const pageId = Number(p.page_id);
      const newest = await this.newestDataset(p.wiki, pageId);
      if (!newest) continue;
      const r = await db
        .deleteFrom('image_suggestion')
        .where('wiki', '=', p.wiki)
        .where('page_id', '=', pageId)
        .where('dataset_id', '!=', newest.id)
        .executeTakeFirst();
      deleted += Number(r.numDeletedRows);
    }
    const last = pages.at(-1);
    return {
      deleted,
      next: pages.length < limit || !last ? undefined : { wiki: last.wiki, pageId: Number(last.page_id) },
    };
  }

  async putFeedback(row: FeedbackRow): Promise<void> {
    const values = {
      wiki: row.wiki,
      page_id: row.page_id,
      filename: row.filename,
      id: row.id,
      origin_wiki: row.origin_wiki,
      user_id: row.user_id,
      is_accepted: row.is_accepted ? 1 : 0,
      is_rejected: row.is_rejected ? 1 : 0,
      rejection_reasons: JSON.stringify([...new Set(row.rejection_reasons)].sort()),
    };
    await this.#ctx
      .db()
      .insertInto('image_suggestion_feedback')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['wiki', 'page_id', 'filename', 'id']).doUpdateSet({
          origin_wiki: values.origin_wiki,
          user_id: values.user_id,
          is_accepted: values.is_accepted,
          is_rejected: values.is_rejected,
          rejection_reasons: values.rejection_reasons,
        }),
      )
      .execute();
  }

  async feedbackFilesOf(wiki: string, pageIds: readonly number[]): Promise<Map<number, Set<string>>> {
    const out = new Map<number, Set<string>>();
    if (pageIds.length === 0) return out;
    const rows = await this.#ctx
      .db()
      .selectFrom('image_suggestion_feedback')
      .select(['page_id', 'filename'])
      .where('wiki', '=', wiki)
      .where(this.#ctx.dialect.anyOf('page_id', [...new Set(pageIds)]))
      .where((eb) => eb.or([eb('is_accepted', '=', 1), eb('is_rejected', '=', 1)]))
      .execute();
    for (const r of rows) {
      const id = Number(r.page_id);
      const files = out.get(id) ?? new Set<string>();
      files.add(r.filename);
      out.set(id, files);
    }
    return out;
  }

  async listFeedback(wiki: string, pageId: number): Promise<FeedbackRow[]> {
    const rows = await this.#ctx
      .db()
      .selectFrom('image_suggestion_feedback')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('page_id', '=', pageId)
      .orderBy('filename')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      wiki: r.wiki,
      page_id: Number(r.page_id),
      filename: r.filename,
      id: r.id,
      origin_wiki: r.origin_wiki,
      user_id: Number(r.user_id),
      is_accepted: r.is_accepted === 1,
      is_rejected: r.is_rejected === 1,
      rejection_reasons: JSON.parse(r.rejection_reasons) as string[],
    }));
  }

  async putTitle(row: TitleCacheRow): Promise<void> {
    await this.#ctx
      .db()
      .insertInto('image_suggestion_title_cache')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['wiki', 'title']).doUpdateSet({ page_id: row.page_id, page_rev: row.page_rev }),
      )
      .execute();
  }

  async getTitle(wiki: string, title: string): Promise<TitleCacheRow | undefined> {
    const r = await this.#ctx
      .db()
      .selectFrom('image_suggestion_title_cache')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('title', '=', title)
      .executeTakeFirst();
    return r && { wiki: r.wiki, title: r.title, page_id: Number(r.page_id), page_rev: Number(r.page_rev) };
  }

  async putInstanceOf(row: InstanceOfRow): Promise<void> {
    const instanceOf = JSON.stringify([...new Set(row.instance_of)].sort());
    await this.#ctx
      .db()
      .insertInto('image_suggestion_instanceof_cache')
      .values({ wiki: row.wiki, page_id: row.page_id, page_rev: row.page_rev, instance_of: instanceOf })
      .onConflict((oc) =>
        oc.columns(['wiki', 'page_id']).doUpdateSet({ page_rev: row.page_rev, instance_of: instanceOf }),
      )
      .execute();
  }

  async getInstanceOf(wiki: string, pageId: number): Promise<InstanceOfRow | undefined> {
    const r = await this.#ctx
      .db()
      .selectFrom('image_suggestion_instanceof_cache')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('page_id', '=', pageId)
      .executeTakeFirst();
    return (
      r && {
        wiki: r.wiki,
        page_id: Number(r.page_id),
        page_rev: Number(r.page_rev),
        instance_of: JSON.parse(r.instance_of) as string[],
      }
    );
  }
}

/** The time of a dataset id, worked out once per id (a batch's rows mostly share one). */
function datasetTimes(): (id: string) => number {
  let last: { id: string; time: number } | undefined;
  return (id) => {
    if (last?.id === id) return last.time;
    const time = uuidTime(id);
    if (time === undefined) throw new Error(`not a time-based UUID: ${id}`);
    last = { id, time };
    return time;
  };
}

function fromSuggestion(r: SuggestionRow, time: number) {
  return {
    wiki: r.wiki,
    page_id: r.page_id,
    dataset_id: r.id,
    dataset_time: time,
    image: r.image,
    origin_wiki: r.origin_wiki,
    confidence: r.confidence,
    found_on: r.found_on === null ? null : JSON.stringify(r.found_on),
    kind: JSON.stringify(r.kind),
    page_rev: r.page_rev,
    section_heading: r.section_heading,
    section_index: r.section_index,
    page_qid: r.page_qid,
  };
}

function toSuggestion(r: Selectable<ImageSuggestionTable>): SuggestionRow {
  return {
    wiki: r.wiki,
    page_id: Number(r.page_id),
    id: r.dataset_id,
    image: r.image,
    origin_wiki: r.origin_wiki,
    confidence: Number(r.confidence),
    found_on: r.found_on === null ? null : (JSON.parse(r.found_on) as string[]),
    kind: JSON.parse(r.kind) as string[],
    page_rev: r.page_rev === null ? null : Number(r.page_rev),
    section_heading: r.section_heading,
    section_index: r.section_index === null ? null : Number(r.section_index),
    page_qid: r.page_qid,
  };
}
