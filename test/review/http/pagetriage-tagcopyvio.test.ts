import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_WIKI } from '../../factories/app.ts';
import { buildReviewApp, postAction, type ReviewTestApp, type ReviewUser } from '../../factories/review.ts';

/** review-queue-reference.md §10 "ApiPageTriageTagCopyvio". */
let t: ReviewTestApp;
let bot: ReviewUser;
let creator: ReviewUser;
beforeAll(async () => {
  t = await buildReviewApp({ enableCopyvio: true });
  bot = await t.user('Copy patrol bot', ['copyviobot']);
  creator = await t.user('Copier');
});
afterAll(async () => t.close());

const tag = (revid: number, extra: Record<string, string> = {}) =>
  postAction(bot.api, 'pagetriagetagcopyvio', { revid: String(revid), ...extra });

async function latestRev(pageId: number): Promise<number> {
  return (await t.services.store.pages.getById(TEST_WIKI, pageId))!.latestRevId;
}

async function copyvioLog(title: string): Promise<{ action: string; params: Record<string, unknown> }[]> {
  const res = await t.anonymousApi().get({
    action: 'query',
    list: 'logevents',
    letype: 'pagetriage-copyvio',
    letitle: title,
    ledir: 'newer',
    formatversion: '2',
  });
  return (res.json.query as { logevents: { action: string; params: Record<string, unknown> }[] }).logevents;
}

describe('pagetriagetagcopyvio', () => {
  it('refuses a user without the pagetriage-copyvio right', async () => {
    const id = await t.edit(creator, 'No right page', 'x');
    const res = await postAction(creator.api, 'pagetriagetagcopyvio', { revid: String(await latestRev(id)) });
    expect(res.json.error).toMatchObject({ code: 'permissiondenied' });
  });

  it('answers a missing revision with "There is no revision with ID n."', async () => {
    const res = await tag(99999);
    expect(res.json.error).toMatchObject({
      code: 'nosuchrevid',
      info: 'There is no revision with ID 99999.',
    });
  });

  it('tags a revision: success, the page appears under the copyvio filter, one log entry with the revision id', async () => {
    const id = await t.edit(creator, 'Copied page', 'Copied text.');
    const rev = await latestRev(id);
    expect((await tag(rev)).json).toEqual({ pagetriagetagcopyvio: { result: 'success' } });
    const listed = await t.list({ showunreviewed: '1', show_predicted_issues_copyvio: '1' });
    expect(listed.ids).toEqual([id]);
    expect(listed.pages[0]).toMatchObject({ copyvio: String(rev) });
    const log = await copyvioLog('Copied page');
    expect(log).toHaveLength(1);
    expect(log[0]!.action).toBe('insert');
    expect(JSON.stringify(log[0]!.params)).toContain(String(rev));
  });

  it('answers a duplicate with done and no new log; a new revision is tagged with a second entry', async () => {
    const id = await t.edit(creator, 'Twice copied', 'One.');
    const first = await latestRev(id);
    await tag(first);
    expect((await tag(first)).json).toEqual({
      pagetriagetagcopyvio: { result: 'done', pagetriage_unchanged_status: first },
    });
    expect(await copyvioLog('Twice copied')).toHaveLength(1);
    await t.edit(creator, 'Twice copied', 'Two.');
    const second = await latestRev(id);
    expect((await tag(second)).json).toEqual({ pagetriagetagcopyvio: { result: 'success' } });
    expect((await copyvioLog('Twice copied')).map((e) => e.action)).toEqual(['insert', 'insert']);
  });

  it('untags with success and a delete log entry; a repeated untag answers done', async () => {
    const id = await t.edit(creator, 'Untagged page', 'x');
    const rev = await latestRev(id);
    await tag(rev);
    expect((await tag(rev, { untag: '1' })).json).toEqual({ pagetriagetagcopyvio: { result: 'success' } });
    expect((await copyvioLog('Untagged page')).map((e) => e.action)).toEqual(['insert', 'delete']);
    expect((await tag(rev, { untag: '1' })).json).toEqual({
      pagetriagetagcopyvio: { result: 'done', pagetriage_unchanged_status: rev },
    });
    expect((await t.queued(id))?.metadata?.copyvioRevId).toBeNull();
  });
});
