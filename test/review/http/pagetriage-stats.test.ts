import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toIsoTimestamp } from '../../../src/core/domain/clock.ts';
import { buildReviewApp, postAction, type ReviewTestApp, type ReviewUser } from '../../factories/review.ts';

/** review-queue-reference.md §10 "ApiPageTriageStats" (and the draft stats of "Util"). */
let t: ReviewTestApp;
let sysop: ReviewUser;
beforeAll(async () => {
  t = await buildReviewApp({ enableCopyvio: true });
  sysop = await t.user('Admin', ['sysop']);
});
afterAll(async () => t.close());

/** The aggregates are cached for 30 s; step past that before reading fresh numbers. */
const fresh = async (params: Record<string, string> = {}) => {
  t.advance(31);
  return t.stats(params);
};

describe('pagetriagestats', () => {
  it('two drafts raise filteredarticle and the unreviewed count by 2, and echo the namespace', async () => {
    const u = await t.user('Draft writer');
    const before = await fresh({ namespace: '118' });
    await t.edit(u, 'Draft:Stats one', 'x');
    await t.edit(u, 'Draft:Stats two', 'y');
    const after = await fresh({ namespace: '118' });
    expect(after.namespace).toBe(118);
    expect(after.filteredarticle).toBe((before.filteredarticle as number) + 2);
    expect((after.unreviewedarticle as { count: number }).count).toBe(
      (before.unreviewedarticle as { count: number }).count + 2,
    );
  });

  it('answers offset with "Unrecognized parameter"', async () => {
    const res = await t.anonymousApi().get({ action: 'pagetriagestats', offset: '5', formatversion: '2' });
    expect(res.json.pagetriagestats).toBeDefined();
    expect(JSON.stringify(res.json.warnings)).toContain('Unrecognized parameter: offset.');
  });

  it('combines copyvio with non_autoconfirmed_users without an error (T354900)', async () => {
    const res = await t.anonymousApi().get({
      action: 'pagetriagestats',
      show_predicted_issues_copyvio: '1',
      non_autoconfirmed_users: '1',
      formatversion: '2',
    });
    expect(res.json.error).toBeUndefined();
    expect((res.json.pagetriagestats as { stats: { filteredarticle: number } }).stats.filteredarticle).toBe(
      0,
    );
  });

  it('counts pending drafts, with the first pending draft as oldest (ISO 8601)', async () => {
    const u = await t.user('AfC submitter');
    const pending = '\n[[Category:Pending AfC submissions]]';
    expect((await fresh()).unrevieweddraft).toEqual({ count: 0, oldest: null });
    t.advance(60);
    const firstAt = t.now();
    await t.edit(u, 'Draft:Pending first', `First.${pending}`);
    t.advance(60);
    await t.edit(u, 'Draft:Pending second', `Second.${pending}`);
    await t.edit(u, 'Draft:Not submitted', 'Plain.');
    const drafts = (await fresh()).unrevieweddraft;
    expect(drafts).toEqual({ count: 2, oldest: toIsoTimestamp(firstAt) });
  });

  it('reports reviewed pages of the last 7 days, statuses 1 and 2 but not autopatrolled ones', async () => {
    const u = await t.user('Reviewed creator');
    const base = ((await fresh()).reviewedarticle as { reviewed_count: number }).reviewed_count;
    const id = await t.edit(u, 'Reviewed for stats', 'x');
    await t.edit(sysop, 'Autopatrolled for stats', 'x');
    await postAction(sysop.api, 'pagetriageaction', { pageid: String(id), reviewed: '1' });
    expect(((await fresh()).reviewedarticle as { reviewed_count: number }).reviewed_count).toBe(base + 1);
    t.advance(8 * 86400);
    expect(((await fresh()).reviewedarticle as { reviewed_count: number }).reviewed_count).toBe(0);
  });

  it('defaults filteredarticle to unreviewed pages when no state flag is given', async () => {
    const u = await t.user('Filtered creator');
    const id = await t.edit(u, 'Filtered one', 'x');
    await t.edit(u, 'Filtered two', 'x');
    await postAction(sysop.api, 'pagetriageaction', { pageid: String(id), reviewed: '1' });
    expect((await fresh({ username: 'Filtered creator' })).filteredarticle).toBe(1);
    expect((await fresh({ username: 'Filtered creator', showreviewed: '1' })).filteredarticle).toBe(1);
    expect(
      (await fresh({ username: 'Filtered creator', showreviewed: '1', showunreviewed: '1' })).filteredarticle,
    ).toBe(2);
  });

  it('reports oldest as null for an empty bucket (the reference says "now")', async () => {
    const stats = await fresh();
    expect(stats.unreviewedredirect).toEqual({ count: 0, oldest: null });
  });

  it('reuses the aggregates for 30 seconds', async () => {
    const u = await t.user('Cache tester');
    const first = await fresh({ username: 'Cache tester' });
    await t.edit(u, 'Cached article', 'x');
    expect((await t.stats({ username: 'Cache tester' })).filteredarticle).toBe(first.filteredarticle);
    expect((await fresh({ username: 'Cache tester' })).filteredarticle).toBe(
      (first.filteredarticle as number) + 1,
    );
  });
});

describe('pagetriagestats without a Draft namespace', () => {
  it('answers unrevieweddraft with an empty array', async () => {
    const o = await buildReviewApp({ draftNamespace: null });
    try {
      expect((await o.stats()).unrevieweddraft).toEqual([]);
    } finally {
      await o.close();
    }
  });
});
