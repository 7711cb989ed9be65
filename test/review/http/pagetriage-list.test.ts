import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toMwTimestamp } from '../../../src/core/domain/clock.ts';
import { TEST_WIKI } from '../../factories/app.ts';
import { buildReviewApp, postAction, type ReviewTestApp, type ReviewUser } from '../../factories/review.ts';

/** review-queue-reference.md §10 "ApiPageTriageList", through api.php over the real services. */
let t: ReviewTestApp;
let sysop: ReviewUser;
beforeAll(async () => {
  t = await buildReviewApp();
  sysop = await t.user('Admin', ['sysop']);
});
afterAll(async () => t.close());

const drafts = (extra: Record<string, string> = {}) =>
  t.list({ namespace: '118', showreviewed: '1', showunreviewed: '1', ...extra });
const everything = (extra: Record<string, string> = {}) =>
  t.list({ showreviewed: '1', showunreviewed: '1', ...extra });

async function review(pageId: number, reviewed: '0' | '1' = '1') {
  const res = await postAction(sysop.api, 'pagetriageaction', { pageid: String(pageId), reviewed });
  expect(res.json.pagetriageaction).toMatchObject({ result: 'success' });
}

describe('drafts and AfC', () => {
  it('a draft is absent from ns 0 and present in Draft', async () => {
    const u = await t.user('Drafter');
    const id = await t.edit(u, 'Draft:Only a draft', 'Draft text.');
    expect((await everything({ username: 'Drafter' })).ids).toEqual([]);
    expect((await drafts({ username: 'Drafter' })).ids).toEqual([id]);
  });

  it('the Declined category makes afc_state=4 match; removing the category unmatches', async () => {
    const u = await t.user('Decliner');
    const id = await t.edit(u, 'Draft:Declined one', 'Text.\n[[Category:Declined AfC submissions]]');
    expect((await drafts({ username: 'Decliner', afc_state: '4' })).ids).toEqual([id]);
    await t.edit(u, 'Draft:Declined one', 'Text.');
    expect((await drafts({ username: 'Decliner', afc_state: '4' })).ids).toEqual([]);
  });

  it('afc_state=4&recreated=1 returns only the recreated declined draft', async () => {
    const u = await t.user('Recreator');
    const declined = '\n[[Category:Declined AfC submissions]]';
    await t.edit(u, 'Draft:Came back', 'First.');
    await t.services.wikiSources
      .for(TEST_WIKI)
      .delete(await sysop.actor(), { title: 'Draft:Came back', reason: 'test' });
    await t.drain();
    const recreated = await t.edit(u, 'Draft:Came back', `Second.${declined}`);
    await t.edit(u, 'Draft:Never deleted', `Other.${declined}`);
    expect((await drafts({ username: 'Recreator', afc_state: '4', recreated: '1' })).ids).toEqual([
      recreated,
    ]);
  });

  it('"reviewing now" + pending gives 3, regardless of category order', async () => {
    const u = await t.user('Submitter');
    const a = await t.edit(
      u,
      'Draft:Under review A',
      'A.\n[[Category:Pending AfC submissions]]\n[[Category:Pending AfC submissions being reviewed now]]',
    );
    const b = await t.edit(
      u,
      'Draft:Under review B',
      'B.\n[[Category:Pending AfC submissions being reviewed now]]\n[[Category:Pending AfC submissions]]',
    );
    const { pages } = await drafts({ username: 'Submitter' });
    expect(pages.map((p) => [Number(p.pageid), p.afc_state])).toEqual([
      [b, '3'],
      [a, '3'],
    ]);
  });

  it('unsubmitted count goes +1/−1/+1 as the category is added and removed', async () => {
    const u = await t.user('Unsubmitted');
    const count = async () => (await drafts({ username: 'Unsubmitted', afc_state: '1' })).ids.length;
    expect(await count()).toBe(0);
    await t.edit(u, 'Draft:Toggling', 'Plain.');
    expect(await count()).toBe(1);
    await t.edit(u, 'Draft:Toggling', 'Plain.\n[[Category:Pending AfC submissions]]');
    expect(await count()).toBe(0);
    await t.edit(u, 'Draft:Toggling', 'Plain again.');
    expect(await count()).toBe(1);
  });

  it('moving main→draft adds the page to Draft; draft→main removes it', async () => {
    const u = await t.user('Mover');
    const id = await t.edit(u, 'Moving article', 'Text.');
    const admin = await sysop.actor();
    await t.services.wikiSources.for(TEST_WIKI).move(admin, {
      from: 'Moving article',
      to: 'Draft:Moving article',
      noRedirect: true,
    });
    await t.drain();
    expect((await drafts({ username: 'Mover' })).ids).toEqual([id]);
    expect((await everything({ username: 'Mover' })).ids).toEqual([]);
    await t.services.wikiSources.for(TEST_WIKI).move(admin, {
      from: 'Draft:Moving article',
      to: 'Moving article',
      noRedirect: true,
    });
    await t.drain();
    expect((await drafts({ username: 'Mover' })).ids).toEqual([]);
    expect((await everything({ username: 'Mover' })).ids).toEqual([id]);
  });
});

