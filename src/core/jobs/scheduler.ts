import type { Clock } from '../domain/clock.ts';
import type { WikiRegistry } from '../wikis/wiki-registry.ts';
import type { JobQueue } from './job-queue.ts';

/** Work that recurs, declared by a subsystem (review-queue-reference.md §4 for review's). */
export interface RecurringTask {
  /** Unique within its subsystem (`purge`). */
  readonly name: string;
  /** Seconds between two runs. */
  readonly every: number;
  /**
   * Works on what every wiki shares (a store-wide index): one run for all wikis, queued under the
   * first wiki that asks, instead of one run per content wiki.
   */
  readonly shared?: boolean;
  run(wiki: string): Promise<unknown>;
}

/**
 * Runs recurring tasks as jobs of the durable queue: each run is a job `{owner}:maintenance` that
 * does its task and queues the next run `every` seconds later, also when the task failed (the
 * failed run is retried as well, but a task that keeps failing must not drop off the schedule).
 *
 * Once per due time, with any number of processes: the next run is queued under a dedupe key (one
 * per task and wiki, or per task when shared), and a queued job with that key absorbs every other
 * enqueue, so processes that start, restart or finish a run at the same time queue it once.
 */
export class Scheduler {
  readonly #tasks = new Map<string, Map<string, RecurringTask>>();

  constructor(private readonly deps: { jobs: JobQueue; clock: Clock; wikis: WikiRegistry }) {}

  /** Registers `owner`'s tasks and the job handler that runs them. */
  register(owner: string, tasks: readonly RecurringTask[]): void {
    if (tasks.length === 0) return;
    if (this.#tasks.has(owner)) throw new Error(`recurring tasks of "${owner}" are already registered`);
    this.#tasks.set(owner, new Map(tasks.map((t) => [t.name, t])));
    this.deps.jobs.register(jobType(owner), async (job) => {
      const name = String(job.payload.task);
      const task = this.#tasks.get(owner)?.get(name);
      if (!task) throw new Error(`unknown recurring task "${owner}:${name}"`);
      try {
        await task.run(job.wiki);
      } finally {
        await this.deps.jobs.enqueue(this.#nextRun(owner, task, job.wiki));
      }
    });
  }

  /** Queues the first run of every task for every content wiki (coalescing with queued runs). */
  async scheduleAll(): Promise<void> {
    for (const { info } of this.deps.wikis.list()) {
      if (info.isMediaRepo) continue;
      for (const [owner, tasks] of this.#tasks)
        for (const task of tasks.values()) await this.deps.jobs.enqueue(this.#nextRun(owner, task, info.id));
    }
  }

  #nextRun(owner: string, task: RecurringTask, wiki: string) {
    const key = `${owner}-maintenance:${task.name}`;
    return {
      type: jobType(owner),
      wiki,
      payload: { task: task.name },
      dedupeKey: task.shared ? key : `${key}:${wiki}`,
      runAfter: this.deps.clock() + task.every,
    };
  }
}

const jobType = (owner: string) => `${owner}:maintenance`;
