import {
  STREAM_PAGE_DELETE,
  STREAM_PAGE_LINKS_UPDATE,
  STREAM_PAGE_MOVE,
  STREAM_PAGE_UNDELETE,
  STREAM_REVISION_CREATE,
  type EventPage,
  type PageMoveEvent,
} from '../core/domain/events.ts';
import type { OutboxEvent } from '../core/store/repositories/event-log.ts';
import type { Subsystem } from '../core/subsystem.ts';
import { suggestionStreams } from './domain/suggestion-events.ts';
import { registerImageSuggestionRoutes } from './http/image-suggestion-routes.ts';
import { registerSuggestionsCommand } from './suggestions-command.ts';
import {
  createSuggestionsService,
  suggestionsSettings,
  type SuggestionsService,
} from './suggestions-service.ts';
import { suggestionsMigrations } from './store/suggestions-migrations.ts';

export { suggestionsSettings };

/** The job that brings a changed page's suggestions, and those of its counterparts, up to date. */
export const REFRESH_PAGE_JOB = 'suggestions:refresh-page';

/** Events after which a page's suggestions or its counterparts' may change. */
const PAGE_STREAMS = [
  STREAM_REVISION_CREATE,
  STREAM_PAGE_LINKS_UPDATE,
  STREAM_PAGE_MOVE,
  STREAM_PAGE_DELETE,
  STREAM_PAGE_UNDELETE,
];

/**
 * Image suggestions (image-suggestions-and-page-queue.md §1–2): the suggestion store, its public
 * reads in the data gateway's shape, the import of externally produced datasets, the generator
 * (full runs and incremental updates from the event log) and the housekeeping of superseded
 * datasets.
 */
export const suggestionsSubsystem: Subsystem<'suggestions', SuggestionsService> = {
  name: 'suggestions',
  migrations: suggestionsMigrations,
  settings: suggestionsSettings,
  streams: Object.values(suggestionStreams),
  cli: registerSuggestionsCommand,
  start(core) {
    const service = createSuggestionsService(core, suggestionsSettings);
    return {
      service,
      routes: (app) => registerImageSuggestionRoutes(app, service),
      subscriptions: PAGE_STREAMS.map((stream) => ({ stream, jobs: refreshJobs })),
      jobHandlers: {
        [REFRESH_PAGE_JOB]: async (job) => {
          const { pageId, titles } = job.payload as { pageId: number; titles: string[] };
          await service.regeneratePages(job.wiki, [pageId], titles);
        },
      },
      backfill: async (wiki, pageIds) => {
        await service.regeneratePages(wiki, pageIds);
        return pageIds.length;
      },
      // The store keeps every dataset an import brings; only a page's newest is read (§1).
      schedules: [
        {
          name: 'purge-superseded',
          every: 24 * 3600,
          shared: true,
          run: () => service.deleteSupersededDatasets().then(() => undefined),
        },
      ],
    };
  },
};

/** One refresh per page while queued: a burst of edits and their links updates cost one. */
function refreshJobs(event: OutboxEvent) {
  const page = event.payload as EventPage & Partial<Pick<PageMoveEvent, 'prior_state'>>;
  const titles = [page.page_title];
  if (page.prior_state) titles.push(page.prior_state.page_title);
  return [
    {
      type: REFRESH_PAGE_JOB,
      wiki: event.wiki,
      payload: { pageId: page.page_id, titles },
      dedupeKey: `suggestions-refresh:${event.wiki}:${String(page.page_id)}:${titles.join('|')}`,
    },
  ];
}
