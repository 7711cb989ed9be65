import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fail } from '../errors.ts';
import type { ReviewStoreOf } from './store/review-store.ts';

/** Draft-quality class names → ids (the ORES draftquality model's classes, §2.1). */
export const DRAFT_QUALITY_CLASSES: Record<string, number> = { attack: 0, ok: 1, spam: 2, vandalism: 3 };

export interface PredictionImportResult {
  lines: number;
  applied: number;
  /** Predictions for revisions that are not the latest of a queued page (the reference joins on page_latest). */
  skipped: number;
}

/**
 * Imports article-quality and draft-quality predictions from a JSON-lines file, one revision per
 * line: `{"rev_id": 123, "articlequality": 0.42, "draftquality": "spam"}` (either field may be
 * missing; articlequality is the 0–1 weighted class score, draftquality a class name or id).
 * A malformed line stops the import with its line number; lines before it are applied.
 */
export async function importQualityPredictions(
  store: ReviewStoreOf<'revisions' | 'pages' | 'reviewQueue'>,
  wiki: string,
  file: string,
): Promise<PredictionImportResult> {
  const result: PredictionImportResult = { lines: 0, applied: 0, skipped: 0 };
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    result.lines++;
    if (line.trim() === '') continue;
    let row: { rev_id?: unknown; articlequality?: unknown; draftquality?: unknown };
    try {
      row = JSON.parse(line) as typeof row;
    } catch {
      throw fail('import-malformed', `${file} line ${result.lines}: not JSON`);
    }
    const revId = Number(row.rev_id);
    if (!Number.isInteger(revId) || revId <= 0)
      throw fail('import-malformed', `${file} line ${result.lines}: bad rev_id`);
    const article = row.articlequality === undefined ? undefined : Number(row.articlequality);
    if (article !== undefined && !(article >= 0 && article <= 1))
      throw fail('import-malformed', `${file} line ${result.lines}: articlequality must be between 0 and 1`);
    const draft =
      row.draftquality === undefined
        ? undefined
        : typeof row.draftquality === 'number'
          ? row.draftquality
          : DRAFT_QUALITY_CLASSES[String(row.draftquality).toLowerCase()];
    if (
      row.draftquality !== undefined &&
      (draft === undefined || !Object.values(DRAFT_QUALITY_CLASSES).includes(draft))
    )
      throw fail('import-malformed', `${file} line ${result.lines}: unknown draftquality class`);
    const rev = await store.revisions.get(wiki, revId);
    const page = rev && (await store.pages.getById(wiki, rev.pageId));
    if (!page || page.latestRevId !== revId || !(await store.reviewQueue.get(wiki, page.id))) {
      result.skipped++;
      continue;
    }
    await store.reviewQueue.setPredictions(wiki, page.id, {
      ...(article !== undefined ? { articleQuality: article } : {}),
      ...(draft !== undefined ? { draftQuality: draft } : {}),
    });
    result.applied++;
  }
  return result;
}
