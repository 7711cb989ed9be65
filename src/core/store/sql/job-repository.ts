import { sql, type Insertable, type Selectable } from 'kysely';
import type { JobTable } from '../schema.ts';
import type { Job, JobRepository, NewJob } from '../repositories/jobs-and-schedules.ts';
import { chunkRows } from './batching.ts';
import type { SqlContext } from './sql-context.ts';

/** Attempts a job gets when NewJob.maxAttempts is not given. */
const defaultMaxAttempts = 5;
/** last_error of a job that went dead because its last lease expired without an outcome. */
const leaseExpiredError = 'lease expired: the worker stopped without finishing the job';
const insertColumns = 13;

/**
 * The durable job queue. A job is 'queued' until claimed, 'running' while leased to a worker, then
 * 'done', or 'dead' after its last failed attempt. At most one job per dedupe key is queued
 * (unique partial index job_queued_dedupe_uq).
 */
export class SqlJobRepository implements JobRepository {
  constructor(private readonly ctx: SqlContext) {}

  /**
   * INSERT … ON CONFLICT (dedupe_key) WHERE status = 'queued' DO NOTHING RETURNING job_id: a job
   * whose key is already queued is dropped (null).
   */
  async enqueue(job: NewJob, now: number): Promise<number | null> {
    const row = await this.ctx
      .db()
      .insertInto('job')
      .values(toRow(job, now))
      .onConflict((oc) => oc.column('dedupe_key').where('status', '=', sql.lit('queued')).doNothing())
      .returning('job_id')
      .executeTakeFirst();
    return row ? row.job_id : null;
  }

  /** Multi-row enqueue; jobs whose key is queued already (or earlier in the batch) are dropped. */
  async enqueueMany(jobs: NewJob[], now: number): Promise<void> {
    const rows = jobs.map((j) => toRow(j, now));
    for (const chunk of chunkRows(rows, insertColumns, this.ctx.dialect.maxParameters)) {
      await this.ctx
        .db()
        .insertInto('job')
        .values(chunk)
        .onConflict((oc) => oc.column('dedupe_key').where('status', '=', sql.lit('queued')).doNothing())
        .execute();
    }
  }

