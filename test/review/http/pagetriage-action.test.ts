import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_WIKI } from '../../factories/app.ts';
import { buildReviewApp, postAction, type ReviewTestApp, type ReviewUser } from '../../factories/review.ts';

/** review-queue-reference.md §10 "ApiPageTriageAction" and the end-to-end review flow. */
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

const act = (who: ReviewUser, params: Record<string, string>) =>
  postAction(who.api, 'pagetriageaction', params);

describe('pagetriageaction', () => {
  it('reviews a page, and repeating it answers done with the page id', async () => {
    const id = await t.edit(creator, 'Reviewed once', 'x');
    t.advance(5);
    expect((await act(patroller, { pageid: String(id), reviewed: '1' })).json).toEqual({
      pagetriageaction: { result: 'success' },
    });
    expect((await t.queued(id))?.status).toBe(1);
    t.advance(5);
    expect((await act(patroller, { pageid: String(id), reviewed: '1' })).json).toEqual({
      pagetriageaction: { result: 'done', pagetriage_unchanged_status: id },
    });
  });

  it('refuses a blocked patroller both review and unreview', async () => {
    const blockedPatroller = await t.user('Blocked patroller', ['patroller']);
    const id = await t.edit(creator, 'Blocked target', 'x');
    await t.services.wikiSources.for(TEST_WIKI).block(await sysop.actor(), {
      target: 'Blocked patroller',
      expiry: null,
      reason: 'test',
    });
    for (const reviewed of ['1', '0']) {
      t.advance(5);
      expect((await act(blockedPatroller, { pageid: String(id), reviewed })).json.error).toMatchObject({
        code: 'blocked',
      });
    }
    expect((await t.queued(id))?.status).toBe(0);
  });

  it('refuses a plain user, an autopatrol-only user and an anonymous user', async () => {
    const id = await t.edit(creator, 'Permission target', 'x');
    const plain = await t.user('Plain reviewer');
    const autopatrolOnly = await t.user('Autopatrol only', ['autopatrolled']);
    const anonymous = t.anonymousApi();
    for (const api of [plain.api, autopatrolOnly.api, anonymous]) {
      t.advance(5);
      const res = await postAction(api, 'pagetriageaction', { pageid: String(id), reviewed: '1' });
      expect(res.json.error).toMatchObject({
        code: 'permissiondenied',
        info: "You don't have permission to mark others' edits as patrolled.",
      });
    }
  });

  it('answers a bad page id with the missingtitle message', async () => {
    const res = await act(patroller, { pageid: '987654', reviewed: '1' });
    expect(res.json.error).toMatchObject({ code: 'bad-page', info: "The page you specified doesn't exist." });
  });

  it('needs exactly one of reviewed and enqueue', async () => {
    const id = await t.edit(creator, 'Mode target', 'x');
    expect((await act(sysop, { pageid: String(id) })).json.error).toMatchObject({
      code: 'missingparam-one-of',
    });
    expect((await act(sysop, { pageid: String(id), reviewed: '1', enqueue: '1' })).json.error).toMatchObject({
      code: 'invalidparammix',
    });
  });

  it('needs a POST with a csrf token', async () => {
    const res = await patroller.api.get({
      action: 'pagetriageaction',
      pageid: '1',
      reviewed: '1',
      formatversion: '2',
    });
    expect(res.json.error).toMatchObject({ code: 'mustbeposted' });
    const noToken = await patroller.api.post({
      action: 'pagetriageaction',
      pageid: '1',
      reviewed: '1',
      formatversion: '2',
    });
    expect(noToken.json.error).toMatchObject({ code: 'notoken' });
  });

  it('rejects change tags users may not apply', async () => {
    const id = await t.edit(creator, 'Tag target', 'x');
    const res = await act(sysop, { pageid: String(id), reviewed: '1', tags: 'not-a-real-tag' });
    expect(res.json.error).toMatchObject({ code: 'badtags' });
  });

  it('enqueues a page that left the queue, logging enqueue and unreviewed-article', async () => {
    const id = await t.edit(creator, 'Requeued', 'x');
    await t.services.review.store.reviewQueue.delete(TEST_WIKI, [id]);
    const res = await act(sysop, { pageid: String(id), enqueue: '1', note: 'please look again' });
    expect(res.json).toEqual({ pagetriageaction: { result: 'success' } });
    expect((await t.queued(id))?.status).toBe(0);
    const log = await sysop.api.get({
      action: 'query',
      list: 'logevents',
      letype: 'pagetriage-curation',
      letitle: 'Requeued',
      formatversion: '2',
    });
    const actions = (log.json.query as { logevents: { action: string }[] }).logevents
      .map((e) => e.action)
      .sort();
    expect(actions).toEqual(['enqueue', 'unreviewed-article']);
    expect((await act(sysop, { pageid: String(id), enqueue: '1' })).json.error).toMatchObject({
      code: 'bad-pagetriage-enqueue-alreadyqueued',
    });
  });
});

