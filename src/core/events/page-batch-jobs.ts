import type { EventPage } from '../domain/events.ts';
import type { OutboxEvent } from '../store/repositories/event-log.ts';
import type { BatchSubscriber } from './outbox-dispatcher.ts';

/** Pages per job of `pageBatchJobs`: one transaction of the handler. */
export const PAGES_PER_JOB = 500;

/**
 * A batch subscriber that makes one job of `type` per wiki and up to PAGES_PER_JOB pages of a
 * delivery's events (`payload.pageIds`): an edit and its links update, or a generator run's
 * thousands of tag changes, cost one refresh per page, not one job per event. Events without a
 * `page_id` are left out.
 */
export function pageBatchJobs(type: string): BatchSubscriber {
  return (events: readonly OutboxEvent[]) => {
    const byWiki = new Map<string, Set<number>>();
    for (const e of events) {
      const pageId = (e.payload as Partial<EventPage>).page_id;
      if (typeof pageId !== 'number') continue;
      const ids = byWiki.get(e.wiki) ?? new Set<number>();
      ids.add(pageId);
      byWiki.set(e.wiki, ids);
    }
    return [...byWiki].flatMap(([wiki, ids]) => {
      const all = [...ids];
      const jobs = [];
      for (let i = 0; i < all.length; i += PAGES_PER_JOB)
        jobs.push({ type, wiki, payload: { pageIds: all.slice(i, i + PAGES_PER_JOB) } });
      return jobs;
    });
  };
}
