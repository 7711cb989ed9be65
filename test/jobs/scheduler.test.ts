import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobQueue } from '../../src/core/jobs/job-queue.ts';
import { JobRunner } from '../../src/core/jobs/job-runner.ts';
import { Scheduler, type RecurringTask } from '../../src/core/jobs/scheduler.ts';
import { openStore } from '../../src/core/store/open-store.ts';
import { dropPostgresSchema } from '../../src/core/store/postgres/open-postgres.ts';
import type { Store } from '../../src/core/store/store.ts';
import { WikiRegistry } from '../../src/core/wikis/wiki-registry.ts';
import { makeWikiInfo } from '../factories/store.ts';
import { manualClock, silentLogger, type ManualClock } from './job-fixtures.ts';

/**
 * "Each recurring task runs once per due time, with several server processes on one database":
 * two processes, each with its own connection (pool) to the same SQLite file or PostgreSQL schema,
 * its own scheduler and job runner, sharing one clock.
 */
const postgresUrl = process.env.TEST_POSTGRES_URL;

interface Database {
  url: string;
  options: { schema?: string };
  drop(): Promise<void>;
}

const backends: { name: string; skip?: string; takeTurns?: string; create: () => Database }[] = [
  {
    name: 'SQLite (one file, two connections)',
    // Separate processes are serialised by BEGIN IMMEDIATE (with a busy timeout); two connections in
    // one Node process cannot wait for each other that way (better-sqlite3 waits synchronously, so
    // the holder could never commit), so here the two processes take turns.
    takeTurns: 'better-sqlite3 waits for a lock synchronously',
    create: () => {
      const dir = mkdtempSync(join(tmpdir(), 'wq-scheduler-'));
      return {
        url: `sqlite:${join(dir, 'wq.sqlite')}`,
        options: {},
        drop: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'PostgreSQL (one schema, two pools)',
    ...(postgresUrl ? {} : { skip: 'set TEST_POSTGRES_URL=postgres://… to run it' }),
    create: () => {
      const schema = `sched_${randomBytes(6).toString('hex')}`;
      return {
        url: postgresUrl as string,
        options: { schema },
        drop: () => dropPostgresSchema(postgresUrl as string, schema),
      };
    },
  },
];

/** One run of a task as the task saw it: which, for which wiki, at what time. */
interface Run {
  task: string;
  wiki: string;
  at: number;
}

/** One server process: its own store connection, queue, scheduler and runner. */
interface Process {
  store: Store;
  queue: JobQueue;
  scheduler: Scheduler;
  runner: JobRunner;
}

for (const backend of backends) {
  const title = `scheduler with two processes on ${backend.name}`;
  describe.skipIf(backend.skip !== undefined)(
    backend.skip ? `${title} [skipped: ${backend.skip}]` : title,
    () => {
      let database: Database;
      let stores: Store[];
      let time: ManualClock;
      let runs: Run[];
      /** Called at the start of every run; a test may make it wait. */
      let onRun: (run: Run) => Promise<void>;
      let t0: number;

      const tasks = (): RecurringTask[] => [
        { name: 'tick', every: 100, run: (wiki) => record('tick', wiki) },
        { name: 'sweep', every: 250, shared: true, run: (wiki) => record('sweep', wiki) },
      ];
      const record = async (task: string, wiki: string) => {
        const run = { task, wiki, at: time.clock() };
        runs.push(run);
        await onRun(run);
      };

      const startProcess = async (opts: { leaseSeconds?: number } = {}): Promise<Process> => {
        const store = await openStore(database.url, database.options);
        stores.push(store);
        const wikis = new WikiRegistry(store.wikis);
        await wikis.reload();
        const queue = new JobQueue({ store, clock: time.clock, maxAttempts: 3 });
        const scheduler = new Scheduler({ store, jobs: queue, clock: time.clock, wikis });
        scheduler.register('test', tasks());
        const runner = new JobRunner({
          queue,
          store,
          clock: time.clock,
          logger: silentLogger,
          scheduler,
          batchSize: 10,
          pollIntervalMs: 5,
          leaseSeconds: opts.leaseSeconds ?? 300,
        });
        return { store, queue, scheduler, runner };
      };

      /** Both processes run rounds at the same time until a round of both finds nothing to do. */
      const runBoth = async (a: Process, b: Process) => {
        for (;;) {
          const rounds = backend.takeTurns
            ? [await a.runner.runOnce(), await b.runner.runOnce()]
            : await Promise.all([a.runner.runOnce(), b.runner.runOnce()]);
          if (rounds.every((r) => r.ran + r.failed + r.dead === 0)) return;
        }
      };

      const byTime = (list: Run[]) =>
        [...list].sort((x, y) => x.at - y.at || x.task.localeCompare(y.task) || x.wiki.localeCompare(y.wiki));

      beforeEach(async () => {
        database = backend.create();
        stores = [];
        time = manualClock();
        runs = [];
        onRun = async () => {};
        t0 = time.clock();
        const store = await openStore(database.url, database.options);
        stores.push(store);
        await store.migrate();
        for (const id of ['dewiki', 'enwiki']) await store.wikis.upsert(makeWikiInfo({ id }), t0);
        await store.wikis.upsert(makeWikiInfo({ id: 'commonswiki', isMediaRepo: true }), t0);
      });

      afterEach(async () => {
        for (const store of stores) await store.close();
        await database.drop();
      });

      it('runs each task once per due time while both look for due runs and run jobs at once', async () => {
        const [a, b] = await Promise.all([startProcess(), startProcess()]);
        await Promise.all([a.scheduler.scheduleAll(), b.scheduler.scheduleAll()]);
        for (let step = 0; step < 40; step++) {
          time.advance(25);
          await runBoth(a, b);
        }
        // Due every 100 s per content wiki (not the media repository), every 250 s once for all:
        // each taken at its due time, the next due `every` later, over 1000 s.
        const expected: Run[] = [];
        for (let k = 1; k <= 10; k++)
          for (const wiki of ['dewiki', 'enwiki']) expected.push({ task: 'tick', wiki, at: t0 + 100 * k });
        for (let k = 1; k <= 4; k++) expected.push({ task: 'sweep', wiki: '', at: t0 + 250 * k });
        expect(byTime(runs)).toEqual(byTime(expected));
        expect((await a.store.jobs.countByStatus()).done).toBe(expected.length);
      });

      it('keeps the due times when a process restarts, and adds the schedules of a wiki created meanwhile', async () => {
        const a = await startProcess();
        await a.scheduler.scheduleAll();
        time.advance(60);
        await a.store.wikis.upsert(makeWikiInfo({ id: 'frwiki' }), time.clock());
        const restarted = await startProcess();
        await restarted.scheduler.scheduleAll();
        expect((await restarted.scheduler.list()).map((s) => [s.task, s.wiki, s.nextRunAt, s.every])).toEqual(
          [
            ['sweep', '', t0 + 250, 250],
            ['tick', 'dewiki', t0 + 100, 100],
            ['tick', 'enwiki', t0 + 100, 100],
            ['tick', 'frwiki', t0 + 160, 100],
          ],
        );
      });

      it('queues no second run when the next falls due while a run is still running elsewhere', async () => {
        const a = await startProcess();
        await a.scheduler.scheduleAll();
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        let started!: () => void;
        const enwikiStarted = new Promise<void>((resolve) => (started = resolve));
        onRun = async (run) => {
          if (run.task === 'tick' && run.wiki === 'enwiki' && run.at === t0 + 100) {
            started();
            await released;
          }
        };
        time.advance(100);
        const slow = a.runner.runOnce();
        await enwikiStarted;

        // Another process starts, and the next due time of the slow task passes.
        const b = await startProcess();
        await b.scheduler.scheduleAll();
        time.advance(100);
        await b.runner.runOnce();
        release();
        await slow;
        await runBoth(a, b);

        expect(byTime(runs)).toEqual([
          { task: 'tick', wiki: 'dewiki', at: t0 + 100 },
          { task: 'tick', wiki: 'enwiki', at: t0 + 100 },
          { task: 'tick', wiki: 'dewiki', at: t0 + 200 },
        ]);
        const enwiki = (await b.scheduler.list()).find((s) => s.task === 'tick' && s.wiki === 'enwiki');
        expect([enwiki?.nextRunAt, enwiki?.finishedDue]).toEqual([t0 + 300, t0 + 100]);
      });

      it('does not run a finished run again when its worker died before marking its job done', async () => {
        const a = await startProcess();
        await a.scheduler.scheduleAll();
        time.advance(100);
        expect(await a.scheduler.queueDue()).toBe(2);
        // A worker claims both runs, runs them to the end, and dies before recording either as done.
        const claimed = await a.store.transaction((tx) =>
          tx.jobs.claim('dead-worker', 10, time.clock(), 300),
        );
        for (const job of claimed)
          await a.queue.handlerFor(job.type)!(job, { clock: time.clock, logger: silentLogger });
        expect(runs).toHaveLength(2);

        // Its leases expire; the other process takes the jobs over.
        time.advance(301);
        const b = await startProcess();
        await runBoth(a, b);
        expect(byTime(runs)).toEqual([
          { task: 'tick', wiki: 'dewiki', at: t0 + 100 },
          { task: 'tick', wiki: 'enwiki', at: t0 + 100 },
          { task: 'sweep', wiki: '', at: t0 + 401 },
        ]);
        expect(await a.store.jobs.countByStatus()).toEqual({ done: 3 });
      });

      it('queues no run for due times that passed while a dead worker held the run, even when the takeover ends before any process looks', async () => {
        const a = await startProcess();
        await a.scheduler.scheduleAll();
        time.advance(100);
        expect(await a.scheduler.queueDue()).toBe(2);
        const runTo = async (worker: string, p: Process, end: boolean) => {
          const jobs = await p.store.transaction((tx) => tx.jobs.claim(worker, 10, time.clock(), 300));
          for (const job of jobs) {
            await p.queue.handlerFor(job.type)!(job, { clock: time.clock, logger: silentLogger });
            if (end) await p.store.jobs.complete(job.id, time.clock());
          }
          return jobs.length;
        };
        await runTo('dead-worker', a, false);

        // The takeover runs (and ends) both jobs before anyone looks for due schedules; due times
        // t0+200..t0+400 passed while the runs were unfinished, so they stand for them.
        time.advance(301);
        const b = await startProcess();
        expect(await runTo('b', b, true)).toBe(2);
        await runBoth(a, b);
        expect(byTime(runs)).toEqual([
          { task: 'tick', wiki: 'dewiki', at: t0 + 100 },
          { task: 'tick', wiki: 'enwiki', at: t0 + 100 },
          { task: 'sweep', wiki: '', at: t0 + 401 },
        ]);
        const ticks = (await b.scheduler.list()).filter((s) => s.task === 'tick').map((s) => s.nextRunAt);
        expect(ticks).toEqual([t0 + 501, t0 + 501]);
      });

      it('keeps the lease of a run that outlasts it, so no other process runs it again meanwhile', async () => {
        const leaseSeconds = 3;
        const a = await startProcess({ leaseSeconds });
        const b = await startProcess({ leaseSeconds });
        await a.scheduler.scheduleAll();
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        let started!: () => void;
        const enwikiStarted = new Promise<void>((resolve) => (started = resolve));
        onRun = async (run) => {
          if (run.wiki === 'enwiki' && runs.length <= 2) {
            started();
            await released;
          }
        };
        // Resolves once `a` has renewed a lease past `renewedPast` (the renewal runs every lease/3).
        let renewedPast = Infinity;
        let renewed!: () => void;
        const renewedLater = new Promise<void>((resolve) => (renewed = resolve));
        const renewLease = a.store.jobs.renewLease.bind(a.store.jobs);
        a.store.jobs.renewLease = async (jobId, worker, until) => {
          const ok = await renewLease(jobId, worker, until);
          if (ok && until > renewedPast) renewed();
          return ok;
        };

        time.advance(100);
        const slow = a.runner.runOnce();
        await enwikiStarted;
        time.advance(10 * leaseSeconds);
        renewedPast = time.clock();
        // Renewed within a few of its rounds (of lease/3 = 1 s), or the check below shows it was not.
        await Promise.race([renewedLater, new Promise((resolve) => setTimeout(resolve, 5000))]);
        expect(await b.runner.runOnce()).toEqual({ ran: 0, failed: 0, dead: 0 });
        release();
        await slow;

        expect(byTime(runs)).toEqual([
          { task: 'tick', wiki: 'dewiki', at: t0 + 100 },
          { task: 'tick', wiki: 'enwiki', at: t0 + 100 },
        ]);
      });

      it('runs a maintenance job queued before schedules existed once, as it was', async () => {
        const a = await startProcess();
        await a.queue.enqueue({ type: 'test:maintenance', wiki: 'enwiki', payload: { task: 'tick' } });
        await a.runner.runOnce();
        expect(runs).toEqual([{ task: 'tick', wiki: 'enwiki', at: t0 }]);
        expect(await a.store.jobs.countByStatus()).toEqual({ done: 1 });
      });
    },
  );
}
