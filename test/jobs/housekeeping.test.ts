import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listSchedules, runJobsUntilIdle } from '../../src/core/jobs/jobs-cli.ts';
import { deleteExpiredSessionsTask } from '../../src/core/housekeeping/delete-expired-sessions.ts';
import { deletePassedThrottlesTask } from '../../src/core/housekeeping/delete-passed-throttles.ts';
import { purgeDoneJobsTask } from '../../src/core/housekeeping/purge-done-jobs.ts';
import type { AuthSession } from '../../src/core/store/repositories/users-and-sessions.ts';
import type { Store } from '../../src/core/store/store.ts';
import { createWorker } from '../../src/create-worker.ts';
import { buildTestApp, type TestApp } from '../factories/app.ts';
import { makeJob } from '../factories/store.ts';
import { openTestStore } from '../factories/test-store.ts';

/** The core's housekeeping tasks (src/core/housekeeping), on the test backend's store. */
const NOW = 1_700_000_000;
const clock = () => NOW;

describe('housekeeping tasks', () => {
  let store: Store;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ store, close } = await openTestStore({ migrate: true }));
  });
  afterEach(async () => close());

  it('deletes done jobs finished longer ago than doneJobAge, and no recent, queued, running or dead job', async () => {
    const age = 3600;
    const job = async (name: string) =>
      (await store.jobs.enqueue(makeJob({ payload: { name }, maxAttempts: 1 }), 1))!;
    const oldDone = await job('old done');
    const recentDone = await job('recent done');
    const justDone = await job('done exactly doneJobAge ago');
    const running = await job('running');
    const dead = await job('dead');
    expect(await store.jobs.claim('w', 10, 1, 10 * age)).toHaveLength(5);
    const queued = await job('queued');
    await store.jobs.complete(oldDone, NOW - age - 1);
    await store.jobs.complete(justDone, NOW - age);
    await store.jobs.complete(recentDone, NOW - 60);
    await store.jobs.fail(dead, 'boom', 2, 3);

    const task = purgeDoneJobsTask(store.jobs, clock, { doneJobAge: age, doneJobsEvery: 600 });
    expect([task.name, task.every, task.shared]).toEqual(['purge-done-jobs', 600, true]);
    expect(await task.run('')).toBe(1);
    const left = await store.jobs.list({ limit: 10 });
    expect(left.map((j) => [j.id, j.status])).toEqual([
      [recentDone, 'done'],
      [justDone, 'done'],
      [running, 'running'],
      [dead, 'dead'],
      [queued, 'queued'],
    ]);
  });

  it('deletes expired sessions only', async () => {
    const session = (idHash: string, expiresAt: number): AuthSession => ({
      idHash,
      wiki: 'enwiki',
      userId: 1,
      csrfSecret: 'secret',
      appId: '',
      remember: false,
      createdAt: NOW - 1000,
      expiresAt,
    });
    await store.sessions.insert(session('expired', NOW - 10));
    await store.sessions.insert(session('expiring now', NOW));
    await store.sessions.insert(session('valid', NOW + 10));

    const task = deleteExpiredSessionsTask(store.sessions, clock, { sessionsEvery: 600 });
    expect([task.name, task.every, task.shared]).toEqual(['delete-expired-sessions', 600, true]);
    expect(await task.run('')).toBe(2);
    // Read as of a time when all three were valid: only the unexpired one is left.
    const present = async (id: string) => (await store.sessions.get(id, NOW - 100)) !== undefined;
    expect([await present('expired'), await present('expiring now'), await present('valid')]).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('deletes throttle counters whose window has passed, each by its own window', async () => {
    await store.throttles.hit('login window passed', 300, NOW - 400);
    await store.throttles.hit('rate limit ending now', 3, NOW - 3);
    await store.throttles.hit('rate limit running', 10, NOW - 5);
    await store.throttles.hit('login window running', 300, NOW - 100);
    await store.throttles.hit('login window running', 300, NOW - 50);

    const task = deletePassedThrottlesTask(store.throttles, clock, { throttlesEvery: 600 });
    expect([task.name, task.every, task.shared]).toEqual(['delete-passed-throttles', 600, true]);
    expect(await task.run('')).toBe(2);
    // Each counter read inside its own window: the deleted ones read 0.
    expect([
      await store.throttles.peek('login window passed', 300, NOW - 400),
      await store.throttles.peek('rate limit ending now', 3, NOW - 3),
      await store.throttles.peek('rate limit running', 10, NOW),
      await store.throttles.peek('login window running', 300, NOW),
    ]).toEqual([0, 0, 1, 2]);
  });
});

