import type { Config } from '../../config.ts';
import type { Clock } from '../domain/clock.ts';
import type { RecurringTask } from '../jobs/scheduler.ts';
import type { SessionRepository } from '../store/repositories/users-and-sessions.ts';

/** Deletes login sessions that have expired (`auth.sessionTtl` after they opened); no one can use them. */
export function deleteExpiredSessionsTask(
  sessions: Pick<SessionRepository, 'deleteExpired'>,
  clock: Clock,
  config: Pick<Config['housekeeping'], 'sessionsEvery'>,
): RecurringTask {
  return {
    name: 'delete-expired-sessions',
    every: config.sessionsEvery,
    shared: true,
    run: () => sessions.deleteExpired(clock()),
  };
}
