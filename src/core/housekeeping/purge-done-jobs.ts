import type { Config } from '../../config.ts';
import type { Clock } from '../domain/clock.ts';
import type { RecurringTask } from '../jobs/scheduler.ts';
import type { JobRepository } from '../store/repositories/jobs-and-schedules.ts';

/**
 * Deletes finished (`done`) jobs older than `housekeeping.doneJobAge`; queued, running and dead
 * jobs stay (dead ones wait for `wikiqueue jobs retry`).
 */
export function purgeDoneJobsTask(
  jobs: Pick<JobRepository, 'purgeDone'>,
  clock: Clock,
  config: Pick<Config['housekeeping'], 'doneJobAge' | 'doneJobsEvery'>,
): RecurringTask {
  return {
    name: 'purge-done-jobs',
    every: config.doneJobsEvery,
    shared: true,
    run: () => jobs.purgeDone(clock() - config.doneJobAge),
  };
}
