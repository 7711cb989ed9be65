import { sql } from 'kysely';
import type { SchemaDialect } from '../migrations/schema-dialect.ts';

export const postgresSchemaDialect: SchemaDialect = Object.freeze({
  bigint: 'bigint',
  serial: 'bigint',
  serialPrimaryKey: (column) => column.primaryKey().generatedByDefaultAsIdentity(),
  // The "C" collation orders by code point, whatever the database's default collation is.
  codePointOrder: (column) => column.modifyEnd(sql`collate "C"`),
} satisfies SchemaDialect);
