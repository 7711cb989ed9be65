import type { Kysely, Migration } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/**
 * Sessions are stored by the SHA-256 of their id (`session_hash`), so that a copy of the database
 * does not hand out live sessions, and say whether their login asked to be remembered (`remember`,
 * 0/1: the lifetime the session is renewed to). The ids of existing sessions were stored as they
 * are; they are not kept: everybody logs in again after the upgrade (README, "Running in
 * production"). Written to be run again: an interrupted run leaves at most an empty new table.
 */
export function sessionHashMigration(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('auth_session').ifExists().execute();
      await db.schema
        .createTable('auth_session')
        .addColumn('session_hash', 'text', (c) => c.primaryKey())
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('user_id', d.bigint, (c) => c.notNull())
        .addColumn('csrf_secret', 'text', (c) => c.notNull())
        .addColumn('app_id', 'text', (c) => c.notNull())
        .addColumn('remember', 'integer', (c) => c.notNull())
        .addColumn('created_at', d.bigint, (c) => c.notNull())
        .addColumn('expires_at', d.bigint, (c) => c.notNull())
        .execute();
      // sessions.deleteExpired.
      await db.schema
        .createIndex('auth_session_expiry_idx')
        .on('auth_session')
        .column('expires_at')
        .execute();
    },
  };
}
