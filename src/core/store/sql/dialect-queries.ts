import type { AliasedRawBuilder, Expression, Kysely, RawBuilder, SelectQueryBuilder, SqlBool } from 'kysely';
import type { FullTextIndexSpec } from '../migrations/schema-dialect.ts';

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
   * Locks the selected rows until the transaction ends; another transaction locking them waits
   * (PostgreSQL: FOR UPDATE). Returns the query unchanged on a database with a single writer.
   */
  lockForUpdate<DB, TB extends keyof DB, O>(
    query: SelectQueryBuilder<DB, TB, O>,
  ): SelectQueryBuilder<DB, TB, O>;
  /**
   * Makes the calling transaction the only one inserting into `table` until it ends, so that the
   * table's serial ids become visible in the order they were allocated (a reader that sees id n
   * has seen every lower id that will ever exist). PostgreSQL: LOCK TABLE … IN SHARE ROW EXCLUSIVE
   * MODE, which leaves plain reads alone; SQLite: nothing, its write transactions exclude each
   * other already. Call it right before the insert and commit soon after: writers wait for it.
   */
  serializeInserts<DB>(db: Kysely<DB>, table: string): Promise<void>;
  /**
   * `text` occurs in `column`, case-sensitively and taken literally (no wildcards): the review
   * queue's keyword filter, which the reference runs on a binary column (review-queue-reference.md
   * §10 "keyword is case-sensitive"). Scans; not indexed.
   */
  containsText(column: Expression<string>, text: string): Expression<SqlBool>;
  /**
   * The rows (of every wiki) whose `index.column` may contain `text`, read from the substring index
   * made by `SchemaDialect.createSubstringIndex`, when fewer than `cap`: every row that contains it
   * is a candidate, possibly with some that do not, so callers keep `containsText` as well.
   * Undefined when the index cannot help: `text` shorter than three characters, or at least `cap`
   * rows may contain it. Cheap for any `text`: it reads at most `cap` keys (SQLite: and a few
   * sampled ones per trigram, to pick the rarest).
   */
  substringCandidates<DB>(
    db: Kysely<DB>,
    index: SubstringIndex,
    text: string,
    cap: number,
  ): Promise<SubstringCandidates | undefined>;
  /**
   * One bounded step of merging the pieces the substring index was written in (SQLite: FTS5
   * segments, `merge` of at most about `pages` pages; PostgreSQL: GIN's pending list, moved into
   * the index at once). Returns whether anything is left to merge. Run outside a transaction: each
   * step is its own.
   */
  compactSubstringIndex<DB>(db: Kysely<DB>, index: SubstringIndex, pages: number): Promise<boolean>;
  /**
   * The rows of the full-text index `index` (made by `SchemaDialect.createFullTextIndex`) that
   * match every phrase, as a subquery with the columns `key` (the table's primary key) and
   * `score` (relevance, higher first: SQLite's bm25, PostgreSQL's ts_rank, so scores compare only
   * within one database). Rows of every wiki; the caller joins the table and filters.
   */
  fullTextMatches(index: FullTextIndexSpec, phrases: readonly FullTextPhrase[]): RawBuilder<unknown>;
  /**
   * Frees the old versions of often-updated rows in `tables` (counters): PostgreSQL keeps each
   * update's old row until VACUUM, and reads walk past them; SQLite updates in place, so nothing
   * to do. Run outside a transaction.
   */
  reclaimDeadRows<DB>(db: Kysely<DB>, tables: readonly string[]): Promise<void>;
  /**
   * The name `alias` for `table`, read through `index` only (SQLite: INDEXED BY, which fails the
   * query rather than scan when the index cannot serve it), or with `null` by its integer primary
   * key or in full (SQLite: NOT INDEXED). PostgreSQL leaves the choice to its planner. Use as `sql\`table\`.as(aliasUsingIndex(…))`.
   */
  aliasUsingIndex(alias: string, index: string | null): RawBuilder<unknown>;
  /**
   * The first `limit` rows of the union of `parts` ordered by the columns `orderBy`, where each
   * part reads its rows from an index in that order: a merge of the parts that reads no more of
   * each than it hands out (SQLite: the compound select ordered and limited as a whole, MERGE
   * (UNION ALL) of co-routines; PostgreSQL: each part ordered and limited in a subquery of one
   * Merge Append, which it does not plan for a top-level UNION ALL, nor for parts it flattens).
   */
  mergeOrdered<R>(parts: readonly RawBuilder<R>[], orderBy: readonly string[], limit: number): RawBuilder<R>;
  /**
   * `column` is one of `values` (all integers or all strings), sent as one parameter (SQLite: a
   * JSON array read by json_each; PostgreSQL: an array, `= any(…)`), so that the statement's text
   * does not depend on how many there are: it is prepared once, and binding hundreds of
   * parameters costs more than the lookups they stand for.
   */
  anyOf(column: string, values: readonly number[] | readonly string[]): RawBuilder<SqlBool>;
  /**
   * `values` (all integers or all strings) as a table named `alias` of one column, sent as one
   * parameter as `anyOf` does: `table` goes in a FROM clause, `column` names the value.
   */
  valuesTable(
    values: readonly number[] | readonly string[],
    alias: string,
  ): { table: AliasedRawBuilder<unknown, string>; column: RawBuilder<unknown> };
  /**
   * `rows` as a table named `alias` with the columns of `columns` (name → type), sent as one
   * parameter (SQLite: a JSON array of arrays read by json_each) or one per column (PostgreSQL:
   * arrays, unnest): the statement's text does not depend on the number of rows, so Kysely
   * compiles a small tree and the database prepares it once, where a multi-row VALUES binds (and
   * compiles) a parameter per cell. For bulk writes: `insertInto(t).columns(…).expression(
   * db.selectFrom(rowsTable(…)).selectAll().where(sql\`true\`))` (SQLite needs a WHERE before
   * an ON CONFLICT of an INSERT … SELECT). Values are numbers, strings, booleans (as 0/1) or null.
   */
  rowsTable<R extends Record<string, unknown>, A extends string>(
    columns: { readonly [K in keyof R]: RowColumnType },
    rows: readonly R[],
    alias: A,
  ): AliasedRawBuilder<R, A>;
  /**
   * Whether a condition on an index's own columns is tested only once the table row is fetched,
   * unless the scan reads nothing but the index (PostgreSQL before 18: a plain index scan fetches
   * the row of every entry, matching or not). SQLite tests it on the index entry. Where true, a
   * scan that filters many entries out reads the keys first, index-only, then only their rows.
   */
  readonly filtersOnTableRow: boolean;
}

/** Rows per `rowsTable` statement: its one parameter stays at a few MB. */
export const BULK_ROWS = 5000;

/** A column type of `rowsTable`: 64-bit integers, doubles, text. */
export type RowColumnType = 'int' | 'real' | 'text';

export interface SubstringCandidates {
  /**
   * How many candidates there are, for planning: counted now, or (SQLite) by a probe of the same
   * text up to a minute ago. Only the plan depends on it; `condition` is always exact.
   */
  rows: number;
  /** `index.key` is one of the candidates, as the index has them when the query runs. */
  condition: RawBuilder<SqlBool>;
}

/**
 * One condition of a full-text search: `words` (normalized, search-words.ts; at least one) next to
 * each other and in this order in `field` of the index.
 */
export interface FullTextPhrase {
  field: string;
  words: readonly string[];
}

export interface SubstringIndex {
  name: string;
  table: string;
  /** The integer primary key the index is keyed by. */
  key: string;
  column: string;
}