describe('review status', () => {
  it('a sysop with autopatrol creates a reviewed page; a normal user creates an unreviewed one', async () => {
    const u = await t.user('Plain creator');
    const bySysop = await t.edit(sysop, 'Sysop article', 'Text.');
    const byUser = await t.edit(u, 'User article', 'Text.');
    const { pages } = await everything({ page_id: String(bySysop) });
    expect(pages[0]).toMatchObject({
      patrol_status: '3',
      reviewer: 'Admin',
      ptrp_last_reviewed_by: String(sysop.id),
    });
    expect((await everything({ page_id: String(byUser) })).pages[0]).toMatchObject({ patrol_status: '0' });
    expect((await t.list({ showunreviewed: '1', username: 'Admin' })).ids).not.toContain(bySysop);
  });

  it('a redirect turned into an article becomes unreviewed', async () => {
    const u = await t.user('Expander');
    const id = await t.edit(sysop, 'Flipping redirect', '#REDIRECT [[Sysop article]]');
    expect((await t.queued(id))?.status).toBe(3);
    await t.edit(u, 'Flipping redirect', 'Now a real article about the subject.');
    const row = (await everything({ page_id: String(id) })).pages[0];
    expect(row).toMatchObject({ patrol_status: '0', is_redirect: '0' });
  });
});

