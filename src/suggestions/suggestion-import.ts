import { appendTagEvents } from './tag-events.ts';
import type { CoreServices } from '../core/core-services.ts';
import { importLineFile } from '../core/imports/resumable-line-file.ts';
import type { SuggestionRow } from './domain/image-suggestion.ts';
import { parseSuggestionRow, type RowProblem } from './domain/suggestion-row-parser.ts';
import type { SuggestionsRepositories, SuggestionsStore } from './store/suggestions-store.ts';
import type { Repositories } from '../core/store/store.ts';

type SuggestionsTx = Repositories & SuggestionsRepositories;

export interface ImportOptions {
  /** Only rows of this wiki (a row without `wiki` takes it); another wiki's row is a bad row. */
  wiki?: string;
  /** Lines per transaction (default 1000). */
  batch?: number;
  /** Bytes read so far of `totalBytes`. */
  onProgress?: (bytesDone: number, totalBytes: number) => void;
  /** Each refused line, as it is met. */
  onBadRow?: (report: RowReport) => void;
}

/** A line that was not imported, and why. */
export interface RowReport extends RowProblem {
  /** 1-based line number in the file. */
  line: number;
}

export interface ImportSummary {
  /** Lines read in this run (blank lines and lines a previous run did are not counted). */
  lines: number;
  /** Rows stored by this run. */
  added: number;
  /** Valid rows that were stored already (the same wiki, page, dataset and image). */
  alreadyStored: number;
  /** Refused lines. */
  bad: number;
  /** Rows whose confidence was on the legacy 0–100 scale and was divided by 100. */
  rescaled: number;
  /** Lines a previous, interrupted run had done and this one skipped. */
  resumedAfter: number;
}

/**
 * Imports a file of the production suggestions table as JSON lines, one row per line (spec §1
 * field names). Each line is checked on its own (parseSuggestionRow, and its wiki must be served
 * here): a bad line is reported and skipped, the rest kept. Rows already stored are left alone, so
 * importing a file again adds nothing. Each batch of lines is one transaction together with the
 * count of lines done (import_state, keyed by the file's path, size and modification time), so an
 * interrupted import resumes after the last committed batch.
 */
export async function importSuggestionFile(
  core: CoreServices,
  store: SuggestionsStore,
  path: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    lines: 0,
    added: 0,
    alreadyStored: 0,
    bad: 0,
    rescaled: 0,
    resumedAfter: 0,
  };
  const servedWikis = new Map<string, boolean>();
  const isServed = async (wiki: string) => {
    let served = servedWikis.get(wiki);
    if (served === undefined)
      servedWikis.set(wiki, (served = (await core.wikis.findFresh(wiki)) !== undefined));
    return served;
  };

  const { resumedAfter } = await importLineFile<SuggestionRow, SuggestionsTx>({
    store,
    clock: core.clock,
    kind: 'suggestions',
    wiki: options.wiki ?? '',
    path,
    batchSize: options.batch ?? 1000,
    onProgress: options.onProgress,
    async parseLine(text, line) {
      summary.lines++;
      const report = (problem: RowProblem) => {
        summary.bad++;
        options.onBadRow?.({ line, ...problem });
      };
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        report({ field: '(row)', reason: `not JSON: ${(e as Error).message}` });
        return undefined;
      }
      const parsed = parseSuggestionRow(value, options.wiki);
      if (!parsed.ok) report(parsed.problem);
      else if (!(await isServed(parsed.row.wiki)))
        report({ field: 'wiki', reason: `no wiki ${parsed.row.wiki} on this service` });
      else {
        if (parsed.rescaled) summary.rescaled++;
        return parsed.row;
      }
      return undefined;
    },
    async commitBatch(tx, rows) {
      const added = await tx.suggestions.insertMissing(rows);
      const pagesByWiki = new Map<string, number[]>();
      for (const r of rows) pagesByWiki.set(r.wiki, [...(pagesByWiki.get(r.wiki) ?? []), r.page_id]);
      for (const [wiki, pageIds] of pagesByWiki) {
        const changes = await tx.generator.recomputeTags(wiki, pageIds);
        await appendTagEvents(tx, (await core.wikis.load(wiki)).info, core.clock(), changes);
      }
      summary.added += added;
      summary.alreadyStored += rows.length - added;
    },
  });
  summary.resumedAfter = resumedAfter;
  return summary;
}
