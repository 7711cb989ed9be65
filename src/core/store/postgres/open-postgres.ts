import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { systemClock, type Clock } from '../../domain/clock.ts';
import type { Database } from '../schema.ts';
import type { Store } from '../store.ts';
import { createSqlStore, type StoreLogger } from '../sql/sql-store.ts';
import { namingPool } from './named-statements.ts';
import { postgresQueries } from './postgres-queries.ts';
import { postgresSchemaDialect } from './postgres-schema-dialect.ts';

export interface PostgresStoreOptions {
  /** A schema of its own (created if missing), e.g. one per test run; default: the search_path. */
  schema?: string;
  clock?: Clock;
  logger?: StoreLogger;
  /** Pool size; default 10. */
  maxConnections?: number;
}

/**
 * int8 (ids, timestamps, count(*)) and numeric arrive as JS numbers rather than strings: every
 * value the store keeps is below 2^53.
 */
const numberTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const schema = options.schema;
  if (schema !== undefined) assertSchemaName(schema);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    types: numberTypes,
    options: schema === undefined ? undefined : `-c search_path=${schema}`,
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', (err) => options.logger?.error({ err }, 'store: idle PostgreSQL connection failed'));
  // CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege even when the schema exists: a role that
  // only uses the tables (the owner migrated them) opens an existing schema without it.
  if (schema !== undefined) {
    const found = await pool.query('select 1 from pg_namespace where nspname = $1', [schema]);
    if (found.rowCount === 0) await pool.query(`create schema if not exists "${schema}"`);
  }
  // Kysely's migrator looks for its tables in every schema unless told which: another instance's
  // schema in the same database would pass for this one's. Name the search_path's own.
  const migrationSchema =
    schema ??
    (await pool.query<{ s: string | null }>('select current_schema() as s')).rows[0]?.s ??
    undefined;
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: namingPool(pool) }) });
  return createSqlStore({
    backend: 'postgres',
    db,
    queries: postgresQueries,
    schema: postgresSchemaDialect,
    clock: options.clock ?? systemClock,
    migrationTableSchema: migrationSchema,
    logger: options.logger,
  });
}

/**
 * Whether the database (its `schema`, else the search_path's first) holds wikiqueue's tables, i.e.
 * was migrated once: one short connection, nothing created.
 */
export async function hasPostgresTables(url: string, schema?: string): Promise<boolean> {
  if (schema !== undefined) assertSchemaName(schema);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const table = schema === undefined ? 'wiki' : `"${schema}".wiki`;
    const found = await client.query<{ present: boolean }>('select to_regclass($1) is not null as present', [
      table,
    ]);
    return found.rows[0]?.present === true;
  } finally {
    await client.end();
  }
}

/** Drops a schema and everything in it (test teardown). */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  assertSchemaName(schema);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

function assertSchemaName(schema: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`bad PostgreSQL schema name "${schema}"`);
}
