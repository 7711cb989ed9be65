import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { fail } from '../../errors.ts';
import { BackgroundLoop } from '../background/background-loop.ts';
import type { Clock } from '../domain/clock.ts';
import type {
  EventConsumerRepository,
  OutboxEvent,
  OutboxRepository,
} from '../store/repositories/event-log.ts';
import type { StreamRegistry } from './stream-registry.ts';
import { toWireEvent, type WireEvent } from './wire-event.ts';

/** The delivery's name among the event log's consumers. */
export const EVENTGATE_CONSUMER = 'eventgate';

export interface EventGateDeliveryOptions {
  store: { outbox: OutboxRepository; eventConsumers: EventConsumerRepository };
  clock: Clock;
  logger: Logger;
  streams: StreamRegistry;
  /** Base URL; batches go to `{url}/v1/events` (config `events.eventGate`). */
  url: string;
  /** Streams to send; empty: all. Must be declared in `streams`. */
  send: readonly string[];
  batchSize: number;
  timeoutMs: number;
  /** Waits between attempts while the target is down: first, doubling up to max (ms). */
  minBackoffMs?: number;
  maxBackoffMs: number;
  /** Pause between rounds that found nothing to send (ms). */
  pollIntervalMs: number;
  /** Defaults to hostname:pid:random. */
  holder?: string;
}

/** One round: what was sent and how the target answered. */
export type DeliveryOutcome =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'delivered'; sent: number; accepted: number; rejected: number; full: boolean }
  | { kind: 'failed'; sent: number; reason: string };

/**
 * Sends the event log to an EventGate-compatible intake, as one consumer of the log (consumer
 * `eventgate`, created at the log's head the first time it runs: it sends what happens from then
 * on). Each round POSTs the next batch as a JSON array of events in Wikimedia's shape (`$schema`,
 * `meta: {stream, dt, id, domain}`; wire-event.ts) and advances the cursor only for what the target
 * has answered for:
 * - 201 (all accepted) and 202 (queued, EventGate's `hasty` mode): the whole batch is passed;
 * - 207 (partial) and 400 (invalid): the body lists the failed items (`{invalid: [...], error:
 *   [...]}`, each with the event as sent). An *invalid* event failed the target's schema validation
 *   and would fail again: it is recorded in `event_rejection` with the target's message, logged, and
 *   skipped. An *error* is the target's own trouble (its queue was down): the cursor stops before
 *   the first such event and the batch is tried again with back-off, so it may resend events the
 *   target accepted already; they carry the same `meta.id` for the target to drop;
 * - a 400 whose body names no event of the batch (empty, not JSON, another shape): the target
 *   refused the whole batch and resending it would be refused again, so every event of it is
 *   recorded as rejected (reason `eventgate-batch-rejected`, with the status and body) and passed;
 * - anything else (5xx, other 4xx, a 207 without a readable body, no answer within the time-out):
 *   nothing is passed; tried again with exponential back-off until accepted.
 *
 * Several processes may run it: a lease on the cursor row lets one deliver at a time, and the
 * POST happens outside any transaction.
 */
export class EventGateDelivery {
  readonly holder: string;
  readonly #opts: EventGateDeliveryOptions;
  readonly #loop: BackgroundLoop;

