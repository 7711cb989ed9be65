import type { CoreServices } from '../core/core-services.ts';
import { settingsOf, type SettingsDeclaration } from '../core/domain/settings-schema.ts';
import type { WikiInfo } from '../core/domain/wiki.ts';
import type { LoadedWiki } from '../core/wikis/wiki-registry.ts';
import { createSuggestionsService, type SuggestionsService } from '../suggestions/suggestions-service.ts';
import type { ImageTaskType } from './domain/image-recommendation.ts';
import { withLanguageDefaults, type TaskSettings } from './domain/task-settings.ts';
import {
  ImageRecommendationProvider,
  type RecommendationPage,
  type RecommendationResult,
} from './image-recommendations.ts';
import { compileTopicCategories } from './domain/topic-categories.ts';
import { TOPIC_MIN_WEIGHT } from './domain/topics.ts';
import {
  agreementOf,
  mapPagesFromCategories,
  mapWikiFromCategories,
  type AgreementReport,
  type MapSummary,
} from './page-topics.ts';
import type { TopicSource, TopicWeight } from './store/page-topic-repository.ts';
import { openTasksStore } from './store/tasks-store.ts';
import { listTasks, type TaskList, type TaskListRequest } from './task-list.ts';
import { TaskPool } from './task-pool.ts';
import { ImageFeedback } from './image-feedback.ts';
import { DailyTaskCounts } from './daily-task-counts.ts';
import type { Actor } from '../core/domain/actor.ts';
import { fail } from '../errors.ts';
import { announcingTopicChanges } from './topic-events.ts';
import { importTopicFile, type TopicImportOptions, type TopicImportSummary } from './topic-import.ts';

export type { AgreementReport, MapSummary } from './page-topics.ts';
export type { TopicImportOptions, TopicImportSummary, TopicLineReport } from './topic-import.ts';
export type { TopicSource, TopicWeight } from './store/page-topic-repository.ts';
export type { TaskList, TaskListRequest } from './task-list.ts';
export { taskStreams, type PageTopicsEvent } from './domain/topic-events.ts';

/** Suggested edits as other subsystems, the API modules and the commands use them. */
export interface TasksService {
  /** The wiki's suggested-edits settings in force, its language's template names filled in. */
  settings(wiki: string): Promise<TaskSettings>;
  /**
   * Whether image tasks can be configured on the wiki at all: it shows the files of a media
   * repository and is not one itself (else the image types are `not-in-config`).
   */
  imageTasksConfigured(wiki: WikiInfo): boolean;
  /**
   * The image recommendation of an existing page for an image task type (§4.3–4.6), its reason
   * in `lang` (image-recommendations.ts).
   */
  imageRecommendation(
    wiki: LoadedWiki,
    page: RecommendationPage,
    taskType: ImageTaskType,
    lang: string,
  ): Promise<RecommendationResult>;
  /**
   * The topics of each page (weight ≥ 0.5, imported or from its categories), in topic id order;
   * pages without any are absent.
   */
  topicsOf(wiki: string, pageIds: readonly number[]): Promise<Map<number, string[]>>;
  /** Every stored topic weight of the pages, with its source. */
  topicWeights(
    wiki: string,
    pageIds: readonly number[],
  ): Promise<Map<number, (TopicWeight & { source: TopicSource })[]>>;
  /** `wikiqueue tasks import-topics`: an `articletopic` prediction file for the wiki (topic-import.ts). */
  importTopics(wiki: string, path: string, options?: TopicImportOptions): Promise<TopicImportSummary>;
  /**
   * The topics of these pages from their categories, for those without imported topics (and no
   * category topics for pages that are no articles); the event subscription's job runs it.
   */
  mapTopicsFromCategories(wiki: string, pageIds: readonly number[]): Promise<MapSummary>;
  /** `mapTopicsFromCategories` over every article of the wiki (`wikiqueue tasks map-topics`). */
  mapAllTopics(wiki: string, onProgress?: (done: number, total: number) => void): Promise<MapSummary>;
  /** Precision and recall of the category mapping against the imported predictions. */
  topicAgreement(wiki: string): Promise<AgreementReport>;
  /** Recomputes the pool's tasks of these pages (after edits, tag or topic changes…); returns their tasks. */
  refreshTasks(wiki: string, pageIds: readonly number[]): Promise<number>;
  /** Recomputes the tasks of every article (`wikiqueue tasks rebuild`). */
  rebuildTasks(
    wiki: string,
    onProgress?: (done: number, total: number) => void,
  ): Promise<{ pages: number; tasks: number }>;
  /** One page of a user's task list (list=growthtasks). */
  listTasks(wiki: string, actor: Actor, request: TaskListRequest): Promise<TaskList>;
  /** Newcomers' judgements of suggested images: edit plugins, invalidation, feedback (image-feedback.ts). */
  readonly imageFeedback: ImageFeedback;
}

