import { sql, type RawBuilder } from 'kysely';

/**
 * The tsvector of a full-text field, written once for the GIN index (postgres-schema-dialect.ts)
 * and the queries (postgres-queries.ts): the planner uses an expression index only for the same
 * expression. The `simple` configuration lowercases and never stems, as the index serves wikis of
 * every language; the columns hold normalized words already (search-words.ts).
 */
export function fullTextVector(columns: readonly string[], alias?: string): RawBuilder<unknown> {
  const ref = (c: string) => (alias === undefined ? sql.id(c) : sql.id(alias, c));
  const joined = columns.length === 1 ? ref(columns[0]!) : sql.join(columns.map(ref), sql` || ' ' || `);
  return sql`to_tsvector('simple'::regconfig, ${joined})`;
}
