import pino from 'pino';
import type { Clock } from '../../src/core/domain/clock.ts';
import { OutboxDispatcher } from '../../src/core/events/outbox-dispatcher.ts';
import { JobQueue } from '../../src/core/jobs/job-queue.ts';
import { JobRunner } from '../../src/core/jobs/job-runner.ts';
import { openTestStore } from '../factories/test-store.ts';
import type { Store } from '../../src/core/store/store.ts';

export const silentLogger = pino({ level: 'silent' });

/** A clock tests move by hand. */
export interface ManualClock {
  clock: Clock;
  advance(seconds: number): void;
}

export function manualClock(start = 1_700_000_000): ManualClock {
  let now = start;
  return {
    clock: () => now,
    advance: (seconds) => {
      now += seconds;
    },
  };
}

export interface JobRig {
  store: Store;
  time: ManualClock;
  queue: JobQueue;
  runner: JobRunner;
  dispatcher: OutboxDispatcher;
  /** Closes the store (and drops a PostgreSQL test schema). */
  close(): Promise<void>;
}

/**
 * A migrated store (the test backend's: SQLite, or PostgreSQL in the postgres project; or `store`)
 * plus queue, runner and dispatcher sharing one manual clock.
 */
export async function makeJobRig(
  opts: { maxAttempts?: number; leaseSeconds?: number; store?: Store } = {},
): Promise<JobRig> {
  const opened = opts.store
    ? { store: opts.store, close: () => opts.store!.close() }
    : await openTestStore({ migrate: true });
  const store = opened.store;
  const time = manualClock();
  const queue = new JobQueue({ store, clock: time.clock, maxAttempts: opts.maxAttempts ?? 3 });
  const dispatcher = new OutboxDispatcher({ store, clock: time.clock, queue, logger: silentLogger });
  const runner = new JobRunner({
    queue,
    store,
    clock: time.clock,
    logger: silentLogger,
    dispatcher,
    batchSize: 10,
    pollIntervalMs: 5,
    leaseSeconds: opts.leaseSeconds ?? 300,
  });
  return { store, time, queue, runner, dispatcher, close: opened.close };
}
