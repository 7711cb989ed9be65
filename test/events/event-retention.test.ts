import { afterEach, describe, expect, it } from 'vitest';
import { deleteDeliveredEvents } from '../../src/core/events/event-retention.ts';
import { JOBS_CONSUMER } from '../../src/core/events/outbox-dispatcher.ts';
import { createWorker } from '../../src/create-worker.ts';
import { buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';

const DAY = 86_400;
let t: TestApp;
afterEach(async () => t?.close());

const append = (n: number) =>
  t.services.store.transaction((tx) => tx.outbox.append(TEST_WIKI, 'mediawiki.page-delete', { n }, t.now()));
const left = async () => (await t.services.store.outbox.readAfter(0, 100)).map((e) => e.payload.n);

describe('retention of delivered events', () => {
  it('the core task deletes events the consumers have passed once older than events.retentionDays', async () => {
    t = await buildTestApp();
    const worker = createWorker(t.services);
    await append(1);
    await append(2);
    await worker.dispatcher.dispatchOnce();
    await append(3);
    t.advance(8 * DAY);
    await append(4);
    await worker.dispatcher.dispatchOnce();
    t.advance(2 * DAY);
    // 1 and 2 are ten days old, 3 ten days old but passed only now; 4 two days old.
    await worker.scheduler.scheduleAll();
    t.advance(3601);
    await worker.runner.runOnce();

    expect(await left()).toEqual([4]);
    const jobs = await t.services.store.jobs.list({ limit: 10 });
    // The run is done, and the next one is due an hour later.
    expect(jobs.filter((j) => j.payload.task === 'event-retention').map((j) => [j.type, j.status])).toEqual([
      ['core:maintenance', 'done'],
    ]);
    expect(
      (await worker.scheduler.list())
        .filter((s) => s.task === 'event-retention')
        .map((s) => [s.owner, s.every, s.nextRunAt]),
    ).toEqual([['core', 3600, t.now() + 3600]]);
  });

  it('keeps what a consumer has not passed, and everything while one has no cursor yet', async () => {
    t = await buildTestApp();
    const { store, clock, logger } = t.services;
    await append(1);
    await append(2);
    const [first] = await store.outbox.readAfter(0, 1);
    await store.eventConsumers.advance(JOBS_CONSUMER, first!.id, t.now());
    t.advance(30 * DAY);
    const retention = { store, clock, logger, retentionSeconds: 7 * DAY };

    expect(await deleteDeliveredEvents({ ...retention, consumers: [JOBS_CONSUMER, 'eventgate'] })).toBe(0);
    expect(await left()).toEqual([1, 2]);
    expect(await deleteDeliveredEvents({ ...retention, consumers: [JOBS_CONSUMER] })).toBe(1);
    expect(await left()).toEqual([2]);
  });
});
