/**
 * The feed's live updates: the server's event streams (`/v2/stream/…`, server-sent events) of pages
 * entering the review queue, reviews, tags, patrols, moves and deletions, kept to the one wiki (each
 * event names its wiki in `database`). A page enters the queue with its metadata compiled
 * (`wikiqueue.page-enqueue`), so the feed asks for it once that event arrives, and pages that never
 * enter (an untracked namespace) cost nothing. EventSource reconnects by itself and resumes after the last event it saw
 * (Last-Event-ID); when the server refuses the stream outright, this reconnects after a pause and
 * asks the feed to reload, as events may have been missed.
 */
export const FEED_STREAMS = [
  'wikiqueue.page-enqueue',
  'mediawiki.page-delete',
  'mediawiki.page-move',
  'wikiqueue.page-review',
  'wikiqueue.page-tag',
  'wikiqueue.page-patrol',
] as const;

export interface FeedEvent {
  stream: string;
  pageId: number;
  namespace: number;
  isRedirect: boolean;
  /** `wikiqueue.page-enqueue`: the status the page entered with (`unreviewed`, `autopatrolled`…). */
  reviewStatus?: string;
  /** `wikiqueue.page-patrol`: an edit autopatrolled as it was saved, which leaves the queue alone. */
  auto?: boolean;
}

export interface FeedStreamHandlers {
  onEvent(event: FeedEvent): void;
  /** `false` when the connection dropped, `true` once it is back. */
  onConnected(connected: boolean): void;
  /** The stream was lost for good and opened anew: events in between may be missing. */
  onResync(): void;
}

const RETRY_MS = 5000;

export function openFeedStream(wiki: string, handlers: FeedStreamHandlers): () => void {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const connect = (resync: boolean) => {
    source = new EventSource(`/v2/stream/${FEED_STREAMS.join(',')}`);
    source.onopen = () => {
      handlers.onConnected(true);
      if (resync) handlers.onResync();
      resync = false;
    };
    source.onerror = () => {
      handlers.onConnected(false);
      if (source?.readyState === EventSource.CLOSED && !closed) {
        retry = setTimeout(() => connect(true), RETRY_MS);
      }
    };
    source.onmessage = (message: { data: string }) => {
      const event = parseEvent(message.data, wiki);
      if (event) handlers.onEvent(event);
    };
  };
  connect(false);
  return () => {
    closed = true;
    clearTimeout(retry);
    source?.close();
  };
}

export function parseEvent(data: string, wiki: string): FeedEvent | null {
  let e: Record<string, unknown>;
  try {
    e = JSON.parse(data) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (e.database !== wiki || typeof e.page_id !== 'number') return null;
  const meta = e.meta as { stream?: string } | undefined;
  const event: FeedEvent = {
    stream: meta?.stream ?? '',
    pageId: e.page_id,
    namespace: typeof e.page_namespace === 'number' ? e.page_namespace : 0,
    isRedirect: e.page_is_redirect === true,
  };
  if (typeof e.review_status === 'string') event.reviewStatus = e.review_status;
  if (typeof e.auto === 'boolean') event.auto = e.auto;
  return event;
}