describe('params', () => {
  it('answers topreviewers with "Unrecognized parameter" and accepts offset', async () => {
    const res = await t.anonymousApi().get({
      action: 'pagetriagelist',
      formatversion: '2',
      showunreviewed: '1',
      topreviewers: 'last-week',
      offset: '20231114221320',
    });
    expect(res.json.pagetriagelist).toMatchObject({ result: 'success' });
    const warnings = JSON.stringify(res.json.warnings);
    expect(warnings).toContain('Unrecognized parameter: topreviewers.');
    expect(warnings).not.toContain('offset');
  });

  it('sorts by creation date and by review date', async () => {
    const u = await t.user('Sorter');
    const a = await t.edit(u, 'Sort A', 'A.');
    t.advance(10);
    const b = await t.edit(u, 'Sort B', 'B.');
    t.advance(10);
    const c = await t.edit(u, 'Sort C', 'C.');
    for (const id of [c, a, b]) {
      t.advance(10);
      await review(id);
    }
    const q = { username: 'Sorter' };
    expect((await everything({ ...q, dir: 'newestfirst' })).ids).toEqual([c, b, a]);
    expect((await everything({ ...q, dir: 'oldestfirst' })).ids).toEqual([a, b, c]);
    expect((await everything({ ...q, dir: 'newestreview' })).ids).toEqual([b, a, c]);
    expect((await everything({ ...q, dir: 'oldestreview' })).ids).toEqual([c, a, b]);
  });

  it('pages by review date with offset=reviewed_updated and pageoffset, every page once in review order', async () => {
    const u = await t.user('Pager');
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push(await t.edit(u, `Paged ${i}`, `Page ${i}.`));
      t.advance(5);
    }
    // Reviewed in another order than created; two pairs share a review second (pageoffset breaks the tie).
    const reviewOrder = [ids[4]!, ids[0]!, ids[6]!, ids[2]!, ids[5]!, ids[1]!, ids[3]!];
    for (const [i, id] of reviewOrder.entries()) {
      if (i % 2 === 0) t.advance(7);
      await review(id);
    }
    const reviewedAt = new Map(reviewOrder.map((id, i) => [id, Math.floor(i / 2)]));
    const expected = [...ids].sort((x, y) => reviewedAt.get(y)! - reviewedAt.get(x)! || y - x);
    const seen: number[] = [];
    let cont: Record<string, string> = {};
    for (let round = 0; round < 10; round++) {
      const { pages } = await everything({ username: 'Pager', dir: 'newestreview', limit: '2', ...cont });
      const shown = pages.slice(0, 2);
      seen.push(...shown.map((p) => Number(p.pageid)));
      if (pages.length <= 2) break;
      const last = shown[shown.length - 1]!;
      cont = { offset: String(last.ptrp_reviewed_updated), pageoffset: String(last.pageid) };
    }
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(ids.length);
  });

  it('reports creator_is_temp_account false for a registered creator', async () => {
    const u = await t.user('Registered creator');
    const id = await t.edit(u, 'Registered article', 'Text.');
    expect((await everything({ page_id: String(id) })).pages[0]).toMatchObject({
      creator_is_temp_account: false,
      creator_is_expired_temp_account: false,
    });
  });

  it.skip('reports creator_is_temp_account true for a temporary account (this service has no temporary accounts)', () => {});

  it('serves a blocked visitor the queue, while userinfo still reports the block', async () => {
    const u = await t.user('Read while blocked');
    const id = await t.edit(u, 'Read while blocked page', 'Text.');
    await t.services.wikiSources.for(TEST_WIKI).block(await sysop.actor(), {
      target: '127.0.0.1',
      expiry: null,
      reason: 'test',
    });
    try {
      expect((await everything({ username: 'Read while blocked' })).ids).toEqual([id]);
      const info = await t
        .anonymousApi()
        .get({ action: 'query', meta: 'userinfo', uiprop: 'blockinfo', formatversion: '2' });
      expect((info.json.query as { userinfo: { blockreason?: string } }).userinfo.blockreason).toBe('test');
    } finally {
      await t.services.wikiSources
        .for(TEST_WIKI)
        .unblock(await sysop.actor(), { target: '127.0.0.1', reason: 'test done' });
    }
  });

  it('returns limit+1 rows when there are more', async () => {
    const u = await t.user('Limiter');
    for (let i = 0; i < 4; i++) await t.edit(u, `Limited ${i}`, 'x');
    expect((await everything({ username: 'Limiter', limit: '2' })).ids).toHaveLength(3);
    expect((await everything({ username: 'Limiter', limit: '10' })).ids).toHaveLength(4);
  });

  it('treats a namespace outside the tracked ones as 0', async () => {
    const u = await t.user('Namespacer');
    const id = await t.edit(u, 'Namespaced article', 'x');
    expect((await everything({ username: 'Namespacer', namespace: '4' })).ids).toEqual([id]);
  });
});

