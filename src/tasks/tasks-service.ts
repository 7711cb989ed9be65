import type { CoreServices } from '../core/core-services.ts';
import { settingsOf, type SettingsDeclaration } from '../core/domain/settings-schema.ts';
import { withLanguageDefaults, type TaskSettings } from './domain/task-settings.ts';

/** Suggested edits as other subsystems, the API modules and the commands use them. */
export interface TasksService {
  /** The wiki's suggested-edits settings in force, its language's template names filled in. */
  settings(wiki: string): Promise<TaskSettings>;
}

export function createTasksService(
  core: CoreServices,
  declaration: SettingsDeclaration<TaskSettings>,
): TasksService {
  return {
    async settings(wiki) {
      const loaded = await core.wikis.load(wiki);
      return withLanguageDefaults(settingsOf(loaded.info, declaration), loaded.info.lang);
    },
  };
}
