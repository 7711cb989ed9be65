import { afterEach, describe, expect, it } from 'vitest';
import { backoffSeconds } from '../../src/core/jobs/job-queue.ts';
import type { Job } from '../../src/core/store/repositories/jobs-and-schedules.ts';
import { makeJobRig, type JobRig } from './job-fixtures.ts';

let rig: JobRig;

afterEach(async () => {
  await rig.runner.stop();
  await rig.close();
});

async function jobsWith(status: string): Promise<Job[]> {
  return rig.store.jobs.list({ status, limit: 100 });
}

describe('JobRunner', () => {
  it('runs a queued job exactly once and marks it done', async () => {
    rig = await makeJobRig();
    const seen: unknown[] = [];
    rig.queue.register('greet', async (job) => {
      seen.push(job.payload);
    });
    await rig.queue.enqueue({ type: 'greet', wiki: 'enwiki', payload: { who: 'world' } });

    expect(await rig.runner.runOnce({ limit: 10 })).toEqual({ ran: 1, failed: 0, dead: 0 });
    expect(await rig.runner.runOnce({ limit: 10 })).toEqual({ ran: 0, failed: 0, dead: 0 });
    expect(seen).toEqual([{ who: 'world' }]);
    expect((await jobsWith('done')).map((j) => j.type)).toEqual(['greet']);
  });

  it('retries a failing job after an exponential back-off and buries it after maxAttempts', async () => {
    rig = await makeJobRig({ maxAttempts: 3 });
    let calls = 0;
    rig.queue.register('flaky', async () => {
      calls++;
      throw new Error('upstream unavailable');
    });
    await rig.queue.enqueue({ type: 'flaky', wiki: 'enwiki', payload: {} });

    expect(await rig.runner.runOnce({ limit: 10 })).toEqual({ ran: 0, failed: 1, dead: 0 });
    const [queued] = await jobsWith('queued');
    expect(queued?.runAfter).toBe(rig.time.clock() + backoffSeconds(1));
    expect(queued?.lastError).toContain('upstream unavailable');

    // Not due yet: the back-off holds it.
    rig.time.advance(backoffSeconds(1) - 1);
    expect(await rig.runner.runOnce({ limit: 10 })).toEqual({ ran: 0, failed: 0, dead: 0 });

    rig.time.advance(1);
    expect(await rig.runner.runOnce({ limit: 10 })).toEqual({ ran: 0, failed: 1, dead: 0 });
    expect((await jobsWith('queued'))[0]?.runAfter).toBe(rig.time.clock() + backoffSeconds(2));

    rig.time.advance(backoffSeconds(2));
    expect(await rig.runner.runOnce({ limit: 10 })).toEqual({ ran: 0, failed: 0, dead: 1 });
    rig.time.advance(7200);
    expect(await rig.runner.runOnce({ limit: 10 })).toEqual({ ran: 0, failed: 0, dead: 0 });
    expect(calls).toBe(3);
    const [dead] = await jobsWith('dead');
    expect(dead?.attempts).toBe(3);
  });

  it('caps the back-off at one hour', () => {
    expect(backoffSeconds(1)).toBe(10);
    expect(backoffSeconds(3)).toBe(40);
    expect(backoffSeconds(20)).toBe(3600);
  });

  it('runs a dead job again once it is retried', async () => {
    rig = await makeJobRig({ maxAttempts: 1 });
    let healthy = false;
    rig.queue.register('needs-fix', async () => {
      if (!healthy) throw new Error('broken');
    });
    await rig.queue.enqueue({ type: 'needs-fix', wiki: 'enwiki', payload: {} });
    expect(await rig.runner.runOnce({ limit: 10 })).toEqual({ ran: 0, failed: 0, dead: 1 });

    healthy = true;
    expect(await rig.store.jobs.retryDead(rig.time.clock())).toBe(1);
    expect(await rig.runner.runOnce({ limit: 10 })).toEqual({ ran: 1, failed: 0, dead: 0 });
    expect(await jobsWith('dead')).toEqual([]);
  });

  it('fails a job of an unregistered type with a clear error until it is dead', async () => {
    rig = await makeJobRig({ maxAttempts: 2 });
    await rig.queue.enqueue({ type: 'nobody-handles-this', wiki: 'enwiki', payload: {} });

    expect(await rig.runner.runOnce({ limit: 10 })).toEqual({ ran: 0, failed: 1, dead: 0 });
    rig.time.advance(3600);
    expect(await rig.runner.runOnce({ limit: 10 })).toEqual({ ran: 0, failed: 0, dead: 1 });
    const [dead] = await jobsWith('dead');
    expect(dead?.lastError).toContain('no handler is registered for job type "nobody-handles-this"');
  });

  it('coalesces a job into a queued one with the same dedupe key', async () => {
    rig = await makeJobRig();
    let runs = 0;
    rig.queue.register('recompute', async () => {
      runs++;
    });
    const first = await rig.queue.enqueue({
      type: 'recompute',
      wiki: 'enwiki',
      payload: { page: 1 },
      dedupeKey: 'p1',
    });
    const second = await rig.queue.enqueue({
      type: 'recompute',
      wiki: 'enwiki',
      payload: { page: 1 },
      dedupeKey: 'p1',
    });
    const other = await rig.queue.enqueue({
      type: 'recompute',
      wiki: 'enwiki',
      payload: { page: 2 },
      dedupeKey: 'p2',
    });

    expect(first).toBeTypeOf('number');
    expect(second).toBeNull();
    expect(other).toBeTypeOf('number');
    await rig.runner.runOnce({ limit: 10 });
    expect(runs).toBe(2);
  });

  it('enqueues inside the caller transaction, so a rolled-back write leaves no job', async () => {
    rig = await makeJobRig();
    await expect(
      rig.store.transaction(async (tx) => {
        await rig.queue.enqueueIn(tx, { type: 'recompute', wiki: 'enwiki', payload: {} });
        throw new Error('the edit failed');
      }),
    ).rejects.toThrow('the edit failed');
    expect(await rig.store.jobs.list({ limit: 10 })).toEqual([]);
  });

  it('takes over a job whose claim was abandoned once the lease expires', async () => {
    rig = await makeJobRig({ leaseSeconds: 300 });
    let runs = 0;
    rig.queue.register('work', async () => {
      runs++;
    });
    await rig.queue.enqueue({ type: 'work', wiki: 'enwiki', payload: {} });
    // A runner that claimed the job and then crashed.
    const crashed = await rig.store.transaction((tx) => tx.jobs.claim('gone:1:x', 10, rig.time.clock(), 300));
    expect(crashed).toHaveLength(1);

    expect(await rig.runner.runOnce({ limit: 10 })).toEqual({ ran: 0, failed: 0, dead: 0 });
    rig.time.advance(301);
    expect(await rig.runner.runOnce({ limit: 10 })).toEqual({ ran: 1, failed: 0, dead: 0 });
    expect(runs).toBe(1);
  });

  it('buries a job whose worker dies on every attempt once its attempts are used up', async () => {
    rig = await makeJobRig({ leaseSeconds: 300, maxAttempts: 2 });
    let runs = 0;
    rig.queue.register('work', async () => {
      runs++;
    });
    await rig.queue.enqueue({ type: 'work', wiki: 'enwiki', payload: {} });
    // Two runners that each claimed the job and then died with their process.
    for (const worker of ['gone:1:x', 'gone:2:x']) {
      const claimed = await rig.store.transaction((tx) => tx.jobs.claim(worker, 10, rig.time.clock(), 300));
      expect(claimed).toHaveLength(1);
      rig.time.advance(301);
    }

    expect(await rig.runner.runOnce({ limit: 10 })).toEqual({ ran: 0, failed: 0, dead: 0 });
    expect(runs).toBe(0);
    const [dead] = await jobsWith('dead');
    expect(dead).toMatchObject({ attempts: 2, lastError: expect.stringContaining('lease expired') });
  });

  it('stop() lets the running handler finish before it resolves, and claims nothing after', async () => {
    rig = await makeJobRig();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const handlerStarted = new Promise<void>((r) => (started = r));
    const finished: number[] = [];
    rig.queue.register('slow', async (job) => {
      started();
      await gate;
      finished.push(job.payload.n as number);
    });
    await rig.queue.enqueue({ type: 'slow', wiki: 'enwiki', payload: { n: 1 } });

    rig.runner.start();
    await handlerStarted;
    let stopped = false;
    const stopping = rig.runner.stop().then(() => (stopped = true));
    await rig.queue.enqueue({ type: 'slow', wiki: 'enwiki', payload: { n: 2 } });
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);

    release();
    await stopping;
    expect(finished).toEqual([1]);
    expect((await jobsWith('done')).length).toBe(1);
    expect((await jobsWith('queued')).map((j) => j.payload.n)).toEqual([2]);
  });

  it('start() delivers outbox events and runs the jobs they produce', async () => {
    rig = await makeJobRig();
    const done: string[] = [];
    let allDone!: () => void;
    const finished = new Promise<void>((r) => (allDone = r));
    rig.dispatcher.subscribe('mediawiki.page-create', (e) => [
      { type: 'note', wiki: e.wiki, payload: { title: e.payload.title } },
    ]);
    rig.queue.register('note', async (job) => {
      done.push(job.payload.title as string);
      allDone();
    });
    await rig.store.transaction((tx) =>
      tx.outbox.append('enwiki', 'mediawiki.page-create', { title: 'Foo' }, rig.time.clock()),
    );

    rig.runner.start();
    await finished;
    await rig.runner.stop();
    expect(done).toEqual(['Foo']);
  });
});
