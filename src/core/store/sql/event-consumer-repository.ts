import type { Selectable } from 'kysely';
import type { EventConsumerTable } from '../schema.ts';
import type { EventConsumer, EventConsumerRepository, EventRejection } from '../repositories/event-log.ts';
import { chunkRows } from './batching.ts';
import type { SqlContext } from './sql-context.ts';

/** Consumers' cursors: one row per consumer name, looked up by its primary key. */
export class SqlEventConsumerRepository implements EventConsumerRepository {
  constructor(private readonly ctx: SqlContext) {}

  async ensure(name: string, position: number, now: number): Promise<EventConsumer> {
    await this.ctx
      .db()
      .insertInto('event_consumer')
      .values({ name, position, updated_at: now, leased_by: null, leased_until: null })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    return (await this.get(name))!;
  }

  async get(name: string): Promise<EventConsumer | undefined> {
    const row = await this.ctx
      .db()
      .selectFrom('event_consumer')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    return row && toConsumer(row);
  }

  async list(): Promise<EventConsumer[]> {
    const rows = await this.ctx.db().selectFrom('event_consumer').selectAll().orderBy('name').execute();
    return rows.map(toConsumer);
  }

  async lock(name: string): Promise<EventConsumer | undefined> {
    const query = this.ctx.db().selectFrom('event_consumer').selectAll().where('name', '=', name);
    const row = await this.ctx.dialect.lockForUpdate(query).executeTakeFirst();
    return row && toConsumer(row);
  }

  async advance(name: string, position: number, now: number): Promise<void> {
    await this.ctx
      .db()
      .updateTable('event_consumer')
      .set({ position, updated_at: now })
      .where('name', '=', name)
      .where('position', '<', position)
      .execute();
  }

  async lease(name: string, holder: string, until: number, now: number): Promise<boolean> {
    const result = await this.ctx
      .db()
      .updateTable('event_consumer')
      .set({ leased_by: holder, leased_until: until })
      .where('name', '=', name)
      .where((eb) =>
        eb.or([eb('leased_by', 'is', null), eb('leased_by', '=', holder), eb('leased_until', '<=', now)]),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async release(name: string, holder: string, position: number | undefined, now: number): Promise<boolean> {
    const result = await this.ctx
      .db()
      .updateTable('event_consumer')
      .set((eb) => ({
        leased_by: null,
        leased_until: null,
        updated_at: now,
        ...(position === undefined
          ? {}
          : {
              position: eb
                .case()
                .when('position', '<', position)
                .then(position)
                .else(eb.ref('position'))
                .end(),
            }),
      }))
      .where('name', '=', name)
      .where('leased_by', '=', holder)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async recordRejections(
    rejections: readonly Omit<EventRejection, 'rejectedAt'>[],
    now: number,
  ): Promise<void> {
    for (const chunk of chunkRows(rejections, 5, this.ctx.dialect.maxParameters)) {
      if (chunk.length === 0) continue;
      await this.ctx
        .db()
        .insertInto('event_rejection')
        .values(
          chunk.map((r) => ({
            consumer: r.consumer,
            event_id: r.eventId,
            stream: r.stream,
            reason: r.reason,
            rejected_at: now,
          })),
        )
        .onConflict((oc) => oc.columns(['consumer', 'event_id']).doNothing())
        .execute();
    }
  }

  async rejections(consumer: string, limit: number): Promise<EventRejection[]> {
    const rows = await this.ctx
      .db()
      .selectFrom('event_rejection')
      .selectAll()
      .where('consumer', '=', consumer)
      .orderBy('event_id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      consumer: r.consumer,
      eventId: r.event_id,
      stream: r.stream,
      reason: r.reason,
      rejectedAt: r.rejected_at,
    }));
  }
}

function toConsumer(row: Selectable<EventConsumerTable>): EventConsumer {
  return {
    name: row.name,
    position: row.position,
    updatedAt: row.updated_at,
    leasedBy: row.leased_by,
    leasedUntil: row.leased_until,
  };
}
