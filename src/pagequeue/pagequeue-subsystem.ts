import {
  STREAM_PAGE_DELETE,
  STREAM_PAGE_LINKS_UPDATE,
  STREAM_PAGE_MOVE,
  STREAM_PAGE_UNDELETE,
  STREAM_REVISION_CREATE,
} from '../core/domain/events.ts';
import { pageBatchJobs } from '../core/events/page-batch-jobs.ts';
import type { Subsystem } from '../core/subsystem.ts';
import { WikiqueueError } from '../errors.ts';
import {
  createSuggestionsService,
  IMAGE_SUGGESTION_TAGS_STREAM,
} from '../suggestions/suggestions-service.ts';
import { registerPageQueueRoutes } from './http/page-queue-routes.ts';
import {
  createPageQueueService,
  pageQueueSettings,
  REFRESH_QUEUE_JOB,
  type PageQueueService,
} from './page-queue-service.ts';
import { registerPageQueueCommand } from './pagequeue-command.ts';
import { pageQueueMigrations } from './store/pagequeue-migrations.ts';

/**
 * Events after which a page may enter or leave the queue: its lead-image suggestions (the
 * suggestions subsystem's tag events), its lead image (an edit and its links update), its title
 * or namespace, its existence.
 */
const QUEUE_STREAMS = [
  IMAGE_SUGGESTION_TAGS_STREAM,
  STREAM_REVISION_CREATE,
  STREAM_PAGE_LINKS_UPDATE,
  STREAM_PAGE_MOVE,
  STREAM_PAGE_DELETE,
  STREAM_PAGE_UNDELETE,
];

/**
 * The lead-image page queue (image-suggestions-and-page-queue.md §3, seed 002): the articles that
 * need a lead image and have candidates, kept in the store by importance from the image
 * suggestions and the event log, handed out with leases and a cursor, and a lead-image choice
 * saved as an edit.
 */
export const pageQueueSubsystem: Subsystem<'pagequeue', PageQueueService> = {
  name: 'pagequeue',
  migrations: pageQueueMigrations,
  settings: pageQueueSettings,
  cli: registerPageQueueCommand,
  start(core) {
    const service = createPageQueueService(core, createSuggestionsService(core));
    /** Whether `wiki` has a queue (any other failure is the caller's: a job is retried). */
    const hasQueue = async (wiki: string) => {
      try {
        await service.settings(wiki);
        return true;
      } catch (e) {
        if (e instanceof WikiqueueError && e.code === 'pagequeue-unavailable') return false;
        throw e;
      }
    };
    /** The wikis that have a queue. */
    const queueWikis = async () => {
      const out: string[] = [];
      for (const w of core.wikis.list()) if (await hasQueue(w.info.id)) out.push(w.info.id);
      return out;
    };
    return {
      service,
      routes: (app) => registerPageQueueRoutes(app, core, service),
      subscriptions: [{ streams: QUEUE_STREAMS, batchJobs: pageBatchJobs(REFRESH_QUEUE_JOB) }],
      jobHandlers: {
        [REFRESH_QUEUE_JOB]: async (job) => {
          const { pageIds } = job.payload as { pageIds: number[] };
          if (await hasQueue(job.wiki)) await service.refreshPages(job.wiki, pageIds);
        },
      },
      backfill: async (wiki, pageIds) => ((await hasQueue(wiki)) ? service.refreshPages(wiki, pageIds) : 0),
      schedules: [
        {
          name: 'purge-leases',
          every: 3600,
          shared: true,
          run: () => service.purgeExpired().then(() => undefined),
        },
        // Inbound links and views drift; pages queued since the last build keep the importance
        // they had then. A daily build re-ranks them all.
        {
          name: 'rebuild',
          every: 24 * 3600,
          shared: true,
          run: async () => {
            for (const wiki of await queueWikis()) await service.build(wiki, { restart: true });
          },
        },
      ],
    };
  },
};
