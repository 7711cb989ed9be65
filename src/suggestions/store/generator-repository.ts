import type { SectionFacts } from '../domain/page-suggestions.ts';
import type { Dataset } from './suggestion-repository.ts';

/** The tags a task search reads (GrowthExperiments' `hasrecommendation:image` / `image_section`). */
export const TAG_IMAGE = 'recommendation.image';
export const TAG_SECTION_IMAGE = 'recommendation.image_section';
export type SuggestionTag = typeof TAG_IMAGE | typeof TAG_SECTION_IMAGE;

/** A page whose tags changed. */
export interface TagChange {
  pageId: number;
  before: SuggestionTag[];
  after: SuggestionTag[];
}

/** A page's level-2 sections as of a revision. */
export interface StoredSections {
  revId: number;
  sections: SectionFacts[];
}

/** A full generator run of a wiki (a dataset) and how far it got. */
export interface GeneratorRun {
  wiki: string;
  datasetId: string;
  startedAt: number;
  /** The last page id done: the run walks page ids ascending. */
  afterPageId: number;
  pagesDone: number;
  suggestedPages: number;
  suggestions: number;
  sectionSuggestions: number;
  finishedAt: number | null;
}

/** What the generator keeps beside the suggestion rows. */
export interface GeneratorRepository {
  /** Stored sections of each of `pageIds` (pages never analysed are absent). */
  sectionsOf(wiki: string, pageIds: readonly number[]): Promise<Map<number, StoredSections>>;
  /** Stores (replaces) the sections of pages. */
  putSections(wiki: string, rows: readonly ({ pageId: number } & StoredSections)[]): Promise<void>;
  deleteSections(wiki: string, pageIds: readonly number[]): Promise<void>;
  /** The newest dataset of each of `pageIds` that has suggestion rows. */
  newestDatasets(wiki: string, pageIds: readonly number[]): Promise<Map<number, Dataset>>;
  /** Pages (ids after `afterId`, ascending) holding rows of a dataset older than `time` (Unix ms). */
  pagesWithDatasetBefore(wiki: string, time: number, afterId: number, limit: number): Promise<number[]>;
  /** Deletes every suggestion row (all datasets) of the pages; returns how many. */
  deleteSuggestions(wiki: string, pageIds: readonly number[]): Promise<number>;
  /**
   * Makes `tags` the pages' tags (a page absent from `tags` has none); returns the pages whose
   * tags changed, with their tags before and after (sorted).
   */
  setTags(
    wiki: string,
    pageIds: readonly number[],
    tags: ReadonlyMap<number, readonly SuggestionTag[]>,
  ): Promise<TagChange[]>;
  /** Sets the pages' tags from the rows of their newest dataset (after an import or a replacement). */
  recomputeTags(wiki: string, pageIds: readonly number[]): Promise<TagChange[]>;
  tagsOf(wiki: string, pageIds: readonly number[]): Promise<Map<number, SuggestionTag[]>>;
  /** Pages with `tag`, by page id after `afterId`. */
  pagesWithTag(wiki: string, tag: SuggestionTag, afterId: number, limit: number): Promise<number[]>;
  countWithTag(wiki: string, tag: SuggestionTag): Promise<number>;
  /** The wiki's newest run (by start), finished or not. */
  latestRun(wiki: string): Promise<GeneratorRun | undefined>;
  saveRun(run: GeneratorRun): Promise<void>;
}
