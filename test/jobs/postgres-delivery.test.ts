import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/core/store/open-store.ts';
import { dropPostgresSchema } from '../../src/core/store/postgres/open-postgres.ts';
import type { Store } from '../../src/core/store/store.ts';
import { makeJobRig, type JobRig } from './job-fixtures.ts';

const url = process.env.TEST_POSTGRES_URL;
const schema = `jobs_${randomBytes(6).toString('hex')}`;

// Needs a PostgreSQL server; set TEST_POSTGRES_URL=postgres://… to run it.
describe.skipIf(!url)('outbox delivery on PostgreSQL (SKIP LOCKED)', () => {
  let store: Store;
  let a: JobRig;
  let b: JobRig;

  beforeAll(async () => {
    store = await openStore(url as string, { schema });
    await store.migrate();
    // Two dispatchers with their own connection pools, as two server instances would have.
    a = await makeJobRig({ store });
    b = await makeJobRig({ store: await openStore(url as string, { schema }) });
  });

  afterAll(async () => {
    await b?.store.close();
    await store?.close();
    if (url) await dropPostgresSchema(url, schema);
  });

  it('two dispatchers running at once turn each event into its jobs exactly once', async () => {
    const events = 300;
    for (const rig of [a, b]) {
      rig.dispatcher.subscribe('mediawiki.page-create', (e) => [
        { type: 'compile', wiki: e.wiki, payload: { event: e.payload.n } },
      ]);
    }
    await store.transaction(async (tx) => {
      for (let n = 0; n < events; n++) await tx.outbox.append('enwiki', 'mediawiki.page-create', { n }, 1);
    });

    const drain = async (rig: JobRig) => {
      let total = 0;
      for (;;) {
        const n = await rig.dispatcher.dispatchOnce(7);
        if (n === 0) return total;
        total += n;
      }
    };
    const [byA, byB] = await Promise.all([drain(a), drain(b)]);

    expect(byA + byB).toBe(events);
    const jobs = await store.jobs.list({ limit: events * 2 });
    expect(jobs).toHaveLength(events);
    expect(new Set(jobs.map((j) => j.payload.event)).size).toBe(events);
    expect(await a.dispatcher.backlog()).toBe(0);
  });

  it('dispatchers reading while writers commit miss no event and deliver none twice', async () => {
    const seen = new Map<string, number>();
    for (const rig of [a, b])
      rig.dispatcher.subscribe('wikiqueue.concurrent', (e) => {
        const key = String(e.payload.key);
        seen.set(key, (seen.get(key) ?? 0) + 1);
        return [];
      });
    // Writers with their own pools, as server processes would be: each event's id is allocated
    // while other transactions with lower or higher ids are still committing.
    const writers = await Promise.all([0, 1, 2, 3].map(() => openStore(url as string, { schema })));
    let writing = true;
    const write = async (w: Store, n: number) => {
      for (let i = 0; i < 60; i++)
        await w.transaction(async (tx) => {
          await tx.outbox.append('enwiki', 'wikiqueue.concurrent', { key: `${n}:${i}:a` }, 1);
          await tx.outbox.append('enwiki', 'wikiqueue.concurrent', { key: `${n}:${i}:b` }, 1);
        });
    };
    const drain = async (rig: JobRig) => {
      while (writing || (await rig.dispatcher.dispatchOnce(5)) > 0) await rig.dispatcher.dispatchOnce(5);
    };
    const writes = Promise.all(writers.flatMap((w, n) => [write(w, 2 * n), write(w, 2 * n + 1)])).finally(
      () => {
        writing = false;
      },
    );
    await Promise.all([writes, drain(a), drain(b)]);
    await Promise.all(writers.map((w) => w.close()));

    expect(seen.size).toBe(8 * 60 * 2);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });
});
