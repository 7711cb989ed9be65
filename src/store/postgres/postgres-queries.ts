import { sql } from 'kysely';
import type { DialectQueries } from '../sql/dialect-queries.ts';

export const postgresQueries: DialectQueries = Object.freeze({
  // The wire protocol counts bind parameters in 16 bits.
  maxParameters: 65535,
  lockSkippingLocked: (query) => query.forUpdate().skipLocked(),
  containsText: (column, text) => sql`strpos(${column}, ${text}) > 0`,
  // pg_trgm's GIN index answers LIKE, not strpos.
  substringCandidates: async (db, index, text, cap) => {
    if (Array.from(text).length < 3) return undefined;
    const { rows } = await sql<{
      id: number;
    }>`select ${sql.id(index.key)} as id from ${sql.id(index.table)} where ${sql.id(index.column)} like ${likePattern(text)} limit ${cap}`.execute(
      db,
    );
    return rows.map((r) => Number(r.id));
  },
  aliasUsingIndex: (alias) => sql.id(alias),
} satisfies DialectQueries);

/** `%text%` with LIKE's wildcards and its escape character (backslash) taken literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
