import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import type { RecurringTask } from '../jobs/scheduler.ts';
import type { EventConsumerRepository, OutboxRepository } from '../store/repositories/event-log.ts';
import type { Store } from '../store/store.ts';

/** Events deleted per statement (and transaction), so that writers never wait long on the log. */
const DELETE_BATCH = 5000;

/**
 * The core's recurring task `event-retention`: deletes the events that every consumer registered
 * in this process (`consumers`: the job dispatcher, and the EventGate delivery when configured)
 * has passed and that are older than `retentionSeconds` (config `events.retentionDays`). A
 * consumer without a cursor yet holds everything back; the cursor of a consumer no longer
 * configured does not. Server-sent stream clients have no cursor: one that resumes from a
 * position deleted since continues at the oldest event left. Store-wide: one run for all wikis.
 */
export function eventRetentionTask(deps: {
  store: Pick<Store, 'transaction'> & { outbox: OutboxRepository; eventConsumers: EventConsumerRepository };
  clock: Clock;
  logger: Logger;
  consumers: readonly string[];
  retentionSeconds: number;
}): RecurringTask {
  return {
    name: 'event-retention',
    every: 3600,
    shared: true,
    run: () => deleteDeliveredEvents(deps),
  };
}

/** One retention pass; returns how many events it deleted. */
export async function deleteDeliveredEvents(deps: {
  store: Pick<Store, 'transaction'> & { eventConsumers: EventConsumerRepository };
  clock: Clock;
  logger: Logger;
  consumers: readonly string[];
  retentionSeconds: number;
}): Promise<number> {
  const { store, clock, consumers } = deps;
  let passed = Infinity;
  for (const name of consumers)
    passed = Math.min(passed, (await store.eventConsumers.get(name))?.position ?? 0);
  if (!Number.isFinite(passed) || passed <= 0) return 0;
  const createdBefore = clock() - deps.retentionSeconds;
  let deleted = 0;
  for (;;) {
    const n = await store.transaction((tx) => tx.outbox.deleteDelivered(passed, createdBefore, DELETE_BATCH));
    deleted += n;
    if (n < DELETE_BATCH) break;
  }
  if (deleted > 0)
    deps.logger.info({ deleted, passed, createdBefore }, 'event retention: deleted delivered events');
  return deleted;
}
