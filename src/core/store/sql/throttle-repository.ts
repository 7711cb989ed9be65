import { sql } from 'kysely';
import type { ThrottleRepository } from '../repositories/users-and-sessions.ts';
import type { SqlContext } from './sql-context.ts';

/**
 * Fixed-window counters: a window opens at the first hit and lasts `windowSeconds`; the first hit
 * at or after its end opens a new window with a count of 1.
 */
export class SqlThrottleRepository implements ThrottleRepository {
  constructor(private readonly ctx: SqlContext) {}

  /** One upsert, so concurrent hits on the same key are counted exactly. */
  async hit(key: string, windowSeconds: number, now: number): Promise<number> {
    const expired = sql<boolean>`${now} >= throttle.window_start + ${windowSeconds}`;
    const row = await this.ctx
      .db()
      .insertInto('throttle')
      .values({ key, count: 1, window_start: now, window_end: now + windowSeconds })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: sql<number>`case when ${expired} then 1 else throttle.count + 1 end`,
          window_start: sql<number>`case when ${expired} then ${now} else throttle.window_start end`,
          window_end: sql<number>`case when ${expired} then ${now + windowSeconds} else throttle.window_end end`,
        }),
      )
      .returning('count')
      .executeTakeFirstOrThrow();
    return row.count;
  }

  async peek(key: string, windowSeconds: number, now: number): Promise<number> {
    const row = await this.ctx
      .db()
      .selectFrom('throttle')
      .select(['count', 'window_start'])
      .where('key', '=', key)
      .executeTakeFirst();
    return row && now < row.window_start + windowSeconds ? row.count : 0;
  }

  async reset(key: string): Promise<void> {
    await this.ctx.db().deleteFrom('throttle').where('key', '=', key).execute();
  }

  /** DELETE FROM throttle WHERE window_end <= :now (throttle_window_end_idx). */
  async deleteExpired(now: number): Promise<number> {
    const result = await this.ctx
      .db()
      .deleteFrom('throttle')
      .where('window_end', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
