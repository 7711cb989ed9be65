import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { NewJob, OutboxEvent, Store } from '../store/store.ts';

/** Derives the jobs one event calls for. Pure: it reads only the event, never the store. */
export type EventSubscriber = (event: OutboxEvent) => NewJob[];

export interface OutboxDispatcherOptions {
  store: Store;
  clock: Clock;
  /** Supplies job defaults (max attempts) and coalescing. */
  queue: JobQueue;
  logger: Logger;
}

/**
 * Turns outbox events into jobs. Every write operation appends its event in its own transaction
 * (the transactional outbox); this is the other half: subsystems subscribe to streams
 * (`mediawiki.page-create`, …) with a function from event to jobs, and `dispatchOnce` delivers.
 *
 * Exactly once: claiming a batch, enqueueing its jobs and marking it dispatched happen in ONE
 * transaction, and the claim skips events another dispatcher holds (PostgreSQL: FOR UPDATE SKIP
 * LOCKED; SQLite has a single writer). An event no one subscribes to is simply marked dispatched.
 */
export class OutboxDispatcher {
  readonly #opts: OutboxDispatcherOptions;
  readonly #subscribers = new Map<string, EventSubscriber[]>();

  constructor(opts: OutboxDispatcherOptions) {
    this.#opts = opts;
  }

  /** Adds a subscriber to `stream`; a stream may have several (each contributes its jobs). */
  subscribe(stream: string, makeJobs: EventSubscriber): void {
    const list = this.#subscribers.get(stream) ?? [];
    list.push(makeJobs);
    this.#subscribers.set(stream, list);
  }

  /** Delivers up to `limit` of the oldest undispatched events; returns how many were delivered. */
  dispatchOnce(limit = 100): Promise<number> {
    const { store, clock, queue } = this.#opts;
    return store.transaction(async (tx) => {
      const events = await tx.outbox.claimUndispatched(limit);
      if (events.length === 0) return 0;
      const jobs = events.flatMap((e) => this.#jobsFor(e));
      await queue.enqueueManyIn(tx, jobs);
      await tx.outbox.markDispatched(
        events.map((e) => e.id),
        clock(),
      );
      return events.length;
    });
  }

  /** Streams with at least one subscriber. */
  streams(): string[] {
    return [...this.#subscribers.keys()];
  }

  /**
   * A subscriber that throws has a bug; its event is logged and still marked dispatched (with the
   * other subscribers' jobs), so one bad event cannot block delivery of everything behind it.
   */
  #jobsFor(event: OutboxEvent): NewJob[] {
    const out: NewJob[] = [];
    for (const makeJobs of this.#subscribers.get(event.stream) ?? []) {
      try {
        out.push(...makeJobs(event));
      } catch (e) {
        this.#opts.logger.error(
          { err: e, event: event.id, stream: event.stream, wiki: event.wiki },
          'outbox subscriber failed; event dispatched without its jobs',
        );
      }
    }
    return out;
  }
}
