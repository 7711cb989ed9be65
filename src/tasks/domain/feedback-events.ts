import { defineStream } from '../../core/domain/event-stream.ts';
import { eventBase, type EventBase, type EventContext } from '../../core/domain/events.ts';
import type { ImageSubmission } from './image-submission.ts';

/**
 * `mediawiki.image_suggestions_feedback` (suggested-edits-reference.md §5.6): what a newcomer made
 * of a suggested image — accepted, rejected, or neither (an invalidation: the task could not be
 * done) — for the pipeline that makes suggestions to learn from.
 */
export type ImageSuggestionsFeedbackEvent = EventBase & {
  wiki: string;
  page_id: number;
  filename: string;
  user_id: number;
  is_accepted: boolean;
  is_rejected: boolean;
  dt: string;
  origin_wiki: string;
  rejection_reasons?: string[];
  section_title?: string;
  section_ordinal?: number;
};

export const feedbackStream = defineStream<ImageSuggestionsFeedbackEvent>(
  'mediawiki.image_suggestions_feedback',
  '/mediawiki/page/image-suggestions-feedback/2.1.0',
);

/** What an event says about the image: a submission's judgement, or none (`accepted` null). */
export type Judgement = Pick<ImageSubmission, 'filename' | 'reasons' | 'sectionTitle' | 'sectionNumber'> & {
  accepted: boolean | null;
};

export function feedbackEvent(
  ctx: EventContext,
  page: { id: number; uri: string },
  userId: number,
  originWiki: string,
  j: Judgement,
): ImageSuggestionsFeedbackEvent {
  const base = eventBase(ctx, feedbackStream);
  const event: ImageSuggestionsFeedbackEvent = {
    ...base,
    meta: { ...base.meta, uri: page.uri },
    wiki: ctx.wiki,
    page_id: page.id,
    filename: j.filename,
    user_id: userId,
    is_accepted: j.accepted === true,
    is_rejected: j.accepted === false,
    dt: base.meta.dt,
    origin_wiki: originWiki,
  };
  if (j.reasons.length > 0) event.rejection_reasons = [...j.reasons];
  if (j.sectionTitle !== null) event.section_title = j.sectionTitle;
  if (j.sectionNumber !== null) event.section_ordinal = j.sectionNumber;
  return event;
}
