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
}