describe('housekeeping in the worker', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => t.close());

  it('schedules the housekeeping tasks once for all wikis at the configured intervals, and runs them when due', async () => {
    const { store } = t.services;
    const worker = createWorker(t.services);
    const drain = () => runJobsUntilIdle(worker, { print: () => {} });
    const finished = (await store.jobs.enqueue(makeJob(), t.now()))!;
    await store.jobs.claim('w', 1, t.now(), 60);
    await store.jobs.complete(finished, t.now());
    await store.throttles.hit('login:testwiki:ip:127.0.0.1', 300, t.now());
    await drain();
    const { housekeeping } = t.services.config;
    expect(
      (await worker.scheduler.list())
        .filter((s) => s.owner === 'core')
        .map((s) => [s.task, s.wiki, s.nextRunAt, s.every]),
    ).toEqual([
      ['delete-expired-sessions', '', t.now() + housekeeping.sessionsEvery, housekeeping.sessionsEvery],
      ['delete-passed-throttles', '', t.now() + housekeeping.throttlesEvery, housekeeping.throttlesEvery],
      // The retention of delivered events (core/events/event-retention.ts), hourly.
      ['event-retention', '', t.now() + 3600, 3600],
      ['purge-done-jobs', '', t.now() + housekeeping.doneJobsEvery, housekeeping.doneJobsEvery],
    ]);

    t.advance(housekeeping.doneJobAge + housekeeping.doneJobsEvery);
    await drain();
    const jobs = await store.jobs.list({ limit: 100 });
    expect(jobs.map((j) => j.id)).not.toContain(finished);
    expect(
      jobs
        .filter((j) => j.type === 'core:maintenance')
        .map((j) => [j.payload.task, j.status])
        .sort(),
    ).toEqual([
      ['delete-expired-sessions', 'done'],
      ['delete-passed-throttles', 'done'],
      ['event-retention', 'done'],
      ['purge-done-jobs', 'done'],
    ]);
    expect(
      await store.throttles.peek('login:testwiki:ip:127.0.0.1', 300, t.now() - housekeeping.doneJobAge),
    ).toBe(0);
  });

  it('wikiqueue jobs schedules lists each task with its next due time and its latest finished run', async () => {
    const worker = createWorker(t.services);
    const lines: string[] = [];
    await listSchedules(worker.scheduler, (line) => lines.push(line));
    expect(lines).toEqual(['no schedules yet: the job runner (serve, jobs run) creates them']);

    await worker.scheduler.scheduleAll();
    t.advance(3600);
    await runJobsUntilIdle(worker, { print: () => {} });
    lines.length = 0;
    await listSchedules(worker.scheduler, (line) => lines.push(line));
    // TEST_START is 2023-11-14T22:13:20Z; the hourly tasks ran an hour later.
    expect(lines).toEqual([
      'core:delete-expired-sessions  *  every 3600 s  next 2023-11-15T00:13:20Z  last finished 2023-11-14T23:13:20Z',
      'core:delete-passed-throttles  *  every 3600 s  next 2023-11-15T00:13:20Z  last finished 2023-11-14T23:13:20Z',
      'core:event-retention  *  every 3600 s  next 2023-11-15T00:13:20Z  last finished 2023-11-14T23:13:20Z',
      'core:purge-done-jobs  *  every 3600 s  next 2023-11-15T00:13:20Z  last finished 2023-11-14T23:13:20Z',
      'pagequeue:purge-leases  *  every 3600 s  next 2023-11-15T00:13:20Z  last finished 2023-11-14T23:13:20Z',
      'pagequeue:rebuild  *  every 86400 s  next 2023-11-15T22:13:20Z  not run yet',
      'review:compact  *  every 3600 s  next 2023-11-15T00:13:20Z  last finished 2023-11-14T23:13:20Z',
      'review:purge  testwiki  every 172800 s  next 2023-11-16T22:13:20Z  not run yet',
      'review:update-users  testwiki  every 86400 s  next 2023-11-15T22:13:20Z  not run yet',
      'suggestions:purge-superseded  *  every 86400 s  next 2023-11-15T22:13:20Z  not run yet',
    ]);
  });
});
