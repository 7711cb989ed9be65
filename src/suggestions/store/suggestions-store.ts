import { extendStore, type ExtendedStore } from '../../core/store/extend-store.ts';
import type { Store } from '../../core/store/store.ts';
import type { GeneratorRepository } from './generator-repository.ts';
import { SqlGeneratorRepository } from './sql-generator-repository.ts';
import type { SuggestionRepository } from './suggestion-repository.ts';
import type { SuggestionsDatabase } from './suggestions-schema.ts';
import { SqlSuggestionRepository } from './sql-suggestion-repository.ts';

/** The suggestion subsystem's own repositories. */
export interface SuggestionsRepositories {
  suggestions: SuggestionRepository;
  generator: GeneratorRepository;
}

/** The store as the suggestion services use it: the core repositories and the suggestion store. */
export type SuggestionsStore = ExtendedStore<SuggestionsRepositories>;

export function openSuggestionsStore(store: Store): SuggestionsStore {
  const own = store.repositories<SuggestionsRepositories, SuggestionsDatabase>((ctx) => ({
    suggestions: new SqlSuggestionRepository(ctx),
    generator: new SqlGeneratorRepository(ctx),
  }));
  return extendStore(store, own);
}
