/** A title as the store keys it: namespace and DB key. */
export interface TitleKey {
  namespace: number;
  title: string;
}

/** A user's watch of one title. */
export interface WatchedItem extends TitleKey {
  /** Unix seconds; null for a permanent watch. */
  expiry: number | null;
  /** The first unseen change by somebody else; null when there is none. */
  notificationTimestamp: number | null;
}

/**
 * Watchlists (MediaWiki's WatchedItemStore). Every read takes `now` and leaves out expired
 * watches: an expired entry never shows, whether or not it has been deleted yet.
 */
export interface WatchlistRepository {
  /** Watches `titles` (subject and talk pages are separate titles here) until `expiry` (null: for good). */
  watch(wiki: string, userId: number, titles: TitleKey[], expiry: number | null): Promise<void>;
  unwatch(wiki: string, userId: number, titles: TitleKey[]): Promise<void>;
  /** The user's unexpired watches among `titles`, keyed `namespace:title`. */
  getMany(wiki: string, userId: number, titles: TitleKey[], now: number): Promise<Map<string, WatchedItem>>;
  /** How many users watch each of `titles` (unexpired), keyed `namespace:title`; unwatched titles are absent. */
  countWatchers(wiki: string, titles: TitleKey[], now: number): Promise<Map<string, number>>;
  /**
   * An edit of `title` by `editorId` at `timestamp`: every other watcher without an unseen change
   * gets this one as theirs (EmailNotification's updateWatchlistTimestamp).
   */
  notifyChange(wiki: string, title: TitleKey, editorId: number, timestamp: number): Promise<void>;
  /** list=watchlistraw: the user's unexpired watches by (namespace, title), from `from` on. */
  list(
    wiki: string,
    userId: number,
    q: {
      now: number;
      limit: number;
      namespaces?: number[];
      from?: TitleKey;
      dir: 'ascending' | 'descending';
      changedOnly?: boolean;
    },
  ): Promise<WatchedItem[]>;
}
