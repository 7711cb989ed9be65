import { randomBytes } from 'node:crypto';
import { describe, it } from 'vitest';
import { openStore } from '../../src/core/store/open-store.ts';
import { dropPostgresSchema } from '../../src/core/store/postgres/open-postgres.ts';
import { defineStoreContract } from './store-contract.ts';

/**
 * Runs when TEST_POSTGRES_URL names a database (e.g. postgres://postgres@127.0.0.1:5432/test).
 * Each store lives in a schema of its own, created for it and dropped afterwards.
 */
const url = process.env.TEST_POSTGRES_URL;

if (url) {
  defineStoreContract('postgres', async () => {
    const schema = `wq_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const store = await openStore(url, { schema });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await dropPostgresSchema(url, schema);
      },
    };
  });
} else {
  describe.skip('Store contract (postgres) [skipped: TEST_POSTGRES_URL is not set]', () => {
    it('needs a PostgreSQL database', () => {});
  });
}