describe('other filters', () => {
  it('date bounds are inclusive', async () => {
    const u = await t.user('Dater');
    t.advance(100);
    const first = await t.edit(u, 'Dated 1', 'x');
    const from = t.now();
    t.advance(100);
    const second = await t.edit(u, 'Dated 2', 'x');
    const to = t.now();
    t.advance(100);
    await t.edit(u, 'Dated 3', 'x');
    const { ids } = await everything({
      username: 'Dater',
      date_range_from: toMwTimestamp(from),
      date_range_to: toMwTimestamp(to),
    });
    expect(ids).toEqual([second, first]);
  });

  it('keyword is case-sensitive', async () => {
    const u = await t.user('Keyworder');
    const id = await t.edit(u, 'Zebra article', 'Zebra crossings are striped.');
    expect((await everything({ username: 'Keyworder', keyword: 'Zebra' })).ids).toEqual([id]);
    expect((await everything({ username: 'Keyworder', keyword: 'zebra' })).ids).toEqual([]);
  });

  it('keyword is dropped from the list when the preset disables keyword search', async () => {
    const u = await t.user('Keyword off');
    const id = await t.edit(u, 'Keyword off article', 'Something else.');
    await t.setReview({ enableKeywordSearch: false });
    try {
      expect((await everything({ username: 'Keyword off', keyword: 'Nothing like it' })).ids).toEqual([id]);
    } finally {
      await t.setReview({});
    }
  });

  it('follows the type truth table of showredirs, showdeleted and showothers', async () => {
    const u = await t.user('Typer');
    const other = await t.edit(u, 'Type other', 'Plain article.');
    const redirect = await t.edit(u, 'Type redirect', '#REDIRECT [[Type other]]');
    const nominated = await t.edit(u, 'Type nominated', 'Bad.\n[[Category:Candidates for speedy deletion]]');
    const cases: [string[], number[]][] = [
      [[], [nominated, redirect, other]],
      [
        ['showredirs', 'showdeleted', 'showothers'],
        [nominated, redirect, other],
      ],
      [['showothers'], [other]],
      [['showdeleted'], [nominated]],
      [['showredirs'], [redirect]],
      [
        ['showdeleted', 'showothers'],
        [nominated, other],
      ],
      [
        ['showredirs', 'showothers'],
        [redirect, other],
      ],
      [
        ['showdeleted', 'showredirs'],
        [nominated, redirect],
      ],
    ];
    for (const [flags, expected] of cases) {
      const params = Object.fromEntries(flags.map((f) => [f, '1']));
      expect((await everything({ username: 'Typer', ...params })).ids, flags.join('+') || 'none').toEqual(
        expected,
      );
    }
  });

  it('recreated returns only pages that were deleted before', async () => {
    const u = await t.user('Phoenix');
    await t.edit(u, 'Phoenix article', 'First life.');
    await t.services.wikiSources
      .for(TEST_WIKI)
      .delete(await sysop.actor(), { title: 'Phoenix article', reason: 'test' });
    await t.drain();
    const again = await t.edit(u, 'Phoenix article', 'Second life.');
    await t.edit(u, 'Phoenix sibling', 'Never deleted.');
    expect((await everything({ username: 'Phoenix', recreated: '1' })).ids).toEqual([again]);
  });

  it('showdeleted follows the AfD category', async () => {
    const u = await t.user('Nominee');
    const id = await t.edit(u, 'AfD article', 'Text.\n[[Category:Articles for deletion]]');
    expect((await everything({ username: 'Nominee', showdeleted: '1' })).ids).toEqual([id]);
    await t.edit(u, 'AfD article', 'Text, kept.');
    expect((await everything({ username: 'Nominee', showdeleted: '1' })).ids).toEqual([]);
  });

  it('talkpage_feedback_count counts pagetriage-tagged talk revisions: article 0→2, draft 0→1', async () => {
    const u = await t.user('Feedbacker');
    const article = await t.edit(u, 'Feedback article', 'Text.');
    const draft = await t.edit(u, 'Draft:Feedback draft', 'Text.');
    const count = async (id: number) =>
      (await everything({ page_id: String(id) })).pages[0]!.talkpage_feedback_count;
    expect(await count(article)).toBe(0);
    expect(await count(draft)).toBe(0);
    await t.edit(sysop, 'Talk:Feedback article', 'Note one.', { tags: ['pagetriage'] });
    await t.edit(sysop, 'Talk:Feedback article', 'Note one. Note two.', { tags: ['pagetriage'] });
    await t.edit(sysop, 'Talk:Feedback article', 'Untagged.');
    await t.edit(sysop, 'Draft talk:Feedback draft', 'Note.', { tags: ['pagetriage'] });
    expect(await count(article)).toBe(2);
    expect(await count(draft)).toBe(1);
  });

  it('showautopatrolled lists pages of creators holding autopatrol, within the state filter', async () => {
    const u = await t.user('Trusted', ['autopatrolled']);
    const plain = await t.user('Untrusted');
    const trusted = await t.edit(u, 'Trusted article', 'x');
    await t.edit(plain, 'Untrusted article', 'x');
    expect((await t.list({ showreviewed: '1', showautopatrolled: '1', username: 'Trusted' })).ids).toEqual([
      trusted,
    ]);
    expect((await t.list({ showreviewed: '1', showautopatrolled: '1', username: 'Untrusted' })).ids).toEqual(
      [],
    );
  });
});