  constructor(opts: EventGateDeliveryOptions) {
    for (const stream of opts.send)
      if (!opts.streams.has(stream)) throw new Error(`events.eventGate.streams: unknown stream "${stream}"`);
    this.#opts = opts;
    this.holder = opts.holder ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.#loop = new BackgroundLoop({
      round: async () => {
        const outcome = await this.deliverOnce();
        if (outcome.kind === 'failed') return 'failed';
        return outcome.kind === 'delivered' && outcome.full ? 'busy' : 'idle';
      },
      pollIntervalMs: opts.pollIntervalMs,
      backoff: { firstMs: opts.minBackoffMs ?? 1000, maxMs: opts.maxBackoffMs },
      onError: (e, failures) =>
        opts.logger.error(
          { err: e, consumer: EVENTGATE_CONSUMER, failures },
          'EventGate delivery round failed',
        ),
    });
  }

  /** Sends the next batch, if any; see the class comment for what advances the cursor. */
  async deliverOnce(): Promise<DeliveryOutcome> {
    const { store, clock, batchSize, timeoutMs } = this.#opts;
    const consumers = store.eventConsumers;
    const now = clock();
    await consumers.ensure(EVENTGATE_CONSUMER, await store.outbox.head(), now);
    const leaseSeconds = Math.ceil(timeoutMs / 1000) + 60;
    if (!(await consumers.lease(EVENTGATE_CONSUMER, this.holder, now + leaseSeconds, now)))
      return { kind: 'busy' };
    let passedTo: number | undefined;
    try {
      const { position } = (await consumers.get(EVENTGATE_CONSUMER))!;
      // Events become visible in the order of their ids, so a batch shorter than asked for holds
      // every event to send up to this head: the cursor may pass the rest unsent.
      const head = await store.outbox.head();
      const send = this.#opts.send;
      const events = await store.outbox.readAfter(position, batchSize, send.length > 0 ? send : undefined);
      const full = events.length === batchSize;
      const end = full ? events.at(-1)!.id : Math.max(head, events.at(-1)?.id ?? position);
      if (events.length === 0) {
        passedTo = end;
        return { kind: 'idle' };
      }
      const result = await this.#post(events);
      if (result.kind === 'failed') return this.#failed(events.length, result.reason);
      const rejected = result.invalid;
      if (rejected.length > 0) {
        await consumers.recordRejections(
          rejected.map((r) => ({
            consumer: EVENTGATE_CONSUMER,
            eventId: r.event.id,
            stream: r.event.stream,
            reason: r.reason,
          })),
          clock(),
        );
        this.#opts.logger.warn(
          {
            consumer: EVENTGATE_CONSUMER,
            events: rejected.map((r) => ({ id: r.event.id, reason: r.reason })),
          },
          'EventGate rejected events as invalid; they are skipped',
        );
      }
      if (result.firstError !== undefined) {
        passedTo = result.firstError.id - 1;
        return this.#failed(events.length, `the target failed to take event ${result.firstError.id}`);
      }
      passedTo = end;
      return {
        kind: 'delivered',
        sent: events.length,
        accepted: events.length - rejected.length,
        rejected: rejected.length,
        full,
      };
    } finally {
      await consumers.release(EVENTGATE_CONSUMER, this.holder, passedTo, clock());
    }
  }

  /** Starts delivering in the background: rounds back to back while there is a backlog. */
  start(): void {
    void this.#loop.start();
  }

  /** Stops after the round in progress. */
  stop(): Promise<void> {
    return this.#loop.stop();
  }

  #failed(sent: number, reason: string): DeliveryOutcome {
    this.#opts.logger.warn(
      { consumer: EVENTGATE_CONSUMER, url: this.#opts.url, failures: this.#loop.failures + 1, reason },
      'EventGate delivery failed; will retry',
    );
    return { kind: 'failed', sent, reason };
  }

  async #post(events: OutboxEvent[]): Promise<
    | { kind: 'failed'; reason: string }
    | {
        kind: 'answered';
        invalid: { event: OutboxEvent; reason: string }[];
        firstError: OutboxEvent | undefined;
      }
  > {
    const wire = events.map((e) => toWireEvent(e, this.#opts.streams));
    let response: Response;
    try {
      response = await fetch(`${this.#opts.url.replace(/\/+$/, '')}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(wire),
        signal: AbortSignal.timeout(this.#opts.timeoutMs),
      });
    } catch (e) {
      return { kind: 'failed', reason: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
    const body = await response.text().catch(() => '');
    if (response.status === 201 || response.status === 202)
      return { kind: 'answered', invalid: [], firstError: undefined };
    if (response.status !== 207 && response.status !== 400)
      return { kind: 'failed', reason: `HTTP ${response.status}: ${body.slice(0, 500)}` };
    const byUuid = new Map(wire.map((w, i) => [w.meta.id, events[i]!]));
    const items = failedItems(body)?.flatMap((item) => {
      const event = byUuid.get(item.uuid);
      return event ? [{ ...item, event }] : [];
    });
    if (response.status === 400 && !items?.length) {
      // All invalid, says the status, but not which: resending could only be refused again.
      const rejection = fail('eventgate-batch-rejected', response.status, body.slice(0, 500) || '(empty)');
      const reason = `${rejection.code}: ${rejection.message}`;
      return { kind: 'answered', invalid: events.map((event) => ({ event, reason })), firstError: undefined };
    }
    if (!items)
      return {
        kind: 'failed',
        reason: `HTTP ${response.status} without item outcomes: ${body.slice(0, 500)}`,
      };
    const invalid: { event: OutboxEvent; reason: string }[] = [];
    let firstError: OutboxEvent | undefined;
    for (const { event, status, reason } of items) {
      if (status === 'invalid') invalid.push({ event, reason });
      else if (!firstError || event.id < firstError.id) firstError = event;
    }
    // Invalid events behind the first error are sent again with it.
    return {
      kind: 'answered',
      invalid: invalid.filter((r) => !firstError || r.event.id < firstError.id),
      firstError,
    };
  }
}

/**
 * The failed items of EventGate's 207/400 body (`{invalid: [{status, event, context}], error:
 * [...]}`), by the `meta.id` of the event they echo; undefined when the body is not that.
 */
function failedItems(
  body: string,
): { uuid: string; status: 'invalid' | 'error'; reason: string }[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const out: { uuid: string; status: 'invalid' | 'error'; reason: string }[] = [];
  for (const status of ['invalid', 'error'] as const) {
    const list = (parsed as Record<string, unknown>)[status];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return undefined;
    for (const item of list as { event?: Partial<WireEvent>; context?: unknown }[]) {
      const uuid = item?.event?.meta?.id;
      if (typeof uuid !== 'string') continue;
      out.push({ uuid, status, reason: describeContext(item.context) });
    }
  }
  return out.length > 0 ? out : undefined;
}

function describeContext(context: unknown): string {
  if (typeof context === 'string') return context.slice(0, 2000);
  if (typeof context === 'object' && context !== null) {
    const message = (context as { message?: unknown }).message;
    return (typeof message === 'string' ? message : JSON.stringify(context)).slice(0, 2000);
  }
  return 'rejected';
}
