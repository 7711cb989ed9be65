import { defineStream, type EventDraft } from '../../core/domain/event-stream.ts';
import {
  eventBase,
  type EventBase,
  type EventContext,
  type EventPage,
  type Performer,
} from '../../core/domain/events.ts';
import { AUTOPATROLLED, PATROLLED, REVIEWED, type ReviewStatus } from './review-status.ts';

/** A review status as events name it (review-queue-reference.md §1.2). */
export type ReviewStatusName = 'unreviewed' | 'reviewed' | 'patrolled' | 'autopatrolled';

/** `wikiqueue.page-review`: a page was marked reviewed or unreviewed (pagetriageaction). */
export type PageReviewEvent = EventBase &
  EventPage & {
    performer: Performer;
    review_status: ReviewStatusName;
    prior_state: { review_status: ReviewStatusName };
    /** The reviewer's note to the creator, when given. */
    note?: string;
    /** Change tags of the log entry. */
    tags: string[];
  };

/**
 * `wikiqueue.page-enqueue`: a page entered the review queue (§3: created, moved or undeleted into a
 * tracked namespace, patrolled while not queued, or added with pagetriageaction `enqueue`), with
 * its review status and its metadata compiled in the same transaction, so pagetriagelist lists it
 * from the moment the event is read. Pages that do not enter (untracked namespaces, draft
 * redirects) have none.
 */
export type PageEnqueueEvent = EventBase &
  EventPage & {
    /** Who made the change that queued the page (its creator, mover, undeleter, patroller…). */
    performer: Performer;
    /** `autopatrolled` for a page its autopatrolled creator or mover queued (§3 enqueue rule). */
    review_status: ReviewStatusName;
  };

/** `wikiqueue.page-tag`: maintenance or deletion tags were added to a page (pagetriagetagging). */
export type PageTagEvent = EventBase &
  EventPage & {
    performer: Performer;
    /** The revision that added the tags. */
    rev_id: number;
    tags: string[];
    /** True for deletion tags (speedy deletion, PROD, AfD). */
    deletion: boolean;
    note?: string;
  };

/** `wikiqueue.page-copyvio`: a revision was flagged, or unflagged, as a likely copyright violation. */
export type PageCopyvioEvent = EventBase &
  EventPage & {
    performer: Performer;
    rev_id: number;
    /** True when flagged, false when the flag was removed. */
    copyvio: boolean;
  };

/** The review subsystem's event streams (declared in its registration, review-subsystem.ts). */
export const reviewStreams = {
  pageEnqueue: defineStream<PageEnqueueEvent>('wikiqueue.page-enqueue', '/wikiqueue/page/enqueue/1.0.0'),
  pageReview: defineStream<PageReviewEvent>('wikiqueue.page-review', '/wikiqueue/page/review/1.0.0'),
  pageTag: defineStream<PageTagEvent>('wikiqueue.page-tag', '/wikiqueue/page/tag/1.0.0'),
  pageCopyvio: defineStream<PageCopyvioEvent>('wikiqueue.page-copyvio', '/wikiqueue/page/copyvio/1.0.0'),
} as const;

export function reviewStatusName(status: ReviewStatus): ReviewStatusName {
  if (status === REVIEWED) return 'reviewed';
  if (status === PATROLLED) return 'patrolled';
  if (status === AUTOPATROLLED) return 'autopatrolled';
  return 'unreviewed';
}

export function pageReviewEvent(
  ctx: EventContext,
  page: EventPage,
  review: { performer: Performer; status: ReviewStatus; prior: ReviewStatus; note: string; tags: string[] },
): EventDraft<PageReviewEvent> {
  const stream = reviewStreams.pageReview;
  const payload: PageReviewEvent = {
    ...eventBase(ctx, stream),
    ...page,
    performer: review.performer,
    review_status: reviewStatusName(review.status),
    prior_state: { review_status: reviewStatusName(review.prior) },
    tags: [...review.tags],
  };
  if (review.note) payload.note = review.note;
  return { stream, payload };
}

export function pageEnqueueEvent(
  ctx: EventContext,
  page: EventPage,
  entry: { performer: Performer; status: ReviewStatus },
): EventDraft<PageEnqueueEvent> {
  const stream = reviewStreams.pageEnqueue;
  return {
    stream,
    payload: {
      ...eventBase(ctx, stream),
      ...page,
      performer: entry.performer,
      review_status: reviewStatusName(entry.status),
    },
  };
}

export function pageTagEvent(
  ctx: EventContext,
  page: EventPage,
  tagging: { performer: Performer; revId: number; tags: string[]; deletion: boolean; note: string },
): EventDraft<PageTagEvent> {
  const stream = reviewStreams.pageTag;
  const payload: PageTagEvent = {
    ...eventBase(ctx, stream),
    ...page,
    performer: tagging.performer,
    rev_id: tagging.revId,
    tags: [...tagging.tags],
    deletion: tagging.deletion,
  };
  if (tagging.note) payload.note = tagging.note;
  return { stream, payload };
}

export function pageCopyvioEvent(
  ctx: EventContext,
  page: EventPage,
  flag: { performer: Performer; revId: number; copyvio: boolean },
): EventDraft<PageCopyvioEvent> {
  const stream = reviewStreams.pageCopyvio;
  return {
    stream,
    payload: {
      ...eventBase(ctx, stream),
      ...page,
      performer: flag.performer,
      rev_id: flag.revId,
      copyvio: flag.copyvio,
    },
  };
}
