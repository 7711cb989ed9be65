import { extendStore, type ExtendedStore } from '../../core/store/extend-store.ts';
import type { Store } from '../../core/store/store.ts';
import type { PageQueueRepository } from './page-queue-repository.ts';
import type { PageQueueDatabase } from './pagequeue-schema.ts';
import { SqlPageQueueRepository } from './sql-page-queue-repository.ts';

/** The page queue's own repositories. */
export interface PageQueueRepositories {
  pageQueue: PageQueueRepository;
}

/** The store as the page queue uses it: the core repositories and its own. */
export type PageQueueStore = ExtendedStore<PageQueueRepositories>;

export function openPageQueueStore(store: Store): PageQueueStore {
  const own = store.repositories<PageQueueRepositories, PageQueueDatabase>((ctx) => ({
    pageQueue: new SqlPageQueueRepository(ctx),
  }));
  return extendStore(store, own);
}
