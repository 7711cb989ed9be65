/**
 * Facts of the review queue's schema that its migrations created and its repository relies on:
 * index names and conditions, filter bits, counted periods. The migrations take them from here, so
 * that runtime code never imports a migration; a released value never changes (the migration that
 * used it would then describe another schema).
 */

/**
 * The filters with a partial index of their own, by the name the list planner uses
 * (sql-review-queue-repository.ts), with the exact condition text of the index: SQLite uses a partial
 * index only when the query repeats its condition word for word, so the planner adds these literally.
 * Each index is (wiki, namespace, created_at, page_id) over the rows of the condition, except `afc`,
 * which puts afc_state before created_at so that one AfC state is read in order.
 */
export const RARE_FILTER_INDEXES = {
  blocked: 'creator_blocked = 1',
  recreated: 'recreated = 1',
  bot: 'creator_bot = 1',
  copyvio: 'copyvio_rev_id IS NOT NULL',
  learner: "creator_experience = 'learner'",
  afc: 'afc_state > 1',
} as const;
export type RareFilter = keyof typeof RARE_FILTER_INDEXES;

/** The snippet substring index (FTS5 trigram table on SQLite, pg_trgm GIN on PostgreSQL). */
export const SNIPPET_INDEX = 'review_page_snippet_idx';

/**
 * The boolean filters of pagetriagelist as bits of `review_page.filter_bits`, each with the
 * condition on the row that sets it. A filter of several of them is one test, `filter_bits & m = m`.
 */
export const FILTER_BITS = {
  // The rare filters' conditions are their partial indexes', word for word.
  blocked: { bit: 1, condition: RARE_FILTER_INDEXES.blocked },
  recreated: { bit: 2, condition: RARE_FILTER_INDEXES.recreated },
  bot: { bit: 4, condition: RARE_FILTER_INDEXES.bot },
  learner: { bit: 8, condition: RARE_FILTER_INDEXES.learner },
  copyvio: { bit: 16, condition: RARE_FILTER_INDEXES.copyvio },
  nonAutoconfirmed: { bit: 32, condition: 'creator_autoconfirmed = 0' },
  autopatrol: { bit: 64, condition: 'creator_autopatrol = 1' },
  noCategory: { bit: 128, condition: 'category_count = 0' },
  unreferenced: { bit: 256, condition: 'has_reference = 0' },
  noInboundLinks: { bit: 512, condition: 'link_count = 0' },
} as const;
export type FilterBit = keyof typeof FILTER_BITS;

/**
 * The columns every ordered index of review_page carries after its key, so that the filters are
 * tested on index entries and only matching rows are read from the table: SQLite defers the table
 * read until a column outside the index is needed (a 1M-page queue: 6 ms → 0.5 ms for a filter
 * matching 1 % of an index).
 */
export const FILTER_COLUMNS = ['filter_bits', 'ores_articlequality', 'ores_draftquality'];

/** A namespace's queue in creation order, whatever the state and type (with the filter columns). */
export const NAMESPACE_CREATED_INDEX = 'review_page_namespace_created_idx';
/** The same in review order. */
export const NAMESPACE_REVIEW_INDEX = 'review_page_namespace_review_idx';

/** The counter of reviewed pages by the hour of their review. */
export const REVIEWED_COUNT_TABLE = 'review_reviewed_count';

/** Seconds in one counted period of review times (`period` = reviewed_updated / this). */
export const REVIEWED_PERIOD_SECONDS = 3600;
