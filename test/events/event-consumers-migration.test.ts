import BetterSqlite3 from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { storeMigrations } from '../../src/core/store/migrations/migration-provider.ts';
import type { SchemaDialect } from '../../src/core/store/migrations/schema-dialect.ts';
import { openStore } from '../../src/core/store/open-store.ts';
import { dropPostgresSchema } from '../../src/core/store/postgres/open-postgres.ts';
import { postgresSchemaDialect } from '../../src/core/store/postgres/postgres-schema-dialect.ts';
import { sqliteSchemaDialect } from '../../src/core/store/sqlite/sqlite-schema-dialect.ts';
import type { Store } from '../../src/core/store/store.ts';
import { subsystemMigrations } from '../../src/create-services.ts';
import { testBackend } from '../factories/test-store.ts';
import { makeJobRig } from '../jobs/job-fixtures.ts';
import { migrateStep } from '../factories/test-store.ts';

/** A database at one migration, and how to open the full store on it afterwards. */
interface Backend {
  db: Kysely<unknown>;
  dialect: SchemaDialect;
  migrationTableSchema?: string;
  openStore(): Promise<Store>;
  cleanup(): Promise<void>;
}

const url = process.env.TEST_POSTGRES_URL;

/** The backend of this run (vitest.config.ts runs this suite once per backend). */
const backends: Record<string, (() => Promise<Backend>) | undefined> = {};
backends[testBackend()] = {
  sqlite: async (): Promise<Backend> => {
    const dir = mkdtempSync(join(tmpdir(), 'wq-migration-'));
    const file = join(dir, 'store.sqlite');
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file) }) });
    return {
      db,
      dialect: sqliteSchemaDialect,
      openStore: () => openStore(`sqlite:${file}`),
      cleanup: async () => {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  postgres: url
    ? async (): Promise<Backend> => {
        const schema = `wq_mig_${randomBytes(5).toString('hex')}`;
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`create schema "${schema}"`);
        await admin.end();
        const db = new Kysely<unknown>({
          dialect: new PostgresDialect({
            pool: new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` }),
          }),
        });
        return {
          db,
          dialect: postgresSchemaDialect,
          migrationTableSchema: schema,
          openStore: () => openStore(url, { schema }),
          cleanup: async () => {
            await db.destroy();
            await dropPostgresSchema(url, schema);
          },
        };
      }
    : undefined,
}[testBackend()];

describe.each(Object.keys(backends))('migration 006-event-consumers (%s)', (name) => {
  const make = backends[name];
  let backend: Backend | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    await backend?.cleanup();
  });

  it.skipIf(!make)(
    'carries the dispatched flags over: nothing dispatched is dispatched again, nothing pending is lost',
    async () => {
      backend = await make!();
      const migrator = new Migrator({
        db: backend.db,
        provider: storeMigrations(backend.dialect, subsystemMigrations()),
        migrationTableSchema: backend.migrationTableSchema,
      });
      expect(
        (await migrateStep(() => migrator.migrateTo('005-review-reviewed-count'))).error,
      ).toBeUndefined();
      // Events 1..6; 3 was left pending by a rolled-back batch while 4 was dispatched after it.
      const dispatched = [true, true, false, true, false, false];
      for (const [i, done] of dispatched.entries())
        await sql`insert into outbox (wiki, stream, payload, created_at, dispatched_at)
          values ('enwiki', 's', ${JSON.stringify({ n: i + 1 })}, ${100 + i}, ${done ? 200 : null})`.execute(
          backend.db,
        );

      expect((await migrateStep(() => migrator.migrateToLatest())).error).toBeUndefined();

      store = await backend.openStore();
      await store.migrate(subsystemMigrations());
      const rig = await makeJobRig({ store });
      const delivered: number[] = [];
      rig.dispatcher.subscribe('s', (e) => {
        delivered.push(e.payload.n as number);
        return [];
      });
      while ((await rig.dispatcher.dispatchOnce(2)) > 0);
      expect(delivered).toEqual([5, 6, 3]);
      // Event 3 keeps its payload and time at its new place in the log.
      const moved = (await store.outbox.readAfter(0, 10)).find((e) => e.payload.n === 3);
      expect(moved).toMatchObject({ wiki: 'enwiki', stream: 's', createdAt: 102 });
      expect(moved!.id).toBeGreaterThan(6);
    },
  );

  it.skipIf(!make)('starts the job dispatcher at the beginning of an empty log', async () => {
    backend = await make!();
    const migrator = new Migrator({
      db: backend.db,
      provider: storeMigrations(backend.dialect, subsystemMigrations()),
      migrationTableSchema: backend.migrationTableSchema,
    });
    expect((await migrateStep(() => migrator.migrateToLatest())).error).toBeUndefined();
    store = await backend.openStore();
    expect(await store.eventConsumers.get('jobs')).toMatchObject({ position: 0 });
  });
});
