import { defineStream } from '../../core/domain/event-stream.ts';
import { eventBase, type EventBase, type EventContext } from '../../core/domain/events.ts';

/**
 * `wikiqueue.image-suggestion-tags`: the recommendation tags of a page changed (its newest dataset
 * gained or lost article-level or section-level suggestions) — what a task search follows, as
 * CirrusSearch's weighted tags follow the production pipeline.
 */
export type ImageSuggestionTagsEvent = EventBase & {
  page_id: number;
  tags: string[];
  prior_state: { tags: string[] };
};

export const suggestionStreams = {
  tags: defineStream<ImageSuggestionTagsEvent>(
    'wikiqueue.image-suggestion-tags',
    '/wikiqueue/page/image-suggestion-tags/1.0.0',
  ),
} as const;

/** The event of a page's tags going from `before` to `after` (both sorted). */
export function tagsEvent(
  ctx: EventContext,
  pageId: number,
  before: readonly string[],
  after: readonly string[],
): ImageSuggestionTagsEvent {
  return {
    ...eventBase(ctx, suggestionStreams.tags),
    page_id: pageId,
    tags: [...after],
    prior_state: { tags: [...before] },
  };
}
