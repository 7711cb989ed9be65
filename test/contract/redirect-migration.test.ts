import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultNamespaces } from '../../src/core/domain/namespaces.ts';
import { coreMigrations, storeMigrations } from '../../src/core/store/migrations/migration-provider.ts';
import type { SchemaDialect } from '../../src/core/store/migrations/schema-dialect.ts';
import { dropPostgresSchema } from '../../src/core/store/postgres/open-postgres.ts';
import { postgresSchemaDialect } from '../../src/core/store/postgres/postgres-schema-dialect.ts';
import { sqliteSchemaDialect } from '../../src/core/store/sqlite/sqlite-schema-dialect.ts';
import { subsystemMigrations } from '../../src/create-services.ts';
import { migrateStep } from '../factories/test-store.ts';

interface Backend {
  db: Kysely<unknown>;
  dialect: SchemaDialect;
  /** Kysely's migrator must be told the schema, or it takes another schema's bookkeeping for its own. */
  migrationTableSchema?: string;
  close: () => Promise<void>;
}

const url = process.env.TEST_POSTGRES_URL;

const backends: [string, (() => Promise<Backend>) | string][] = [
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

/** The name of the migration that runs just before `008-redirect` (core and subsystems, by name). */
function migrationBefore(name: string): string {
  const names = Object.keys({ ...coreMigrations, ...subsystemMigrations() }).sort();
  return names[names.indexOf(name) - 1]!;
}

describe.each(backends)('migration 008-redirect (%s)', (_name, make) => {
  let backend: Backend | undefined;
  afterEach(async () => backend?.close());

  const run = typeof make === 'string' ? it.skip : it;
  const title = (t: string) => (typeof make === 'string' ? `${t} [skipped: ${make}]` : t);

  async function migratedBefore(): Promise<{ db: Kysely<unknown>; migrator: Migrator }> {
    backend = await (make as () => Promise<Backend>)();
    const { db, dialect, migrationTableSchema } = backend;
    const migrator = new Migrator({
      db,
      provider: storeMigrations(dialect, subsystemMigrations()),
      migrationTableSchema,
    });
    const before = await migrateStep(() => migrator.migrateTo(migrationBefore('008-redirect')));
    expect(before.error).toBeUndefined();
    await sql`insert into wiki (wiki, lang, sitename, base_url, namespaces, settings, is_media_repo, source, created_at)
      values ('w', 'de', 'W', '', ${JSON.stringify(defaultNamespaces())}, '{}', 0, 'local', 0)`.execute(db);
    return { db, migrator };
  }

  async function page(db: Kysely<unknown>, id: number, isRedirect: boolean, texts: string[]) {
    let rev = id * 10;
    for (const text of texts) {
      await sql`insert into revision (wiki, rev_id, page_id, parent_id, timestamp, user_id, user_text, comment, minor, len, sha1, text)
        values ('w', ${++rev}, ${id}, null, ${rev}, 0, 'X', '', 0, ${text.length}, '', ${text})`.execute(db);
    }
    await sql`insert into page (wiki, page_id, namespace, title, is_redirect, latest_rev_id, len, created_at, touched_at, content_model)
      values ('w', ${id}, 0, ${`P${id}`}, ${isRedirect ? 1 : 0}, ${rev}, 0, 0, 0, 'wikitext')`.execute(db);
  }

  const rows = async (db: Kysely<unknown>) =>
    (
      await sql<{
        page_id: number | string;
        namespace: number;
        title: string;
        fragment: string;
        interwiki: string;
      }>`select page_id, namespace, title, fragment, interwiki from redirect order by page_id`.execute(db)
    ).rows.map((r) => ({ ...r, page_id: Number(r.page_id) }));

  run(title('fills the table from the latest text of the redirects stored before it'), async () => {
    const { db, migrator } = await migratedBefore();
    await page(db, 1, true, ['#REDIRECT [[Old target]]', '#REDIRECT [[Help:New target#Section]]']);
    await page(db, 2, true, ['#WEITERLEITUNG [[Ziel]]']);
    await page(db, 3, true, ['#REDIRECT [[wikt:Wort]]']);
    await page(db, 4, false, ['#REDIRECT [[Looks like one]] but the page is not a redirect']);
    await page(db, 5, true, ['#REDIRECT without a link']);
    expect((await migrateStep(() => migrator.migrateToLatest())).error).toBeUndefined();
    expect(await rows(db)).toEqual([
      { page_id: 1, namespace: 12, title: 'New_target', fragment: 'Section', interwiki: '' },
      { page_id: 2, namespace: 0, title: 'Ziel', fragment: '', interwiki: '' },
      { page_id: 3, namespace: 0, title: 'Wort', fragment: '', interwiki: 'wikt' },
    ]);
  });

  run(title('completes a fill that was interrupted after creating the table'), async () => {
    const { db, migrator } = await migratedBefore();
    await page(db, 1, true, ['#REDIRECT [[Current target]]']);
    await sql`create table redirect (wiki text not null, page_id bigint not null, namespace integer not null,
      title text not null, fragment text not null, interwiki text not null, constraint redirect_pk primary key (wiki, page_id))`.execute(
      db,
    );
    await sql`insert into redirect values ('w', 1, 0, 'Stale', '', '')`.execute(db);
    expect((await migrateStep(() => migrator.migrateToLatest())).error).toBeUndefined();
    expect(await rows(db)).toEqual([
      { page_id: 1, namespace: 0, title: 'Current_target', fragment: '', interwiki: '' },
    ]);
  });
});
