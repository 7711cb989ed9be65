import { randomBytes } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropPostgresSchema } from '../../src/core/store/postgres/open-postgres.ts';
import { namingPool } from '../../src/core/store/postgres/named-statements.ts';

const url = process.env.TEST_POSTGRES_URL;
const schema = `named_${randomBytes(6).toString('hex')}`;

type Query = (text: string, values?: unknown[]) => Promise<pg.QueryResult>;

// Needs a PostgreSQL server; set TEST_POSTGRES_URL=postgres://… to run it.
describe.skipIf(!url)('named statements on PostgreSQL', () => {
  let raw: pg.Pool;
  let pool: PostgresPool;
  let client: PostgresPoolClient;
  let query: Query;

  /** The statements prepared on the (only) connection, by the server's own account. */
  const prepared = async () =>
    (await query(`select name, statement from pg_prepared_statements where name like 'wq_%' order by name`))
      .rows as { name: string; statement: string }[];

  beforeAll(async () => {
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    await setup.query(`create schema if not exists "${schema}"`);
    await setup.end();
    raw = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
    pool = namingPool(raw);
    client = await pool.connect();
    query = (client as unknown as { query: Query }).query;
  });

  afterAll(async () => {
    client?.release();
    await pool?.end();
    if (url) await dropPostgresSchema(url, schema);
  });

  it('prepares a statement from its second use on, once per connection, and answers as before', async () => {
    const text = 'select $1::int + 1 as n';
    expect((await query(text, [1])).rows).toEqual([{ n: 2 }]);
    expect((await prepared()).map((p) => p.statement)).not.toContain(text);
    expect((await query(text, [2])).rows).toEqual([{ n: 3 }]);
    expect((await query(text, [3])).rows).toEqual([{ n: 4 }]);
    expect((await prepared()).filter((p) => p.statement === text)).toHaveLength(1);
  });

  it('never names a text over 20,000 characters (a multi-row write), however often it comes', async () => {
    const values = Array.from({ length: 3000 }, (_, i) => `($${i + 1}::int)`).join(', ');
    const text = `select count(*)::int as n from (values ${values}) v(x)`;
    expect(text.length).toBeGreaterThan(20_000);
    const params = Array.from({ length: 3000 }, (_, i) => i);
    for (let i = 0; i < 3; i++) expect((await query(text, params)).rows).toEqual([{ n: 3000 }]);
    expect((await prepared()).map((p) => p.statement)).not.toContain(text);
  });

  it('leaves schema changes unnamed', async () => {
    await query('create table shape (a int)');
    await query('create table if not exists shape (a int)');
    expect((await prepared()).map((p) => p.statement)).not.toContain(
      'create table if not exists shape (a int)',
    );
  });

  it('answers with the new columns after a prepared statement’s table changed shape', async () => {
    await query('insert into shape (a) values (1)');
    const text = 'select * from shape order by a';
    await query(text);
    expect((await query(text)).rows).toEqual([{ a: 1 }]);
    // Another instance migrating: the prepared plan's result type no longer holds.
    await query('alter table shape add column b int not null default 2');
    expect((await query(text)).rows).toEqual([{ a: 1, b: 2 }]);
    expect((await query(text)).rows).toEqual([{ a: 1, b: 2 }]);
    const forText = (await prepared()).filter((p) => p.statement === text);
    expect(forText.length).toBeGreaterThanOrEqual(1);
  });
});
