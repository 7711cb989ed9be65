import type { OutboxEvent, OutboxRepository } from '../store.ts';
import { chunkKeys } from './batching.ts';
import type { SqlContext } from './sql-context.ts';

/** Events written in the same transaction as the change they describe (transactional outbox). */
export class SqlOutboxRepository implements OutboxRepository {
  constructor(private readonly ctx: SqlContext) {}

  async append(wiki: string, stream: string, payload: Record<string, unknown>, now: number): Promise<number> {
    const row = await this.ctx
      .db()
      .insertInto('outbox')
      .values({ wiki, stream, payload: JSON.stringify(payload), created_at: now, dispatched_at: null })
      .returning('event_id')
      .executeTakeFirstOrThrow();
    return row.event_id;
  }

  /**
   * Oldest first over the partial index outbox_undispatched_idx:
   *   SELECT * FROM outbox WHERE dispatched_at IS NULL ORDER BY event_id LIMIT n [FOR UPDATE SKIP LOCKED]
   * The lock only holds inside a transaction; call it and markDispatched in the same one.
   */
  async claimUndispatched(limit: number): Promise<OutboxEvent[]> {
    const query = this.ctx
      .db()
      .selectFrom('outbox')
      .select(['event_id', 'wiki', 'stream', 'payload', 'created_at'])
      .where('dispatched_at', 'is', null)
      .orderBy('event_id')
      .limit(limit);
    const rows = await this.ctx.dialect.lockSkippingLocked(query).execute();
    return rows.map((r) => ({
      id: r.event_id,
      wiki: r.wiki,
      stream: r.stream,
      payload: JSON.parse(r.payload) as Record<string, unknown>,
      createdAt: r.created_at,
    }));
  }

  async markDispatched(eventIds: number[], now: number): Promise<void> {
    for (const chunk of chunkKeys(eventIds)) {
      await this.ctx
        .db()
        .updateTable('outbox')
        .set({ dispatched_at: now })
        .where('event_id', 'in', chunk)
        .where('dispatched_at', 'is', null)
        .execute();
    }
  }

  async countUndispatched(): Promise<number> {
    const row = await this.ctx
      .db()
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('dispatched_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
