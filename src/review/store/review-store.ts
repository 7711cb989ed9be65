import { extendStore, type ExtendedStore } from '../../core/store/extend-store.ts';
import type { Repositories, Store } from '../../core/store/store.ts';
import type { ReviewQueueRepository } from './review-queue-repository.ts';
import type { ReviewDatabase } from './review-schema.ts';
import { SqlReviewQueueRepository } from './sql-review-queue-repository.ts';

/** The review subsystem's own repositories. */
export interface ReviewRepositories {
  reviewQueue: ReviewQueueRepository;
}

/** Every repository a review service may name: the core's and the review queue's. */
export type ReviewTx = Repositories & ReviewRepositories;

/** The store as the review services use it: the core repositories and the review queue's. */
export type ReviewStore = ExtendedStore<ReviewRepositories>;

/**
 * The repositories named by `K` (core or review), and nothing else: what a service takes that
 * reads and writes outside transactions, so that its signature lists what it touches.
 */
export type ReviewStoreOf<K extends keyof ReviewTx> = Pick<ReviewTx, K>;

/**
 * The repositories named by `K`, and a transaction whose `tx` hands out those named by `T` only:
 * what a service takes that writes in transactions.
 */
export type ReviewTransactionsOf<K extends keyof ReviewTx, T extends keyof ReviewTx> = ReviewStoreOf<K> & {
  transaction<R>(work: (tx: ReviewStoreOf<T>) => Promise<R>): Promise<R>;
};

export function openReviewStore(store: Store): ReviewStore {
  const own = store.repositories<ReviewRepositories, ReviewDatabase>((ctx) => ({
    reviewQueue: new SqlReviewQueueRepository(ctx),
  }));
  return extendStore(store, own);
}
