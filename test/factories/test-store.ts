import type { MigrationResultSet } from 'kysely';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/core/domain/clock.ts';
import { openStore } from '../../src/core/store/open-store.ts';
import { dropPostgresSchema } from '../../src/core/store/postgres/open-postgres.ts';
import type { Store } from '../../src/core/store/store.ts';
import { subsystemMigrations } from '../../src/create-services.ts';

/**
 * The store behind service-level and API tests. vitest.config.ts runs those suites twice: once on
 * in-memory SQLite, and once (project "postgres", when TEST_POSTGRES_URL is set) with
 * WIKIQUEUE_TEST_BACKEND=postgres, each store in a fresh schema dropped on close.
 */
export async function openTestStore(
  opts: { clock?: Clock; migrate?: boolean; shared?: boolean } = {},
): Promise<OpenedTestStore> {
  const opened = await openBackend(opts);
  // The core's tables and every subsystem's, as createServices migrates them.
  if (opts.migrate) await opened.store.migrate(subsystemMigrations());
  return opened;
}

export interface OpenedTestStore {
  store: Store;
  close: () => Promise<void>;
  /**
   * With `shared`: a database URL another process can open the same database with (a SQLite file
   * in a temporary directory, or the PostgreSQL schema as the URL's search_path).
   */
  url?: string;
}

async function openBackend(opts: { clock?: Clock; shared?: boolean }): Promise<OpenedTestStore> {
  const url = process.env.TEST_POSTGRES_URL;
  if (process.env.WIKIQUEUE_TEST_BACKEND === 'postgres' && url) {
    const schema = `wq_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const store = await openStore(url, { schema, ...(opts.clock ? { clock: opts.clock } : {}) });
    const shared = new URL(url);
    shared.searchParams.set('options', `-c search_path=${schema}`);
    return {
      store,
      close: async () => {
        await store.close();
        await dropPostgresSchema(url, schema);
      },
      ...(opts.shared ? { url: shared.toString() } : {}),
    };
  }
  if (opts.shared) {
    const dir = mkdtempSync(join(tmpdir(), 'wq-store-'));
    const file = `sqlite:${join(dir, 'wikiqueue.sqlite')}`;
    const store = await openStore(file, opts.clock ? { clock: opts.clock } : {});
    return {
      store,
      close: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
      url: file,
    };
  }
  const store = await openStore('sqlite::memory:', opts.clock ? { clock: opts.clock } : {});
  return { store, close: () => store.close() };
}

export const testBackend = (): 'sqlite' | 'postgres' =>
  process.env.WIKIQUEUE_TEST_BACKEND === 'postgres' && process.env.TEST_POSTGRES_URL ? 'postgres' : 'sqlite';

/**
 * Runs a migrator step again when it failed only because another test dropped its PostgreSQL
 * schema while Kysely listed the tables of every schema (nothing was applied then), as
 * `store.migrate` does (src/core/store/sql/sql-store.ts).
 */
export async function migrateStep(step: () => Promise<MigrationResultSet>): Promise<MigrationResultSet> {
  for (let attempt = 1; ; attempt++) {
    const result = await step();
    const message = result.error instanceof Error ? result.error.message : '';
    if (attempt < 5 && /^((schema|relation) ".+"|column ".+" of relation ".+") does not exist$/.test(message))
      continue;
    return result;
  }
}
