import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/domain/actor.ts';
import type { PageMoveEvent, PageRestrictionsChangeEvent } from '../../src/core/domain/events.ts';
import type { EditSaved } from '../../src/wiki-source/wiki-source.ts';
import { createLocalWikiFixture, type LocalWikiFixture } from '../factories/local-wiki.ts';

let f: LocalWikiFixture;
let alice: Actor;
let admin: Actor;

beforeEach(async () => {
  f = await createLocalWikiFixture();
  alice = await f.user('Alice');
  admin = await f.user('Admin', { groups: ['sysop'] });
});

afterEach(async () => {
  await f.close();
});

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'no error';
}

async function create(actor: Actor, title: string, text: string): Promise<EditSaved> {
  return (await f.localWiki.edit(actor, { title, text })) as EditSaved;
}

async function lastLog(type: string) {
  const [entry] = await f.store.logs.list(f.wiki, { type, dir: 'older', limit: 1 });
  return entry;
}

describe('move', () => {
  it('renames the page and leaves a redirect at the old title', async () => {
    const page = await create(alice, 'Old title', 'Content');
    await f.drainOutbox();
    const r = await f.localWiki.move(alice, { from: 'Old title', to: 'New title', reason: 'better name' });
    expect(r).toEqual({ from: 'Old title', to: 'New title', reason: 'better name', redirectcreated: true });

    const moved = await f.store.pages.getByTitle(f.wiki, 0, 'New_title');
    expect(moved?.id).toBe(page.pageid);
    const nullRev = await f.store.revisions.get(f.wiki, moved!.latestRevId);
    expect(nullRev).toMatchObject({
      parentId: page.newrevid,
      text: 'Content',
      comment: 'Alice moved page [[Old title]] to [[New title]]: better name',
    });
    const redirect = await f.localWiki.getPageText(f.wiki, 'Old title');
    expect(redirect?.text).toBe('#REDIRECT [[New title]]');
    expect(redirect?.page.isRedirect).toBe(true);

    expect(await lastLog('move')).toMatchObject({
      action: 'move',
      title: 'Old_title',
      pageId: page.pageid,
      comment: 'better name',
      params: { '4::target': 'New title', '5::noredir': '0' },
    });
    const events = await f.drainOutbox();
    expect(events.map((e) => e.stream)).toEqual([
      'mediawiki.page-create',
      'mediawiki.revision-create',
      'wikiqueue.page-links-update',
      'mediawiki.page-move',
    ]);
    const move = events[3]?.payload as PageMoveEvent;
    expect(move).toMatchObject({
      page_id: page.pageid,
      page_title: 'New_title',
      prior_state: { page_title: 'Old_title', page_namespace: 0, rev_id: page.newrevid },
      new_redirect_page: { page_title: 'Old_title', page_id: redirect?.page.id },
    });
  });

  it('moves without a redirect for users with suppressredirect', async () => {
    await create(alice, 'Old title', 'Content');
    const r = await f.localWiki.move(admin, { from: 'Old title', to: 'New title', noRedirect: true });
    expect(r.redirectcreated).toBe(false);
    expect(await f.store.pages.getByTitle(f.wiki, 0, 'Old_title')).toBeUndefined();
    expect((await lastLog('move'))?.params).toEqual({ '4::target': 'New title', '5::noredir': '1' });
  });

  it('ignores noRedirect from users without suppressredirect', async () => {
    await create(alice, 'Old title', 'Content');
    const r = await f.localWiki.move(alice, { from: 'Old title', to: 'New title', noRedirect: true });
    expect(r.redirectcreated).toBe(true);
  });

  it('moves the talk page along when asked', async () => {
    await create(alice, 'Old title', 'Content');
    await create(alice, 'Talk:Old title', 'Chat');
    const r = await f.localWiki.move(alice, { from: 'Old title', to: 'New title', moveTalk: true });
    expect(r).toMatchObject({ talkfrom: 'Talk:Old title', talkto: 'Talk:New title' });
    expect((await f.localWiki.getPageText(f.wiki, 'Talk:New title'))?.text).toBe('Chat');
  });

  it('moves back over the redirect the first move left behind', async () => {
    const page = await create(alice, 'A', 'Content');
    await f.localWiki.move(alice, { from: 'A', to: 'B' });
    await f.drainOutbox();
    const r = await f.localWiki.move(alice, { from: 'B', to: 'A' });
    expect(r.redirectcreated).toBe(true);
    expect((await f.store.pages.getByTitle(f.wiki, 0, 'A'))?.id).toBe(page.pageid);
    expect((await f.localWiki.getPageText(f.wiki, 'B'))?.text).toBe('#REDIRECT [[A]]');
    expect(await lastLog('move')).toMatchObject({ action: 'move_redir', title: 'B' });
    expect(await lastLog('delete')).toMatchObject({ action: 'delete_redir', title: 'A' });
    expect((await f.drainOutbox()).map((e) => e.stream)).toEqual([
      'mediawiki.page-delete',
      'mediawiki.page-create',
      'mediawiki.revision-create',
      'wikiqueue.page-links-update',
      'mediawiki.page-move',
    ]);
  });

  it('does not move over a redirect that points elsewhere', async () => {
    await create(alice, 'A', 'Content');
    await create(alice, 'B', '#REDIRECT [[C]]');
    expect(await errorOf(f.localWiki.move(alice, { from: 'A', to: 'B' }))).toBe('articleexists-move');
  });

  it('refuses to move over an existing page or onto itself', async () => {
    await create(alice, 'A', 'a');
    await create(alice, 'B', 'b');
    expect(await errorOf(f.localWiki.move(alice, { from: 'A', to: 'B' }))).toBe('articleexists-move');
    expect(await errorOf(f.localWiki.move(alice, { from: 'A', to: 'a' }))).toBe('selfmove');
    expect(await errorOf(f.localWiki.move(alice, { from: 'Missing', to: 'C' }))).toBe('missingtitle');
  });

  it('needs the move right', async () => {
    await create(alice, 'A', 'a');
    expect(await errorOf(f.localWiki.move(f.anonymous(), { from: 'A', to: 'C' }))).toBe('permissiondenied');
  });
});

