import type { Selectable } from 'kysely';
import type { ScheduleTable } from '../schema.ts';
import type { Schedule, ScheduleId, ScheduleRepository } from '../repositories/jobs-and-schedules.ts';
import type { SqlContext } from './sql-context.ts';

/** The `schedule` table (primary key owner, task, wiki; schedule_due_idx on next_run_at). */
export class SqlScheduleRepository implements ScheduleRepository {
  constructor(private readonly ctx: SqlContext) {}

  /** INSERT … ON CONFLICT (owner, task, wiki) DO NOTHING. */
  async addMissing(schedules: (ScheduleId & { nextRunAt: number })[]): Promise<void> {
    if (schedules.length === 0) return;
    await this.ctx
      .db()
      .insertInto('schedule')
      .values(
        schedules.map((s) => ({
          owner: s.owner,
          task: s.task,
          wiki: s.wiki,
          next_run_at: s.nextRunAt,
          finished_due: null,
          finished_at: null,
        })),
      )
      .onConflict((oc) => oc.columns(['owner', 'task', 'wiki']).doNothing())
      .execute();
  }

  /**
   * SELECT * FROM schedule WHERE next_run_at <= :now ORDER BY next_run_at LIMIT :n
   * [FOR UPDATE SKIP LOCKED] (schedule_due_idx).
   */
  async claimDue(now: number, limit: number): Promise<Schedule[]> {
    const q = this.ctx
      .db()
      .selectFrom('schedule')
      .selectAll()
      .where('next_run_at', '<=', now)
      .orderBy('next_run_at')
      .orderBy('owner')
      .orderBy('task')
      .orderBy('wiki')
      .limit(limit);
    return (await this.ctx.dialect.lockSkippingLocked(q).execute()).map(toSchedule);
  }

  /** UPDATE schedule SET next_run_at = :next WHERE (owner, task, wiki) = … AND next_run_at = :due. */
  async advance(id: ScheduleId, due: number, next: number): Promise<boolean> {
    const result = await this.ctx
      .db()
      .updateTable('schedule')
      .set({ next_run_at: next })
      .where('owner', '=', id.owner)
      .where('task', '=', id.task)
      .where('wiki', '=', id.wiki)
      .where('next_run_at', '=', due)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async recordFinished(id: ScheduleId, due: number, now: number): Promise<boolean> {
    const result = await this.ctx
      .db()
      .updateTable('schedule')
      .set({ finished_due: due, finished_at: now })
      .where('owner', '=', id.owner)
      .where('task', '=', id.task)
      .where('wiki', '=', id.wiki)
      .where((eb) => eb.or([eb('finished_due', 'is', null), eb('finished_due', '<', due)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async get(id: ScheduleId): Promise<Schedule | undefined> {
    const row = await this.ctx
      .db()
      .selectFrom('schedule')
      .selectAll()
      .where('owner', '=', id.owner)
      .where('task', '=', id.task)
      .where('wiki', '=', id.wiki)
      .executeTakeFirst();
    return row && toSchedule(row);
  }

  /** SELECT min(next_run_at) FROM schedule WHERE next_run_at > :now (schedule_due_idx). */
  async nextDueAfter(now: number): Promise<number | undefined> {
    const row = await this.ctx
      .db()
      .selectFrom('schedule')
      .select((eb) => eb.fn.min('next_run_at').as('next'))
      .where('next_run_at', '>', now)
      .executeTakeFirst();
    return row?.next == null ? undefined : Number(row.next);
  }

  async list(): Promise<Schedule[]> {
    const rows = await this.ctx
      .db()
      .selectFrom('schedule')
      .selectAll()
      .orderBy('owner')
      .orderBy('task')
      .orderBy('wiki')
      .execute();
    return rows.map(toSchedule);
  }
}

function toSchedule(row: Selectable<ScheduleTable>): Schedule {
  return {
    owner: row.owner,
    task: row.task,
    wiki: row.wiki,
    nextRunAt: Number(row.next_run_at),
    finishedDue: row.finished_due === null ? null : Number(row.finished_due),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
  };
}
