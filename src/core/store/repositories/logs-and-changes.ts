import type { LogEntry, RecentChange } from '../../domain/wiki.ts';
import type { SortDir } from './pages-and-revisions.ts';

export interface LogQuery {
  type?: string;
  action?: string;
  actorName?: string;
  namespace?: number;
  title?: string;
  start?: number;
  end?: number;
  dir: SortDir;
  limit: number;
  /** Keyset continuation: (timestamp, log_id) of the last row seen. */
  after?: { timestamp: number; id: number };
  /** Only changes of titles this user watches (unexpired at `now`): list=watchlist. */
  watchedBy?: { userId: number; now: number };
}

export interface LogRepository {
  insert(entry: LogEntry): Promise<void>;
  get(wiki: string, logId: number): Promise<LogEntry | undefined>;
  list(wiki: string, q: LogQuery): Promise<LogEntry[]>;
  /** Whether a log entry of `type` with one of `actions` exists for the title (e.g. previous deletions). */
  exists(wiki: string, type: string, actions: string[], namespace: number, title: string): Promise<boolean>;
  /** `exists` for many titles at once: one answer per title, in the order given. */
  existsMany(
    wiki: string,
    type: string,
    actions: string[],
    titles: { namespace: number; title: string }[],
  ): Promise<boolean[]>;
}

export interface RecentChangeQuery {
  namespaces?: number[];
  types?: ('edit' | 'new' | 'log')[];
  actorName?: string;
  excludeActorName?: string;
  patrolled?: boolean;
  bot?: boolean;
  minor?: boolean;
  start?: number;
  end?: number;
  dir: SortDir;
  limit: number;
  after?: { timestamp: number; id: number };
  /** Only changes of titles this user watches (unexpired at `now`): list=watchlist. */
  watchedBy?: { userId: number; now: number };
}

export interface RecentChangeRepository {
  insert(rc: RecentChange): Promise<void>;
  get(wiki: string, rcId: number): Promise<RecentChange | undefined>;
  findByRevision(wiki: string, revId: number): Promise<RecentChange | undefined>;
  list(wiki: string, q: RecentChangeQuery): Promise<RecentChange[]>;
  setPatrolled(wiki: string, rcId: number, patrolled: 0 | 1 | 2): Promise<void>;
  /**
   * Marks the changes of the revisions `revIds` (the edits a rollback reverted, RollbackPage):
   * `bot` sets their bot flag, `patrolled` their patrol state. Other changes are untouched.
   */
  markRevisions(wiki: string, revIds: number[], set: { bot?: true; patrolled?: 1 | 2 }): Promise<void>;
}

export interface ChangeTagRepository {
  add(wiki: string, tags: string[], target: { revId?: number; logId?: number; rcId?: number }): Promise<void>;
  forRevisions(wiki: string, revIds: number[]): Promise<Map<number, string[]>>;
  forLogs(wiki: string, logIds: number[]): Promise<Map<number, string[]>>;
  /** How many revisions of a page carry `tag` (e.g. talk-page feedback tagged `pagetriage`). */
  countForPage(wiki: string, pageId: number, tag: string): Promise<number>;
}
