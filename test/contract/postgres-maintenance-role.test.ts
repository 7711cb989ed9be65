import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { allPagesFilter } from '../../src/review/domain/queue-filter.ts';
import { openStore } from '../../src/core/store/open-store.ts';
import { dropPostgresSchema } from '../../src/core/store/postgres/open-postgres.ts';
import { subsystemMigrations } from '../../src/create-services.ts';
import { openReviewStore } from '../../src/review/store/review-store.ts';

const url = process.env.TEST_POSTGRES_URL;

/**
 * A deployment may run the service as a role that reads and writes the tables but does not own
 * them (the owner runs the migrations). The hourly compaction must not fail there: what only the
 * owner may do is left to autovacuum.
 */
describe.skipIf(!url)('review compaction as a role that does not own the tables', () => {
  const suffix = randomBytes(4).toString('hex');
  const schema = `wq_role_${suffix}`;
  const role = `wq_worker_${suffix}`;

  const admin = async (statements: string[]) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const s of statements) await client.query(s);
    } finally {
      await client.end();
    }
  };

  afterAll(async () => {
    await dropPostgresSchema(url!, schema);
    await admin([`drop owned by "${role}"`, `drop role if exists "${role}"`]).catch(() => undefined);
  });

  it('compacts the keyword index and the counters without an error, and lists as before', async () => {
    const owner = await openStore(url!, { schema });
    await owner.migrate(subsystemMigrations());
    await owner.close();
    await admin([
      `create role "${role}" login`,
      `grant usage on schema "${schema}" to "${role}"`,
      `grant select, insert, update, delete on all tables in schema "${schema}" to "${role}"`,
      `grant usage on all sequences in schema "${schema}" to "${role}"`,
    ]);
    const asWorker = new URL(url!);
    asWorker.username = role;
    asWorker.password = '';
    const store = await openStore(asWorker.toString(), { schema });
    const { reviewQueue } = openReviewStore(store);
    try {
      expect(await reviewQueue.compactKeywordIndex()).toEqual({ done: true });
      await reviewQueue.reclaimCounters();
      expect(await reviewQueue.count('rolewiki', allPagesFilter(0), { oresBounds: [] })).toBe(0);
    } finally {
      await store.close();
    }
  });
});