describe('end to end: a newcomer creates a page, a patroller reviews it', () => {
  it('lists the newcomer page with its flags, logs the review, notifies the creator and flags a block', async () => {
    const newcomer = await t.user('Fresh newcomer');
    const created = await postAction(newcomer.api, 'edit', {
      title: 'Newcomer topic',
      text: 'A new topic without sources.',
    });
    const pageId = (created.json.edit as { pageid: number }).pageid;
    await t.drain();

    const listed = await t.list({ showunreviewed: '1', showothers: '1' });
    const row = listed.pages.find((p) => p.pageid === String(pageId));
    expect(row).toMatchObject({
      title: 'Newcomer topic',
      patrol_status: '0',
      user_name: 'Fresh newcomer',
      user_experience: 'newcomer',
      user_autoconfirmed: '0',
      user_block_status: '0',
      reference: '0',
      category_count: '0',
      linkcount: '0',
      rev_count: '1',
    });
    expect(
      (await t.list({ showunreviewed: '1', showothers: '1', non_autoconfirmed_users: '1' })).ids,
    ).toContain(pageId);

    t.advance(5);
    const reviewed = await act(patroller, {
      pageid: String(pageId),
      reviewed: '1',
      note: 'Nice start, add sources.',
    });
    expect(reviewed.json).toEqual({ pagetriageaction: { result: 'success' } });

    const log = await t.anonymousApi().get({
      action: 'query',
      list: 'logevents',
      letype: 'pagetriage-curation',
      letitle: 'Newcomer topic',
      formatversion: '2',
    });
    const entries = (log.json.query as { logevents: Record<string, unknown>[] }).logevents;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'reviewed-article',
      user: 'Patroller',
      comment: 'Nice start, add sources.',
    });

    const notes = await newcomer.api.get({
      action: 'query',
      meta: 'notifications',
      notformat: 'model',
      formatversion: '2',
    });
    const list = (notes.json.query as { notifications: { list: Record<string, unknown>[] } }).notifications
      .list;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      type: 'pagetriage-mark-as-reviewed',
      category: 'page-review',
      section: 'message',
      title: { full: 'Newcomer topic', 'namespace-key': 0 },
      agent: { id: patroller.id, name: 'Patroller' },
      '*': { body: 'Nice start, add sources.' },
    });

    await t.services.wikiSources.for(TEST_WIKI).block(await sysop.actor(), {
      target: 'Fresh newcomer',
      expiry: null,
      reason: 'spam',
    });
    await t.drain();
    const blocked = await t.list({ showreviewed: '1', showothers: '1', blocked_users: '1' });
    expect(blocked.ids).toContain(pageId);
    expect(blocked.pages.find((p) => p.pageid === String(pageId))).toMatchObject({
      user_block_status: '1',
      patrol_status: '1',
    });
  });
});
