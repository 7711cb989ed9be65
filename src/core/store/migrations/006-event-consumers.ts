import { sql, type Kysely, type Migration } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** The consumer name of the job dispatcher (core/events/outbox-dispatcher.ts), whose state this carries over. */
const JOBS_CONSUMER = 'jobs';

/**
 * Per-consumer cursors over the event log instead of its one `dispatched_at` flag: each consumer
 * (the job dispatcher, the EventGate delivery, …) records the last log position it has passed in
 * `event_consumer`; what a delivery rejected for good is kept in `event_rejection`.
 *
 * The dispatcher's state is carried over: its cursor is the last dispatched event. Undispatched
 * events below that (left by a dispatcher whose batch rolled back while a later one committed) are
 * moved to the end of the log, so that nothing dispatched is dispatched again and nothing
 * undispatched is skipped.
 */
export function eventConsumersMigration(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('event_consumer')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('position', d.bigint, (c) => c.notNull())
        .addColumn('updated_at', d.bigint, (c) => c.notNull())
        .addColumn('leased_by', 'text')
        .addColumn('leased_until', d.bigint)
        .execute();

      await db.schema
        .createTable('event_rejection')
        .addColumn('consumer', 'text', (c) => c.notNull())
        .addColumn('event_id', d.bigint, (c) => c.notNull())
        .addColumn('stream', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('rejected_at', d.bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('event_rejection_pk', ['consumer', 'event_id'])
        .execute();

      const { rows } = await sql<{
        position: number | string | null;
      }>`select max(event_id) as position from outbox where dispatched_at is not null`.execute(db);
      const position = Number(rows[0]?.position ?? 0);
      if (position > 0) {
        await sql`insert into outbox (wiki, stream, payload, created_at, dispatched_at)
          select wiki, stream, payload, created_at, null from outbox
          where dispatched_at is null and event_id < ${position} order by event_id`.execute(db);
        await sql`delete from outbox where dispatched_at is null and event_id < ${position}`.execute(db);
      }
      await sql`insert into event_consumer (name, position, updated_at)
        values (${JOBS_CONSUMER}, ${position}, ${Math.floor(Date.now() / 1000)})`.execute(db);

      await db.schema.dropIndex('outbox_undispatched_idx').execute();
      await db.schema.alterTable('outbox').dropColumn('dispatched_at').execute();
      // outbox.positionBefore (resuming a stream by time) and retention by age.
      await db.schema.createIndex('outbox_created_idx').on('outbox').column('created_at').execute();
    },
  };
}
