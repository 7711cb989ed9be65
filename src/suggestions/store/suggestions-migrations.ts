import type { MigrationFactory } from '../../core/store/migrations/migration-provider.ts';
import { imageSuggestionsMigration } from './migrations/0XX-image-suggestions.ts';

/** The suggestion store's tables, in order; the names never change once released. */
export const suggestionsMigrations: Readonly<Record<string, MigrationFactory>> = {
  '0XX-image-suggestions': imageSuggestionsMigration,
};
