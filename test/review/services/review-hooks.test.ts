import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_WIKI } from '../../factories/app.ts';
import {
  buildReviewApp,
  DRAFT_NS,
  postAction,
  type ReviewTestApp,
  type ReviewUser,
} from '../../factories/review.ts';

/** review-queue-reference.md §10 "Hooks": the server events of §3, delivered through the outbox and jobs. */
let t: ReviewTestApp;
let creator: ReviewUser;
let sysop: ReviewUser;
beforeAll(async () => {
  t = await buildReviewApp();
  creator = await t.user('Hook creator');
  sysop = await t.user('Admin', ['sysop']);
});
afterAll(async () => t.close());

describe('review queue hooks', () => {
  it('does not queue a Draft redirect', async () => {
    const id = await t.edit(creator, 'Draft:Pointer', '#REDIRECT [[Draft:Somewhere]]');
    expect(await t.queued(id)).toBeUndefined();
  });

  it('removes the row on deletion and restores it (unreviewed) on undeletion', async () => {
    const id = await t.edit(creator, 'Deleted and back', 'x');
    const admin = await sysop.actor();
    await t.services.wikiSources.for(TEST_WIKI).delete(admin, { title: 'Deleted and back', reason: 'test' });
    await t.drain();
    expect(await t.queued(id)).toBeUndefined();
    await t.services.wikiSources
      .for(TEST_WIKI)
      .undelete(admin, { title: 'Deleted and back', reason: 'test' });
    await t.drain();
    const restored = await t.services.store.pages.getByTitle(TEST_WIKI, 0, 'Deleted_and_back');
    expect(await t.queued(restored!.id)).toMatchObject({ status: 0 });
  });

  it('keeps status 1 on a move within the namespace', async () => {
    const id = await t.edit(creator, 'Before the move', 'x');
    await postAction(sysop.api, 'pagetriageaction', { pageid: String(id), reviewed: '1' });
    await t.services.wikiSources
      .for(TEST_WIKI)
      .move(await sysop.actor(), { from: 'Before the move', to: 'After the move' });
    await t.drain();
    expect(await t.queued(id)).toMatchObject({ status: 1, title: 'After_the_move', namespace: 0 });
  });

  it("sets user_block_status from '0' to '1' when the creator is blocked, and back on unblock", async () => {
    const vandal = await t.user('Hook vandal');
    const id = await t.edit(vandal, 'Vandal page', 'x');
    const blockStatus = async () => (await t.list({ page_id: String(id) })).pages[0]!.user_block_status;
    expect(await blockStatus()).toBe('0');
    const admin = await sysop.actor();
    await t.services.wikiSources
      .for(TEST_WIKI)
      .block(admin, { target: 'Hook vandal', expiry: null, reason: 'test' });
    await t.drain();
    expect(await blockStatus()).toBe('1');
    await t.services.wikiSources.for(TEST_WIKI).unblock(admin, { target: 'Hook vandal', reason: 'test' });
    await t.drain();
    expect(await blockStatus()).toBe('0');
  });

  it('tracks the Draft namespace along with the configured ones', () => {
    const queue = t.services.review.queue;
    expect(queue.isTracked(TEST_WIKI, 0)).toBe(true);
    expect(queue.isTracked(TEST_WIKI, DRAFT_NS)).toBe(true);
    expect(queue.isTracked(TEST_WIKI, 2)).toBe(false);
  });
});
