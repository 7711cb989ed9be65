import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../../../src/core/store/repositories/event-log.ts';
import { TEST_WIKI } from '../../factories/app.ts';
import { buildReviewApp, postAction, type ReviewTestApp, type ReviewUser } from '../../factories/review.ts';

/** The review actions append their events (wikiqueue.page-review, -tag, -copyvio) with their change. */
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

/** The review streams' events written while `work` runs. */
async function reviewEventsOf(work: () => Promise<unknown>): Promise<OutboxEvent[]> {
  const before = await t.services.store.outbox.head();
  await work();
  return (await t.services.store.outbox.readAfter(before, 100)).filter((e) =>
    ['wikiqueue.page-review', 'wikiqueue.page-tag', 'wikiqueue.page-copyvio'].includes(e.stream),
  );
}

const act = (who: ReviewUser, action: string, params: Record<string, string>) => {
  t.advance(11);
  return postAction(who.api, action, params);
};

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
