/** Where a page's topic weights come from. */
export type TopicSource = 'import' | 'categories';

/** A page's weight for one topic. */
export interface TopicWeight {
  topic: string;
  /** 0–1. */
  weight: number;
}

/**
 * Page topics (`page_topic`): each page's weights for the suggested-edits topics, from an imported
 * `articletopic` file or the wiki's category mapping. A page holds one row per topic; the service
 * keeps the two sources apart (a page with imported rows has no category rows).
 */
export interface PageTopicRepository {
  /**
   * Makes `topics` the pages' rows of `source`: their rows of that source go, these come (an
   * empty list leaves the page none of that source). Rows of the other source are left alone, so
   * a topic must not be given twice.
   */
  replace(
    wiki: string,
    source: TopicSource,
    pages: ReadonlyMap<number, readonly TopicWeight[]>,
  ): Promise<void>;
  /** The topics of each page with weight ≥ `minWeight`, in topic order; pages with none are absent. */
  topicsOf(wiki: string, pageIds: readonly number[], minWeight: number): Promise<Map<number, string[]>>;
  /** Every row of the pages (both sources), by page; pages with none are absent. */
  weightsOf(
    wiki: string,
    pageIds: readonly number[],
  ): Promise<Map<number, (TopicWeight & { source: TopicSource })[]>>;
  /** Which of the pages have rows of `source`. */
  pagesWithSource(wiki: string, pageIds: readonly number[], source: TopicSource): Promise<Set<number>>;
  /** Pages with rows of `source`, by page id after `afterId` (a keyset walk). */
  listPages(wiki: string, source: TopicSource, afterId: number, limit: number): Promise<number[]>;
  /** Deletes the pages' rows (of `source`, or all); returns how many. */
  deletePages(wiki: string, pageIds: readonly number[], source?: TopicSource): Promise<number>;
}
