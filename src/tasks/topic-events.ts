import { eventContext } from '../core/domain/events.ts';
import type { WikiInfo } from '../core/domain/wiki.ts';
import type { Repositories } from '../core/store/store.ts';
import { pageTopicsEvent, taskStreams } from './domain/topic-events.ts';
import { TOPIC_MIN_WEIGHT } from './domain/topics.ts';
import type { TasksRepositories } from './store/tasks-store.ts';

/**
 * Runs `work`, which changes the page topics of `pageIds`, and writes a `wikiqueue.page-topics`
 * event for each page whose topics (weight ≥ 0.5) it changed, in the caller's transaction.
 */
export async function announcingTopicChanges<T>(
  tx: Pick<Repositories, 'outbox'> & TasksRepositories,
  wiki: WikiInfo,
  now: number,
  pageIds: readonly number[],
  work: () => Promise<T>,
): Promise<T> {
  const ids = [...new Set(pageIds)];
  const before = await tx.topics.topicsOf(wiki.id, ids, TOPIC_MIN_WEIGHT);
  const result = await work();
  const after = await tx.topics.topicsOf(wiki.id, ids, TOPIC_MIN_WEIGHT);
  const ctx = eventContext(wiki, now);
  for (const id of ids) {
    const was = before.get(id) ?? [];
    const is = after.get(id) ?? [];
    if (was.join('|') !== is.join('|'))
      await tx.outbox.append(wiki.id, taskStreams.pageTopics.name, pageTopicsEvent(ctx, id, was, is), now);
  }
  return result;
}
