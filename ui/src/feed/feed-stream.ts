/**
 * The feed's live updates: the server's event streams (`/v2/stream/…`, server-sent events) of page
 * creations, reviews, tags and deletions, kept to the one wiki (each event names its wiki in
 * `database`). EventSource reconnects by itself and resumes after the last event it saw
 * (Last-Event-ID); when the server refuses the stream outright, this reconnects after a pause and
 * asks the feed to reload, as events may have been missed.
 */
export const FEED_STREAMS = [
  'mediawiki.page-create',
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
    source.onmessage = (message: MessageEvent<string>) => {
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

function parseEvent(data: string, wiki: string): FeedEvent | null {
  let e: Record<string, unknown>;
  try {
    e = JSON.parse(data) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (e.database !== wiki || typeof e.page_id !== 'number') return null;
  const meta = e.meta as { stream?: string } | undefined;
  return {
    stream: meta?.stream ?? '',
    pageId: e.page_id,
    namespace: typeof e.page_namespace === 'number' ? e.page_namespace : 0,
  };
}
