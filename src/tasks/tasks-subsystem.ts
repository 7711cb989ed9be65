import {
  STREAM_PAGE_DELETE,
  STREAM_PAGE_LINKS_UPDATE,
  STREAM_PAGE_MOVE,
  STREAM_PAGE_UNDELETE,
  STREAM_REVISION_CREATE,
  type EventPage,
} from '../core/domain/events.ts';
import { declareSettings } from '../core/domain/settings-schema.ts';
import type { OutboxEvent } from '../core/store/repositories/event-log.ts';
import type { Subsystem } from '../core/subsystem.ts';
import { imageSuggestionDataModule } from './api/image-suggestion-data.ts';
import { taskSettingsSchema } from './domain/task-settings.ts';
import { taskStreams } from './domain/topic-events.ts';
import { registerTaskRoutes } from './http/task-routes.ts';
import { taskMigrations } from './store/tasks-migrations.ts';
import { registerTasksCommand } from './tasks-command.ts';
import { createTasksService, type TasksService } from './tasks-service.ts';

/** Per-wiki settings of suggested edits: `wikiqueue wiki set W tasks.types.copyedit.disabled true`. */
export const tasksSettings = declareSettings('tasks', taskSettingsSchema);

/** The job that gives a changed page the topics of its categories (unless it has imported ones). */
export const REFRESH_TOPICS_JOB = 'tasks:refresh-topics';

/** Events after which a page's categories, namespace or existence may have changed. */
const TOPIC_STREAMS = [
  STREAM_REVISION_CREATE,
  STREAM_PAGE_LINKS_UPDATE,
  STREAM_PAGE_MOVE,
  STREAM_PAGE_DELETE,
  STREAM_PAGE_UNDELETE,
];

/**
 * Suggested edits (GrowthExperiments, suggested-edits-reference.md): task types and topics over the
 * wiki's articles, the task pool and its API, quality gates, image suggestion data and
 * submissions.
 */
export const tasksSubsystem: Subsystem<'tasks', TasksService> = {
  name: 'tasks',
  migrations: taskMigrations,
  settings: tasksSettings,
  streams: Object.values(taskStreams),
  cli: registerTasksCommand,
  start(core) {
    const service = createTasksService(core, tasksSettings);
    return {
      service,
      queryModules: [imageSuggestionDataModule(service)],
      routes: (app) => registerTaskRoutes(app, core, service),
      subscriptions: TOPIC_STREAMS.map((stream) => ({ stream, jobs: refreshTopicJobs })),
      jobHandlers: {
        [REFRESH_TOPICS_JOB]: async (job) => {
          const { pageId } = job.payload as { pageId: number };
          await service.mapTopicsFromCategories(job.wiki, [pageId]);
        },
      },
      backfill: async (wiki, pageIds) => (await service.mapTopicsFromCategories(wiki, pageIds)).articles,
    };
  },
};

/** One refresh per page while queued: an edit and its links update cost one. */
function refreshTopicJobs(event: OutboxEvent) {
  const page = event.payload as EventPage;
  return [
    {
      type: REFRESH_TOPICS_JOB,
      wiki: event.wiki,
      payload: { pageId: page.page_id },
      dedupeKey: `tasks-refresh-topics:${event.wiki}:${String(page.page_id)}`,
    },
  ];
}
