/** A task of the pool as stored: the page, its type and the topics it is filed under. */
export interface PoolEntry {
  pageId: number;
  taskType: string;
  topics: readonly string[];
}

/**
 * A task met on a walk: the page, its rank, its type, and the stream (index into the streams
 * asked) it came from.
 */
export interface WalkRow {
  pageId: number;
  rank: number;
  taskType: string;
  stream: number;
}

/** What a walk reads: the tasks of some types, all of them or those filed under a topic. */
export interface WalkStream {
  taskTypes: readonly string[];
  topic?: string;
}

/** A read of a walk (`TaskPoolRepository.walk`). */
export interface WalkRequest {
  streams: readonly WalkStream[];
  alsoUnder?: readonly string[];
  from: { rank: number; pageId: number };
  below: number;
  limit: number;
}

/** Which tasks a query asks for: types (any of), topics (none: every task), all or any topic. */
export interface PoolFilter {
  taskTypes: readonly string[];
  topics: readonly string[];
  mode: 'OR' | 'AND';
}

/** The size of a filter's part of the pool (`TaskPoolRepository.size`). */
export interface PoolSize {
  /** Distinct pages matching the filter. */
  pages: number;
  /**
   * The rows a walk of the filter meets: each matching page's tasks of the types, once under each
   * asked topic it is filed under (AND: once). Undefined where the counts do not tell (an OR of
   * more than three topics).
   */
  tasks?: number;
  /**
   * The share of the tasks under the asked topics (or of all tasks) that are of the asked types:
   * what a walk over every type would hand out of what it reads.
   */
  typeShare: number;
  /** With several topics: the pages with a task of the types under each. */
  byTopic?: ReadonlyMap<string, number>;
}

/**
 * The task pool (migration 019): `task` (wiki, type, page, rank) and `task_topic` (the same under
 * each topic), both ordered by (rank, page) within a type (and topic), so a walk is index ranges.
 */
export interface TaskPoolRepository {
  /** Replaces every task of `pageIds` with `entries` (pages absent from `entries` have none). */
  replacePages(wiki: string, pageIds: readonly number[], entries: readonly PoolEntry[]): Promise<void>;
  /**
   * The first `limit` tasks of the streams merged in (rank, page id) order (a page's tasks
   * together, in no given order), after `from` (rank, then page id) and below rank `below`; a page
   * comes once per stream and type it is in. With `alsoUnder`, only tasks whose page is filed
   * under each of those topics too. A page whose rows reach the `limit`th may have more beyond it.
   */
  walk(wiki: string, walk: WalkRequest): Promise<WalkRow[]>;
  /** Each page's task types (pages without any are absent). */
  typesOf(wiki: string, pageIds: readonly number[]): Promise<Map<number, string[]>>;
  /** Holds the page's tasks of a type out of the pool until `until` (a later end wins). */
  exclude(wiki: string, pageId: number, taskType: string, until: number): Promise<void>;
  /** The exclusions of these pages still running at `now`: page → type → end. */
  exclusionsAmong(
    wiki: string,
    pageIds: readonly number[],
    now: number,
  ): Promise<Map<number, Map<string, number>>>;
  /** How many pages match the filter and how many tasks a walk of it meets. */
  size(wiki: string, filter: PoolFilter): Promise<PoolSize>;
  /** Distinct pages among `pageIds` matching the filter. */
  countAmong(wiki: string, filter: PoolFilter, pageIds: readonly number[]): Promise<number>;
}
