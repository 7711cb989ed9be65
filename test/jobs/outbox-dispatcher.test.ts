import { afterEach, describe, expect, it } from 'vitest';
import { runJobsUntilIdle } from '../../src/core/jobs/jobs-cli.ts';
import { makeJobRig, type JobRig } from './job-fixtures.ts';

let rig: JobRig;

afterEach(async () => {
  await rig.close();
});

function appendEvent(stream: string, payload: Record<string, unknown>, wiki = 'enwiki'): Promise<void> {
  return rig.store.transaction((tx) => tx.outbox.append(wiki, stream, payload, rig.time.clock()));
}

describe('OutboxDispatcher', () => {
  it('turns each event into its jobs exactly once across dispatch rounds', async () => {
    rig = await makeJobRig();
    rig.dispatcher.subscribe('mediawiki.page-create', (e) => [
      { type: 'compile-metadata', wiki: e.wiki, payload: { pageId: e.payload.pageId } },
    ]);
    await appendEvent('mediawiki.page-create', { pageId: 7 });
    await appendEvent('mediawiki.page-create', { pageId: 8 }, 'dewiki');

    expect(await rig.dispatcher.dispatchOnce(10)).toBe(2);
    expect(await rig.dispatcher.dispatchOnce(10)).toBe(0);
    const jobs = await rig.store.jobs.list({ limit: 10 });
    expect(jobs.map((j) => [j.type, j.wiki, j.payload.pageId]).sort()).toEqual([
      ['compile-metadata', 'dewiki', 8],
      ['compile-metadata', 'enwiki', 7],
    ]);
    expect(await rig.dispatcher.backlog()).toBe(0);
  });

  it('collects the jobs of every subscriber to a stream', async () => {
    rig = await makeJobRig();
    rig.dispatcher.subscribe('mediawiki.revision-create', () => [{ type: 'a', wiki: 'enwiki', payload: {} }]);
    rig.dispatcher.subscribe('mediawiki.revision-create', () => [{ type: 'b', wiki: 'enwiki', payload: {} }]);
    await appendEvent('mediawiki.revision-create', {});

    await rig.dispatcher.dispatchOnce(10);
    expect((await rig.store.jobs.list({ limit: 10 })).map((j) => j.type).sort()).toEqual(['a', 'b']);
  });

  it("hands a batch subscriber each delivery's events of its streams together, in log order", async () => {
    rig = await makeJobRig();
    const calls: number[][] = [];
    rig.dispatcher.subscribeBatch(['a', 'b'], (events) => {
      calls.push(events.map((e) => e.payload.n as number));
      return [{ type: 'merged', wiki: 'enwiki', payload: { ns: events.map((e) => e.payload.n) } }];
    });
    for (const [stream, n] of [
      ['a', 1],
      ['c', 2],
      ['b', 3],
      ['a', 4],
      ['b', 5],
    ] as const)
      await appendEvent(stream, { n });

    expect(await rig.dispatcher.dispatchOnce(3)).toBe(3);
    expect(await rig.dispatcher.dispatchOnce(3)).toBe(2);
    expect(await rig.dispatcher.dispatchOnce(3)).toBe(0);
    expect(calls).toEqual([
      [1, 3],
      [4, 5],
    ]);
    const jobs = await rig.store.jobs.list({ limit: 10 });
    expect(jobs.map((j) => j.payload.ns).sort()).toEqual([
      [1, 3],
      [4, 5],
    ]);
    expect(rig.dispatcher.streams().sort()).toEqual(['a', 'b']);
  });

  it('passes events without subscribers without creating jobs', async () => {
    rig = await makeJobRig();
    await appendEvent('mediawiki.user-blocks-change', { user: 'X' });

    expect(await rig.dispatcher.dispatchOnce(10)).toBe(1);
    expect(await rig.dispatcher.backlog()).toBe(0);
    expect(await rig.store.jobs.list({ limit: 10 })).toEqual([]);
  });

  it('delivers at most `limit` events per round, oldest first', async () => {
    rig = await makeJobRig();
    const order: number[] = [];
    rig.dispatcher.subscribe('s', (e) => {
      order.push(e.payload.n as number);
      return [];
    });
    for (const n of [1, 2, 3]) await appendEvent('s', { n });

    expect(await rig.dispatcher.dispatchOnce(2)).toBe(2);
    expect(await rig.dispatcher.backlog()).toBe(1);
    expect(await rig.dispatcher.dispatchOnce(2)).toBe(1);
    expect(order).toEqual([1, 2, 3]);
  });

  it('does not let a throwing subscriber block the events behind it', async () => {
    rig = await makeJobRig();
    rig.dispatcher.subscribe('s', (e) => {
      if (e.payload.bad) throw new Error('bug');
      return [{ type: 'ok', wiki: e.wiki, payload: {} }];
    });
    await appendEvent('s', { bad: true });
    await appendEvent('s', { bad: false });

    expect(await rig.dispatcher.dispatchOnce(10)).toBe(2);
    expect((await rig.store.jobs.list({ limit: 10 })).map((j) => j.type)).toEqual(['ok']);
  });

  it('runJobsUntilIdle drains events and jobs and prints a summary', async () => {
    rig = await makeJobRig({ maxAttempts: 1 });
    rig.dispatcher.subscribe('s', (e) => [
      { type: e.payload.ok ? 'fine' : 'broken', wiki: e.wiki, payload: {} },
    ]);
    rig.queue.register('fine', async () => {});
    rig.queue.register('broken', async () => {
      throw new Error('nope');
    });
    await appendEvent('s', { ok: true });
    await appendEvent('s', { ok: true });
    await appendEvent('s', { ok: false });

    const lines: string[] = [];
    const summary = await runJobsUntilIdle(rig, { print: (l) => lines.push(l) });
    expect(summary).toMatchObject({ done: 2, failed: 0, dead: 1, events: 3, timedOut: false });
    expect(lines).toEqual(['jobs: 2 done, 0 failed, 1 dead']);
  });
});
