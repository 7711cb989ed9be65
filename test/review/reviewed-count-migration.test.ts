import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { storeMigrations } from '../../src/core/store/migrations/migration-provider.ts';
import { sqliteSchemaDialect } from '../../src/core/store/sqlite/sqlite-schema-dialect.ts';
import { subsystemMigrations } from '../../src/create-services.ts';

describe('migration 005: reviewed pages counted by hour', () => {
  let db: Kysely<unknown>;
  afterEach(async () => db?.destroy());

  it('fills the counter from a queue that existed before it, and keeps it after', async () => {
    db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }) });
    const migrator = new Migrator({
      db,
      provider: storeMigrations(sqliteSchemaDialect, subsystemMigrations()),
    });
    expect((await migrator.migrateTo('004-review-namespace-order')).error).toBeUndefined();
    const page = (id: number, status: number, reviewed: number) =>
      sql`insert into review_page (wiki, page_id, namespace, title, is_redirect, status, is_reviewed, created_at, reviewed_updated)
        values ('w', ${id}, 0, ${`P${id}`}, 0, ${status}, ${status > 0 ? 1 : 0}, 0, ${reviewed})`.execute(db);
    await page(1, 1, 7200 + 5);
    await page(2, 2, 7200 + 3599);
    await page(3, 1, 3600);
    await page(4, 0, 7200);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const counts = async () =>
      (
        await sql<{
          status: number;
          period: number;
          n: number;
        }>`select status, period, n from review_reviewed_count where n <> 0 order by status, period`.execute(
          db,
        )
      ).rows;
    expect(await counts()).toEqual([
      { status: 0, period: -1, n: 1 },
      { status: 1, period: 1, n: 1 },
      { status: 1, period: 2, n: 1 },
      { status: 2, period: 2, n: 1 },
    ]);
    // Written after the migration: kept by the triggers.
    await sql`update review_page set status = 0, is_reviewed = 0 where page_id = 2`.execute(db);
    await sql`update review_page set status = 1, is_reviewed = 1, reviewed_updated = 3 * 3600 where page_id = 4`.execute(
      db,
    );
    expect(await counts()).toEqual([
      { status: 0, period: -1, n: 1 },
      { status: 1, period: 1, n: 1 },
      { status: 1, period: 2, n: 1 },
      { status: 1, period: 3, n: 1 },
    ]);
  });
});
