import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_WIKI } from '../../factories/app.ts';
import { buildReviewApp, postAction, type ReviewTestApp, type ReviewUser } from '../../factories/review.ts';

/**
 * One main-page setting (`settings.mainPage`): siteinfo reports it and the review queue refuses to
 * take it in (review-queue-reference.md §2.3, `bad-pagetriage-enqueue-mainpage`).
 */
let t: ReviewTestApp;
let sysop: ReviewUser;
let creator: ReviewUser;
beforeAll(async () => {
  t = await buildReviewApp();
  sysop = await t.user('Admin', ['sysop']);
  creator = await t.user('Creator');
});
afterAll(async () => t.close());

async function setMainPage(mainPage: string | undefined): Promise<void> {
  const info = t.services.wikis.get(TEST_WIKI).info;
  const settings: Record<string, unknown> = { ...info.settings };
  if (mainPage === undefined) delete settings.mainPage;
  else settings.mainPage = mainPage;
  await t.services.wikis.upsert({ ...info, settings }, t.now());
}

async function siteinfoMainPage(): Promise<string> {
  const res = await sysop.api.get({ action: 'query', meta: 'siteinfo', formatversion: '2' });
  return (res.json.query as { general: { mainpage: string } }).general.mainpage;
}

async function enqueue(title: string): Promise<Record<string, unknown>> {
  const id = await t.edit(creator, title, 'x');
  await t.services.review.store.reviewQueue.delete(TEST_WIKI, [id]);
  t.advance(5);
  return (await postAction(sysop.api, 'pagetriageaction', { pageid: String(id), enqueue: '1' })).json;
}

describe('the main page', () => {
  it('is "Main Page" for both siteinfo and review when the wiki sets none', async () => {
    await setMainPage(undefined);
    expect(await siteinfoMainPage()).toBe('Main Page');
    expect((await enqueue('Main Page')).error).toMatchObject({ code: 'bad-pagetriage-enqueue-mainpage' });
  });

  it("is the wiki's mainPage setting for both, normalized as a title", async () => {
    await setMainPage('start_page');
    expect(await siteinfoMainPage()).toBe('Start page');
    expect((await enqueue('Start page')).error).toMatchObject({ code: 'bad-pagetriage-enqueue-mainpage' });
    expect(await enqueue('Main Page')).toEqual({ pagetriageaction: { result: 'success' } });
  });
});
