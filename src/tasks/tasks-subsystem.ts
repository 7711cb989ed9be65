import {
  STREAM_PAGE_RESTRICTIONS_CHANGE,
  STREAM_PAGE_DELETE,
  STREAM_PAGE_LINKS_UPDATE,
  STREAM_PAGE_MOVE,
  STREAM_PAGE_UNDELETE,
  STREAM_REVISION_CREATE,
} from '../core/domain/events.ts';
import { declareSettings } from '../core/domain/settings-schema.ts';
import { pageBatchJobs } from '../core/events/page-batch-jobs.ts';
import type { Subsystem } from '../core/subsystem.ts';
import { IMAGE_SUGGESTION_TAGS_STREAM } from '../suggestions/suggestions-service.ts';
import { growthTasksModule } from './api/growthtasks.ts';
import { imageSuggestionDataModule } from './api/image-suggestion-data.ts';
import { REFRESH_TASKS_JOB } from './task-pool.ts';
import { taskSettingsSchema } from './domain/task-settings.ts';
import { taskStreams } from './domain/topic-events.ts';
import { feedbackStream } from './domain/feedback-events.ts';
import { invalidateImageRecommendationModule } from './api/invalidate-image-recommendation.ts';
import { registerTaskRoutes } from './http/task-routes.ts';
import { taskMigrations } from './store/tasks-migrations.ts';
import { registerTasksCommand } from './tasks-command.ts';
import { createTasksService, type TasksService } from './tasks-service.ts';
import { SUGGESTED_EDITS_PREFERENCES } from './image-feedback.ts';

/**
 * The suggested-edits module's filters as GrowthExperiments keeps them: the chosen task types and
 * topics (JSON lists; unset = the defaults) and how several topics combine (`OR`/`AND`).
 */
export const TASK_FILTER_PREFERENCES = {
  'growthexperiments-homepage-se-filters': '',
  'growthexperiments-homepage-se-ores-topic-filters': '',
  'growthexperiments-homepage-se-topic-filters-mode': 'OR',
} as const;

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
 * Events after which a page's tasks may change: its text, links, title or existence, its
 * protection, its image suggestion tags (the suggestions subsystem's stream), its topics.
 */
const TASK_STREAMS = [
  ...TOPIC_STREAMS,
  STREAM_PAGE_RESTRICTIONS_CHANGE,
  IMAGE_SUGGESTION_TAGS_STREAM,
  taskStreams.pageTopics.name,
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
  streams: [...Object.values(taskStreams), feedbackStream],
  preferences: { ...SUGGESTED_EDITS_PREFERENCES, ...TASK_FILTER_PREFERENCES },
  cli: registerTasksCommand,
  start(core) {
    const service = createTasksService(core, tasksSettings);
    return {
      service,
      queryModules: [imageSuggestionDataModule(service), growthTasksModule(service)],
      actionModules: [invalidateImageRecommendationModule(service)],
      editPlugins: service.imageFeedback.editPlugins(),
      routes: (app) => registerTaskRoutes(app, core, service),
      subscriptions: [
        { streams: TOPIC_STREAMS, batchJobs: pageBatchJobs(REFRESH_TOPICS_JOB) },
        { streams: TASK_STREAMS, batchJobs: pageBatchJobs(REFRESH_TASKS_JOB) },
      ],
      jobHandlers: {
        [REFRESH_TOPICS_JOB]: async (job) => {
          // `pageId`: a job queued by a version that made one per page.
          const { pageIds, pageId } = job.payload as { pageIds?: number[]; pageId?: number };
          await service.mapTopicsFromCategories(job.wiki, pageIds ?? (pageId === undefined ? [] : [pageId]));
        },
        [REFRESH_TASKS_JOB]: async (job) => {
          const { pageIds } = job.payload as { pageIds: number[] };
          await service.refreshTasks(job.wiki, pageIds);
        },
      },
      backfill: async (wiki, pageIds) => {
        const mapped = await service.mapTopicsFromCategories(wiki, pageIds);
        await service.refreshTasks(wiki, pageIds);
        return mapped.articles;
      },
    };
  },
};
