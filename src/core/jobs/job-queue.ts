import type { Logger } from 'pino';
import { backoffDelay } from '../background/background-loop.ts';
import type { Clock } from '../domain/clock.ts';
import type { Job, NewJob } from '../store/repositories/jobs-and-schedules.ts';
import type { Repositories, Store } from '../store/store.ts';

/** What a handler gets besides its job. There is no transaction: a handler opens its own. */
export interface JobContext {
  tx?: never;
  clock: Clock;
  logger: Logger;
}

/**
 * Runs one job. Handlers MUST be idempotent: delivery is at least once. A job runs again when its
 * handler threw, and also when the handler finished but the runner died before recording that
 * (another runner takes the job over once its lease expires). So a handler derives its writes from
 * the current state ("recompute the metadata of page 42"), never applies a delta blindly
 * ("add one to the counter"), and does its writes in one transaction of its own.
 */
export type JobHandler = (job: Job, ctx: JobContext) => Promise<void>;

export interface JobQueueOptions {
  store: Store;
  clock: Clock;
  /** Attempts a job gets when its NewJob does not say (config `jobs.maxAttempts`). */
  maxAttempts: number;
}

/** Longest wait between two attempts of a failing job. */
export const MAX_BACKOFF_SECONDS = 3600;

/**
 * Seconds to wait after the `attempt`-th failed attempt (1-based): 5·2^attempt, capped at an hour
 * (10 s, 20 s, 40 s, … 3600 s).
 */
export function backoffSeconds(attempt: number): number {
  return backoffDelay(attempt + 1, 5, MAX_BACKOFF_SECONDS);
}

/**
 * The durable job queue: producers enqueue jobs (alone, or inside their own write transaction so the
 * job commits with the change), and the handler registry tells runners what each job type does.
 * Jobs with the same `dedupeKey` coalesce while queued (the newer one is dropped), which is how
 * "recompute X" jobs stay cheap when X changes many times in a row.
 */
export class JobQueue {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #handlers = new Map<string, JobHandler>();
  readonly maxAttempts: number;

  constructor(opts: JobQueueOptions) {
    this.#store = opts.store;
    this.#clock = opts.clock;
    this.maxAttempts = opts.maxAttempts;
  }

  /** Enqueues a job in its own transaction; returns its id, or null when it coalesced into a queued one. */
  enqueue(job: NewJob): Promise<number | null> {
    return this.#store.jobs.enqueue(this.#withDefaults(job), this.#clock());
  }

  /** Enqueues a job inside the caller's transaction, so it exists only if the caller's writes commit. */
  enqueueIn(tx: Repositories, job: NewJob): Promise<number | null> {
    return tx.jobs.enqueue(this.#withDefaults(job), this.#clock());
  }

  /** Enqueues many jobs inside the caller's transaction (coalescing by dedupe key as enqueue does). */
  async enqueueManyIn(tx: Repositories, jobs: NewJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await tx.jobs.enqueueMany(
      jobs.map((j) => this.#withDefaults(j)),
      this.#clock(),
    );
  }

  /** Registers the handler for `type`; one handler per type. */
  register(type: string, handler: JobHandler): void {
    if (this.#handlers.has(type)) throw new Error(`a handler for job type "${type}" is already registered`);
    this.#handlers.set(type, handler);
  }

  handlerFor(type: string): JobHandler | undefined {
    return this.#handlers.get(type);
  }

  registeredTypes(): string[] {
    return [...this.#handlers.keys()];
  }

  /** When a job that just failed its `attempt`-th attempt may run again. */
  retryAt(attempt: number, now: number): number {
    return now + backoffSeconds(attempt);
  }

  #withDefaults(job: NewJob): NewJob {
    return job.maxAttempts === undefined ? { ...job, maxAttempts: this.maxAttempts } : job;
  }
}
