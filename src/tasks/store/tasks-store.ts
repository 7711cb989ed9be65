import { extendStore, type ExtendedStore } from '../../core/store/extend-store.ts';
import type { Store } from '../../core/store/store.ts';
import { SqlTaskPoolRepository } from './sql-task-pool-repository.ts';
import type { TaskPoolRepository } from './task-pool-repository.ts';
import type { PageTopicRepository } from './page-topic-repository.ts';
import { SqlPageTopicRepository } from './sql-page-topic-repository.ts';
import type { TasksDatabase } from './tasks-schema.ts';

/** The suggested-edit subsystem's own repositories. */
export interface TasksRepositories {
  pool: TaskPoolRepository;
  topics: PageTopicRepository;
}

/** The store as the task services use it: the core repositories and the task tables'. */
export type TasksStore = ExtendedStore<TasksRepositories>;

export function openTasksStore(store: Store): TasksStore {
  const own = store.repositories<TasksRepositories, TasksDatabase>((ctx) => ({
    pool: new SqlTaskPoolRepository(ctx),
    topics: new SqlPageTopicRepository(ctx),
  }));
  return extendStore(store, own);
}
