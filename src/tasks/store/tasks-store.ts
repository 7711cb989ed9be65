import { extendStore, type ExtendedStore } from '../../core/store/extend-store.ts';
import type { Store } from '../../core/store/store.ts';

/** The suggested-edit subsystem's own repositories (each part adds its own here). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TasksRepositories {}

/** The store as the task services use it: the core repositories and the task tables'. */
export type TasksStore = ExtendedStore<TasksRepositories>;

export function openTasksStore(store: Store): TasksStore {
  const own = store.repositories<TasksRepositories>(() => ({}));
  return extendStore(store, own);
}
