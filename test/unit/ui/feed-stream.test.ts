import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../../ui/src/feed/feed-stream.ts';

/** The feed's reading of the server's stream events (ui/src/feed/feed-stream.ts). */
describe('feed stream events', () => {
  const event = (payload: Record<string, unknown>) =>
    JSON.stringify({
      $schema: '/wikiqueue/page/enqueue/1.0.0',
      meta: { stream: 'wikiqueue.page-enqueue', dt: '2024-05-01T10:00:00Z', id: 'x' },
      database: 'enwiki',
      page_id: 12,
      page_title: 'Example',
      page_namespace: 0,
      page_is_redirect: false,
      review_status: 'autopatrolled',
      ...payload,
    });

  it('reads the page, its stream and the status it entered the queue with', () => {
    expect(parseEvent(event({}), 'enwiki')).toEqual({
      stream: 'wikiqueue.page-enqueue',
      pageId: 12,
      namespace: 0,
      isRedirect: false,
      reviewStatus: 'autopatrolled',
    });
  });

  it('reads whether a patrol was automatic', () => {
    const patrol = event({ meta: { stream: 'wikiqueue.page-patrol' }, review_status: undefined, auto: true });
    expect(parseEvent(patrol, 'enwiki')).toEqual({
      stream: 'wikiqueue.page-patrol',
      pageId: 12,
      namespace: 0,
      isRedirect: false,
      auto: true,
    });
  });

  it("leaves out another wiki's events and what is not an event about a page", () => {
    expect(parseEvent(event({}), 'dewiki')).toBeNull();
    expect(parseEvent(event({ page_id: 'twelve' }), 'enwiki')).toBeNull();
    expect(parseEvent('{not json', 'enwiki')).toBeNull();
  });
});
