import type { AppServices } from './app-services.ts';
import { userAgentOf } from './create-services.ts';
import { deleteExpiredSessionsTask } from './core/housekeeping/delete-expired-sessions.ts';
import { deletePassedThrottlesTask } from './core/housekeeping/delete-passed-throttles.ts';
import { purgeDoneJobsTask } from './core/housekeeping/purge-done-jobs.ts';
import { EVENTGATE_CONSUMER, EventGateDelivery } from './core/events/eventgate-delivery.ts';
import { eventRetentionTask } from './core/events/event-retention.ts';
import { JOBS_CONSUMER, OutboxDispatcher } from './core/events/outbox-dispatcher.ts';
import { JobRunner } from './core/jobs/job-runner.ts';
import { STREAM_PAGE_DELETE, STREAM_PAGE_UNDELETE, STREAM_REVISION_CREATE } from './core/domain/events.ts';
import {
  fileDescriptionSubscriber,
  REFRESH_FILE_DESCRIPTION_JOB,
  refreshFileDescriptionHandler,
} from './core/media/file-description-refresh.ts';
import {
  pageImagesListSubscriber,
  REFRESH_PAGE_IMAGES_JOB,
  refreshPageImagesHandler,
} from './core/media/page-images-refresh.ts';
import { Scheduler } from './core/jobs/scheduler.ts';
import type { BackgroundLoop } from './core/background/background-loop.ts';
import {
  discoveryLoop,
  followingLoops,
  type FollowingOptions,
} from './wiki-source/mediawiki/mediawiki-following.ts';
import { MediaWikiMirror } from './wiki-source/mediawiki/mediawiki-mirror.ts';

export interface Worker {
  dispatcher: OutboxDispatcher;
  runner: JobRunner;
  scheduler: Scheduler;
  /** Delivery to EventGate, when `events.eventGate.url` is set. */
  eventGate?: EventGateDelivery;
  /** One loop per followed MediaWiki, following its changes (`followNew` adds those followed later). */
  following: BackgroundLoop[];
  /** Finds wikis followed since the start (a `wiki add` beside a running server) and follows them. */
  followNew: BackgroundLoop;
}

/**
 * The background half of the service: the outbox dispatcher that turns events into jobs, the job
 * runner, and the scheduler of recurring work (which the runner asks for due runs every round),
 * with every started subsystem's subscriptions, job handlers and schedules registered; the core's
 * own recurring tasks (owner `core`: housekeeping, event retention); and the EventGate delivery
 * when configured.
 */
