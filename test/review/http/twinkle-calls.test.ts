import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../factories/app.ts';
import { buildReviewApp, type ReviewTestApp, type ReviewUser } from '../../factories/review.ts';

/**
 * The requests Twinkle's library (morebits.js) makes, with its exact parameters, in formatversion
 * 1 and 2: loading a page for editing (info + revisions + tokens + testactions + curtimestamp),
 * saving with start/base timestamps, appending, finding the creator, looking for earlier deletions,
 * protecting, deleting, patrolling through recent changes, and marking reviewed through PageTriage
 * (morebits' triage() sends pagetriagelist with page_id and no formatversion).
 */
let t: ReviewTestApp;
let admin: ReviewUser;
let newbie: ReviewUser;
beforeAll(async () => {
  t = await buildReviewApp();
  admin = await t.user('Twinkle admin', ['sysop']);
  newbie = await t.user('Twinkle newbie');
});
afterAll(async () => t.close());

type Version = '1' | '2';
type Json = Record<string, unknown>;

/** `query.pages` as a list in either format version (fv1 keys pages by id). */
function pagesOf(body: Json): Json[] {
  const pages = (body.query as Json).pages as Json[] | Record<string, Json>;
  return Array.isArray(pages) ? pages : Object.values(pages);
}

async function call(api: ApiClient, fv: Version, method: 'GET' | 'POST', params: Record<string, string>) {
  const res = await api.call(method, {
    format: 'json',
    ...(fv === '2' ? { formatversion: '2' } : {}),
    ...params,
  });
  expect(res.json.error, JSON.stringify(res.json.error)).toBeUndefined();
  return res.json;
}

/** morebits' Morebits.wiki.page#load: what the edit form needs in one query. */
async function loadPage(api: ApiClient, fv: Version, title: string) {
  const body = await call(api, fv, 'GET', {
    action: 'query',
    prop: 'info|revisions',
    inprop: 'protection|watched',
    intestactions: 'edit|delete|move',
    curtimestamp: '',
    meta: 'tokens',
    type: 'csrf',
    titles: title,
    rvprop: 'content|timestamp',
    rvslots: 'main',
    redirects: '',
  });
  const page = pagesOf(body)[0]!;
  const revision = (page.revisions as Json[] | undefined)?.[0];
  const slot = (revision?.slots as Record<string, Json> | undefined)?.main;
  return {
    body,
    page,
    token: ((body.query as Json).tokens as Json).csrftoken as string,
    curtimestamp: body.curtimestamp as string,
    timestamp: revision?.timestamp as string | undefined,
    content: slot ? ((fv === '2' ? slot.content : slot['*']) as string) : undefined,
  };
}

