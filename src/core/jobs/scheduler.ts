import type { Clock } from '../domain/clock.ts';
import type { Job, Schedule, ScheduleId } from '../store/repositories/jobs-and-schedules.ts';
import type { Store } from '../store/store.ts';
import type { WikiRegistry } from '../wikis/wiki-registry.ts';
import type { JobQueue } from './job-queue.ts';

/** Work that recurs, declared by a subsystem (review-queue-reference.md §4 for review's) or the core. */
export interface RecurringTask {
  /** Unique within its owner (`purge`). */
  readonly name: string;
  /** Seconds from one run being taken to the next falling due. */
  readonly every: number;
  /**
   * Works on what every wiki shares (a store-wide index, the job table): one schedule for all
   * wikis, run with wiki '', instead of one per content wiki.
   */
  readonly shared?: boolean;
  /** Does the work for `wiki` ('' when shared). Runs as a job: it may run again after a crash. */
  run(wiki: string): Promise<unknown>;
}

/** A schedule as `wikiqueue jobs schedules` shows it; `every` is absent for a task no longer registered. */
export interface ScheduleListing extends Schedule {
  every?: number;
}

/** Most schedules one `queueDue` takes; the rest are taken on the next round. */
const CLAIM_BATCH = 100;
/** Longest a scheduler goes without looking for due schedules (another process may add some). */
const RECHECK_SECONDS = 60;

/**
 * Runs recurring tasks once per due time, with any number of processes on one store.
 *
 * Each task has a schedule row per content wiki (one when shared) holding when its next run is
 * due. `queueDue`, called by every job runner each round, takes the due rows: in one transaction
 * it moves each row's due time `every` seconds past now with a conditional update (only one of
 * several processes racing for the row succeeds; PostgreSQL skips rows another one has locked)
 * and queues a job `{owner}:maintenance` for that due time. So a due time yields one job, whoever
 * looks at it, whenever processes start, restart or run jobs; what is queued survives them all.
 *
 * The job runs the task and records the due time as finished. Its retries are the job queue's
 * (a failed run is retried with back-off; the schedule goes on regardless). A job whose worker
 * died after the task finished but before the job was marked done is taken over when its lease
 * expires; it then finds its due time recorded as finished and does not run the task again.
 * Runs of one task never overlap: a run still queued or running when the next falls due stands
 * for both (no job is queued for the later one), so a slow run or a backlog does not pile up runs.
 */
export class Scheduler {
  readonly #tasks = new Map<string, Map<string, RecurringTask>>();
  /** Schedules this process has made sure exist. */
  readonly #ensured = new Set<string>();
  /** No schedule is due before this (as far as this process knows). */
  #nextCheck = -Infinity;

  constructor(private readonly deps: { store: Store; jobs: JobQueue; clock: Clock; wikis: WikiRegistry }) {}

