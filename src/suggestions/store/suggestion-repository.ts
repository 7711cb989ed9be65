import type { FeedbackRow, InstanceOfRow, SuggestionRow, TitleCacheRow } from '../domain/image-suggestion.ts';

/** A page of a wiki, the key housekeeping walks the store by. */
export interface PageKey {
  wiki: string;
  pageId: number;
}

/** A dataset as stored: its id and the time the id carries (uuidTime). */
export interface Dataset {
  id: string;
  time: number;
}

/**
 * The suggestion store (image-suggestions-and-page-queue.md §1). A page may hold rows of several
 * datasets (an import adds rows as they come); only the newest is read, and
 * `deleteSupersededDatasets` removes the others.
 */
export interface SuggestionRepository {
  /**
   * The rows of the page's newest dataset (greatest dataset time, then greatest id), by confidence
   * descending, then image. Reads the primary key's (wiki, page_id) prefix and
   * `image_suggestion_dataset` for the newest dataset.
   */
  listNewest(wiki: string, pageId: number): Promise<SuggestionRow[]>;
  /** The newest dataset stored for the page, if any. */
  newestDataset(wiki: string, pageId: number): Promise<Dataset | undefined>;
  /**
   * The article-level images (no section) of each page's newest dataset, by confidence
   * descending, then image; pages whose newest dataset has none are absent. One statement per
   * 10,000 pages.
   */
  leadImagesOf(wiki: string, pageIds: readonly number[]): Promise<Map<number, string[]>>;
  /** Adds rows, leaving any row already stored (same wiki, page, dataset and image) as it is; returns how many were new. */
  insertMissing(rows: readonly SuggestionRow[]): Promise<number>;
  /** Deletes every row of the page (all datasets); returns how many. */
  deletePage(wiki: string, pageId: number): Promise<number>;
  /**
   * Deletes the rows of superseded datasets (older than the newest of their page) of the next
   * `limit` pages after `after` in (wiki, page_id) order, and says how many rows went and where
   * to go on (none: the last page was reached). Walks `image_suggestion_dataset` in order, keyset
   * by (wiki, page_id), so each call reads only its own pages.
   */
  deleteSupersededDatasets(
    after: PageKey | undefined,
    limit: number,
  ): Promise<{ deleted: number; next: PageKey | undefined }>;

  /** Inserts or replaces the feedback row (wiki, page_id, filename, id). */
  putFeedback(row: FeedbackRow): Promise<void>;
  /** The page's feedback rows, by filename then id (the table's clustering order). */
  listFeedback(wiki: string, pageId: number): Promise<FeedbackRow[]>;
  /**
   * The files each page has an accepting or rejecting feedback row for (rows of an invalidation,
   * neither accepted nor rejected, judge nothing); pages without are absent.
   */
  feedbackFilesOf(wiki: string, pageIds: readonly number[]): Promise<Map<number, Set<string>>>;

  putTitle(row: TitleCacheRow): Promise<void>;
  /** The cache row of the title (DB-key form), primary key. */
  getTitle(wiki: string, title: string): Promise<TitleCacheRow | undefined>;

  putInstanceOf(row: InstanceOfRow): Promise<void>;
  getInstanceOf(wiki: string, pageId: number): Promise<InstanceOfRow | undefined>;
}
