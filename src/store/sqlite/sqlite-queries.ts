import { sql } from 'kysely';
import type { DialectQueries } from '../sql/dialect-queries.ts';

/** SQLite has one writer at a time (and BEGIN IMMEDIATE transactions), so claims need no row locks. */
export const sqliteQueries: DialectQueries = Object.freeze({
  // SQLITE_MAX_VARIABLE_NUMBER's default since SQLite 3.32.
  maxParameters: 32766,
  lockSkippingLocked: (query) => query,
  containsText: (column, text) => sql`instr(${column}, ${text}) > 0`,
  substringCandidates: async (db, index, text, cap) => {
    const query = trigramQuery(text);
    if (query === undefined) return undefined;
    const { rows } = await sql<{
      id: number;
    }>`select rowid as id from ${sql.id(index.name)} where ${sql.id(index.name)} match ${query} limit ${cap}`.execute(
      db,
    );
    return rows.map((r) => Number(r.id));
  },
  aliasUsingIndex: (alias, index) =>
    index === null ? sql`${sql.id(alias)} not indexed` : sql`${sql.id(alias)} indexed by ${sql.id(index)}`,
} satisfies DialectQueries);

/**
 * The FTS5 query for the rows holding trigrams of `text` (the index keeps no positions, so a phrase
 * cannot be asked for): a superset of the rows containing `text`. Non-overlapping trigrams (and the
 * last one) cover every character; each extra term would make the AND slower, not much sharper.
 */
function trigramQuery(text: string): string | undefined {
  const chars = Array.from(text);
  if (chars.length < 3) return undefined;
  const trigrams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i += 3) trigrams.add(chars.slice(i, i + 3).join(''));
  trigrams.add(chars.slice(-3).join(''));
  return [...trigrams].map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ');
}
