import type { TaskTypeId } from '../domain/task-types.ts';
import type { Database } from '../../core/store/schema.ts';

/** The core tables and the suggested-edit tables (./migrations/). */
export interface TasksDatabase extends Database {
  task: TaskTable;
  task_topic: TaskTopicTable;
  page_topic: PageTopicTable;
  task_exclusion: TaskExclusionTable;
  task_count: TaskCountTable;
}

/** A task: a page of a wiki that is a task of a type. */
export interface TaskTable {
  wiki: string;
  task_type: string;
  page_id: number;
  /** The task's fixed random rank, 0 ≤ rand < 2³¹. */
  rand: number;
}

/** A task under one of its page's topics. */
export interface TaskTopicTable {
  wiki: string;
  topic: string;
  task_type: string;
  rand: number;
  page_id: number;
}

/** A page's weight for one topic (suggested-edits-reference.md §2.4 topic ids). */
export interface PageTopicTable {
  wiki: string;
  page_id: number;
  topic: string;
  /** 0–1. */
  weight: number;
  /** 'import' (an articletopic file) or 'categories' (the wiki's category mapping). */
  source: string;
}

/** A task held out of the pool until `until` (Unix seconds). */
export interface TaskExclusionTable {
  wiki: string;
  page_id: number;
  task_type: string;
  until: number;
}

/**
 * The bit of each task type in `task_count.types`. Append only: stored masks keep their meaning
 * (a type missing here would count nowhere). Not TASK_TYPE_IDS itself: that list is the
 * configuration's order, which may change; these positions may not.
 */
export const TASK_TYPE_BITS: readonly TaskTypeId[] = [
  'copyedit',
  'links',
  'references',
  'update',
  'expand',
  'image-recommendation',
  'section-image-recommendation',
  'link-recommendation',
];

/** Pages of a wiki with exactly the task types `types`, in all (`topic` '') or under a topic. */
export interface TaskCountTable {
  wiki: string;
  /** '' for all the pages' tasks. */
  topic: string;
  /** A bit mask of TASK_TYPE_BITS. */
  types: number;
  pages: number;
}
