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
}

export function createTasksService(
  core: CoreServices,
  declaration: SettingsDeclaration<TaskSettings>,
  suggestions: SuggestionsService = createSuggestionsService(core),
): TasksService {
  const images = new ImageRecommendationProvider(core, suggestions);
  return {
    imageTasksConfigured: (wiki) => !wiki.isMediaRepo && core.media.repositoryOf(wiki) !== undefined,
    imageRecommendation: (wiki, page, taskType, lang) => images.get(wiki, page, taskType, lang),
    async settings(wiki) {
      const loaded = await core.wikis.load(wiki);
      return withLanguageDefaults(settingsOf(loaded.info, declaration), loaded.info.lang);
    },
  };
}
