import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { OutboxEvent } from '../store/repositories/event-log.ts';
import type { NewJob } from '../store/repositories/jobs-and-schedules.ts';
import type { Store } from '../store/store.ts';

/** Derives the jobs one event calls for. Pure: it reads only the event, never the store. */
export type EventSubscriber = (event: OutboxEvent) => NewJob[];

/**
 * Derives the jobs a run of events calls for (those of its streams in one delivery, oldest
 * first): for work that costs less done for many pages at once than page by page. Pure, as
 * EventSubscriber.
 */
export type BatchSubscriber = (events: readonly OutboxEvent[]) => NewJob[];

export interface OutboxDispatcherOptions {
  store: Store;
  clock: Clock;
  /** Supplies job defaults (max attempts) and coalescing. */
  queue: JobQueue;
  logger: Logger;
}

/** The dispatcher's name among the event log's consumers (its cursor row, migration 006). */
export const JOBS_CONSUMER = 'jobs';

/**
 * Turns events of the log into jobs: one consumer of the event log (consumer `jobs`). Every write
 * operation appends its event in its own transaction (the transactional outbox); this is the other
 * half: subsystems subscribe to streams (`mediawiki.page-create`, …) with a function from event to
 * jobs, and `dispatchOnce` delivers.
 *
 * Exactly once: locking the consumer's cursor, reading the events after it, enqueueing their jobs
 * and advancing the cursor happen in ONE transaction. Concurrent dispatchers take turns on the
 * cursor row (PostgreSQL: SELECT … FOR UPDATE; SQLite has a single writer), and the next one reads
 * from where the last one committed. An event no one subscribes to is simply passed.
 */
export class OutboxDispatcher {
  readonly #opts: OutboxDispatcherOptions;
  readonly #subscribers = new Map<string, EventSubscriber[]>();
  readonly #batchSubscribers: { streams: ReadonlySet<string>; makeJobs: BatchSubscriber }[] = [];

  constructor(opts: OutboxDispatcherOptions) {
    this.#opts = opts;
  }

  /** Adds a subscriber to `stream`; a stream may have several (each contributes its jobs). */
  subscribe(stream: string, makeJobs: EventSubscriber): void {
    const list = this.#subscribers.get(stream) ?? [];
    list.push(makeJobs);
    this.#subscribers.set(stream, list);
  }

  /**
   * Adds a subscriber that gets the events of `streams` of each delivery together (a delivery is
   * up to `dispatchOnce`'s limit of events): one call per delivery that has any.
   */
  subscribeBatch(streams: readonly string[], makeJobs: BatchSubscriber): void {
    this.#batchSubscribers.push({ streams: new Set(streams), makeJobs });
  }

  /** Delivers up to `limit` of the oldest events after the cursor; returns how many were delivered. */
  dispatchOnce(limit = 100): Promise<number> {
    const { store, clock, queue } = this.#opts;
    return store.transaction(async (tx) => {
      let cursor = await tx.eventConsumers.lock(JOBS_CONSUMER);
      if (!cursor) {
        await tx.eventConsumers.ensure(JOBS_CONSUMER, 0, clock());
        cursor = await tx.eventConsumers.lock(JOBS_CONSUMER);
      }
      const events = await tx.outbox.readAfter(cursor!.position, limit);
      if (events.length === 0) return 0;
      const jobs = [...events.flatMap((e) => this.#jobsFor(e)), ...this.#batchJobsFor(events)];
      await queue.enqueueManyIn(tx, jobs);
      await tx.eventConsumers.advance(JOBS_CONSUMER, events[events.length - 1]!.id, clock());
      return events.length;
    });
  }

  /** Events not yet turned into jobs. */
  async backlog(): Promise<number> {
    const { store } = this.#opts;
    const cursor = await store.eventConsumers.get(JOBS_CONSUMER);
    return store.outbox.countAfter(cursor?.position ?? 0);
  }

  /** Streams with at least one subscriber. */
  streams(): string[] {
    return [
      ...new Set([...this.#subscribers.keys(), ...this.#batchSubscribers.flatMap((b) => [...b.streams])]),
    ];
  }

  /**
   * A subscriber that throws has a bug; its event is logged and still passed (with the other
   * subscribers' jobs), so one bad event cannot block delivery of everything behind it.
   */
  #jobsFor(event: OutboxEvent): NewJob[] {
    const out: NewJob[] = [];
    for (const makeJobs of this.#subscribers.get(event.stream) ?? []) {
      try {
        out.push(...makeJobs(event));
      } catch (e) {
        this.#opts.logger.error(
          { err: e, event: event.id, stream: event.stream, wiki: event.wiki },
          'event subscriber failed; event dispatched without its jobs',
        );
      }
    }
    return out;
  }

  /** As #jobsFor: a batch subscriber that throws loses its jobs of this delivery, logged. */
  #batchJobsFor(events: readonly OutboxEvent[]): NewJob[] {
    const out: NewJob[] = [];
    for (const { streams, makeJobs } of this.#batchSubscribers) {
      const theirs = events.filter((e) => streams.has(e.stream));
      if (theirs.length === 0) continue;
      try {
        out.push(...makeJobs(theirs));
      } catch (e) {
        this.#opts.logger.error(
          { err: e, events: theirs.map((t) => t.id) },
          'batch event subscriber failed; events dispatched without its jobs',
        );
      }
    }
    return out;
  }
}
