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
import type { OutboxDispatcher } from '../core/events/outbox-dispatcher.ts';
import type { AppServices } from '../app-services.ts';
import type { ReviewQueueService } from './review-queue-service.ts';
import type { OutboxEvent } from '../core/store/store.ts';

/**
 * The review queue's part of the background work (review-queue-reference.md §3): each event stream
 * it follows becomes one job type whose handler calls the review service. Edits of one page
 * coalesce while queued, so a burst of edits costs one recompilation.
 */
const handlers: Record<string, (s: ReviewQueueService, wiki: string, e: never) => Promise<void>> = {
  [STREAM_PAGE_CREATE]: (s, w, e: RevisionCreateEvent) => s.onPageCreated(w, e),
  [STREAM_REVISION_CREATE]: (s, w, e: RevisionCreateEvent) => s.onRevisionCreated(w, e),
  [STREAM_PAGE_MOVE]: (s, w, e: PageMoveEvent) => s.onPageMoved(w, e),
  [STREAM_PAGE_DELETE]: (s, w, e: PageDeleteEvent) => s.onPageDeleted(w, e),
  [STREAM_PAGE_UNDELETE]: (s, w, e: PageUndeleteEvent) => s.onPageUndeleted(w, e),
  [STREAM_PAGE_PATROL]: (s, w, e: PagePatrolEvent) => s.onPagePatrolled(w, e),
  [STREAM_USER_BLOCKS_CHANGE]: (s, w, e: UserBlocksChangeEvent) => s.onBlocksChanged(w, e),
};

const jobType = (stream: string) => `review:${stream}`;

export function registerReviewJobs(services: AppServices, dispatcher: OutboxDispatcher): void {
  for (const stream of Object.keys(handlers)) {
    dispatcher.subscribe(stream, (event: OutboxEvent) => {
      // A new page's own revision-create is handled by its page-create.
      if (stream === STREAM_REVISION_CREATE && event.payload.rev_parent_id === undefined) return [];
      const pageId = event.payload.page_id;
      return [
        {
          type: jobType(stream),
          wiki: event.wiki,
          payload: event.payload,
          ...(stream === STREAM_REVISION_CREATE
            ? { dedupeKey: `review-edit:${event.wiki}:${String(pageId)}` }
            : {}),
        },
      ];
    });
    const handle = handlers[stream]!;
    services.jobs.register(jobType(stream), (job) =>
      handle(services.review.queue, job.wiki, job.payload as never),
    );
  }
  // Pages a read request found without metadata (pagetriagelist), compiled off the request path (§1.5).
  services.jobs.register('review:compile', async (job) => {
    await services.review.compiler.compile(job.wiki, Number(job.payload.pageId));
  });
  // A maintenance run does its task and queues the next one, also when the task fails: the failed
  // run is retried as well, but a task that keeps failing must not stop being scheduled.
  services.jobs.register(MAINTENANCE_JOB, async (job) => {
    const task = String(job.payload.task);
    const entry = MAINTENANCE[task];
    if (!entry) throw new Error(`unknown review maintenance task "${task}"`);
    try {
      await entry.run(services, job.wiki);
    } finally {
      await services.jobs.enqueue(maintenanceJob(services, task, job.wiki));
    }
  });
}

/**
 * Maintenance tasks (§4) and how often each runs; each job queues its own next run. A `shared`
 * task works on what every wiki shares (the store's keyword index and counters): one run for all.
 */
const MAINTENANCE: Record<
  string,
  { every: number; shared?: boolean; run: (s: AppServices, wiki: string) => Promise<unknown> }
> = {
  purge: { every: 48 * 3600, run: (s, w) => s.review.maintenance.purgeOldPages(w) },
  'update-users': { every: 24 * 3600, run: (s, w) => s.review.maintenance.updateUserMetadata(w) },
  compact: { every: 3600, shared: true, run: (s) => s.review.maintenance.compact() },
};

const MAINTENANCE_JOB = 'review:maintenance';

/**
 * The next run of `task` for `wiki`: one queued run per task and wiki (the dedupe key), or per
 * task for a shared one (queued under the first wiki that asks).
 */
function maintenanceJob(services: AppServices, task: string, wiki: string) {
  const entry = MAINTENANCE[task]!;
  return {
    type: MAINTENANCE_JOB,
    wiki,
    payload: { task },
    dedupeKey: entry.shared ? `review-maintenance:${task}` : `review-maintenance:${task}:${wiki}`,
    runAfter: services.clock() + entry.every,
  };
}

/**
 * Queues the first run of each maintenance task for every wiki. Queued runs coalesce by key, so
 * starting many workers or restarting often schedules each task once.
 */
export async function scheduleReviewMaintenance(services: AppServices): Promise<void> {
  for (const { info } of services.wikis.list()) {
    if (info.isMediaRepo) continue;
    for (const task of Object.keys(MAINTENANCE))
      await services.jobs.enqueue(maintenanceJob(services, task, info.id));
  }
}
