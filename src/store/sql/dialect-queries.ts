import type { Expression, SelectQueryBuilder, SqlBool } from 'kysely';

/**
 * The query-level differences between the databases, implemented in `store/sqlite/` and
 * `store/postgres/`; the shared repositories in `store/sql/` call these instead of branching.
 */
export interface DialectQueries {
  /** Most bound parameters one statement may carry (SQLite 32766, PostgreSQL 65535). */
  readonly maxParameters: number;
  /**
   * Locks the selected rows until the transaction ends and skips rows another transaction holds
   * (PostgreSQL: FOR UPDATE SKIP LOCKED), so concurrent claimers never take the same row. Returns
   * the query unchanged on a database with a single writer.
   */
  lockSkippingLocked<DB, TB extends keyof DB, O>(
    query: SelectQueryBuilder<DB, TB, O>,
  ): SelectQueryBuilder<DB, TB, O>;
  /**
   * `text` occurs in `column`, case-sensitively and taken literally (no wildcards): the review
   * queue's keyword filter, which the reference runs on a binary column (review-queue-reference.md
   * §10 "keyword is case-sensitive"). Scans; not indexed.
   */
  containsText(column: Expression<string>, text: string): Expression<SqlBool>;
}