describe('delete and undelete', () => {
  it('archives the page and restores every revision with its id', async () => {
    const first = await create(alice, 'Page', 'one [[Link]]');
    const second = await create(alice, 'Page', 'two [[Link]] [[Category:Things]]');
    await f.drainOutbox();

    const del = await f.localWiki.delete(admin, { title: 'Page', reason: 'test' });
    expect(del).toMatchObject({ title: 'Page', reason: 'test' });
    expect(await f.store.pages.getByTitle(f.wiki, 0, 'Page')).toBeUndefined();
    expect(await f.store.links.countInbound(f.wiki, 0, 'Link', { cap: 10 })).toBe(0);
    expect(await lastLog('delete')).toMatchObject({ id: del.logid, action: 'delete', title: 'Page' });
    const deleteEvents = await f.drainOutbox();
    expect(deleteEvents.map((e) => e.stream)).toEqual(['mediawiki.page-delete']);
    expect(deleteEvents[0]?.payload).toMatchObject({
      page_id: first.pageid,
      rev_id: second.newrevid,
      rev_count: 2,
    });

    const und = await f.localWiki.undelete(admin, { title: 'Page', reason: 'oops' });
    expect(und).toEqual({ title: 'Page', revisions: 2, fileversions: 0, reason: 'oops' });
    const page = await f.store.pages.getByTitle(f.wiki, 0, 'Page');
    expect(page).toMatchObject({ id: first.pageid, latestRevId: second.newrevid });
    const history = await f.store.revisions.listForPage(f.wiki, first.pageid, {
      dir: 'newer',
      limit: 10,
      withText: true,
    });
    expect(history.map((r) => [r.id, r.text])).toEqual([
      [first.newrevid, 'one [[Link]]'],
      [second.newrevid, 'two [[Link]] [[Category:Things]]'],
    ]);
    expect(await f.store.links.countInbound(f.wiki, 0, 'Link', { cap: 10 })).toBe(1);
    expect((await f.store.links.categoriesOf(f.wiki, [first.pageid])).get(first.pageid)).toEqual(['Things']);
    expect((await lastLog('delete'))?.action).toBe('restore');
    const undeleteEvents = await f.drainOutbox();
    expect(undeleteEvents.map((e) => e.stream)).toEqual(['mediawiki.page-undelete']);
    expect(undeleteEvents[0]?.payload).toMatchObject({
      page_id: first.pageid,
      prior_state: { page_id: first.pageid },
    });
  });

  it('cannot undelete a title with nothing archived', async () => {
    expect(await errorOf(f.localWiki.undelete(admin, { title: 'Never existed' }))).toBe('cantundelete');
  });

  it('needs the delete right', async () => {
    await create(alice, 'Page', 'x');
    await f.drainOutbox();
    expect(await errorOf(f.localWiki.delete(alice, { title: 'Page' }))).toBe('permissiondenied');
    expect(await f.drainOutbox()).toEqual([]);
    expect(await f.store.pages.getByTitle(f.wiki, 0, 'Page')).toBeDefined();
  });
});

