import { declareSettings } from '../core/domain/settings-schema.ts';
import type { Subsystem } from '../core/subsystem.ts';
import { imageSuggestionDataModule } from './api/image-suggestion-data.ts';
import { taskSettingsSchema } from './domain/task-settings.ts';
import { registerTaskRoutes } from './http/task-routes.ts';
import { taskMigrations } from './store/tasks-migrations.ts';
import { createTasksService, type TasksService } from './tasks-service.ts';

/** Per-wiki settings of suggested edits: `wikiqueue wiki set W tasks.types.copyedit.disabled true`. */
export const tasksSettings = declareSettings('tasks', taskSettingsSchema);

/**
 * Suggested edits (GrowthExperiments, suggested-edits-reference.md): task types and topics over the
 * wiki's articles, the task pool and its API, quality gates, image suggestion data and
 * submissions.
 */
export const tasksSubsystem: Subsystem<'tasks', TasksService> = {
  name: 'tasks',
  migrations: taskMigrations,
  settings: tasksSettings,
  start(core) {
    const service = createTasksService(core, tasksSettings);
    return {
      service,
      queryModules: [imageSuggestionDataModule(service)],
      routes: (app) => registerTaskRoutes(app, core, service),
    };
  },
};
