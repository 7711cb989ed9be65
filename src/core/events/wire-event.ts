import { createHash } from 'node:crypto';
import { toIsoTimestamp } from '../domain/clock.ts';
import type { OutboxEvent } from '../store/repositories/event-log.ts';
import type { StreamRegistry } from './stream-registry.ts';

/** An event as it leaves the log (EventGate's intake, server-sent streams): Wikimedia's event shape. */
export type WireEvent = Record<string, unknown> & {
  $schema: string;
  meta: { stream: string; dt: string; id: string; domain?: string };
};

/**
 * The event with what Wikimedia's common schema requires of `meta` filled in: `id`, a UUID that is
 * the same every time the same log entry is sent (so a target that dedupes by it sees a retried
 * batch once), `stream` and `dt` (the log's own when the payload lacks them), and `$schema` from
 * the stream's declaration when the payload lacks one.
 */
export function toWireEvent(event: OutboxEvent, streams?: StreamRegistry): WireEvent {
  const payload = event.payload;
  const meta = (typeof payload.meta === 'object' && payload.meta !== null ? payload.meta : {}) as Record<
    string,
    unknown
  >;
  const schema =
    typeof payload.$schema === 'string' ? payload.$schema : (streams?.get(event.stream)?.schema ?? '');
  return {
    ...payload,
    $schema: schema,
    meta: {
      ...meta,
      stream: event.stream,
      dt: typeof meta.dt === 'string' ? meta.dt : toIsoTimestamp(event.createdAt),
      id: eventUuid(event),
    },
  };
}

/** A name-based UUID (version 5 layout, SHA-1) of the log entry: position, time, wiki and stream. */
export function eventUuid(event: Pick<OutboxEvent, 'id' | 'createdAt' | 'wiki' | 'stream'>): string {
  const hash = createHash('sha1')
    .update(`wikiqueue-event:${event.id}:${event.createdAt}:${event.wiki}:${event.stream}`)
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
