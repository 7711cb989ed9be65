import type { OutboxEvent, OutboxRepository } from '../repositories/event-log.ts';
import { chunkRows } from './batching.ts';
import type { SqlContext } from './sql-context.ts';

/** An event appended inside a transaction, waiting for the commit. */
export interface PendingEvent {
  wiki: string;
  stream: string;
  payload: Record<string, unknown>;
  now: number;
}

/**
 * The event log: events are written in the same transaction as the change they describe
 * (transactional outbox). Inside a transaction `append` only collects them, and the store writes
 * them right before it commits (`write`), under `serializeInserts`: the lock is held from the
 * insert to the commit, so ids become visible in order, which is what lets consumers keep one
 * cursor each; taken last, it cannot be part of a deadlock, and writers queue for it only for the
 * length of a commit.
 */
export class SqlOutboxRepository implements OutboxRepository {
  constructor(
    private readonly ctx: SqlContext,
    /** The open transaction's pending events, if any (appends go there). */
    private readonly pending: () => PendingEvent[] | undefined,
  ) {}

  async append(wiki: string, stream: string, payload: Record<string, unknown>, now: number): Promise<void> {
    const event = { wiki, stream, payload, now };
    const pending = this.pending();
    if (pending) {
      pending.push(event);
      return;
    }
    await this.ctx
      .db()
      .transaction()
      .execute((trx) => this.write([event], trx));
  }

  /** Inserts `events` with the log lock; `db` must be a transaction, which should commit soon. */
  async write(events: readonly PendingEvent[], db = this.ctx.db()): Promise<void> {
    if (events.length === 0) return;
    await this.ctx.dialect.serializeInserts(db, 'outbox');
    for (const chunk of chunkRows(events, 4, this.ctx.dialect.maxParameters)) {
      await db
        .insertInto('outbox')
        .values(
          chunk.map((e) => ({
            wiki: e.wiki,
            stream: e.stream,
            payload: JSON.stringify(e.payload),
            created_at: e.now,
          })),
        )
        .execute();
    }
  }

  async readAfter(position: number, limit: number, streams?: readonly string[]): Promise<OutboxEvent[]> {
    if (streams && streams.length === 0) return [];
    let query = this.ctx
      .db()
      .selectFrom('outbox')
      .select(['event_id', 'wiki', 'stream', 'payload', 'created_at'])
      .where('event_id', '>', position);
    if (streams) query = query.where(this.ctx.dialect.anyOf('stream', streams));
    const rows = await query.orderBy('event_id').limit(limit).execute();
    return rows.map((r) => ({
      id: r.event_id,
      wiki: r.wiki,
      stream: r.stream,
      payload: JSON.parse(r.payload) as Record<string, unknown>,
      createdAt: r.created_at,
    }));
  }

  async head(): Promise<number> {
    const row = await this.ctx
      .db()
      .selectFrom('outbox')
      .select((eb) => eb.fn.max('event_id').as('head'))
      .executeTakeFirst();
    return Number(row?.head ?? 0);
  }

  async positionBefore(time: number): Promise<number> {
    const row = await this.ctx
      .db()
      .selectFrom('outbox')
      .select((eb) => eb.fn.min('event_id').as('first'))
      .where('created_at', '>=', time)
      .executeTakeFirst();
    if (row?.first !== null && row?.first !== undefined) return Number(row.first) - 1;
    return this.head();
  }

  async countAfter(position: number): Promise<number> {
    const row = await this.ctx
      .db()
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('event_id', '>', position)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async deleteDelivered(position: number, createdBefore: number, limit: number): Promise<number> {
    const db = this.ctx.db();
    const doomed = db
      .selectFrom('outbox')
      .select('event_id')
      .where('event_id', '<=', position)
      .where('created_at', '<', createdBefore)
      .orderBy('event_id')
      .limit(limit);
    const result = await db.deleteFrom('outbox').where('event_id', 'in', doomed).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
