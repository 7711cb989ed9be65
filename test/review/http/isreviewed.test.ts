import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_WIKI } from '../../factories/app.ts';
import { buildReviewApp, postAction, type ReviewTestApp, type ReviewUser } from '../../factories/review.ts';

/** review-queue-reference.md §10 "ApiIsReviewed" (prop=isreviewed, §2.6). */
let t: ReviewTestApp;
let sysop: ReviewUser;
let patroller: ReviewUser;
let creator: ReviewUser;
beforeAll(async () => {
  t = await buildReviewApp();
  sysop = await t.user('Admin', ['sysop']);
  patroller = await t.user('Patroller', ['patroller']);
  creator = await t.user('Creator');
});
afterAll(async () => t.close());

async function isReviewed(params: Record<string, string>) {
  const res = await t
    .anonymousApi()
    .get({ action: 'query', prop: 'isreviewed', formatversion: '2', ...params });
  return res.json.query as { pages?: Record<string, unknown>[] } | undefined;
}

const flagOf = async (pageId: number) =>
  (await isReviewed({ pageids: String(pageId) }))!.pages![0]!.isreviewed;

describe('prop=isreviewed', () => {
  it('is false for a queued unreviewed page (status 0)', async () => {
    const id = await t.edit(creator, 'Status zero', 'x');
    expect(await flagOf(id)).toBe(false);
  });

  it('is true for status 1 (reviewed)', async () => {
    const id = await t.edit(creator, 'Status one', 'x');
    await postAction(sysop.api, 'pagetriageaction', { pageid: String(id), reviewed: '1' });
    expect((await t.queued(id))?.status).toBe(1);
    expect(await flagOf(id)).toBe(true);
  });

  it('is true for status 2 (patrolled through core patrolling)', async () => {
    const id = await t.edit(creator, 'Status two', 'x');
    const rev = (await t.services.store.pages.getById(TEST_WIKI, id))!.latestRevId;
    await t.services.wikiSources.for(TEST_WIKI).patrol(await patroller.actor(), { revId: rev });
    await t.drain();
    expect((await t.queued(id))?.status).toBe(2);
    expect(await flagOf(id)).toBe(true);
  });

  it('is true for status 3 (autopatrolled)', async () => {
    const id = await t.edit(sysop, 'Status three', 'x');
    expect((await t.queued(id))?.status).toBe(3);
    expect(await flagOf(id)).toBe(true);
  });

  it('is true for a page that is not queued', async () => {
    const id = await t.edit(creator, 'Not queued', 'x');
    await t.services.review.store.reviewQueue.delete(TEST_WIKI, [id]);
    expect(await flagOf(id)).toBe(true);
  });

  it('answers for several pages at once, and gives missing and non-article pages no field', async () => {
    const unreviewed = await t.edit(creator, 'Multi unreviewed', 'x');
    const reviewed = await t.edit(sysop, 'Multi reviewed', 'x');
    const project = await t.edit(creator, 'Project:Not an article', 'x');
    const query = await isReviewed({ pageids: [unreviewed, reviewed, project, 888888].join('|') });
    const byId = new Map(query!.pages!.map((p) => [p.pageid ?? 'missing', p]));
    expect(byId.get(unreviewed)?.isreviewed).toBe(false);
    expect(byId.get(reviewed)?.isreviewed).toBe(true);
    expect(byId.get(project)).not.toHaveProperty('isreviewed');
    const missing = query!.pages!.find((p) => p.missing === true);
    expect(missing).toBeDefined();
    expect(missing).not.toHaveProperty('isreviewed');
  });

  it('has no pages key when no pages are given', async () => {
    const query = await isReviewed({});
    expect(query?.pages).toBeUndefined();
  });
});
