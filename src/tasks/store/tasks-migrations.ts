import type { MigrationFactory } from '../../core/store/migrations/migration-provider.ts';
import { taskPoolMigration } from './migrations/019-task-pool.ts';
import { taskExclusionMigration } from './migrations/020-task-exclusion.ts';
import { taskCountMigration } from './migrations/021-task-count.ts';
import { taskTopicSetCountMigration } from './migrations/022-task-topic-set-count.ts';
import { taskTopicCombinationCountMigration } from './migrations/024-task-topic-combination-count.ts';
import { taskRankIndexesMigration } from './migrations/025-task-rank-indexes.ts';

/** The suggested-edit tables, in order; the names never change once released. */
export const taskMigrations: Readonly<Record<string, MigrationFactory>> = {
  '019-task-pool': taskPoolMigration,
  '020-task-exclusion': taskExclusionMigration,
  '021-task-count': taskCountMigration,
  '022-task-topic-set-count': taskTopicSetCountMigration,
  '024-task-topic-combination-count': taskTopicCombinationCountMigration,
  '025-task-rank-indexes': () => taskRankIndexesMigration(),
};
