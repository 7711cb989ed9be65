import type { Repositories, Store } from './store.ts';

/**
 * The store as a subsystem sees it: the core's repositories and its own side by side, outside and
 * inside transactions, so that one transaction writes both (a review and its log entry commit
 * together).
 */
export type ExtendedStore<R> = Omit<Store, 'transaction'> &
  R & {
    transaction<T>(work: (tx: Repositories & R) => Promise<T>): Promise<T>;
  };

/**
 * Extends `store` with `own`, repositories made by `store.repositories(…)`: those join the
 * transaction running in the same async context, so `tx` hands them out as they are.
 */
export function extendStore<R extends object>(store: Store, own: R): ExtendedStore<R> {
  const extended = Object.create(store) as ExtendedStore<R>;
  Object.assign(extended, own);
  extended.transaction = (work) => store.transaction((tx) => work({ ...tx, ...own }));
  return extended;
}
