import type { Config } from '../../config.ts';
import type { Clock } from '../domain/clock.ts';
import type { RecurringTask } from '../jobs/scheduler.ts';
import type { ThrottleRepository } from '../store/repositories/users-and-sessions.ts';

/**
 * Deletes throttle counters (failed logins, rate limits) whose window has passed: the next hit on
 * such a key would start a new window at 1 anyway, so only the row goes.
 */
export function deletePassedThrottlesTask(
  throttles: Pick<ThrottleRepository, 'deleteExpired'>,
  clock: Clock,
  config: Pick<Config['housekeeping'], 'throttlesEvery'>,
): RecurringTask {
  return {
    name: 'delete-passed-throttles',
    every: config.throttlesEvery,
    shared: true,
    run: () => throttles.deleteExpired(clock()),
  };
}
