import type { Kysely, Migration } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/**
 * A login relayed to a followed MediaWiki keeps the wiki's session with the local one
 * (`auth_session.wiki_credential`): the wiki's session cookies, encrypted (CredentialVault), so
 * that the user's changes are made on the wiki in their name. '' for a login checked here. The
 * credential goes with its session: a logout or an expiry deletes both.
 */
export function sessionWikiCredentialMigration(_d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('auth_session')
        .addColumn('wiki_credential', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
    },
  };
}
