import type { SchemaDialect } from '../migrations/schema-dialect.ts';

/** SQLite integers are 64-bit already; BINARY (the default collation) compares UTF-8 bytes. */
export const sqliteSchemaDialect: SchemaDialect = Object.freeze({
  bigint: 'integer',
  serial: 'integer',
  // INTEGER PRIMARY KEY AUTOINCREMENT: the rowid, never reused after deletes (purged jobs).
  serialPrimaryKey: (column) => column.primaryKey().autoIncrement(),
  codePointOrder: (column) => column,
} satisfies SchemaDialect);
