import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../../../src/core/store/repositories/event-log.ts';
import { TEST_WIKI } from '../../factories/app.ts';
import { buildReviewApp, postAction, type ReviewTestApp, type ReviewUser } from '../../factories/review.ts';

/**
 * A page entering the queue (wikiqueue.page-enqueue) and the review actions (wikiqueue.page-review,
 * -tag, -copyvio) append their events with their change.
 */
let t: ReviewTestApp;
let patroller: ReviewUser;
let creator: ReviewUser;
let bot: ReviewUser;
beforeAll(async () => {
  t = await buildReviewApp({ enableCopyvio: true });
  patroller = await t.user('Event patroller', ['patroller']);
  creator = await t.user('Event creator');
  bot = await t.user('Event copyvio bot', ['copyviobot']);
});
afterAll(async () => t.close());

/** The events of `streams` (the review actions' by default) written while `work` runs. */
async function reviewEventsOf(
  work: () => Promise<unknown>,
  streams = ['wikiqueue.page-review', 'wikiqueue.page-tag', 'wikiqueue.page-copyvio'],
): Promise<OutboxEvent[]> {
  const before = await t.services.store.outbox.head();
  await work();
  return (await t.services.store.outbox.readAfter(before, 100)).filter((e) => streams.includes(e.stream));
}

const ENQUEUE = ['wikiqueue.page-enqueue'];

const act = (who: ReviewUser, action: string, params: Record<string, string>) => {
  t.advance(11);
  return postAction(who.api, action, params);
};

describe('pages entering the queue', () => {
  it('a page created in a tracked namespace enters with a wikiqueue.page-enqueue event, its metadata compiled', async () => {
    let id = 0;
    const events = await reviewEventsOf(async () => {
      id = await t.edit(creator, 'Enqueue event article', 'Some text about a river.');
    }, ENQUEUE);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ wiki: TEST_WIKI, stream: 'wikiqueue.page-enqueue' });
    expect(events[0]!.payload).toMatchObject({
      $schema: '/wikiqueue/page/enqueue/1.0.0',
      meta: { stream: 'wikiqueue.page-enqueue' },
      database: TEST_WIKI,
      page_id: id,
      page_title: 'Enqueue_event_article',
      page_namespace: 0,
      page_is_redirect: false,
      performer: { user_text: 'Event creator', user_id: creator.id },
      review_status: 'unreviewed',
    });
    expect((await t.queued(id))?.metadata).not.toBeNull();
    expect((await t.list({ page_id: String(id) })).ids).toEqual([id]);
  });

  it('says so when the page enters as autopatrolled, and when a draft enters', async () => {
    const trusted = await t.user('Event autopatrolled', ['autopatrolled']);
    const events = await reviewEventsOf(async () => {
      await t.edit(trusted, 'Enqueue event trusted', 'Text.');
      await t.edit(creator, 'Draft:Enqueue event draft', 'Text.');
    }, ENQUEUE);
    expect(events.map((e) => e.payload)).toMatchObject([
      { page_title: 'Enqueue_event_trusted', page_namespace: 0, review_status: 'autopatrolled' },
      { page_title: 'Draft:Enqueue_event_draft', page_namespace: 118, review_status: 'unreviewed' },
    ]);
  });

  it('appends none for a page outside the tracked namespaces, or a later edit of a queued page', async () => {
    const id = await t.edit(creator, 'Enqueue event edited', 'First.');
    const events = await reviewEventsOf(async () => {
      await t.edit(creator, 'User:Event creator/Notes', 'Not reviewed here.');
      await t.edit(creator, 'Enqueue event edited', 'Second.');
    }, ENQUEUE);
    expect(events).toEqual([]);
    expect(await t.queued(id)).toBeDefined();
  });

  it('pagetriageaction enqueue appends it with the patroller as performer', async () => {
    const id = await t.edit(creator, 'Enqueue event by action', 'Text.');
    await t.services.review.store.reviewQueue.delete(TEST_WIKI, [id]);
    const events = await reviewEventsOf(
      () => act(patroller, 'pagetriageaction', { pageid: String(id), enqueue: '1' }),
      ENQUEUE,
    );
    expect(events.map((e) => e.payload)).toMatchObject([
      { page_id: id, performer: { user_text: 'Event patroller' }, review_status: 'unreviewed' },
    ]);
    expect((await t.queued(id))?.metadata).not.toBeNull();
  });

  it('an enqueue rolled back with the transaction around it leaves neither the row nor its event', async () => {
    const id = await t.edit(creator, 'Enqueue event rollback', 'Text.');
    await t.services.review.store.reviewQueue.delete(TEST_WIKI, [id]);
    const actor = await patroller.actor();
    const events = await reviewEventsOf(
      () =>
        expect(
          t.services.store.transaction(async () => {
            await t.services.review.queue.enqueue(actor, { pageId: id });
            expect(await t.queued(id)).toBeDefined();
            throw new Error('abort');
          }),
        ).rejects.toThrow('abort'),
      ENQUEUE,
    );
    expect(events).toEqual([]);
    expect(await t.queued(id)).toBeUndefined();
  });
});

