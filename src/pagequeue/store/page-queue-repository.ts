import type { QueuePosition } from '../domain/queue-cursor.ts';

export type { QueuePosition };

/** A queued page: its place in the order. */
export type QueuedRow = QueuePosition;

/** A full build of a wiki's queue, resumable after its last committed batch. */
export interface QueueBuild {
  wiki: string;
  startedAt: number;
  /** The last page id done (a build walks page ids ascending). */
  afterPageId: number;
  /** Pages looked at. */
  pages: number;
  /** Pages queued. */
  queued: number;
  finishedAt: number | null;
}

/**
 * The page queue's own tables (store/migrations/023-page-queue.ts). Holders are `u:<user id>`
 * (a logged-in session) or `c:<client id>` (an anonymous app); times are Unix milliseconds.
 */
export interface PageQueueRepository {
  /**
   * Queues the pages (or updates their importance), stamped `builtAt`; a page's stamp never goes
   * back (a slower build that started earlier cannot make a later build's sweep remove it).
   */
  upsert(wiki: string, rows: readonly QueuedRow[], builtAt: number): Promise<void>;
  /** Takes the pages out of the queue, with their leases; returns how many were queued. */
  remove(wiki: string, pageIds: readonly number[]): Promise<number>;
  /** Which of `pageIds` are queued. */
  queued(wiki: string, pageIds: readonly number[]): Promise<Set<number>>;
  count(wiki: string): Promise<number>;
  /**
   * Queued pages in order after `after` (from the top without it), at most `limit`, leaving out
   * pages leased until after `now` by anyone but `holder` (by anyone, without a holder) and pages
   * `holder` skipped until after `now`.
   */
  walk(
    wiki: string,
    q: { after?: QueuePosition; limit: number; holder?: string; now: number },
  ): Promise<QueuedRow[]>;
  /**
   * What `walk` would give `holder`, leased to it until `expiresAt`, in one statement: the rows
   * are locked as they are read, and rows another transaction holds are passed over (PostgreSQL:
   * FOR UPDATE SKIP LOCKED; SQLite: its one writer), so two requests never lease the same page.
   * A page `holder` already holds keeps its lease as it is (asking again does not extend it).
   * `address`: the client address of an anonymous holder ('' for an account).
   */
  lease(
    wiki: string,
    q: {
      after?: QueuePosition;
      limit: number;
      holder: string;
      address: string;
      now: number;
      expiresAt: number;
    },
  ): Promise<QueuedRow[]>;
  /**
   * What a leasing request is checked against, read at once: the rows of the wiki `holder` holds
   * a lease on, live or ended (what `trimLeases` ranks), and the live leases (past `now`) of
   * anonymous holders from `address` on every wiki.
   */
  leaseCounts(
    wiki: string,
    q: { holder: string; address: string; now: number },
  ): Promise<{ held: number; fromAddress: number }>;
  /** The page's lease, when one runs past `now`. */
  leaseOf(
    wiki: string,
    pageId: number,
    now: number,
  ): Promise<{ holder: string; expiresAt: number } | undefined>;
  /** Releases all but the `keep` most recent leases of `holder`. */
  trimLeases(wiki: string, holder: string, keep: number): Promise<void>;
  /** Releases `holder`'s leases of the pages; returns how many it held. */
  release(wiki: string, pageIds: readonly number[], holder: string): Promise<number>;
  /** Keeps the page from `holder` until `until`. */
  skip(wiki: string, pageId: number, holder: string, until: number): Promise<void>;
  /** Deletes skips that ended before `now`; returns how many (leases end by their time alone). */
  purgeExpired(now: number): Promise<number>;
  /** Queued pages stamped before `builtAt` (not touched by the build that started then), by id. */
  builtBefore(wiki: string, builtAt: number, limit: number): Promise<number[]>;
  latestBuild(wiki: string): Promise<QueueBuild | undefined>;
  saveBuild(build: QueueBuild): Promise<void>;
  /** Imported page views of the pages, by page id (pages without any are absent). */
  viewsOf(wiki: string, pageIds: readonly number[]): Promise<Map<number, number>>;
  /** Adds views to the pages' sums of the import `importKey`. */
  addImportViews(importKey: string, wiki: string, views: ReadonlyMap<number, number>): Promise<void>;
  /**
   * Makes the sums of `importKey` the wiki's page views (all others gone) and drops the sums;
   * returns how many pages have views, or undefined when nothing was summed (the views are kept:
   * a file of other wikis or an empty one does not wipe them).
   */
  finishViewImport(importKey: string, wiki: string): Promise<number | undefined>;
}