  /**
   * Registers `owner`'s tasks, and on its first call for `owner` the job handler that runs them.
   * An owner may register tasks in several calls; a task name is taken once.
   */
  register(owner: string, tasks: readonly RecurringTask[]): void {
    if (tasks.length === 0) return;
    let owned = this.#tasks.get(owner);
    if (!owned) {
      owned = new Map();
      this.#tasks.set(owner, owned);
      this.deps.jobs.register(jobType(owner), (job) => this.#run(owner, job));
    }
    for (const task of tasks) {
      if (owned.has(task.name))
        throw new Error(`recurring task "${owner}:${task.name}" is already registered`);
      owned.set(task.name, task);
    }
  }

  /**
   * Creates the schedule of every registered task for every content wiki (one, for a shared task)
   * that has none yet, its first run due `every` seconds from now. Existing schedules keep their
   * due time, so starting or restarting a process moves nothing.
   */
  async scheduleAll(): Promise<void> {
    const now = this.deps.clock();
    const missing: (ScheduleId & { nextRunAt: number })[] = [];
    for (const [owner, tasks] of this.#tasks) {
      for (const task of tasks.values()) {
        for (const wiki of task.shared ? [''] : this.#contentWikis()) {
          const id = { owner, task: task.name, wiki };
          if (!this.#ensured.has(idKey(id))) missing.push({ ...id, nextRunAt: now + task.every });
        }
      }
    }
    if (missing.length === 0) return;
    await this.deps.store.schedules.addMissing(missing);
    for (const s of missing) this.#ensured.add(idKey(s));
    this.#nextCheck = Math.min(this.#nextCheck, ...missing.map((s) => s.nextRunAt));
  }

  /**
   * Queues one job for each due schedule (see the class comment); returns how many. Also creates
   * the schedules of wikis added since the last call. Cheap when nothing is due: it remembers the
   * earliest due time, and looks again then or after a minute.
   */
  async queueDue(): Promise<number> {
    await this.scheduleAll();
    const { store, clock, jobs } = this.deps;
    const now = clock();
    if (now < this.#nextCheck) return 0;
    const { queued, full } = await store.transaction(async (tx) => {
      const due = await tx.schedules.claimDue(now, CLAIM_BATCH);
      let n = 0;
      for (const schedule of due) {
        // A task no process registers any more stays due and is left alone.
        const task = this.#tasks.get(schedule.owner)?.get(schedule.task);
        if (!task) continue;
        if (!(await tx.schedules.advance(schedule, schedule.nextRunAt, now + task.every))) continue;
        const dedupeKey = `${schedule.owner}-maintenance:${schedule.task}${schedule.wiki ? `:${schedule.wiki}` : ''}`;
        if (await tx.jobs.hasUnfinished(dedupeKey)) continue;
        await jobs.enqueueIn(tx, {
          type: jobType(schedule.owner),
          wiki: schedule.wiki,
          payload: { task: schedule.task, due: schedule.nextRunAt },
          dedupeKey,
        });
        n++;
      }
      return { queued: n, full: due.length === CLAIM_BATCH };
    });
    this.#nextCheck = full
      ? now
      : Math.min(now + RECHECK_SECONDS, (await store.schedules.nextDueAfter(now)) ?? Infinity);
    return queued;
  }

  /** Every stored schedule, with the interval of its task when this process registers it. */
  async list(): Promise<ScheduleListing[]> {
    const schedules = await this.deps.store.schedules.list();
    return schedules.map((s) => {
      const every = this.#tasks.get(s.owner)?.get(s.task)?.every;
      return every === undefined ? s : { ...s, every };
    });
  }

  async #run(owner: string, job: Job): Promise<void> {
    const name = String(job.payload.task);
    const task = this.#tasks.get(owner)?.get(name);
    if (!task) throw new Error(`unknown recurring task "${owner}:${name}"`);
    const due = job.payload.due;
    // A run queued before schedules existed (a retry left by migration 007): it runs as it was.
    if (typeof due !== 'number') {
      await task.run(job.wiki);
      return;
    }
    const { store, clock } = this.deps;
    const id = { owner, task: name, wiki: job.wiki };
    const finished = (await store.schedules.get(id))?.finishedDue;
    if (finished == null || finished < due) {
      await task.run(job.wiki);
      await store.schedules.recordFinished(id, due, clock());
    }
    // This run stands for the due times that passed while it was unfinished: if the next one has
    // passed and no process queued it yet (a run taken over from a dead worker, or one that
    // outlasted its interval while every runner was busy), it is moved on here. The conditional
    // update waits for a process holding the schedule (that one sees this job unfinished and
    // skips it), so either way the passed due time yields no second run.
    const now = clock();
    const schedule = await store.schedules.get(id);
    if (schedule && schedule.nextRunAt <= now)
      await store.schedules.advance(id, schedule.nextRunAt, now + task.every);
  }

  #contentWikis(): string[] {
    return this.deps.wikis
      .list()
      .filter((w) => !w.info.isMediaRepo)
      .map((w) => w.info.id);
  }
}

const jobType = (owner: string) => `${owner}:maintenance`;
const idKey = (id: ScheduleId) => `${id.owner}\u0000${id.task}\u0000${id.wiki}`;