describe('page objects', () => {
  it('links the creator and reviewer, with user-page existence', async () => {
    const u = await t.user('Linked creator');
    await t.edit(u, 'User:Linked creator', 'About me.');
    const id = await t.edit(u, 'Linked article', 'x');
    await review(id);
    const page = (await everything({ page_id: String(id) })).pages[0]!;
    expect(page).toMatchObject({
      title: 'Linked article',
      user_name: 'Linked creator',
      creator_user_page: 'User:Linked creator',
      creator_user_page_exist: true,
      creator_user_talk_page: 'User talk:Linked creator',
      creator_user_talk_page_exist: false,
      creator_contribution_page: 'Special:Contributions/Linked creator',
      creator_hidden: false,
      patrol_status: '1',
      reviewer: 'Admin',
      reviewer_user_page: 'User:Admin',
      reviewer_contribution_page: 'Special:Contributions/Admin',
    });
    expect(page.creator_user_page_url).toMatch(/\/wiki\/User:Linked_creator$/);
    // The list reads the same existence with its rows.
    await t.edit(sysop, 'User talk:Admin', 'Talk to me.');
    const listed = (await everything({ username: 'Linked creator' })).pages.find(
      (p) => p.pageid === String(id),
    );
    expect(listed).toMatchObject({
      creator_user_page_exist: true,
      creator_user_talk_page_exist: false,
      reviewer_user_page_exist: false,
      reviewer_user_talk_page_exist: true,
    });
  });

  it('answers as PageTriage in both format versions: pageid a string in list mode, real booleans, reviewer null', async () => {
    const u = await t.user('Shape creator');
    await t.edit(u, 'User:Shape creator', 'About me.');
    const id = await t.edit(u, 'Shape article', 'Text.');
    const get = async (params: Record<string, string>) =>
      (
        (await t.anonymousApi().get({ action: 'pagetriagelist', ...params })).json.pagetriagelist as {
          pages: Record<string, unknown>[];
        }
      ).pages;
    for (const formatversion of ['1', '2']) {
      const [listed] = await get({ formatversion, showunreviewed: '1', username: 'Shape creator' });
      expect(listed, `formatversion ${formatversion}`).toMatchObject({
        pageid: String(id),
        reviewer: null,
        creator_user_page_exist: true,
        creator_user_talk_page_exist: false,
      });
      const [one] = await get({ formatversion, page_id: String(id) });
      expect(one, `formatversion ${formatversion}`).toMatchObject({ pageid: id, reviewer: null });
    }
  });

  it("gives creation_date in the requesting user's time correction and creation_date_utc in UTC", async () => {
    const u = await t.user('Zoned creator');
    const id = await t.edit(u, 'Zoned article', 'x');
    const viewer = await t.user('Zoned viewer');
    await t.services.store.users.setOptions(TEST_WIKI, viewer.id, { timecorrection: 'Offset|90' });
    const res = await viewer.api.get({ action: 'pagetriagelist', page_id: String(id), formatversion: '2' });
    const page = (res.json.pagetriagelist as { pages: Record<string, unknown>[] }).pages[0]!;
    const created = (await t.queued(id))!.createdAt;
    expect(page.creation_date_utc).toBe(toMwTimestamp(created));
    expect(page.creation_date).toBe(toMwTimestamp(created + 90 * 60));
  });

  it('gives redirects their redirect_target', async () => {
    const u = await t.user('Redirector');
    const id = await t.edit(u, 'Some redirect', '#REDIRECT [[Draft:Elsewhere]]');
    const { pages } = await everything({ username: 'Redirector' });
    expect(pages.map((p) => [Number(p.pageid), p.is_redirect, p.redirect_target])).toEqual([
      [id, '1', 'Draft:Elsewhere'],
    ]);
  });

  it('page_id mode adds the talk page and is_orphan, which turns false once an article links in', async () => {
    const u = await t.user('Orphan maker');
    const id = await t.edit(u, 'Lonely article', 'x');
    expect((await everything({ page_id: String(id) })).pages[0]).toMatchObject({
      talk_page_title: 'Talk:Lonely article',
      is_orphan: true,
    });
    await t.edit(u, 'Friendly article', 'See [[Lonely article]].');
    expect((await everything({ page_id: String(id) })).pages[0]).toMatchObject({ is_orphan: false });
  });

  it('returns nothing for a page_id that is not queued', async () => {
    const res = await everything({ page_id: '999999' });
    expect(res.body).toMatchObject({ result: 'success', pages: [] });
  });

  it('leaves out pages without metadata, lists them, answers warning and queues their compilation', async () => {
    const u = await t.user('Uncompiled');
    const saved = await t.services.wikiSources.for(TEST_WIKI).edit(await u.actor(), {
      title: 'Uncompiled article',
      text: 'x',
    });
    const page = await t.services.store.pages.getById(TEST_WIKI, saved.pageid);
    await t.services.review.store.reviewQueue.insert({
      wiki: TEST_WIKI,
      pageId: saved.pageid,
      namespace: 0,
      title: page!.title,
      isRedirect: false,
      status: 0,
      createdAt: page!.createdAt,
      reviewedUpdated: page!.createdAt,
      lastReviewedBy: 0,
      reviewerName: '',
    });
    const before = await everything({ page_id: String(saved.pageid) });
    expect(before.body).toMatchObject({
      result: 'warning',
      pages_missing_metadata: [saved.pageid],
      pages: [],
    });
    const jobs = await t.services.store.jobs.list({ type: 'review:compile', limit: 10 });
    expect(jobs.map((j) => j.payload.pageId)).toContain(saved.pageid);
    await t.drain();
    const after = await everything({ page_id: String(saved.pageid) });
    expect(after.body).toMatchObject({ result: 'success', pages_missing_metadata: [] });
    expect(after.ids).toEqual([saved.pageid]);
  });
});