describe('review events', () => {
  it('marking reviewed and unreviewed each append a wikiqueue.page-review event', async () => {
    const id = await t.edit(creator, 'Draft:Event review', 'x');
    const reviewed = await reviewEventsOf(() =>
      act(patroller, 'pagetriageaction', { pageid: String(id), reviewed: '1', note: 'Looks fine.' }),
    );
    expect(reviewed).toHaveLength(1);
    expect(reviewed[0]).toMatchObject({ wiki: TEST_WIKI, stream: 'wikiqueue.page-review' });
    expect(reviewed[0]!.payload).toMatchObject({
      $schema: '/wikiqueue/page/review/1.0.0',
      meta: { stream: 'wikiqueue.page-review' },
      database: TEST_WIKI,
      page_id: id,
      page_title: 'Draft:Event_review',
      page_namespace: 118,
      performer: { user_text: 'Event patroller', user_id: patroller.id },
      review_status: 'reviewed',
      prior_state: { review_status: 'unreviewed' },
      note: 'Looks fine.',
      tags: ['pagetriage'],
    });

    const unreviewed = await reviewEventsOf(() =>
      act(patroller, 'pagetriageaction', { pageid: String(id), reviewed: '0' }),
    );
    expect(unreviewed.map((e) => e.payload)).toMatchObject([
      { review_status: 'unreviewed', prior_state: { review_status: 'reviewed' } },
    ]);
  });

  it('a review that changes nothing appends no event', async () => {
    const id = await t.edit(creator, 'Event unchanged', 'x');
    await act(patroller, 'pagetriageaction', { pageid: String(id), reviewed: '1' });
    const again = await reviewEventsOf(() =>
      act(patroller, 'pagetriageaction', { pageid: String(id), reviewed: '1' }),
    );
    expect(again).toEqual([]);
  });

  it('tagging appends a wikiqueue.page-tag event with the tags and the revision that added them', async () => {
    const id = await t.edit(creator, 'Event tagging', 'Some text.');
    const events = await reviewEventsOf(() =>
      act(patroller, 'pagetriagetagging', {
        pageid: String(id),
        wikitext: '{{Unreferenced}}\nSome text.',
        taglist: 'unreferenced',
        note: 'Please cite.',
      }),
    );
    const page = await t.services.store.pages.getById(TEST_WIKI, id);
    expect(events.map((e) => e.payload)).toMatchObject([
      {
        $schema: '/wikiqueue/page/tag/1.0.0',
        page_id: id,
        page_title: 'Event_tagging',
        performer: { user_text: 'Event patroller' },
        rev_id: page!.latestRevId,
        tags: ['unreferenced'],
        deletion: false,
        note: 'Please cite.',
      },
    ]);
  });

  it('flagging and unflagging a copyright violation each append a wikiqueue.page-copyvio event', async () => {
    const id = await t.edit(creator, 'Event copyvio', 'Copied.');
    const rev = (await t.services.store.pages.getById(TEST_WIKI, id))!.latestRevId;
    const flagged = await reviewEventsOf(() => act(bot, 'pagetriagetagcopyvio', { revid: String(rev) }));
    const unflagged = await reviewEventsOf(() =>
      act(bot, 'pagetriagetagcopyvio', { revid: String(rev), untag: '1' }),
    );
    expect([...flagged, ...unflagged].map((e) => e.payload)).toMatchObject([
      { $schema: '/wikiqueue/page/copyvio/1.0.0', page_id: id, rev_id: rev, copyvio: true },
      { page_id: id, rev_id: rev, copyvio: false },
    ]);
  });

  it('a review rolled back with the transaction around it leaves neither the change nor its event', async () => {
    const id = await t.edit(creator, 'Event rollback', 'x');
    const actor = await patroller.actor();
    const events = await reviewEventsOf(() =>
      expect(
        t.services.store.transaction(async () => {
          await t.services.review.queue.setReviewed(actor, { pageId: id, reviewed: 1 });
          expect((await t.queued(id))?.status).toBe(1);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort'),
    );
    expect(events).toEqual([]);
    expect((await t.queued(id))?.status).toBe(0);
  });

  it('a copyvio flag whose transaction fails writes no event', async () => {
    const id = await t.edit(creator, 'Event failed flag', 'x');
    const rev = (await t.services.store.pages.getById(TEST_WIKI, id))!.latestRevId;
    const actor = await bot.actor();
    const events = await reviewEventsOf(() =>
      expect(
        t.services.store.transaction(async (tx) => {
          await t.services.review.queue.tagCopyvio(actor, { revId: rev });
          // A later write of the same transaction fails: everything it wrote goes.
          await tx.pages.insert({ ...(await tx.pages.getById(TEST_WIKI, id))! });
        }),
      ).rejects.toThrow(),
    );
    expect(events).toEqual([]);
    expect((await t.queued(id))?.metadata?.copyvioRevId ?? null).toBeNull();
  });
});
