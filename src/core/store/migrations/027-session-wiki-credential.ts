import type { Kysely, Migration } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/**
 * A login relayed to a followed MediaWiki keeps the wiki's session with the local one
 * (`auth_session.wiki_credential`): the wiki's session cookies, encrypted (CredentialVault), so
 * that the user's changes are made on the wiki in their name, and the rights the wiki gave the
 * account at that login (`wiki_rights`, a JSON list), which are the session's rights here. ''
 * for a login checked here. Both go with their session: a logout or an expiry deletes them.
 */
export function sessionWikiCredentialMigration(_d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('auth_session')
        .addColumn('wiki_credential', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema
        .alterTable('auth_session')
        .addColumn('wiki_rights', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
    },
  };
}
