import type { SqlContext } from '../../core/store/sql/sql-context.ts';
import { chunkKeys } from '../../core/store/sql/batching.ts';
import type { Dataset } from './suggestion-repository.ts';
import type { SuggestionsDatabase } from './suggestions-schema.ts';

/** A row of a page's newest dataset, as the tag and lead-image reads need it. */
export interface NewestRow {
  image: string;
  confidence: number;
  sectionHeading: string | null;
}

/** Whether the dataset (`time`, `id`) is newer than `seen`: a greater time, then a greater id. */
export function isNewerDataset(seen: Dataset | undefined, time: number, id: string): boolean {
  return !seen || seen.time < time || (seen.time === time && seen.id < id);
}

/**
 * The rows of each page's newest dataset (pages without rows are absent), read in one statement
 * per 10,000 pages over the primary key's (wiki, page_id) prefix.
 */
export async function newestDatasetRows(
  ctx: SqlContext<SuggestionsDatabase>,
  wiki: string,
  pageIds: readonly number[],
): Promise<Map<number, NewestRow[]>> {
  const newest = new Map<number, Dataset & { rows: NewestRow[] }>();
  for (const chunk of chunkKeys([...new Set(pageIds)])) {
    const rows = await ctx
      .db()
      .selectFrom('image_suggestion')
      .select(['page_id', 'dataset_time', 'dataset_id', 'image', 'confidence', 'section_heading'])
      .where('wiki', '=', wiki)
      .where(ctx.dialect.anyOf('page_id', chunk))
      .execute();
    for (const r of rows) {
      const pageId = Number(r.page_id);
      const time = Number(r.dataset_time);
      let seen = newest.get(pageId);
      if (isNewerDataset(seen, time, r.dataset_id)) {
        seen = { time, id: r.dataset_id, rows: [] };
        newest.set(pageId, seen);
      }
      if (seen!.time !== time || seen!.id !== r.dataset_id) continue;
      seen!.rows.push({
        image: r.image,
        confidence: Number(r.confidence),
        sectionHeading: r.section_heading,
      });
    }
  }
  return new Map([...newest].map(([pageId, n]) => [pageId, n.rows]));
}
