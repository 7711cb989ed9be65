import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPagesFilter, type QueueFilter } from '../../../src/review/domain/queue-filter.ts';
import { TEST_WIKI } from '../../factories/app.ts';
import {
  buildReviewApp,
  DRAFT_NS,
  postAction,
  type ReviewTestApp,
  type ReviewUser,
} from '../../factories/review.ts';

/** ReviewStatsService: pagetriagestats' counts, called without HTTP (review-queue-reference.md §2.2). */
let t: ReviewTestApp;
let sysop: ReviewUser;
beforeAll(async () => {
  t = await buildReviewApp();
  sysop = await t.user('Admin', ['sysop']);
});
afterAll(async () => t.close());

/** A filter no other test's pages match, so each test counts its own pages only. */
const byCreator = (username: string, namespace = 0): QueueFilter => ({
  ...allPagesFilter(namespace),
  username,
});
const stats = (filter: QueueFilter) => t.services.review.stats.stats(TEST_WIKI, filter);

describe('ReviewStatsService.stats', () => {
  it('counts unreviewed articles and redirects, with the oldest review-state change of each', async () => {
    expect((await stats(byCreator('Nobody at all'))).unreviewedArticles).toEqual({ count: 0, oldest: null });
    const u = await t.user('Stats counter');
    await t.edit(u, 'Stats article one', 'x');
    const firstCreated = t.now();
    t.advance(10);
    await t.edit(u, 'Stats article two', 'x');
    await t.edit(u, 'Stats pointer', '#REDIRECT [[Stats article one]]');
    const pointerCreated = t.now();
    t.advance(31);
    expect(await stats(byCreator('Stats counter'))).toMatchObject({
      namespace: 0,
      unreviewedArticles: { count: 2, oldest: firstCreated },
      unreviewedRedirects: { count: 1, oldest: pointerCreated },
      filtered: 3,
    });
  });

  it('counts reviews of the last week but not autopatrolled pages', async () => {
    const u = await t.user('Stats reviewed');
    const before = await stats(byCreator('Stats reviewed'));
    const id = await t.edit(u, 'Stats to review', 'x');
    await t.edit(sysop, 'Stats autopatrolled', 'x');
    await postAction(sysop.api, 'pagetriageaction', { pageid: String(id), reviewed: '1' });
    t.advance(31);
    expect((await stats(byCreator('Stats reviewed'))).reviewedArticles).toBe(before.reviewedArticles + 1);
  });

  it('counts drafts awaiting AfC review', async () => {
    const u = await t.user('Stats drafter');
    t.advance(31);
    const before = await stats(byCreator('Stats drafter'));
    await t.edit(u, 'Draft:Stats pending', 'x\n[[Category:Pending AfC submissions]]');
    await t.edit(u, 'Draft:Stats unsubmitted', 'x');
    t.advance(31);
    const after = await stats(byCreator('Stats drafter'));
    expect(after.unreviewedDrafts!.count).toBe(before.unreviewedDrafts!.count + 1);
    expect((await stats(byCreator('Stats drafter', DRAFT_NS))).filtered).toBe(2);
  });

  it('reuses the counts of a filter for 30 seconds', async () => {
    const u = await t.user('Stats cached');
    await t.edit(u, 'Stats cached one', 'x');
    const filter = byCreator('Stats cached');
    expect((await stats(filter)).filtered).toBe(1);
    await t.edit(u, 'Stats cached two', 'x');
    t.advance(29);
    expect((await stats(filter)).filtered).toBe(1);
    expect((await stats({ ...filter, state: 'unreviewed' })).filtered).toBe(2);
    t.advance(1);
    expect((await stats(filter)).filtered).toBe(2);
  });
});
