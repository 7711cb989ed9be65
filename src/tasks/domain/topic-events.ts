import { defineStream } from '../../core/domain/event-stream.ts';
import { eventBase, type EventBase, type EventContext } from '../../core/domain/events.ts';

/**
 * `wikiqueue.page-topics`: the topics a page counts under (weight ≥ 0.5, imported or from its
 * categories) changed — what the task pool follows to file the page's tasks under its topics.
 */
export type PageTopicsEvent = EventBase & {
  page_id: number;
  topics: string[];
  prior_state: { topics: string[] };
};

export const taskStreams = {
  pageTopics: defineStream<PageTopicsEvent>('wikiqueue.page-topics', '/wikiqueue/page/topics/1.0.0'),
} as const;

/** The event of a page's topics going from `before` to `after` (both in topic id order). */
export function pageTopicsEvent(
  ctx: EventContext,
  pageId: number,
  before: readonly string[],
  after: readonly string[],
): PageTopicsEvent {
  return {
    ...eventBase(ctx, taskStreams.pageTopics),
    page_id: pageId,
    topics: [...after],
    prior_state: { topics: [...before] },
  };
}
