import type { CoreServices } from '../core/core-services.ts';
import { tryParseTitle } from '../core/domain/titles.ts';
import { fail } from '../errors.ts';
import { randomBytes } from 'node:crypto';
import {
  datasetIdAt,
  uuidTime,
  type FeedbackRow,
  type InstanceOfRow,
  type SuggestionRow,
  type TitleCacheRow,
} from './domain/image-suggestion.ts';
import { declareSettings, type SettingsDeclaration } from '../core/domain/settings-schema.ts';
import { generatorSettingsSchema, type GeneratorSettings } from './domain/generator-settings.ts';
import {
  SuggestionGenerator,
  type GenerateOptions,
  type GenerateSummary,
} from './generator/suggestion-generator.ts';
import { appendTagEvents } from './tag-events.ts';
import { suggestionStreams } from './domain/suggestion-events.ts';
import { importSuggestionFile, type ImportOptions, type ImportSummary } from './suggestion-import.ts';
import type { SuggestionTag } from './store/generator-repository.ts';
import type { PageKey } from './store/suggestion-repository.ts';
import { openSuggestionsStore, type SuggestionsStore } from './store/suggestions-store.ts';

export type { FeedbackRow, InstanceOfRow, SuggestionRow, TitleCacheRow } from './domain/image-suggestion.ts';
export type { ImportOptions, ImportSummary, RowReport } from './suggestion-import.ts';
export type { GenerateOptions, GenerateProgress, GenerateSummary } from './generator/suggestion-generator.ts';
export { TAG_IMAGE, TAG_SECTION_IMAGE, type SuggestionTag } from './store/generator-repository.ts';
/** The stream announcing changes of a page's recommendation tags (what task pools follow). */
export const IMAGE_SUGGESTION_TAGS_STREAM = suggestionStreams.tags.name;

/** One suggested image of a dataset being written for a page (the page and dataset are given once). */
export type NewSuggestion = Omit<SuggestionRow, 'wiki' | 'page_id' | 'id'>;

/**
 * The image suggestion store (image-suggestions-and-page-queue.md §1) as other subsystems, the
 * HTTP reads and the commands use it. Reads name a wiki this service serves (`nosuchwiki`
 * otherwise) and answer what is stored: an unknown page has no rows.
 */
export interface SuggestionsService {
  /** The rows of the page's newest dataset, by confidence descending (then image). */
  suggestions(wiki: string, pageId: number): Promise<SuggestionRow[]>;
  feedback(wiki: string, pageId: number): Promise<FeedbackRow[]>;
  /** The title cache's row of `title` (any form MediaWiki reads as the title; `invalidtitle` otherwise). */
  titleCache(wiki: string, title: string): Promise<TitleCacheRow[]>;
  instanceOf(wiki: string, pageId: number): Promise<InstanceOfRow[]>;
  /**
   * Makes `datasetId` the page's suggestions, in one transaction: the page's rows of every dataset
   * go and these come (none: the page has no suggestions). A dataset older than the one stored is
   * refused (`stale`), so a slow generator run never replaces a newer one.
   */
  replacePageSuggestions(
    wiki: string,
    pageId: number,
    datasetId: string,
    rows: readonly NewSuggestion[],
  ): Promise<'replaced' | 'stale'>;
  /** Stores a feedback row; without an `id`, one is made (a time-based UUID of now). */
  recordFeedback(row: Omit<FeedbackRow, 'id'> & { id?: string }): Promise<void>;
  cacheTitle(row: TitleCacheRow): Promise<void>;
  cacheInstanceOf(row: InstanceOfRow): Promise<void>;
  /** Deletes the rows of datasets a newer one has superseded (housekeeping); returns how many. */
  deleteSupersededDatasets(): Promise<number>;
  /** `wikiqueue suggestions import`: JSON lines of suggestions rows (suggestion-import.ts). */
  importFile(path: string, options: ImportOptions): Promise<ImportSummary>;
  /**
   * A full generator run over the wiki's articles: a new dataset, or the continuation of an
   * interrupted one (`restart` starts anew). `suggestions-unavailable` for a wiki that gets none.
   */
  generate(wiki: string, options?: GenerateOptions): Promise<GenerateSummary>;
  /**
   * Incremental update: the suggestions of these pages of `wiki`, and of the articles of other
   * wikis linking to them by interlanguage links (`titles`: the pages' prefixed titles, old
   * ones of moved pages included), made anew from what is stored now.
   */
  regeneratePages(wiki: string, pageIds: readonly number[], titles?: readonly string[]): Promise<void>;
  /** Pages whose newest dataset has suggestions of the tag's level, by page id after `afterId`. */
  pagesWithTag(wiki: string, tag: SuggestionTag, afterId: number, limit: number): Promise<number[]>;
  countWithTag(wiki: string, tag: SuggestionTag): Promise<number>;
  tagsOf(wiki: string, pageIds: readonly number[]): Promise<Map<number, SuggestionTag[]>>;
  /**
   * Takes `tags` off the page, with its tags event, in the caller's transaction if one is running
   * (a task done or invalidated: GrowthExperiments resets CirrusSearch's weighted tags); they come
   * back only when the page's suggestions are made anew.
   */
  clearTags(wiki: string, pageId: number, tags: readonly SuggestionTag[]): Promise<void>;
  /**
   * The article-level images suggested for each page (its newest dataset), by confidence
   * descending, without the files someone accepted or rejected for it; pages left with none are
   * absent.
   */
  leadImagesOf(wiki: string, pageIds: readonly number[]): Promise<Map<number, string[]>>;
  /** The files that have feedback rows of each page (a judged image is not suggested again). */
  judgedFiles(wiki: string, pageIds: readonly number[]): Promise<Map<number, Set<string>>>;
}

