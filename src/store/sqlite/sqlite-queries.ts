import { sql } from 'kysely';
import type { DialectQueries } from '../sql/dialect-queries.ts';

/** SQLite has one writer at a time (and BEGIN IMMEDIATE transactions), so claims need no row locks. */
export const sqliteQueries: DialectQueries = Object.freeze({
  // SQLITE_MAX_VARIABLE_NUMBER's default since SQLite 3.32.
  maxParameters: 32766,
  lockSkippingLocked: (query) => query,
  containsText: (column, text) => sql`instr(${column}, ${text}) > 0`,
} satisfies DialectQueries);
