import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { BackgroundLoop, MAX_TIMER_MS } from '../background/background-loop.ts';
import type { Clock } from '../domain/clock.ts';
import type { OutboxDispatcher } from '../events/outbox-dispatcher.ts';
import type { Job } from '../store/repositories/jobs-and-schedules.ts';
import type { Store } from '../store/store.ts';
import type { JobQueue } from './job-queue.ts';
import type { Scheduler } from './scheduler.ts';

export interface JobRunnerOptions {
  queue: JobQueue;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Delivered on every polling round of `start()` before jobs are claimed. */
  dispatcher?: OutboxDispatcher;
  /** Asked to queue due recurring runs at the start of every round (`runOnce`). */
  scheduler?: Pick<Scheduler, 'queueDue'>;
  /** Jobs claimed per round (config `jobs.batchSize`). */
  batchSize: number;
  /** Pause between rounds that found nothing to do (config `jobs.pollIntervalMs`). */
  pollIntervalMs: number;
  /** How long a claim holds before another runner may take the job over (config `jobs.leaseSeconds`). */
  leaseSeconds: number;
  /** Defaults to hostname:pid:random. */
  workerId?: string;
}

/** One round's outcome: jobs completed, failed and queued again, and failed for the last time. */
export interface RunSummary {
  ran: number;
  failed: number;
  dead: number;
}

/**
 * Claims due jobs and runs their handlers. The claim is its own short transaction; handlers run
 * after it commits, one after another, each managing its own transactions; then each job is
 * completed or failed. A runner that dies mid-batch leaves its jobs `running` until their lease
 * expires, when any runner claims them again — hence handlers must be idempotent (see JobHandler).
 * Several runners (threads of one process, or processes on several hosts) can share one store.
 */
export class JobRunner {
  readonly workerId: string;
  readonly #opts: JobRunnerOptions;
  readonly #loop: BackgroundLoop;

  constructor(opts: JobRunnerOptions) {
    this.#opts = opts;
    this.workerId = opts.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.#loop = new BackgroundLoop({
      round: (signal) => this.#pollRound(signal),
      pollIntervalMs: opts.pollIntervalMs,
      backoff: { firstMs: opts.pollIntervalMs, maxMs: MAX_ROUND_BACKOFF_MS },
      onError: (e, failures) =>
        opts.logger.error({ err: e, worker: this.workerId, failures }, 'job runner round failed'),
    });
  }

  /**
   * Queues the due recurring runs (unless only `types` are wanted), then claims up to `limit` due
   * jobs (of `types` only, when given) and runs them.
   */
  async runOnce(
    { limit, types }: { limit: number; types?: readonly string[] } = { limit: this.#opts.batchSize },
  ): Promise<RunSummary> {
    const { store, clock, leaseSeconds, scheduler } = this.#opts;
    if (!types) await scheduler?.queueDue();
    const claimedAt = clock();
    const jobs = await store.transaction((tx) =>
      tx.jobs.claim(this.workerId, limit, claimedAt, leaseSeconds, types ? [...types] : undefined),
    );
    const summary: RunSummary = { ran: 0, failed: 0, dead: 0 };
    for (const job of jobs) {
      // Past its lease another runner may already have taken the job over; leave it to that one.
      if (clock() >= claimedAt + leaseSeconds) break;
      const outcome = await this.#runJob(job);
      summary[outcome]++;
    }
    return summary;
  }

  /**
   * Starts the polling loop (outbox delivery, then a batch of jobs); a no-op when already running.
   * A round that throws (the store is down) is logged, and the next waits longer each time, from
   * the poll interval doubling up to a minute.
   */
  start(): void {
    void this.#loop.start();
  }

  /** Stops claiming and resolves once the batch in progress has finished. */
  stop(): Promise<void> {
    return this.#loop.stop();
  }

  get isRunning(): boolean {
    return this.#loop.isRunning;
  }

  async #pollRound(signal: AbortSignal): Promise<'busy' | 'idle'> {
    const { dispatcher, batchSize } = this.#opts;
    const dispatched = dispatcher ? await dispatcher.dispatchOnce(batchSize) : 0;
    if (signal.aborted) return 'idle';
    const r = await this.runOnce({ limit: batchSize });
    return dispatched > 0 || r.ran + r.failed + r.dead > 0 ? 'busy' : 'idle';
  }

  async #runJob(job: Job): Promise<keyof RunSummary> {
    const { queue, store, clock, logger, leaseSeconds } = this.#opts;
    const log = logger.child({ job: job.id, type: job.type, wiki: job.wiki });
    // A handler that runs longer than the lease keeps it, renewed every third of it, so that no
    // other runner takes the job over while it runs.
    const renewal = setInterval(
      () => {
        store.jobs
          .renewLease(job.id, this.workerId, clock() + leaseSeconds)
          .catch((e: unknown) => log.warn({ err: e }, 'could not renew the lease of a running job'));
      },
      Math.min((leaseSeconds * 1000) / 3, MAX_TIMER_MS),
    );
    renewal.unref();
    try {
      const handler = queue.handlerFor(job.type);
      if (!handler) throw new Error(`no handler is registered for job type "${job.type}"`);
      await handler(job, { clock, logger: log });
    } catch (e) {
      clearInterval(renewal);
      const now = clock();
      const message = describeError(e);
      // claim() counted this attempt already.
      const attempt = job.attempts;
      const result = await store.jobs.fail(job.id, message, now, queue.retryAt(attempt, now));
      if (result === 'dead') log.error({ err: e, attempt }, 'job failed for the last time');
      else log.warn({ err: e, attempt }, 'job failed; will retry');
      return result === 'dead' ? 'dead' : 'failed';
    }
    clearInterval(renewal);
    await store.jobs.complete(job.id, clock());
    return 'ran';
  }
}

const MAX_ERROR_LENGTH = 2000;
/** Longest pause after rounds that threw in a row. */
const MAX_ROUND_BACKOFF_MS = 60_000;

function describeError(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
