/**
 * One event stream, declared once: its name (`mediawiki.page-create`, `wikiqueue.page-review`), the
 * `$schema` URI every event of it carries, and — as a type only — the payload its events have. The
 * core declares its streams in domain/events.ts; a subsystem lists its own in its registration
 * (`Subsystem.streams`); the registry (core/events/stream-registry.ts) holds them all.
 */
export interface EventStream<Payload = unknown> {
  readonly name: string;
  /** Schema URI, as Wikimedia's events carry it (`/mediawiki/revision/create/2.0.0`). */
  readonly schema: string;
  /** Never set: carries the payload type for `EventDraft` and consumers. */
  readonly payload?: Payload;
}

/** Declares a stream whose events have payload `P`. */
export function defineStream<P>(name: string, schema: string): EventStream<P> {
  return Object.freeze({ name, schema });
}

/** An event ready for the log: `tx.outbox.append(wiki, draft.stream.name, draft.payload, now)`. */
export interface EventDraft<P> {
  stream: EventStream<P>;
  payload: P;
}
