import type { ColumnType, Generated, GeneratedAlways } from 'kysely';
import type { Database } from '../../core/store/schema.ts';

/** The core tables and the review queue's own (migrations 002–005 in ./migrations). */
export interface ReviewDatabase extends Database {
  review_page: ReviewPageTable;
  review_queue_count: ReviewQueueCountTable;
  review_reviewed_count: ReviewReviewedCountTable;
}

/** The review queue; see ./migrations/002-review-queue.ts for the index design. */
export interface ReviewPageTable {
  /** Row key for the snippet substring index (SQLite FTS5 rowid); (wiki, page_id) is unique. */
  queue_id: Generated<number>;
  wiki: string;
  page_id: number;
  namespace: number;
  title: string;
  is_redirect: number;
  /** 0–3, review-queue-reference.md §1.1. */
  status: number;
  /** status > 0, kept as a column so it can lead an index. */
  is_reviewed: number;
  nominated: Generated<number>;
  created_at: number;
  reviewed_updated: number;
  tags_updated: ColumnType<number | null, number | null | undefined, number | null>;
  last_reviewed_by: Generated<number>;
  reviewer_name: Generated<string>;
  has_metadata: Generated<number>;
  link_count: Generated<number>;
  category_count: Generated<number>;
  csd: Generated<number>;
  prod: Generated<number>;
  blp_prod: Generated<number>;
  afd: Generated<number>;
  rev_count: Generated<number>;
  page_len: Generated<number>;
  snippet: Generated<string>;
  creator_id: Generated<number>;
  creator_name: Generated<string>;
  creator_editcount: Generated<number>;
  creator_registration: ColumnType<number | null, number | null | undefined, number | null>;
  creator_autoconfirmed: Generated<number>;
  /** 'newcomer' | 'learner' | 'experienced' | 'anonymous' | '' (not compiled). */
  creator_experience: Generated<string>;
  creator_bot: Generated<number>;
  creator_autopatrol: Generated<number>;
  creator_blocked: Generated<number>;
  has_reference: Generated<number>;
  afc_state: Generated<number>;
  copyvio_rev_id: ColumnType<number | null, number | null | undefined, number | null>;
  recreated: Generated<number>;
  ores_articlequality: ColumnType<number | null, number | null | undefined, number | null>;
  ores_draftquality: ColumnType<number | null, number | null | undefined, number | null>;
  /** The boolean filters as bits (FILTER_BITS), computed by the database from the columns above. */
  filter_bits: GeneratedAlways<number>;
}

/**
 * Row counts of review_page per (namespace, status, type, AfC state, boolean filter flags), kept by triggers
 * in the writing transaction (./migrations/002-review-queue.ts): stats and the list planner read them.
 */
export interface ReviewQueueCountTable {
  wiki: string;
  namespace: number;
  status: number;
  is_redirect: number;
  nominated: number;
  afc_state: number;
  creator_blocked: number;
  recreated: number;
  creator_bot: number;
  /** copyvio_rev_id IS NOT NULL. */
  copyvio: number;
  /** creator_experience = 'learner'. */
  learner: number;
  creator_autoconfirmed: number;
  creator_autopatrol: number;
  /** category_count = 0. */
  no_category: number;
  /** has_reference = 0. */
  unreferenced: number;
  /** link_count = 0. */
  no_inbound_links: number;
  n: number;
}

/** Reviewed pages by the period (hour) of their last review-state change (migration 005). */
export interface ReviewReviewedCountTable {
  wiki: string;
  namespace: number;
  is_redirect: number;
  status: number;
  /** floor(reviewed_updated / 3600) for status > 0, -1 for unreviewed pages. */
  period: number;
  n: number;
}
