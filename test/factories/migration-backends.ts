import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { coreMigrations, storeMigrations } from '../../src/core/store/migrations/migration-provider.ts';
import type { SchemaDialect } from '../../src/core/store/migrations/schema-dialect.ts';
import { dropPostgresSchema } from '../../src/core/store/postgres/open-postgres.ts';
import { postgresSchemaDialect } from '../../src/core/store/postgres/postgres-schema-dialect.ts';
import { sqliteSchemaDialect } from '../../src/core/store/sqlite/sqlite-schema-dialect.ts';
import { subsystemMigrations } from '../../src/create-services.ts';
import { migrateStep } from './test-store.ts';

/**
 * Empty databases of both kinds for migration tests, which migrate up to just before the
 * migration under test, write rows as the older schema had them, and then migrate the rest.
 */
export interface Backend {
  db: Kysely<unknown>;
  dialect: SchemaDialect;
  /** Kysely's migrator must be told the schema, or it takes another schema's bookkeeping for its own. */
  migrationTableSchema?: string;
  close: () => Promise<void>;
}

const url = process.env.TEST_POSTGRES_URL;

export const migrationBackends: [string, (() => Promise<Backend>) | string][] = [
  [
    'sqlite',
    async () => {
      const db = new Kysely<unknown>({
        dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }),
      });
      return { db, dialect: sqliteSchemaDialect, close: () => db.destroy() };
    },
  ],
  [
    'postgres',
    url
      ? async () => {
          const schema = `wq_test_${process.pid}_${randomBytes(4).toString('hex')}`;
          const admin = new pg.Client({ connectionString: url });
          await admin.connect();
          await admin.query(`create schema "${schema}"`);
          await admin.end();
          const pool = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` });
          const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
          return {
            db,
            dialect: postgresSchemaDialect,
            migrationTableSchema: schema,
            close: async () => {
              await db.destroy();
              await dropPostgresSchema(url, schema);
            },
          };
        }
      : 'TEST_POSTGRES_URL is not set',
  ],
];

/** The name of the migration that runs just before `name` (core and subsystems, by name). */
export function migrationBefore(name: string): string {
  const names = Object.keys({ ...coreMigrations, ...subsystemMigrations() }).sort();
  return names[names.indexOf(name) - 1]!;
}

/** A migrator over `backend`'s database, already run up to just before `name`. */
export async function migratedBefore(backend: Backend, name: string): Promise<Migrator> {
  const migrator = new Migrator({
    db: backend.db,
    provider: storeMigrations(backend.dialect, subsystemMigrations()),
    migrationTableSchema: backend.migrationTableSchema,
  });
  const before = await migrateStep(() => migrator.migrateTo(migrationBefore(name)));
  if (before.error) throw before.error;
  return migrator;
}
