import type { Migration, MigrationProvider } from 'kysely';
import { initialMigration } from './001-initial.ts';
import { eventConsumersMigration } from './006-event-consumers.ts';
import { schedulesMigration } from './007-schedules.ts';
import { redirectMigration } from './008-redirect.ts';
import { sessionHashMigration } from './009-session-hash.ts';
import { rangeBlocksAndProtectedTitlesMigration } from './010-range-blocks-and-protected-titles.ts';
import { revisionActorIndexMigration } from './011-revision-actor-index.ts';
import { externalLinksMigration } from './012-external-links.ts';
import { searchIndexMigration } from './013-search-index.ts';
import { watchlistMigration } from './014-watchlist.ts';
import { reverseLinksMigration } from './015-reverse-links.ts';
import { mediaFilesMigration } from './016-media-files.ts';
import { importCursorMigration } from './026-import-cursor.ts';
import { sessionWikiCredentialMigration } from './027-session-wiki-credential.ts';
import type { SchemaDialect } from './schema-dialect.ts';

/** A migration written once for both databases, rendered for one of them. */
export type MigrationFactory = (dialect: SchemaDialect) => Migration;

/** The core's migrations; subsystems declare theirs in their registration. */
export const coreMigrations: Readonly<Record<string, MigrationFactory>> = {
  '001-initial': initialMigration,
  '006-event-consumers': eventConsumersMigration,
  '007-schedules': schedulesMigration,
  '008-redirect': redirectMigration,
  '009-session-hash': sessionHashMigration,
  '010-range-blocks-and-protected-titles': rangeBlocksAndProtectedTitlesMigration,
  '011-revision-actor-index': revisionActorIndexMigration,
  '012-external-links': externalLinksMigration,
  '013-search-index': searchIndexMigration,
  '014-watchlist': watchlistMigration,
  '015-reverse-links': reverseLinksMigration,
  '016-media-files': mediaFilesMigration,
  '026-import-cursor': importCursorMigration,
  '027-session-wiki-credential': sessionWikiCredentialMigration,
};

/**
 * The core's migrations and `extra` (every subsystem's), rendered for one database. Kysely runs
 * them in the order of their names and records each name in `kysely_migration`, so a name never
 * changes once released and is unique across the core and all subsystems: each starts with the
 * next free three-digit number when it is written.
 */
export function storeMigrations(
  dialect: SchemaDialect,
  extra: Readonly<Record<string, MigrationFactory>> = {},
): MigrationProvider {
  const migrations: Record<string, Migration> = {};
  for (const [name, make] of Object.entries({ ...coreMigrations, ...extra })) {
    if (name in migrations) throw new Error(`migration "${name}" is declared twice`);
    migrations[name] = make(dialect);
  }
  return { getMigrations: () => Promise.resolve(migrations) };
}