describe('protect', () => {
  it('logs protect, modify and unprotect and emits restriction changes', async () => {
    const page = await create(alice, 'Page', 'x');
    await f.drainOutbox();
    await f.localWiki.protect(admin, {
      title: 'Page',
      protections: [{ type: 'edit', level: 'sysop', expiry: null }],
      reason: 'edit war',
    });
    expect(await lastLog('protect')).toMatchObject({
      action: 'protect',
      params: { '4::description': '[edit=sysop] (indefinite)' },
    });
    const [event] = await f.drainOutbox();
    expect(event?.stream).toBe('mediawiki.page-restrictions-change');
    expect(event?.payload as PageRestrictionsChangeEvent).toMatchObject({
      page_id: page.pageid,
      page_restrictions: { edit: ['sysop'] },
      prior_state: { page_restrictions: {} },
    });

    await f.localWiki.protect(admin, {
      title: 'Page',
      protections: [{ type: 'move', level: 'sysop', expiry: null }],
    });
    expect((await lastLog('protect'))?.action).toBe('modify');
    await f.localWiki.protect(admin, {
      title: 'Page',
      protections: [
        { type: 'edit', level: 'all', expiry: null },
        { type: 'move', level: 'all', expiry: null },
      ],
    });
    expect((await lastLog('protect'))?.action).toBe('unprotect');
    expect(await f.store.restrictions.get(f.wiki, page.pageid, f.now())).toEqual([]);
  });

  it('records a null revision in the page history', async () => {
    const page = await create(alice, 'Page', 'x');
    await f.localWiki.protect(admin, {
      title: 'Page',
      protections: [{ type: 'edit', level: 'sysop', expiry: null }],
      reason: 'edit war',
    });
    const latest = await f.store.pages.getById(f.wiki, page.pageid);
    const rev = await f.store.revisions.get(f.wiki, latest!.latestRevId);
    expect(rev).toMatchObject({ parentId: page.newrevid, text: 'x', userText: 'Admin' });
    expect(rev?.comment).toContain('protected "[[Page]]": edit war');
  });

  it('refuses an expiry in the past', async () => {
    await create(alice, 'Page', 'x');
    const p = f.localWiki.protect(admin, {
      title: 'Page',
      protections: [{ type: 'edit', level: 'sysop', expiry: f.now() - 1 }],
    });
    expect(await errorOf(p)).toBe('pastexpiry');
  });
});
