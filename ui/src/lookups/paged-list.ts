import { reactive, ref, type Ref } from 'vue';
import { errorMessage } from '../api/error-message.ts';

/** One page of a list query: its items and the continue value of the next page, null at the end. */
export interface ListPage<T> {
  items: T[];
  next: string | null;
}

/** A list read page by page, as its view shows it (reactive). */
export interface PagedListState<T> {
  items: T[];
  /** The continue value of the next page, null when there is none. */
  more: string | null;
  loading: boolean;
  /** The readable message of the last request's failure, '' when it did not fail. */
  error: string;
  /** Starts over from the first page. */
  reload(): Promise<void>;
  /** Appends the next page. */
  loadMore(): Promise<void>;
}

/**
 * A list read page by page with the API's continuation (list=logevents, list=backlinks…). An
 * answer that arrives after a newer request was made is dropped, so a change of the filters never
 * shows the old list.
 */
export function usePagedList<T>(
  fetchPage: (cont: string | undefined) => Promise<ListPage<T>>,
): PagedListState<T> {
  const items = ref([]) as Ref<T[]>;
  const more = ref<string | null>(null);
  const loading = ref(false);
  const error = ref('');
  let request = 0;

  async function load(cont: string | undefined) {
    const mine = ++request;
    loading.value = true;
    error.value = '';
    try {
      const page = await fetchPage(cont);
      if (mine !== request) return;
      items.value = cont === undefined ? page.items : [...items.value, ...page.items];
      more.value = page.next;
    } catch (err) {
      if (mine === request) error.value = errorMessage(err);
    } finally {
      if (mine === request) loading.value = false;
    }
  }

  return reactive({
    items,
    more,
    loading,
    error,
    reload: () => {
      items.value = [];
      more.value = null;
      return load(undefined);
    },
    loadMore: () => (more.value === null ? Promise.resolve() : load(more.value)),
  }) as PagedListState<T>;
}
