import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/core/store/open-store.ts';
import { dropPostgresSchema } from '../../src/core/store/postgres/open-postgres.ts';

const url = process.env.TEST_POSTGRES_URL;

/**
 * A store opened without a schema uses the connection's search_path. Other instances may keep
 * their own schemas in the same database (every test run does): their migration tables must not
 * pass for this one's.
 */
describe.skipIf(!url)('PostgreSQL store on the search_path of its URL', () => {
  const other = `wq_other_${randomBytes(4).toString('hex')}`;
  const mine = `wq_mine_${randomBytes(4).toString('hex')}`;

  afterAll(async () => {
    for (const s of [other, mine]) await dropPostgresSchema(url!, s);
  });

  it('migrates into its own schema while another schema already holds a migrated store', async () => {
    const first = await openStore(url!, { schema: other });
    await first.migrate();
    await first.close();

    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    await setup.query(`create schema "${mine}"`);
    await setup.end();
    const withPath = new URL(url!);
    withPath.searchParams.set('options', `-c search_path=${mine}`);
    const store = await openStore(withPath.toString());
    try {
      await store.migrate();
      await store.wikis.upsert(
        {
          id: 'pathwiki',
          lang: 'en',
          sitename: 'Path',
          baseUrl: '',
          namespaces: [],
          isMediaRepo: false,
          source: 'local',
          settings: {},
        },
        1_700_000_000,
      );
      expect((await store.wikis.list()).map((w) => w.id)).toEqual(['pathwiki']);
    } finally {
      await store.close();
    }
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const { rows } = await check.query(
      `select table_schema from information_schema.tables where table_name = 'kysely_migration' and table_schema = $1`,
      [mine],
    );
    await check.end();
    expect(rows).toEqual([{ table_schema: mine }]);
  });
});
