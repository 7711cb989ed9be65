import {
  STREAM_PAGE_CREATE,
  STREAM_PAGE_DELETE,
  STREAM_PAGE_MOVE,
  STREAM_PAGE_PATROL,
  STREAM_PAGE_UNDELETE,
  STREAM_REVISION_CREATE,
  STREAM_USER_BLOCKS_CHANGE,
  type PageDeleteEvent,
  type PageMoveEvent,
  type PagePatrolEvent,
  type PageUndeleteEvent,
  type RevisionCreateEvent,
  type UserBlocksChangeEvent,
} from '../core/domain/events.ts';
import type { JobHandler } from '../core/jobs/job-queue.ts';
import type { OutboxEvent } from '../core/store/repositories/event-log.ts';
import type { Subsystem } from '../core/subsystem.ts';
import { isreviewedModule } from './api/isreviewed.ts';
import { pagetriageactionModule } from './api/pagetriage-action.ts';
import { pagetriageconfigModule } from './api/pagetriage-config.ts';
import { pagetriagelistModule } from './api/pagetriage-list.ts';
import { pagetriagestatsModule } from './api/pagetriage-stats.ts';
import { pagetriagetagcopyvioModule } from './api/pagetriage-tagcopyvio.ts';
import { pagetriagetaggingModule } from './api/pagetriage-tagging.ts';
import { reviewStreams } from './domain/review-events.ts';
import { registerReviewCommand } from './review-command.ts';
import { REVIEW_COMPILE_JOB } from './review-feed.ts';
import type { ReviewQueueService } from './review-queue-service.ts';
import { createReviewService, type ReviewService } from './review-service.ts';
import { reviewSettings } from './review-presets.ts';
import { reviewMigrations } from './store/review-migrations.ts';

/**
 * The new-page review queue (PageTriage, review-queue-reference.md): everything it adds to the
 * core, in one place.
 */
export const reviewSubsystem: Subsystem<'review', ReviewService> = {
  name: 'review',
  migrations: reviewMigrations,
  settings: reviewSettings,
  streams: Object.values(reviewStreams),
  cli: registerReviewCommand,
  start(core) {
    const review = createReviewService(core);
    const jobHandlers: Record<string, JobHandler> = {
      // Pages a read request found without metadata (pagetriagelist), compiled off the request path (§1.5).
      [REVIEW_COMPILE_JOB]: async (job) => {
        await review.compiler.compile(job.wiki, Number(job.payload.pageId));
      },
    };
    for (const stream of Object.keys(EVENT_HANDLERS)) {
      const handle = EVENT_HANDLERS[stream]!;
      jobHandlers[eventJobType(stream)] = (job) => handle(review.queue, job.wiki, job.payload as never);
    }
    return {
      service: review,
      actionModules: [
        pagetriagelistModule(review),
        pagetriagestatsModule(review),
        pagetriageactionModule(review),
        pagetriagetaggingModule(review),
        pagetriagetagcopyvioModule(review),
      ],
      queryModules: [isreviewedModule(review), pagetriageconfigModule(review)],
      subscriptions: Object.keys(EVENT_HANDLERS).map((stream) => ({ stream, jobs: eventJobs(stream) })),
      jobHandlers,
      // Maintenance (§4). `compact` works on the store's keyword index and counters, which every
      // wiki shares: one run for all.
      schedules: [
        { name: 'purge', every: 48 * 3600, run: (wiki) => review.maintenance.purgeOldPages(wiki) },
        {
          name: 'update-users',
          every: 24 * 3600,
          run: (wiki) => review.maintenance.updateUserMetadata(wiki),
        },
        { name: 'compact', every: 3600, shared: true, run: () => review.maintenance.compact() },
      ],
      backfill: (wiki, pageIds) => review.maintenance.backfillPages(wiki, pageIds),
      describeWiki: async (wiki) => ({ ...(await review.coverage.check(wiki)) }),
      robotsPolicy: async (page) => ((await review.noindex.isNoIndex(page)) ? 'noindex' : undefined),
    };
  },
};

/**
 * The event streams the queue follows (§3): each becomes one job type whose handler calls the
 * review service.
 */
const EVENT_HANDLERS: Record<string, (s: ReviewQueueService, wiki: string, e: never) => Promise<void>> = {
  [STREAM_PAGE_CREATE]: (s, w, e: RevisionCreateEvent) => s.onPageCreated(w, e),
  [STREAM_REVISION_CREATE]: (s, w, e: RevisionCreateEvent) => s.onRevisionCreated(w, e),
  [STREAM_PAGE_MOVE]: (s, w, e: PageMoveEvent) => s.onPageMoved(w, e),
  [STREAM_PAGE_DELETE]: (s, w, e: PageDeleteEvent) => s.onPageDeleted(w, e),
  [STREAM_PAGE_UNDELETE]: (s, w, e: PageUndeleteEvent) => s.onPageUndeleted(w, e),
  [STREAM_PAGE_PATROL]: (s, w, e: PagePatrolEvent) => s.onPagePatrolled(w, e),
  [STREAM_USER_BLOCKS_CHANGE]: (s, w, e: UserBlocksChangeEvent) => s.onBlocksChanged(w, e),
};

const eventJobType = (stream: string) => `review:${stream}`;

/** Edits of one page coalesce while queued, so a burst of edits costs one recompilation. */
function eventJobs(stream: string) {
  return (event: OutboxEvent) => {
    // A new page's own revision-create is handled by its page-create.
    if (stream === STREAM_REVISION_CREATE && event.payload.rev_parent_id === undefined) return [];
    const pageId = event.payload.page_id;
    return [
      {
        type: eventJobType(stream),
        wiki: event.wiki,
        payload: event.payload,
        ...(stream === STREAM_REVISION_CREATE
          ? { dedupeKey: `review-edit:${event.wiki}:${String(pageId)}` }
          : {}),
      },
    ];
  };
}
