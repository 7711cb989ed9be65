import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { storeMigrations } from '../../src/core/store/migrations/migration-provider.ts';
import { sqliteSchemaDialect } from '../../src/core/store/sqlite/sqlite-schema-dialect.ts';
import { subsystemMigrations } from '../../src/create-services.ts';

describe('migration 007: schedules', () => {
  let db: Kysely<unknown>;
  afterEach(async () => db?.destroy());

  it('turns the queued runs of the old maintenance chain into schedules due when they were, and keeps other jobs', async () => {
    db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }) });
    const provider = storeMigrations(sqliteSchemaDialect, subsystemMigrations());
    const names = Object.keys(await provider.getMigrations()).sort();
    const migrator = new Migrator({ db, provider });
    expect((await migrator.migrateTo(names[names.indexOf('007-schedules') - 1]!)).error).toBeUndefined();

    const job = (
      type: string,
      wiki: string,
      payload: object,
      key: string | null,
      status: string,
      runAfter: number,
    ) =>
      sql`insert into job (job_type, wiki, payload, dedupe_key, status, attempts, max_attempts, run_after, created_at, updated_at)
        values (${type}, ${wiki}, ${JSON.stringify(payload)}, ${key}, ${status}, 0, 5, ${runAfter}, 1, 1)`.execute(
        db,
      );
    await job(
      'review:maintenance',
      'enwiki',
      { task: 'purge' },
      'review-maintenance:purge:enwiki',
      'queued',
      5000,
    );
    await job(
      'review:maintenance',
      'dewiki',
      { task: 'purge' },
      'review-maintenance:purge:dewiki',
      'queued',
      5100,
    );
    // The shared task was queued under the first wiki that asked.
    await job(
      'review:maintenance',
      'enwiki',
      { task: 'compact' },
      'review-maintenance:compact',
      'queued',
      6000,
    );
    // A retry of a failed run (it gave up its key), a finished run, and a job of another kind.
    await job('review:maintenance', 'enwiki', { task: 'update-users' }, null, 'queued', 4000);
    await job(
      'review:maintenance',
      'enwiki',
      { task: 'update-users' },
      'review-maintenance:update-users:enwiki',
      'done',
      3000,
    );
    await job('review:compile', 'enwiki', { pageId: 1 }, 'review-edit:enwiki:1', 'queued', 10);
    await sql`insert into throttle (key, count, window_start) values ('login:enwiki:ip:1', 3, 1000)`.execute(
      db,
    );

    expect((await migrator.migrateToLatest()).error).toBeUndefined();

    const schedules =
      await sql<object>`select owner, task, wiki, next_run_at, finished_due from schedule order by owner, task, wiki`.execute(
        db,
      );
    expect(schedules.rows).toEqual([
      { owner: 'review', task: 'compact', wiki: '', next_run_at: 6000, finished_due: null },
      { owner: 'review', task: 'purge', wiki: 'dewiki', next_run_at: 5100, finished_due: null },
      { owner: 'review', task: 'purge', wiki: 'enwiki', next_run_at: 5000, finished_due: null },
    ]);
    const jobs = await sql<object>`select job_type, status, run_after from job order by job_id`.execute(db);
    expect(jobs.rows).toEqual([
      { job_type: 'review:maintenance', status: 'queued', run_after: 4000 },
      { job_type: 'review:maintenance', status: 'done', run_after: 3000 },
      { job_type: 'review:compile', status: 'queued', run_after: 10 },
    ]);
    const throttles = await sql<object>`select key, count, window_start, window_end from throttle`.execute(
      db,
    );
    expect(throttles.rows).toEqual([
      { key: 'login:enwiki:ip:1', count: 3, window_start: 1000, window_end: 1000 + 86400 },
    ]);
  });
});
