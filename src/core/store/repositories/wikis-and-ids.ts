import type { WikiInfo } from '../../domain/wiki.ts';

export interface WikiRepository {
  list(): Promise<WikiInfo[]>;
  get(id: string): Promise<WikiInfo | undefined>;
  upsert(wiki: WikiInfo, now: number): Promise<void>;
}

export type IdKind = 'page' | 'revision' | 'user' | 'log' | 'rc' | 'block' | 'notification';

/** Per-wiki id allocation (MediaWiki ids are per wiki; imported ids are kept). */
export interface IdRepository {
  /** Allocates `count` consecutive ids and returns the first. */
  next(wiki: string, kind: IdKind, count?: number): Promise<number>;
  /** Makes sure future allocations are above `id` (after importing rows with their own ids). */
  ensureAbove(wiki: string, kind: IdKind, id: number): Promise<void>;
  /**
   * Takes the wiki's turn `name` for the rest of the running transaction: another transaction
   * taking the same turn waits until this one ends (a lock on a counter row no id is drawn from).
   * Writers that decide what is new by reading first (a followed wiki's follower and the changes
   * made through it) take it so that they never both take the same thing as new.
   */
  turn(wiki: string, name: string): Promise<void>;
}
