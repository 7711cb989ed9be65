import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Clock } from '../domain/clock.ts';
import { fail } from '../../errors.ts';
import { hasPostgresTables, openPostgresStore } from './postgres/open-postgres.ts';
import type { StoreLogger } from './sql/sql-store.ts';
import { openSqliteStore } from './sqlite/open-sqlite.ts';
import type { Store } from './store.ts';

export interface OpenStoreOptions {
  /** PostgreSQL only: use (and create) this schema, e.g. one per test run. */
  schema?: string;
  logger?: StoreLogger;
  /** Time source for the little the store decides by itself (which user groups have expired). */
  clock?: Clock;
  /**
   * false: a database without wikiqueue's tables is refused with the catalogued `no-database`
   * (naming where it looked) instead of being created: a SQLite file that is not there, a
   * PostgreSQL schema that was never migrated. Default true.
   */
  create?: boolean;
}

/**
 * Opens the store named by a database URL: `sqlite:<path>`, `sqlite::memory:`, or
 * `postgres://…` / `postgresql://…`. Applies no migrations; call `store.migrate()`.
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (options.create === false && path !== ':memory:' && path !== '' && !existsSync(path))
      throw fail('no-database', resolve(path));
    return openSqliteStore(path, { clock: options.clock, logger: options.logger });
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    if (options.create === false && !(await hasPostgresTables(url, options.schema)))
      throw fail(
        'no-database',
        `${describeDatabase(url)}${options.schema ? ` (schema ${options.schema})` : ''}`,
      );
    return openPostgresStore(url, options);
  }
  throw new Error(`unsupported database URL "${url}": expected sqlite:<path> or postgres://…`);
}

/** A database URL fit to print: a SQLite file's absolute path, a PostgreSQL URL without its password. */
export function describeDatabase(url: string): string {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    return path === '' || path === ':memory:' ? 'sqlite::memory:' : `sqlite:${resolve(path)}`;
  }
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
