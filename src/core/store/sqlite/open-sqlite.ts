import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';
import { systemClock, type Clock } from '../../domain/clock.ts';
import type { Database } from '../schema.ts';
import type { Store } from '../store.ts';
import { createSqlStore, type StoreLogger } from '../sql/sql-store.ts';
import { sqliteQueries } from './sqlite-queries.ts';
import { sqliteSchemaDialect } from './sqlite-schema-dialect.ts';
import { startWalCheckpointer } from './wal-checkpointer.ts';

export interface SqliteStoreOptions {
  clock?: Clock;
  logger?: StoreLogger;
}

/**
 * Opens (creating it and its directory if needed) a SQLite database file, or an in-memory one for
 * `:memory:`. Settings: WAL journal with synchronous=NORMAL (durable at checkpoints, never
 * corrupt; a file's checkpoints run on a thread of their own, wal-checkpointer.ts), foreign keys
 * off (the store keeps its own integrity), a 5 s busy timeout for other processes (the CLI next
 * to the server), 64 MiB page cache and 256 MiB of memory-mapped I/O.
 *
 * The database holds password hashes and sessions: a directory it creates is readable by its owner
 * only (0700), and so is a database file it creates (0600); SQLite gives the -wal and -shm files
 * the database file's mode. An existing file or directory keeps its mode.
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  const inMemory = path === ':memory:' || path === '';
  if (!inMemory) {
    mkdirSync(dirname(resolve(path)), { recursive: true, mode: 0o700 });
    // Creates the file with the owner-only mode if it is not there (the mode is ignored otherwise).
    closeSync(openSync(path, 'a', 0o600));
  }
  const database = new BetterSqlite3(inMemory ? ':memory:' : path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = OFF');
  database.pragma('busy_timeout = 5000');
  database.pragma('cache_size = -65536');
  database.pragma('mmap_size = 268435456');
  database.pragma('temp_store = MEMORY');
  // Refreshes planner statistics where they are stale (cheap; the recommended call at open).
  database.pragma('optimize = 0x10002');
  // A file's WAL is checkpointed by a thread of its own; a commit checkpoints only past this
  // backstop (40 MB of WAL at 4 KiB pages; SQLite's default is 1,000 pages).
  const checkpointer = inMemory ? undefined : startWalCheckpointer(path, options.logger);
  if (checkpointer) database.pragma('wal_autocheckpoint = 10000');
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }),
  });
  return createSqlStore({
    backend: 'sqlite',
    db,
    queries: sqliteQueries,
    schema: sqliteSchemaDialect,
    clock: options.clock ?? systemClock,
    logger: options.logger,
    // Stopped first, so that the store's own connection is the last one and leaves no WAL behind.
    ...(checkpointer ? { beforeClose: () => checkpointer.stop() } : {}),
  });
}

/** Most distinct statements kept prepared; the store issues a few hundred distinct query shapes. */
const STATEMENT_CACHE_SIZE = 2000;
/**
 * Most SQL text (characters) of the statements kept prepared. A prepared statement's native
 * program grows with its text: a multi-row insert of 2,500 rows is ~80 KB of SQL and several
 * hundred KB of program, and its row count (hence its text) differs nearly every time, so counting
 * statements alone let a long generator run keep 2,000 of them — most of its memory growth.
 */
const STATEMENT_CACHE_CHARS = 2_000_000;
/** A statement longer than this is prepared for its one use and not kept (it is rarely repeated). */
const MAX_CACHED_STATEMENT_CHARS = 20_000;

/**
 * Kysely prepares every query afresh; preparing is a large share of a short query's cost (about a
 * third of a demo load's CPU). This keeps prepared statements by SQL text, oldest dropped first,
 * within a bound on their number and on their text.
 * Reuse is safe because Kysely runs one query at a time on the connection.
 *
 * Reading statements return rows as arrays, made into objects here by a function compiled once per
 * statement: better-sqlite3 builds each row object property by property in C++, which for the
 * review queue's 40-column rows costs twice the query itself.
 */
function withStatementCache(database: BetterSqlite3.Database): SqliteDialectConfig['database'] {
  const statements = new Map<string, CachedStatement>();
  let chars = 0;
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = cachedStatement(database.prepare(sql));
        if (sql.length > MAX_CACHED_STATEMENT_CHARS) return statement;
        while (
          statements.size > 0 &&
          (statements.size >= STATEMENT_CACHE_SIZE || chars + sql.length > STATEMENT_CACHE_CHARS)
        ) {
          const oldest = statements.keys().next().value!;
          chars -= oldest.length;
          statements.delete(oldest);
        }
        statements.set(sql, statement);
        chars += sql.length;
      }
      return statement;
    },
  } as SqliteDialectConfig['database'];
}

/** What Kysely's SQLite driver calls on a statement. */
interface CachedStatement {
  readonly reader: boolean;
  all(parameters: ReadonlyArray<unknown>): unknown[];
  run(parameters: ReadonlyArray<unknown>): BetterSqlite3.RunResult;
  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown>;
}

function cachedStatement(statement: BetterSqlite3.Statement): CachedStatement {
  if (!statement.reader) {
    return {
      reader: false,
      all: (p) => statement.all(p),
      run: (p) => statement.run(p),
      iterate: (p) => statement.iterate(p),
    };
  }
  const raw = statement.raw(true);
  const toObject = rowBuilder(raw.columns().map((c) => c.name));
  return {
    reader: true,
    all: (p) => (raw.all(p) as unknown[][]).map(toObject),
    run: (p) => raw.run(p),
    *iterate(p) {
      for (const row of raw.iterate(p) as IterableIterator<unknown[]>) yield toObject(row);
    },
  };
}

/**
 * `row => ({ name0: row[0], name1: row[1], … })` for these column names: an object literal of a
 * fixed shape, which V8 creates far faster than one grown key by key. A repeated name keeps its
 * last value, as better-sqlite3's own objects do.
 */
function rowBuilder(names: string[]): (row: unknown[]) => Record<string, unknown> {
  // A literal's `"__proto__": …` would set the prototype instead of a property.
  if (names.includes('__proto__')) return (row) => Object.fromEntries(names.map((name, i) => [name, row[i]]));
  const fields = names.map((name, i) => `${JSON.stringify(name)}: row[${i}]`).join(', ');
  return new Function('row', `return { ${fields} };`) as (row: unknown[]) => Record<string, unknown>;
}

/**
 * Kysely's SQLite dialect with write-intent transactions: BEGIN IMMEDIATE takes the write lock up
 * front, so a transaction that reads then writes cannot fail with SQLITE_BUSY half-way when another
 * process (a CLI import next to the server) holds the database; it waits busy_timeout instead.
 * Within this process Kysely's single-connection mutex already serialises transactions.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