/** Pages per housekeeping statement batch. */
const SUPERSEDED_BATCH = 500;

/** Per-wiki settings of the generator: `wikiqueue wiki set W suggestions.minWidth 200`. */
export const suggestionsSettings: SettingsDeclaration<GeneratorSettings> = declareSettings(
  'suggestions',
  generatorSettingsSchema,
);

/**
 * The service over the core's store. Another subsystem builds its own from the core (the store
 * and the wikis are shared, so it reads and writes the same suggestions).
 */
export function createSuggestionsService(
  core: CoreServices,
  settings: SettingsDeclaration<GeneratorSettings> = suggestionsSettings,
): SuggestionsService {
  const store: SuggestionsStore = openSuggestionsStore(core.store);
  const generator = new SuggestionGenerator(core, store, settings);
  const known = async (wiki: string) => {
    await core.wikis.load(wiki);
  };
  return {
    async suggestions(wiki, pageId) {
      await known(wiki);
      return store.suggestions.listNewest(wiki, pageId);
    },
    async feedback(wiki, pageId) {
      await known(wiki);
      return store.suggestions.listFeedback(wiki, pageId);
    },
    async titleCache(wiki, title) {
      const loaded = await core.wikis.load(wiki);
      const parsed = tryParseTitle(title, loaded.namespaces);
      if (!parsed || parsed.fragment !== '') throw fail('invalidtitle', title);
      const row = await store.suggestions.getTitle(wiki, parsed.prefixedDbKey);
      return row ? [row] : [];
    },
    async instanceOf(wiki, pageId) {
      await known(wiki);
      const row = await store.suggestions.getInstanceOf(wiki, pageId);
      return row ? [row] : [];
    },
    async replacePageSuggestions(wiki, pageId, datasetId, rows) {
      const time = uuidTime(datasetId);
      if (time === undefined) throw new Error(`dataset id ${datasetId} is not a time-based UUID`);
      const id = datasetId.toLowerCase();
      return store.transaction(async (tx) => {
        const newest = await tx.suggestions.newestDataset(wiki, pageId);
        if (newest && (newest.time > time || (newest.time === time && newest.id > id))) return 'stale';
        await tx.suggestions.deletePage(wiki, pageId);
        await tx.suggestions.insertMissing(rows.map((r) => ({ ...r, wiki, page_id: pageId, id })));
        const changes = await tx.generator.recomputeTags(wiki, [pageId]);
        await appendTagEvents(tx, (await core.wikis.load(wiki)).info, core.clock(), changes);
        return 'replaced';
      });
    },
    recordFeedback: (row) =>
      store.suggestions.putFeedback({ ...row, id: row.id ?? datasetIdAt(Date.now(), randomBytes(10)) }),
    cacheTitle: (row) => store.suggestions.putTitle(row),
    cacheInstanceOf: (row) => store.suggestions.putInstanceOf(row),
    async deleteSupersededDatasets() {
      let total = 0;
      let after: PageKey | undefined;
      do {
        const step = await store.transaction((tx) =>
          tx.suggestions.deleteSupersededDatasets(after, SUPERSEDED_BATCH),
        );
        total += step.deleted;
        after = step.next;
      } while (after);
      return total;
    },
    async importFile(path, options) {
      if (options.wiki !== undefined) await known(options.wiki);
      return importSuggestionFile(core, store, path, options);
    },
    generate: (wiki, options) => generator.run(wiki, options),
    async regeneratePages(wiki, pageIds, titles = []) {
      await generator.regenerate(wiki, pageIds);
      for (const [other, ids] of await generator.dependents(wiki, titles))
        await generator.regenerate(other, ids);
    },
    async pagesWithTag(wiki, tag, afterId, limit) {
      await known(wiki);
      return store.generator.pagesWithTag(wiki, tag, afterId, limit);
    },
    async countWithTag(wiki, tag) {
      await known(wiki);
      return store.generator.countWithTag(wiki, tag);
    },
    tagsOf: (wiki, pageIds) => store.generator.tagsOf(wiki, pageIds),
    async clearTags(wiki, pageId, tags) {
      const { info } = await core.wikis.load(wiki);
      await store.transaction(async (tx) => {
        const current = (await tx.generator.tagsOf(wiki, [pageId])).get(pageId) ?? [];
        const kept = current.filter((t) => !tags.includes(t));
        if (kept.length === current.length) return;
        const changes = await tx.generator.setTags(wiki, [pageId], new Map([[pageId, kept]]));
        await appendTagEvents(tx, info, core.clock(), changes);
      });
    },
    judgedFiles: (wiki, pageIds) => store.suggestions.feedbackFilesOf(wiki, pageIds),
    async leadImagesOf(wiki, pageIds) {
      const [images, judged] = await Promise.all([
        store.suggestions.leadImagesOf(wiki, pageIds),
        store.suggestions.feedbackFilesOf(wiki, pageIds),
      ]);
      const out = new Map<number, string[]>();
      for (const [pageId, list] of images) {
        const done = judged.get(pageId);
        const left = done ? list.filter((f) => !done.has(f)) : list;
        if (left.length > 0) out.set(pageId, left);
      }
      return out;
    },
  };
}
