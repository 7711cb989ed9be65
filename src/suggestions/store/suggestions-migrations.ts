import type { MigrationFactory } from '../../core/store/migrations/migration-provider.ts';
import { imageSuggestionsMigration } from './migrations/017-image-suggestions.ts';
import { suggestionGeneratorMigration } from './migrations/018-suggestion-generator.ts';

/** The suggestion store's tables, in order; the names never change once released. */
export const suggestionsMigrations: Readonly<Record<string, MigrationFactory>> = {
  '017-image-suggestions': imageSuggestionsMigration,
  '018-suggestion-generator': suggestionGeneratorMigration,
};
