import type { ReviewMetadata } from '../domain/metadata.ts';
import type { QueueFilter, QueueListQuery } from '../domain/queue-filter.ts';
import type { ReviewStatus } from '../domain/review-status.ts';

/** A page in the review queue (review-queue-reference.md §1.1) with its typed metadata (§1.6). */
export interface QueuedPage {
  wiki: string;
  pageId: number;
  namespace: number;
  /** DB key of the page title. */
  title: string;
  isRedirect: boolean;
  status: ReviewStatus;
  /** Any deletion flag set (`ptrp_deleted`). */
  nominated: boolean;
  createdAt: number;
  reviewedUpdated: number;
  /** null until metadata was compiled once. */
  tagsUpdated: number | null;
  /** User id of whoever last changed the status (0 = system). */
  lastReviewedBy: number;
  /** Name of that user ('' for the system). */
  reviewerName: string;
  metadata: ReviewMetadata | null;
  /** Article-quality score of the latest revision (0–1 weighted class), null = no prediction. */
  oresArticleQuality: number | null;
  /** Draft-quality predicted class id (0 attack, 1 OK, 2 spam, 3 vandalism), null = none. */
  oresDraftQuality: number | null;
}

export interface NewQueuedPage {
  wiki: string;
  pageId: number;
  namespace: number;
  title: string;
  isRedirect: boolean;
  status: ReviewStatus;
  createdAt: number;
  reviewedUpdated: number;
  lastReviewedBy: number;
  reviewerName: string;
}

export interface QueueBucketStats {
  count: number;
  /** MIN(reviewed_updated) of the bucket, null when it is empty. */
  oldest: number | null;
}

export interface ReviewQueueRepository {
  get(wiki: string, pageId: number): Promise<QueuedPage | undefined>;
  getMany(wiki: string, pageIds: number[]): Promise<QueuedPage[]>;
  /** Inserts the page; returns false (and changes nothing) when it is already queued. */
  insert(page: NewQueuedPage): Promise<boolean>;
  /** Inserts or replaces many pages with their metadata (backfill). */
  upsertMany(
    pages: (NewQueuedPage & { metadata: ReviewMetadata | null; tagsUpdated: number | null })[],
  ): Promise<void>;
  setStatus(
    wiki: string,
    pageId: number,
    change: { status: ReviewStatus; reviewedUpdated: number; lastReviewedBy: number; reviewerName: string },
  ): Promise<void>;
  /** Title, namespace or redirect state changed (move, edit). */
  updatePage(
    wiki: string,
    pageId: number,
    change: Partial<Pick<QueuedPage, 'namespace' | 'title' | 'isRedirect'>>,
  ): Promise<void>;
  /** Saves compiled metadata (and the nominated flag it implies); `reviewedUpdated` for AfC transitions. */
  saveMetadata(
    wiki: string,
    pageId: number,
    metadata: ReviewMetadata,
    now: number,
    reviewedUpdated?: number,
  ): Promise<void>;
  setCopyvio(wiki: string, pageId: number, revId: number | null, now: number): Promise<void>;
  setPredictions(
    wiki: string,
    pageId: number,
    p: { articleQuality?: number | null; draftQuality?: number | null },
  ): Promise<void>;
  /** Sets the creator-blocked flag on every page created by `creatorName`; returns how many changed. */
  setCreatorBlocked(wiki: string, creatorName: string, blocked: boolean, now: number): Promise<number>;
  delete(wiki: string, pageIds: number[]): Promise<void>;
  /** pagetriagelist: up to limit+1 rows in the requested order after the position. */
  list(wiki: string, q: QueueListQuery, opts: { oresBounds: number[] }): Promise<QueuedPage[]>;
  /**
   * One bounded step of compacting the keyword index (shared by every wiki), in its own
   * transaction; `done` once nothing is left to compact. Writes leave the index in pieces that
   * every keyword search reads; compacting them makes searches cheaper and finds the same rows.
   */
  compactKeywordIndex(): Promise<{ done: boolean }>;
  /**
   * Frees what updates of the queue's counters left behind (PostgreSQL: their old row versions,
   * which every count walks past until then); nothing on SQLite.
   */
  reclaimCounters(): Promise<void>;
  /** The number of pages the filter matches (filteredarticle). */
  count(wiki: string, filter: QueueFilter, opts: { oresBounds: number[] }): Promise<number>;
  /** Count and oldest review time of one (namespace, status set, redirect, nominated) bucket. */
  bucketStats(
    wiki: string,
    q: {
      namespace: number;
      statuses: ReviewStatus[];
      isRedirect: boolean;
      nominated?: boolean;
      afcState?: number;
    },
  ): Promise<QueueBucketStats>;
  /** Pages of the bucket whose review changed at or after `since` (reviewed this week). */
  countReviewedSince(
    wiki: string,
    q: { namespace: number; statuses: ReviewStatus[]; isRedirect: boolean; since: number },
  ): Promise<number>;
  /**
   * Keyset scan for maintenance jobs: rows ordered by (created_at, page_id) descending, after `before`.
   */
  scan(
    wiki: string,
    q: {
      createdBefore?: number;
      namespaces?: number[];
      excludeNamespaces?: number[];
      statuses?: ReviewStatus[];
      isRedirect?: boolean;
      tagsUpdatedBefore?: number;
      after?: { createdAt: number; pageId: number };
      limit: number;
    },
  ): Promise<QueuedPage[]>;
}
