export interface NewJob {
  type: string;
  wiki: string;
  payload: Record<string, unknown>;
  /** Coalesces with a queued job of the same key (the new one is dropped). */
  dedupeKey?: string;
  runAfter?: number;
  maxAttempts?: number;
}

export interface Job {
  id: number;
  type: string;
  wiki: string;
  payload: Record<string, unknown>;
  dedupeKey: string | null;
  status: 'queued' | 'running' | 'done' | 'dead';
  attempts: number;
  maxAttempts: number;
  runAfter: number;
  lastError: string | null;
  createdAt: number;
}

export interface JobRepository {
  /** Returns the new job id, or null when it was coalesced into a queued duplicate. */
  enqueue(job: NewJob, now: number): Promise<number | null>;
  enqueueMany(jobs: NewJob[], now: number): Promise<void>;
  /**
   * Claims up to `limit` runnable jobs (queued and due, or running with an expired lease) for
   * `worker`, leasing them until now+leaseSeconds, and counts the attempt. A running job whose
   * lease expired with no attempts left becomes dead instead. PostgreSQL uses FOR UPDATE SKIP LOCKED.
   */
  claim(worker: string, limit: number, now: number, leaseSeconds: number, types?: string[]): Promise<Job[]>;
  /**
   * Extends the lease of a job `worker` is running to `until`; false when the job is no longer
   * running under `worker` (its lease expired and another runner took it, or it ended).
   */
  renewLease(jobId: number, worker: string, until: number): Promise<boolean>;
  /** Whether a job with `dedupeKey` is queued or running. */
  hasUnfinished(dedupeKey: string): Promise<boolean>;
  complete(jobId: number, now: number): Promise<void>;
  /** Records a failed attempt (counted by claim): back to queued at `retryAt`, or dead when attempts reached max. */
  fail(jobId: number, error: string, now: number, retryAt: number): Promise<'retry' | 'dead'>;
  countByStatus(): Promise<Record<string, number>>;
  list(q: { status?: string; type?: string; limit: number }): Promise<Job[]>;
  /** Puts dead jobs back in the queue (all, or the given ids); returns how many. */
  retryDead(now: number, jobIds?: number[]): Promise<number>;
  /** Deletes finished jobs older than `before`. */
  purgeDone(before: number): Promise<number>;
}

/** A recurring task's schedule: one per task and wiki, or one per task when it is shared (wiki ''). */
export interface Schedule {
  owner: string;
  task: string;
  wiki: string;
  nextRunAt: number;
  /** Due time of the latest finished run, and when it finished; null before the first. */
  finishedDue: number | null;
  finishedAt: number | null;
}

export type ScheduleId = Pick<Schedule, 'owner' | 'task' | 'wiki'>;

/**
 * Schedules of recurring tasks. A due schedule is taken by moving its due time on with a
 * conditional update (`advance`), so of several processes taking it at once exactly one succeeds.
 */
export interface ScheduleRepository {
  /** Creates the schedules that do not exist yet; an existing one keeps its due time. */
  addMissing(schedules: (ScheduleId & { nextRunAt: number })[]): Promise<void>;
  /**
   * Schedules due at `now`, earliest first, locked until the transaction ends where the database
   * can (PostgreSQL: FOR UPDATE SKIP LOCKED: one that another process is taking is skipped).
   */
  claimDue(now: number, limit: number): Promise<Schedule[]>;
  /** Moves a schedule due at `due` to `next`; false when it is no longer due at `due` (taken). */
  advance(id: ScheduleId, due: number, next: number): Promise<boolean>;
  /**
   * Records that the run due at `due` finished at `now`; false, changing nothing, when a run due
   * at `due` or later had been recorded already.
   */
  recordFinished(id: ScheduleId, due: number, now: number): Promise<boolean>;
  get(id: ScheduleId): Promise<Schedule | undefined>;
  /** The earliest due time later than `now`, if any. */
  nextDueAfter(now: number): Promise<number | undefined>;
  /** Every schedule, by owner, task and wiki. */
  list(): Promise<Schedule[]>;
}
