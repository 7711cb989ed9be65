import type { MigrationFactory } from '../../core/store/migrations/migration-provider.ts';
import { reviewQueueMigration } from './migrations/002-review-queue.ts';
import { reviewFilterBitsMigration } from './migrations/003-review-filter-bits.ts';
import { reviewNamespaceOrderMigration } from './migrations/004-review-namespace-order.ts';
import { reviewReviewedCountMigration } from './migrations/005-review-reviewed-count.ts';

/** The review queue's tables, in order; the names were released and never change. */
export const reviewMigrations: Readonly<Record<string, MigrationFactory>> = {
  '002-review-queue': reviewQueueMigration,
  '003-review-filter-bits': reviewFilterBitsMigration,
  '004-review-namespace-order': () => reviewNamespaceOrderMigration(),
  '005-review-reviewed-count': reviewReviewedCountMigration,
};
