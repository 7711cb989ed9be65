import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

/** One group of a counter: its column, and the SQL expression over a row (named `row`) it counts. */
export interface GroupCounterGroup {
  column: string;
  expression: (row: string) => string;
}

/** A full-text index: see `SchemaDialect.createFullTextIndex`. */
export interface FullTextIndexSpec {
  name: string;
  table: string;
  /** The integer primary key. */
  key: string;
  fields: Readonly<Record<string, readonly string[]>>;
}

/**
 * The few column types that differ between the databases, so that one migration text serves both
 * (implemented in `store/sqlite/` and `store/postgres/`).
 */
export interface SchemaDialect {
  /** 64-bit integers: ids, timestamps, byte sizes. */
  readonly bigint: 'bigint' | 'integer';
  /** Type of an auto-increment primary key column (see `serialPrimaryKey`). */
  readonly serial: 'bigint' | 'integer';
  /** Makes the column an auto-increment primary key whose values are never reused. */
  serialPrimaryKey(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /**
   * Text ordered by code point (byte-wise UTF-8), so that ranges and orderings on titles and names
   * agree across databases whatever the server's default collation is.
   */
  codePointOrder(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** Gives an existing text column `codePointOrder` (before an index on it is made). */
  orderByCodePoint(db: Kysely<unknown>, table: string, column: string): Promise<void>;
  /**
   * Makes the column computed from `expression` over the row's other columns, kept by the database
   * on every write and usable in indexes (SQLite: VIRTUAL, the only kind ALTER TABLE can add;
   * PostgreSQL: STORED, the only kind it has).
   */
  computed(column: ColumnDefinitionBuilder, expression: string): ColumnDefinitionBuilder;
  /**
   * Creates an index that finds the rows of `table` whose text `column` contains a given substring
   * (case-sensitive), for `DialectQueries.snippetIndexCondition`. SQLite: an FTS5 table
   * `<name>` with the trigram tokenizer over `table`, keyed by the integer primary key `key` and
   * kept in step by triggers; PostgreSQL: a pg_trgm GIN index `<name>`.
   */
  createSubstringIndex(
    db: Kysely<unknown>,
    spec: { name: string; table: string; key: string; column: string },
  ): Promise<void>;
  /**
   * Creates a full-text index over the word columns of `table` (text of lowercase words separated
   * by spaces, core/domain/search-words.ts), searchable by `fields`: each a set of the columns
   * (`title` → [title_words], `all` → [title_words, text_words]), for
   * `DialectQueries.fullTextMatches`. SQLite: an external-content FTS5 table `<name>` keyed by
   * the integer primary key `key`, kept in step by triggers; PostgreSQL: one GIN index
   * `<name>_<field>` per field over the `simple` tsvector of its columns.
   */
  createFullTextIndex(db: Kysely<unknown>, spec: FullTextIndexSpec): Promise<void>;
  /** Drops what `createFullTextIndex` made. */
  dropFullTextIndex(db: Kysely<unknown>, spec: { name: string; table: string }): Promise<void>;
  /**
   * Creates triggers that keep `counter` (its `groups` columns plus `n`) equal to the row count of
   * `table` per group, in the transaction of every insert, update and delete. Each group value is a
   * SQL expression over one row, written with `row` as the row's name.
   */
  createGroupCounter(
    db: Kysely<unknown>,
    spec: { counter: string; table: string; groups: GroupCounterGroup[] },
  ): Promise<void>;
  /** Drops what `createGroupCounter` made (the counter table itself stays). */
  dropGroupCounter(db: Kysely<unknown>, spec: { counter: string; table: string }): Promise<void>;
}
