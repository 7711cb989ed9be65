export interface OutboxEvent {
  id: number;
  wiki: string;
  stream: string;
  payload: Record<string, unknown>;
  createdAt: number;
}

/**
 * The event log (transactional outbox): every change appends its events in its own transaction,
 * and consumers read the log in order from their own position (EventConsumerRepository). An
 * event's id is its log position.
 */
export interface OutboxRepository {
  /**
   * Appends an event. Inside a transaction it is written when the transaction commits (dropped
   * with it, or with its savepoint), under a lock that makes events become visible in the order of
   * their ids: a reader that sees position n will never later see a new event below n.
   */
  append(wiki: string, stream: string, payload: Record<string, unknown>, now: number): Promise<void>;
  /**
   * Up to `limit` events after `position`, oldest first; only those of `streams` when given. Over
   * the primary key:
   *   SELECT * FROM outbox WHERE event_id > ? [AND stream IN (…)] ORDER BY event_id LIMIT n
   */
  readAfter(position: number, limit: number, streams?: readonly string[]): Promise<OutboxEvent[]>;
  /** The position of the last event (0 when the log is empty). */
  head(): Promise<number>;
  /** The position just before the first event created at or after `time` (outbox_created_idx). */
  positionBefore(time: number): Promise<number>;
  /** How many events there are after `position`. */
  countAfter(position: number): Promise<number>;
  /**
   * Deletes up to `limit` of the oldest events at or before `position` that were created before
   * `createdBefore`; returns how many it deleted.
   */
  deleteDelivered(position: number, createdBefore: number, limit: number): Promise<number>;
}

/** A reader of the event log: its name and the last position it has passed. */
export interface EventConsumer {
  name: string;
  position: number;
  updatedAt: number;
  leasedBy: string | null;
  leasedUntil: number | null;
}

/** An event a consumer's target refused for good (recorded, then passed). */
export interface EventRejection {
  consumer: string;
  eventId: number;
  stream: string;
  reason: string;
  rejectedAt: number;
}

/** Consumers' cursors over the event log (migration 006-event-consumers). */
export interface EventConsumerRepository {
  /** Creates `name`'s cursor at `position` unless it exists; returns the cursor as stored. */
  ensure(name: string, position: number, now: number): Promise<EventConsumer>;
  get(name: string): Promise<EventConsumer | undefined>;
  list(): Promise<EventConsumer[]>;
  /**
   * The cursor, locked until the transaction ends (PostgreSQL: SELECT … FOR UPDATE; SQLite's write
   * transactions exclude each other already), so that consumers of one name take turns: read,
   * act and advance in one transaction and no two hand out the same event.
   */
  lock(name: string): Promise<EventConsumer | undefined>;
  /** Moves the cursor forward to `position` (never back). */
  advance(name: string, position: number, now: number): Promise<void>;
  /**
   * Leases the cursor to `holder` until `until` when no one else holds an unexpired lease; returns
   * whether `holder` holds it now. For consumers that deliver outside a transaction (HTTP).
   */
  lease(name: string, holder: string, until: number, now: number): Promise<boolean>;
  /**
   * Advances to `position` (when given) and releases the lease, only while `holder` still holds
   * it; returns false when the lease was lost (expired and taken by another holder).
   */
  release(name: string, holder: string, position: number | undefined, now: number): Promise<boolean>;
  recordRejections(rejections: readonly Omit<EventRejection, 'rejectedAt'>[], now: number): Promise<void>;
  rejections(consumer: string, limit: number): Promise<EventRejection[]>;
}