export function createWorker(services: AppServices): Worker {
  const { store, clock, logger, config, jobs, wikis } = services;
  const dispatcher = new OutboxDispatcher({ store, clock, queue: jobs, logger });
  const scheduler = new Scheduler({ store, jobs, clock, wikis });
  const runner = new JobRunner({
    queue: jobs,
    store,
    clock,
    logger,
    dispatcher,
    scheduler,
    batchSize: config.jobs.batchSize,
    pollIntervalMs: config.jobs.pollIntervalMs,
    leaseSeconds: config.jobs.leaseSeconds,
  });
  const eventGate = createEventGateDelivery(services);
  const followingOptions: FollowingOptions = {
    mirror: mediaWikiMirror(services),
    wikis,
    board: services.following,
    namespacesOf: (wiki) => followedNamespaces(services, wiki),
    // Two requests a round: at most a round a second keeps an idle follower polite to the wiki.
    pollIntervalMs: Math.max(config.jobs.pollIntervalMs, FOLLOW_POLL_MS),
    backoff: { firstMs: 1000, maxMs: 5 * 60_000 },
    onError: (wiki, err, failures) =>
      logger.warn({ err, wiki, failures }, 'following the wiki failed; retrying'),
  };
  const following = followingLoops(followingOptions);
  const followNew = discoveryLoop(followingOptions, following, FOLLOW_DISCOVERY_MS);
  // The core's housekeeping (src/core/housekeeping) and the retention of delivered events.
  scheduler.register('core', [
    purgeDoneJobsTask(store.jobs, clock, config.housekeeping),
    deleteExpiredSessionsTask(store.sessions, clock, config.housekeeping),
    deletePassedThrottlesTask(store.throttles, clock, config.housekeeping),
    eventRetentionTask({
      store,
      clock,
      logger,
      consumers: eventGate ? [JOBS_CONSUMER, EVENTGATE_CONSUMER] : [JOBS_CONSUMER],
      retentionSeconds: config.events.retentionDays * 86400,
    }),
  ]);
  // PageImages' re-evaluations when a list it reads (edited, deleted, undeleted) or a file's
  // metadata changes.
  for (const stream of [STREAM_REVISION_CREATE, STREAM_PAGE_DELETE, STREAM_PAGE_UNDELETE])
    dispatcher.subscribe(stream, pageImagesListSubscriber);
  jobs.register(REFRESH_PAGE_IMAGES_JOB, refreshPageImagesHandler({ store, wikis, clock }));
  // A media repository's stored file metadata follows its description pages.
  const fileDescriptions = fileDescriptionSubscriber(wikis);
  dispatcher.subscribe(STREAM_REVISION_CREATE, fileDescriptions);
  dispatcher.subscribe(STREAM_PAGE_UNDELETE, fileDescriptions);
  jobs.register(REFRESH_FILE_DESCRIPTION_JOB, refreshFileDescriptionHandler({ store, wikis, clock }));
  for (const { subsystem, parts } of services.started) {
    for (const subscription of parts.subscriptions ?? []) {
      if ('batchJobs' in subscription)
        dispatcher.subscribeBatch(subscription.streams, subscription.batchJobs);
      else dispatcher.subscribe(subscription.stream, subscription.jobs);
    }
    for (const [type, handler] of Object.entries(parts.jobHandlers ?? {})) jobs.register(type, handler);
    scheduler.register(subsystem.name, parts.schedules ?? []);
    const { backfill } = parts;
    if (backfill)
      jobs.register(backfillJobType(subsystem.name), async (job) => {
        await backfill(job.wiki, (job.payload.pageIds as number[] | undefined) ?? []);
      });
  }
  return { dispatcher, runner, scheduler, following, followNew, ...(eventGate ? { eventGate } : {}) };
}

function createEventGateDelivery(services: AppServices): EventGateDelivery | undefined {
  const { store, clock, logger, streams, config } = services;
  const gate = config.events.eventGate;
  if (!gate.url) return undefined;
  return new EventGateDelivery({
    store,
    clock,
    logger,
    streams,
    url: gate.url,
    send: gate.streams,
    batchSize: gate.batchSize,
    timeoutMs: gate.timeoutMs,
    maxBackoffMs: gate.maxBackoffSeconds * 1000,
    pollIntervalMs: config.jobs.pollIntervalMs,
  });
}

/** The job that brings imported pages into a subsystem (payload: `pageIds`). */
export const backfillJobType = (subsystem: string) => `${subsystem}:backfill`;

/** The backfill job types of the started subsystems that have a backfill, for the dump import. */
export function backfillJobTypes(services: AppServices): string[] {
  return services.started.filter((s) => s.parts.backfill).map((s) => backfillJobType(s.subsystem.name));
}

/** The shortest pause between two rounds of following a MediaWiki once caught up, in ms. */
const FOLLOW_POLL_MS = 1000;
/** How often a running server looks for wikis followed since it started, in ms. */
const FOLLOW_DISCOVERY_MS = 30_000;

/** The follower of real MediaWikis over this process's services (the CLI's `wiki add`/`backfill` and `serve`). */
export function mediaWikiMirror(services: AppServices): MediaWikiMirror {
  return new MediaWikiMirror({
    store: services.store,
    clock: services.clock,
    wikis: services.wikis,
    jobs: services.jobs,
    userAgent: userAgentOf(services.config, 'follower'),
  });
}

/**
 * The namespaces of a followed wiki whose pages are brought in: its content namespaces, those
 * the review queue tracks (with drafts), and User (user pages: whether a creator has one).
 */
export function followedNamespaces(services: AppServices, wiki: string): number[] {
  const info = services.wikis.get(wiki).info;
  return [
    ...new Set([
      ...info.namespaces.filter((n) => n.content).map((n) => n.id),
      ...services.review.maintenance.backfillNamespaces(wiki),
      2,
    ]),
  ].sort((a, b) => a - b);
}