describe.each(['1', '2'] as const)('Twinkle (morebits) calls in formatversion %s', (fv) => {
  it('loads a page for editing: token, current timestamp, text, revision timestamp, protection, testactions', async () => {
    const title = `Twinkle load ${fv}`;
    await t.edit(newbie, title, 'Some text.');
    const loaded = await loadPage(admin.api, fv, title);
    expect(loaded.token).toMatch(/\+\\$/);
    expect(loaded.curtimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(loaded.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(loaded.content).toBe('Some text.');
    expect(loaded.page.protection).toEqual([]);
    // morebits reads `actions.edit` as a flag: true in fv2, present ("") in fv1.
    const allowed = fv === '2' ? true : '';
    expect(loaded.page.actions).toEqual({ edit: allowed, delete: allowed, move: allowed });
    expect(typeof loaded.page.lastrevid).toBe('number');
  });

  it('reports a missing page as missing with the create test action, for a page Twinkle will create', async () => {
    const loaded = await loadPage(admin.api, fv, `Twinkle never created ${fv}`);
    expect(loaded.page.missing).toBe(fv === '2' ? true : '');
    expect(loaded.content).toBeUndefined();
  });

  it('saves with starttimestamp and basetimestamp, and is refused with editconflict when another edit came between', async () => {
    const title = `Twinkle save ${fv}`;
    await t.edit(newbie, title, 'Original.');
    const loaded = await loadPage(admin.api, fv, title);
    const saved = await call(admin.api, fv, 'POST', {
      action: 'edit',
      title,
      text: `{{db-a7}}\n${loaded.content}`,
      summary: 'Requesting speedy deletion',
      token: loaded.token,
      starttimestamp: loaded.curtimestamp,
      basetimestamp: loaded.timestamp!,
      watchlist: 'nochange',
      nocreate: '1',
    });
    expect(saved.edit).toMatchObject({ result: 'Success', title });

    const stale = await admin.api.post({
      action: 'edit',
      format: 'json',
      ...(fv === '2' ? { formatversion: '2' } : {}),
      title,
      text: 'Overwriting with an old base.',
      token: loaded.token,
      starttimestamp: loaded.curtimestamp,
      basetimestamp: '2001-01-01T00:00:00Z',
      nocreate: '1',
    });
    expect((stale.json.error as Json).code).toBe('editconflict');
    expect((await loadPage(admin.api, fv, title)).content).toBe('{{db-a7}}\nOriginal.');
  });

  it('appends text (Morebits.wiki.page#append) and refuses nocreate on a missing page', async () => {
    const title = `Twinkle append ${fv}`;
    await t.edit(newbie, title, 'Start.');
    const { token } = await loadPage(admin.api, fv, title);
    await call(admin.api, fv, 'POST', { action: 'edit', title, appendtext: '\n[[Category:Tagged]]', token });
    expect((await loadPage(admin.api, fv, title)).content).toBe('Start.\n[[Category:Tagged]]');

    const missing = await admin.api.post({
      action: 'edit',
      format: 'json',
      ...(fv === '2' ? { formatversion: '2' } : {}),
      title: `Twinkle append missing ${fv}`,
      appendtext: 'x',
      nocreate: '1',
      token,
    });
    expect((missing.json.error as Json).code).toBe('missingtitle');
  });

  it('finds the page creator with rvdir=newer&rvlimit=1 (lookupCreation)', async () => {
    const title = `Twinkle creator ${fv}`;
    await t.edit(newbie, title, 'First.');
    await t.edit(admin, title, 'Second.');
    const body = await call(admin.api, fv, 'GET', {
      action: 'query',
      prop: 'revisions',
      titles: title,
      rvlimit: '1',
      rvprop: 'user|timestamp',
      rvdir: 'newer',
    });
    const revisions = pagesOf(body)[0]!.revisions as Json[];
    expect(revisions).toHaveLength(1);
    expect(revisions[0]!.user).toBe(newbie.name);
  });

  it('protects a page and reads the protection back in the shape Twinkle reads', async () => {
    const title = `Twinkle protect ${fv}`;
    await t.edit(newbie, title, 'Protect me.');
    const { token } = await loadPage(admin.api, fv, title);
    const res = await call(admin.api, fv, 'POST', {
      action: 'protect',
      title,
      token,
      protections: 'edit=sysop|move=sysop',
      expiry: 'infinity|infinity',
      reason: 'Persistent vandalism',
      watchlist: 'nochange',
    });
    expect((res.protect as Json).protections).toEqual([
      { edit: 'sysop', expiry: 'infinite' },
      { move: 'sysop', expiry: 'infinite' },
    ]);
    const loaded = await loadPage(admin.api, fv, title);
    expect(loaded.page.protection).toEqual([
      { type: 'edit', level: 'sysop', expiry: 'infinity' },
      { type: 'move', level: 'sysop', expiry: 'infinity' },
    ]);
  });

  it('deletes a page and finds the deletion in the log (the check before re-nominating)', async () => {
    const title = `Twinkle delete ${fv}`;
    await t.edit(newbie, title, 'Delete me.');
    const { token } = await loadPage(admin.api, fv, title);
    const res = await call(admin.api, fv, 'POST', {
      action: 'delete',
      title,
      token,
      reason: '[[WP:CSD#A7|A7]]: No indication of importance',
      watchlist: 'nochange',
    });
    expect((res.delete as Json).title).toBe(title);
    const log = await call(admin.api, fv, 'GET', {
      action: 'query',
      list: 'logevents',
      letype: 'delete',
      letitle: title,
      leprop: 'user|timestamp|comment|type',
    });
    const events = (log.query as Json).logevents as Json[];
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'delete',
      user: admin.name,
      comment: '[[WP:CSD#A7|A7]]: No indication of importance',
    });
    expect(pagesOf(await call(admin.api, fv, 'GET', { action: 'query', titles: title }))[0]!.missing).toBe(
      fv === '2' ? true : '',
    );
  });

  it('patrols a new page through its recent change (Morebits.wiki.page#patrol)', async () => {
    const title = `Twinkle patrol ${fv}`;
    await t.edit(newbie, title, 'New page.');
    const rc = await call(admin.api, fv, 'GET', {
      action: 'query',
      list: 'recentchanges',
      rctype: 'new',
      rctitle: title,
      rcprop: 'patrolled|ids',
      rclimit: '1',
      meta: 'tokens',
      type: 'patrol',
    });
    const change = ((rc.query as Json).recentchanges as Json[])[0]!;
    expect(change.unpatrolled).toBe(fv === '2' ? true : '');
    const token = ((rc.query as Json).tokens as Json).patroltoken as string;
    const res = await call(admin.api, fv, 'POST', { action: 'patrol', rcid: String(change.rcid), token });
    expect((res.patrol as Json).rcid).toBe(change.rcid);
    const after = await call(admin.api, fv, 'GET', {
      action: 'query',
      list: 'recentchanges',
      rctitle: title,
      rcprop: 'patrolled|ids',
    });
    expect(((after.query as Json).recentchanges as Json[])[0]!.patrolled).toBe(fv === '2' ? true : '');
  });
});

describe('Twinkle marking a page reviewed (Morebits.wiki.page#triage, formatversion 1 as morebits sends it)', () => {
  it('finds the page in the queue by page_id and marks it reviewed with skipnotif', async () => {
    const pageId = await t.edit(newbie, 'Twinkle triage', 'Needs review.');
    const list = await call(admin.api, '1', 'GET', { action: 'pagetriagelist', page_id: String(pageId) });
    const pages = (list.pagetriagelist as Json).pages as Json[];
    expect(pages.map((p) => p.pageid)).toEqual([pageId]);
    const { token } = await loadPage(admin.api, '1', 'Twinkle triage');
    const res = await call(admin.api, '1', 'POST', {
      action: 'pagetriageaction',
      pageid: String(pageId),
      reviewed: '1',
      skipnotif: '1',
      token,
    });
    expect((res.pagetriageaction as Json).result).toBe('success');
    await t.drain();
    expect((await t.queued(pageId))?.status).toBe(1);
  });
});
