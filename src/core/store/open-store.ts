import type { Clock } from '../domain/clock.ts';
import { openPostgresStore } from './postgres/open-postgres.ts';
import type { StoreLogger } from './sql/sql-store.ts';
import { openSqliteStore } from './sqlite/open-sqlite.ts';
import type { Store } from './store.ts';

export interface OpenStoreOptions {
  /** PostgreSQL only: use (and create) this schema, e.g. one per test run. */
  schema?: string;
  logger?: StoreLogger;
  /** Time source for the little the store decides by itself (which user groups have expired). */
  clock?: Clock;
}

/**
 * Opens the store named by a database URL: `sqlite:<path>`, `sqlite::memory:`, or
 * `postgres://…` / `postgresql://…`. Applies no migrations; call `store.migrate()`.
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (url.startsWith('sqlite:')) {
    return openSqliteStore(url.slice('sqlite:'.length), { clock: options.clock, logger: options.logger });
  }
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgresStore(url, options);
  throw new Error(`unsupported database URL "${url}": expected sqlite:<path> or postgres://…`);
}
