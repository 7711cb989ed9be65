import { extendStore, type ExtendedStore } from '../../core/store/extend-store.ts';
import type { Repositories, Store } from '../../core/store/store.ts';
import type { ReviewQueueRepository } from './review-queue-repository.ts';
import type { ReviewDatabase } from './review-schema.ts';
import { SqlReviewQueueRepository } from './sql-review-queue-repository.ts';

/** The review subsystem's own repositories. */
export interface ReviewRepositories {
  reviewQueue: ReviewQueueRepository;
}

/** The repositories a review transaction writes to. */
export type ReviewTx = Repositories & ReviewRepositories;

/** The store as the review services use it: the core repositories and the review queue's. */
export type ReviewStore = ExtendedStore<ReviewRepositories>;

export function openReviewStore(store: Store): ReviewStore {
  const own = store.repositories<ReviewRepositories, ReviewDatabase>((ctx) => ({
    reviewQueue: new SqlReviewQueueRepository(ctx),
  }));
  return extendStore(store, own);
}