describe('ORES and copyvio', () => {
  let o: ReviewTestApp;
  let bot: ReviewUser;
  beforeAll(async () => {
    o = await buildReviewApp({ enableOres: true, enableCopyvio: true });
    bot = await o.user('Copyvio bot', ['copyviobot']);
  });
  afterAll(async () => o.close());

  async function page(
    user: ReviewUser,
    title: string,
    p: { quality?: number; draft?: number; copyvio?: boolean },
  ) {
    const id = await o.edit(user, title, `${title}.`);
    await o.services.review.store.reviewQueue.setPredictions(TEST_WIKI, id, {
      articleQuality: p.quality ?? null,
      draftQuality: p.draft ?? null,
    });
    if (p.copyvio) {
      const rev = (await o.services.store.pages.getById(TEST_WIKI, id))!.latestRevId;
      const res = await postAction(bot.api, 'pagetriagetagcopyvio', { revid: String(rev) });
      expect(res.json.pagetriagetagcopyvio).toMatchObject({ result: 'success' });
    }
    return id;
  }

  it('C matches 0.4, spam matches class 2, and 0.5 is "B-class", not C', async () => {
    const u = await o.user('Scored');
    const c = await page(u, 'Scored C', { quality: 0.4, draft: 1 });
    const b = await page(u, 'Scored B', { quality: 0.5, draft: 2 });
    const q = { username: 'Scored', showunreviewed: '1' };
    expect((await o.list({ ...q, show_predicted_class_c: '1' })).ids).toEqual([c]);
    expect((await o.list({ ...q, show_predicted_class_b: '1' })).ids).toEqual([b]);
    expect((await o.list({ ...q, show_predicted_issues_spam: '1' })).ids).toEqual([b]);
    const { pages } = await o.list(q);
    expect(pages.map((p) => [Number(p.pageid), p.ores_articlequality, p.ores_draftquality])).toEqual([
      [b, 'B-class', 'Spam'],
      [c, 'C-class', ''],
    ]);
  });

  it('applies the copyvio matrix of none/spam/copyvio issue filters', async () => {
    const u = await o.user('Matrix');
    const ids = [
      await page(u, 'M1', {}),
      await page(u, 'M2', { draft: 1 }),
      await page(u, 'M3', { draft: 2 }),
      await page(u, 'M4', { copyvio: true }),
      await page(u, 'M5', { draft: 1, copyvio: true }),
      await page(u, 'M6', { draft: 2, copyvio: true }),
    ];
    const pick = async (issues: string[]) => {
      const params = Object.fromEntries(issues.map((i) => [`show_predicted_issues_${i}`, '1']));
      const { ids: got } = await o.list({
        username: 'Matrix',
        showunreviewed: '1',
        dir: 'oldestfirst',
        ...params,
      });
      return got.map((id) => ids.indexOf(id) + 1);
    };
    expect(await pick(['spam'])).toEqual([3, 6]);
    expect(await pick(['copyvio'])).toEqual([4, 5, 6]);
    expect(await pick(['none'])).toEqual([1, 2]);
    expect(await pick(['none', 'copyvio'])).toEqual([1, 2, 4, 5, 6]);
    expect(await pick(['spam', 'copyvio'])).toEqual([3, 4, 5, 6]);
  });

  it('ignores the ORES filters and fields when the preset has no predictions', async () => {
    const u = await t.user('No ORES');
    const id = await t.edit(u, 'No ORES article', 'x');
    const { pages } = await t.list({
      username: 'No ORES',
      showunreviewed: '1',
      show_predicted_class_featured: '1',
    });
    expect(pages.map((p) => Number(p.pageid))).toEqual([id]);
    expect(pages[0]).not.toHaveProperty('ores_articlequality');
  });
});

describe('NOINDEX in page_id mode', () => {
  it('reports noindex for a new page carrying __NOINDEX__ and not for an ordinary one', async () => {
    const u = await t.user('Indexer');
    const hidden = await t.edit(u, 'Hidden from search', 'Text. __NOINDEX__');
    const shown = await t.edit(u, 'Shown in search', 'Text.');
    expect((await everything({ page_id: String(hidden) })).pages[0]).toMatchObject({ noindex: true });
    expect((await everything({ page_id: String(shown) })).pages[0]).toMatchObject({ noindex: false });
  });

  it('reports noindex for unreviewed new articles when the wiki asks for it, and drops it once reviewed', async () => {
    const u = await t.user('Unreviewed author');
    const id = await t.edit(u, 'Waiting for review', 'Text.');
    await t.setReview({ noIndexUnreviewedNewArticles: true });
    try {
      expect((await everything({ page_id: String(id) })).pages[0]).toMatchObject({ noindex: true });
      await review(id);
      expect((await everything({ page_id: String(id) })).pages[0]).toMatchObject({ noindex: false });
    } finally {
      await t.setReview({});
    }
  });
});