  /**
   * Takes the lowest job ids among queued jobs due at `now` and running jobs whose lease expired
   * before `now` (their worker is presumed dead). Candidates come from two walks of job_claim_idx:
   *   SELECT job_id FROM job WHERE status = 'queued' AND run_after <= :now [AND job_type IN …]
   *     ORDER BY job_id LIMIT :n [FOR UPDATE SKIP LOCKED]
   *   SELECT job_id FROM job WHERE status = 'running' AND claimed_until < :now [AND job_type IN …]
   *     ORDER BY job_id LIMIT :n [FOR UPDATE SKIP LOCKED]
   * and the UPDATE re-checks claimability, so two claimers never lease the same job even outside
   * a transaction. Returned in job id order.
   *
   * Claiming counts the attempt: a worker that dies mid-job (a handler that crashes the process)
   * has used one. An expired lease on a job with no attempts left makes it 'dead' instead of
   * running again, so a job that kills its worker every time ends after max_attempts leases.
   */
  async claim(
    worker: string,
    limit: number,
    now: number,
    leaseSeconds: number,
    types?: string[],
  ): Promise<Job[]> {
    if (limit < 1 || (types !== undefined && types.length === 0)) return [];
    const db = this.ctx.db();
    const lock = this.ctx.dialect;
    let exhausted = db
      .updateTable('job')
      .set({
        status: 'dead',
        last_error: leaseExpiredError,
        claimed_by: null,
        claimed_until: null,
        updated_at: now,
      })
      .where('status', '=', 'running')
      .where('claimed_until', '<', now)
      .whereRef('attempts', '>=', 'max_attempts');
    if (types) exhausted = exhausted.where('job_type', 'in', types);
    await exhausted.execute();
    const candidates = (status: 'queued' | 'running') => {
      let q = db.selectFrom('job').select('job_id').where('status', '=', status);
      q = status === 'queued' ? q.where('run_after', '<=', now) : q.where('claimed_until', '<', now);
      if (types) q = q.where('job_type', 'in', types);
      return lock.lockSkippingLocked(q.orderBy('job_id').limit(limit)).execute();
    };
    const due = await candidates('queued');
    const expired = await candidates('running');
    const ids = [...due, ...expired]
      .map((r) => r.job_id)
      .sort((a, b) => a - b)
      .slice(0, limit);
    if (ids.length === 0) return [];
    const rows = await db
      .updateTable('job')
      .set((eb) => ({
        status: 'running',
        attempts: eb('attempts', '+', 1),
        claimed_by: worker,
        claimed_until: now + leaseSeconds,
        updated_at: now,
      }))
      .where('job_id', 'in', ids)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('run_after', '<=', now)]),
          eb.and([
            eb('status', '=', 'running'),
            eb('claimed_until', '<', now),
            eb('attempts', '<', eb.ref('max_attempts')),
          ]),
        ]),
      )
      .returningAll()
      .execute();
    return rows.map(toJob).sort((a, b) => a.id - b.id);
  }

  async renewLease(jobId: number, worker: string, until: number): Promise<boolean> {
    const result = await this.ctx
      .db()
      .updateTable('job')
      .set({ claimed_until: until })
      .where('job_id', '=', jobId)
      .where('status', '=', 'running')
      .where('claimed_by', '=', worker)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * SELECT job_id FROM job WHERE status IN ('queued', 'running') AND dedupe_key = :key LIMIT 1:
   * job_queued_dedupe_uq for the queued one, job_claim_idx for the (few) running ones.
   */
  async hasUnfinished(dedupeKey: string): Promise<boolean> {
    const db = this.ctx.db();
    const find = (status: 'queued' | 'running') =>
      db
        .selectFrom('job')
        .select('job_id')
        .where('status', '=', sql.lit(status))
        .where('dedupe_key', '=', dedupeKey)
        .limit(1)
        .executeTakeFirst();
    return (await find('queued')) !== undefined || (await find('running')) !== undefined;
  }

  async complete(jobId: number, now: number): Promise<void> {
    await this.ctx
      .db()
      .updateTable('job')
      .set({ status: 'done', claimed_by: null, claimed_until: null, updated_at: now })
      .where('job_id', '=', jobId)
      .execute();
  }

  /**
   * Releases the claim of a failed attempt (claim counted it): dead once attempts reach
   * max_attempts, else queued again at `retryAt`. A retried job gives up its dedupe key when a job with that key was queued
   * meanwhile (both then run; neither is lost).
   */
  async fail(jobId: number, error: string, now: number, retryAt: number): Promise<'retry' | 'dead'> {
    const db = this.ctx.db();
    const job = await db
      .selectFrom('job')
      .select(['attempts', 'max_attempts', 'dedupe_key'])
      .where('job_id', '=', jobId)
      .executeTakeFirst();
    if (!job) throw new Error(`job ${jobId} does not exist`);
    const outcome = job.attempts >= job.max_attempts ? 'dead' : 'retry';
    let dedupeKey = job.dedupe_key;
    if (outcome === 'retry' && dedupeKey !== null) {
      const queued = await db
        .selectFrom('job')
        .select('job_id')
        .where('dedupe_key', '=', dedupeKey)
        .where('status', '=', 'queued')
        .executeTakeFirst();
      if (queued) dedupeKey = null;
    }
    await db
      .updateTable('job')
      .set({
        status: outcome === 'dead' ? 'dead' : 'queued',
        run_after: outcome === 'dead' ? now : retryAt,
        last_error: error,
        dedupe_key: dedupeKey,
        claimed_by: null,
        claimed_until: null,
        updated_at: now,
      })
      .where('job_id', '=', jobId)
      .execute();
    return outcome;
  }

  /** Jobs per status (index-only over job_claim_idx); statuses without jobs are absent. */
  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.ctx
      .db()
      .selectFrom('job')
      .select((eb) => ['status', eb.fn.countAll().as('n')])
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  /** In job id order. */
  async list(q: { status?: string; type?: string; limit: number }): Promise<Job[]> {
    let query = this.ctx.db().selectFrom('job').selectAll();
    if (q.status !== undefined) query = query.where('status', '=', q.status);
    if (q.type !== undefined) query = query.where('job_type', '=', q.type);
    const rows = await query.orderBy('job_id').limit(q.limit).execute();
    return rows.map(toJob);
  }

  /**
   * Requeues dead jobs with a fresh attempt budget, due at `now`. They drop their dedupe key, so
   * they can never collide with a queued job (or each other) of the same key.
   */
  async retryDead(now: number, jobIds?: number[]): Promise<number> {
    if (jobIds !== undefined && jobIds.length === 0) return 0;
    let query = this.ctx
      .db()
      .updateTable('job')
      .set({ status: 'queued', attempts: 0, run_after: now, dedupe_key: null, updated_at: now })
      .where('status', '=', 'dead');
    if (jobIds !== undefined) query = query.where('job_id', 'in', jobIds);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async purgeDone(before: number): Promise<number> {
    const result = await this.ctx
      .db()
      .deleteFrom('job')
      .where('status', '=', 'done')
      .where('updated_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function toRow(job: NewJob, now: number): Insertable<JobTable> {
  return {
    job_type: job.type,
    wiki: job.wiki,
    payload: JSON.stringify(job.payload),
    dedupe_key: job.dedupeKey ?? null,
    status: 'queued',
    attempts: 0,
    max_attempts: job.maxAttempts ?? defaultMaxAttempts,
    run_after: job.runAfter ?? now,
    claimed_by: null,
    claimed_until: null,
    last_error: null,
    created_at: now,
    updated_at: now,
  };
}

function toJob(row: Selectable<JobTable>): Job {
  return {
    id: row.job_id,
    type: row.job_type,
    wiki: row.wiki,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    dedupeKey: row.dedupe_key,
    status: row.status as Job['status'],
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAfter: row.run_after,
    lastError: row.last_error,
    createdAt: row.created_at,
  };
}
