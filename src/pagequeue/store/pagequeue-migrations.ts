import type { MigrationFactory } from '../../core/store/migrations/migration-provider.ts';
import { pageQueueMigration } from './migrations/023-page-queue.ts';

/** The page queue's tables, in order; the names never change once released. */
export const pageQueueMigrations: Readonly<Record<string, MigrationFactory>> = {
  '023-page-queue': pageQueueMigration,
};
