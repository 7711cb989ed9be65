import type { Kysely, Migration } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/**
 * An import's position in its source as text (`import_state.cursor`): a followed MediaWiki's
 * recent-changes continuation (`timestamp|rcid` of the next change to read), saved in the
 * transaction that writes the changes read before it, so a restart neither repeats nor skips
 * one. Dump imports keep counting pages and leave it empty.
 */
export function importCursorMigration(_d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('import_state')
        .addColumn('cursor', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
    },
  };
}