export function createTasksService(
  core: CoreServices,
  declaration: SettingsDeclaration<TaskSettings>,
  suggestions: SuggestionsService = createSuggestionsService(core),
): TasksService {
  const images = new ImageRecommendationProvider(core, suggestions);
  const store = openTasksStore(core.store);
  const settings = async (wiki: string) => {
    const loaded = await core.wikis.load(wiki);
    return withLanguageDefaults(settingsOf(loaded.info, declaration), loaded.info.lang);
  };
  const pool = new TaskPool({
    core,
    store,
    suggestions,
    settings,
    topicsOf: (wiki, pageIds) =>
      pageIds.length === 0
        ? Promise.resolve(new Map())
        : store.topics.topicsOf(wiki, pageIds, TOPIC_MIN_WEIGHT),
  });
  const dailyCounts = new DailyTaskCounts(core);
  const imageFeedback = new ImageFeedback({ core, store, suggestions, pool, dailyCounts, settings });
  const matcherOf = async (wiki: string) => compileTopicCategories((await settings(wiki)).topicCategories);
  const imageTasksConfigured = (wiki: WikiInfo) =>
    !wiki.isMediaRepo && core.media.repositoryOf(wiki) !== undefined;
  return {
    imageFeedback,
    refreshTasks: (wiki, pageIds) => pool.refresh(wiki, pageIds),
    rebuildTasks: (wiki, onProgress) => pool.rebuild(wiki, onProgress),
    async listTasks(wiki, actor, request) {
      const loaded = await core.wikis.load(wiki);
      const s = await settings(wiki);
      if (!s.enabled) throw fail('moduledisabled', 'growthtasks');
      return listTasks(
        { core, pool, dailyCounts, settings: s, imageTasks: imageTasksConfigured(loaded.info) },
        wiki,
        actor,
        request,
      );
    },
    imageTasksConfigured,
    imageRecommendation: (wiki, page, taskType, lang) => images.get(wiki, page, taskType, lang),
    settings,
    async topicsOf(wiki, pageIds) {
      return pageIds.length === 0 ? new Map() : store.topics.topicsOf(wiki, pageIds, TOPIC_MIN_WEIGHT);
    },
    topicWeights: (wiki, pageIds) => store.topics.weightsOf(wiki, pageIds),
    async importTopics(wiki, path, options = {}) {
      return importTopicFile(core, store, wiki, await matcherOf(wiki), path, options);
    },
    async mapTopicsFromCategories(wiki, pageIds) {
      const matcher = await matcherOf(wiki);
      const { info } = await core.wikis.load(wiki);
      return store.transaction((tx) =>
        announcingTopicChanges(tx, info, core.clock(), pageIds, () =>
          mapPagesFromCategories(tx, wiki, matcher, pageIds),
        ),
      );
    },
    async mapAllTopics(wiki, onProgress) {
      const matcher = await matcherOf(wiki);
      return mapWikiFromCategories(core, store, (await core.wikis.load(wiki)).info, matcher, onProgress);
    },
    async topicAgreement(wiki) {
      return agreementOf(store, wiki, await matcherOf(wiki));
    },
  };
}
