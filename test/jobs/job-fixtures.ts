import pino from 'pino';
import type { Clock } from '../../src/core/domain/clock.ts';
import { OutboxDispatcher } from '../../src/core/events/outbox-dispatcher.ts';
import { JobQueue } from '../../src/core/jobs/job-queue.ts';
import { JobRunner } from '../../src/core/jobs/job-runner.ts';
import { openStore } from '../../src/core/store/open-store.ts';
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
}

/** A migrated store plus queue, runner and dispatcher sharing one manual clock. */
export async function makeJobRig(
  opts: { url?: string; maxAttempts?: number; leaseSeconds?: number; store?: Store } = {},
): Promise<JobRig> {
  const store = opts.store ?? (await openStore(opts.url ?? 'sqlite::memory:'));
  if (!opts.store) await store.migrate();
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
  return { store, time, queue, runner, dispatcher };
}
