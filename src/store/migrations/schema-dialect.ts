import type { ColumnDefinitionBuilder } from 'kysely';

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
}
