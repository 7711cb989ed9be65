import type { Subsystem } from '../core/subsystem.ts';
import { registerImageSuggestionRoutes } from './http/image-suggestion-routes.ts';
import { registerSuggestionsCommand } from './suggestions-command.ts';
import { createSuggestionsService, type SuggestionsService } from './suggestions-service.ts';
import { suggestionsMigrations } from './store/suggestions-migrations.ts';

/**
 * Image suggestions (image-suggestions-and-page-queue.md §1): the suggestion store, its public
 * reads in the data gateway's shape, the import of externally produced datasets and the
 * housekeeping of superseded datasets.
 */
export const suggestionsSubsystem: Subsystem<'suggestions', SuggestionsService> = {
  name: 'suggestions',
  migrations: suggestionsMigrations,
  cli: registerSuggestionsCommand,
  start(core) {
    const service = createSuggestionsService(core);
    return {
      service,
      routes: (app) => registerImageSuggestionRoutes(app, service),
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
