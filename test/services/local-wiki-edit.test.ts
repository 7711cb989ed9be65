import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/domain/actor.ts';
import type { RevisionCreateEvent } from '../../src/core/domain/events.ts';
import type { Repositories } from '../../src/core/store/store.ts';
import { LocalWiki } from '../../src/wiki-source/local/local-wiki.ts';
import type { EditSaved } from '../../src/wiki-source/wiki-source.ts';
import { createLocalWikiFixture, germanNamespaces, type LocalWikiFixture } from '../factories/local-wiki.ts';

let f: LocalWikiFixture;
let alice: Actor;
let bob: Actor;

beforeEach(async () => {
  f = await createLocalWikiFixture();
  alice = await f.user('Alice');
  bob = await f.user('Bob');
});

afterEach(async () => {
  await f.close();
});

async function errorOf(p: Promise<unknown>): Promise<{ code: string; data?: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; data?: Record<string, unknown> };
  }
  return { code: 'no error' };
}

async function create(actor: Actor, title: string, text: string): Promise<EditSaved> {
  return (await f.localWiki.edit(actor, { title, text })) as EditSaved;
}

async function textOf(title: string): Promise<string | undefined> {
  return (await f.localWiki.getPageText(f.wiki, title))?.text;
}

describe('saving', () => {
  it('creates a page with its first revision', async () => {
    const r = await create(alice, 'new page', 'Hello');
    expect(r).toMatchObject({
      result: 'Success',
      title: 'New page',
      contentmodel: 'wikitext',
      new: true,
      oldrevid: 0,
    });
    const page = await f.store.pages.getById(f.wiki, r.pageid);
    expect(page).toMatchObject({
      namespace: 0,
      title: 'New_page',
      latestRevId: r.newrevid,
      len: 5,
      isRedirect: false,
    });
    const rev = await f.store.revisions.get(f.wiki, r.newrevid);
    expect(rev).toMatchObject({
      text: 'Hello',
      parentId: null,
      userText: 'Alice',
      sha1: expect.stringMatching(/^[0-9a-z]{31}$/),
    });
  });

  it('adds a revision on top of the latest one', async () => {
    const first = await create(alice, 'Page', 'one');
    f.advance(60);
    const second = await create(bob, 'Page', 'two');
    expect(second.new).toBeUndefined();
    expect(second).toMatchObject({ pageid: first.pageid, oldrevid: first.newrevid });
    expect((await f.store.revisions.get(f.wiki, second.newrevid))?.parentId).toBe(first.newrevid);
    expect(await textOf('Page')).toBe('two');
  });

  it('counts the edit for registered users only', async () => {
    await create(alice, 'Page', 'x');
    await create(f.anonymous(), 'Other', 'y');
    expect((await f.store.users.getById(f.wiki, alice.userId))?.editCount).toBe(101);
    expect(
      (await f.store.revisions.get(f.wiki, (await f.store.pages.getByTitle(f.wiki, 0, 'Other'))!.latestRevId))
        ?.userId,
    ).toBe(0);
  });

  it('reports nochange and saves nothing when the text is identical', async () => {
    const first = await create(alice, 'Page', 'same');
    await f.drainOutbox();
    const r = await f.localWiki.edit(bob, { title: 'Page', text: 'same  \n' });
    expect(r).toEqual({
      result: 'Success',
      pageid: first.pageid,
      title: 'Page',
      contentmodel: 'wikitext',
      nochange: true,
    });
    expect((await f.store.pages.getById(f.wiki, first.pageid))?.latestRevId).toBe(first.newrevid);
    expect(await f.drainOutbox()).toEqual([]);
  });

  it('refuses createonly on an existing page', async () => {
    await create(alice, 'Page', 'x');
    expect((await errorOf(f.localWiki.edit(bob, { title: 'Page', text: 'y', createOnly: true }))).code).toBe(
      'articleexists',
    );
  });

  it('refuses nocreate on a missing page', async () => {
    expect((await errorOf(f.localWiki.edit(bob, { title: 'Nope', text: 'y', noCreate: true }))).code).toBe(
      'missingtitle',
    );
  });

  it('rejects invalid titles and Special: pages', async () => {
    expect((await errorOf(f.localWiki.edit(alice, { title: 'A[b]', text: 'x' }))).code).toBe('invalidtitle');
    expect((await errorOf(f.localWiki.edit(alice, { title: 'Special:Foo', text: 'x' }))).code).toBe(
      'invalidtitle',
    );
  });

  it('refuses to recreate a page deleted after the editor started', async () => {
    const admin = await f.user('Admin', { groups: ['sysop'] });
    await create(alice, 'Page', 'x');
    const started = f.now();
    f.advance(10);
    await f.localWiki.delete(admin, { title: 'Page', reason: 'spam' });
    const again = { title: 'Page', text: 'y', startTimestamp: started };
    expect((await errorOf(f.localWiki.edit(bob, again))).code).toBe('pagedeleted');
    expect(await f.localWiki.edit(bob, { ...again, recreate: true })).toMatchObject({ new: true });
  });
});

describe('transactions', () => {
  it('rolls back the page, revision and link rows when writing the event fails', async () => {
    // A store whose transactions fail at the outbox, the last write of every operation.
    const failingStore = new Proxy(f.store, {
      get(target, key, receiver) {
        if (key !== 'transaction') return Reflect.get(target, key, receiver);
        return <T>(work: (tx: Repositories) => Promise<T>) =>
          target.transaction((tx) =>
            work(
              new Proxy(tx, {
                get: (t, k, r) =>
                  k === 'outbox'
                    ? {
                        append: () => Promise.reject(new Error('outbox unavailable')),
                      }
                    : Reflect.get(t, k, r),
              }),
            ),
          );
      },
    });
    const wiki = new LocalWiki({ store: failingStore, clock: f.now, wikis: f.wikis });
    await expect(wiki.edit(alice, { title: 'Page', text: 'See [[Target]]' })).rejects.toThrow(
      'outbox unavailable',
    );
    expect(await f.store.pages.getByTitle(f.wiki, 0, 'Page')).toBeUndefined();
    expect(await f.store.links.countInbound(f.wiki, 0, 'Target', { cap: 10 })).toBe(0);
    expect(await f.store.recentChanges.list(f.wiki, { dir: 'older', limit: 10 })).toEqual([]);
    expect((await f.store.users.getById(f.wiki, alice.userId))?.editCount).toBe(100);
  });
});

describe('edit conflicts', () => {
  const base = 'one\ntwo\nthree\nfour\nfive';

  it('conflicts when a stale edit overlaps a change by someone else, and writes nothing', async () => {
    const first = await create(alice, 'Page', base);
    await create(bob, 'Page', base.replace('three', 'THREE'));
    await f.drainOutbox();
    const stale = f.localWiki.edit(alice, {
      title: 'Page',
      text: base.replace('three', 'drei'),
      baseRevId: first.newrevid,
    });
    expect((await errorOf(stale)).code).toBe('editconflict');
    expect(await textOf('Page')).toBe(base.replace('three', 'THREE'));
    expect(await f.drainOutbox()).toEqual([]);
    expect(await f.store.revisions.countForPage(f.wiki, first.pageid, 10)).toBe(2);
  });

  it('merges a stale edit that touches other lines', async () => {
    const first = await create(alice, 'Page', base);
    await create(bob, 'Page', base.replace('one', 'ONE'));
    await f.localWiki.edit(alice, {
      title: 'Page',
      text: base.replace('five', 'FIVE'),
      baseRevId: first.newrevid,
    });
    expect(await textOf('Page')).toBe('ONE\ntwo\nthree\nfour\nFIVE');
  });

  it('lets a user overwrite revisions they made themselves since the base', async () => {
    const first = await create(alice, 'Page', base);
    await create(alice, 'Page', base.replace('three', 'THREE'));
    await f.localWiki.edit(alice, {
      title: 'Page',
      text: base.replace('three', 'drei'),
      baseRevId: first.newrevid,
    });
    expect(await textOf('Page')).toBe(base.replace('three', 'drei'));
  });

  it('finds the base revision from basetimestamp', async () => {
    await create(alice, 'Page', base);
    const baseTime = f.now();
    f.advance(60);
    await create(bob, 'Page', base.replace('three', 'THREE'));
    const stale = f.localWiki.edit(alice, {
      title: 'Page',
      text: base.replace('three', 'drei'),
      baseTimestamp: baseTime,
    });
    expect((await errorOf(stale)).code).toBe('editconflict');
  });
});

describe('partial edits', () => {
  it('appends and prepends to the current text', async () => {
    await create(alice, 'Page', 'middle');
    await f.localWiki.edit(bob, { title: 'Page', prependText: 'start ', appendText: ' end' });
    expect(await textOf('Page')).toBe('start middle end');
  });

  it('adds a new section with a heading and a default summary', async () => {
    await create(alice, 'Talk:Page', 'Earlier discussion');
    const r = (await f.localWiki.edit(bob, {
      title: 'Talk:Page',
      section: 'new',
      sectionTitle: 'Question',
      text: 'Why?',
    })) as EditSaved;
    expect(await textOf('Talk:Page')).toBe('Earlier discussion\n\n== Question ==\n\nWhy?');
    expect((await f.store.revisions.get(f.wiki, r.newrevid))?.comment).toBe('/* Question */ new section');
  });

  it('replaces one numbered section', async () => {
    await create(alice, 'Page', 'Intro\n== A ==\nold\n== B ==\nkeep');
    await f.localWiki.edit(bob, { title: 'Page', section: '1', text: '== A ==\nnew' });
    expect(await textOf('Page')).toBe('Intro\n== A ==\nnew\n\n== B ==\nkeep');
  });

  it('fails for a section that does not exist', async () => {
    await create(alice, 'Page', 'Intro');
    expect((await errorOf(f.localWiki.edit(bob, { title: 'Page', section: 3, text: 'x' }))).code).toBe(
      'nosuchsection',
    );
  });
});

describe('link tables', () => {
  it('records localized categories, links, templates and files as DB keys', async () => {
    const de = await createLocalWikiFixture({ wiki: 'dewiki', lang: 'de', namespaces: germanNamespaces() });
    try {
      const user = await de.user('Anna');
      const r = (await de.localWiki.edit(user, {
        title: 'Baum',
        text: 'Ein [[Laub baum]] mit {{Infobox Baum}} [[Datei:Eiche groß.jpg|mini]]\n[[Kategorie:Bäume und Sträucher|Baum]]\n[[Category:Pflanzen]]',
      })) as EditSaved;
      const links = await de.store.links.getForPage(de.wiki, r.pageid);
      expect(links.categories.map((c) => c.category).sort()).toEqual(['Bäume_und_Sträucher', 'Pflanzen']);
      expect(links.links).toContainEqual({ namespace: 0, title: 'Laub_baum' });
      expect(links.templates).toContainEqual({ namespace: 10, title: 'Infobox_Baum' });
      expect(links.images).toContain('Eiche_groß.jpg');
    } finally {
      await de.close();
    }
  });

  it('counts inbound links and forgets links that an edit removes', async () => {
    await create(alice, 'Source one', 'See [[Target]].');
    await create(alice, 'Source two', 'See [[target]] and [[Target]].');
    expect(await f.store.links.countInbound(f.wiki, 0, 'Target', { cap: 10 })).toBe(2);
    await create(alice, 'Source two', 'Nothing here.');
    expect(await f.store.links.countInbound(f.wiki, 0, 'Target', { cap: 10 })).toBe(1);
  });

  // Page images need the files' metadata: test/services/page-images.test.ts.
  it('stores NOINDEX as a page property, and no page image for a file no repository has', async () => {
    const r = await create(alice, 'Page', '__NOINDEX__\n[[File:Lead image.jpg|thumb|A caption]]\nText');
    const props = (await f.store.links.pageProps(f.wiki, [r.pageid])).get(r.pageid);
    expect(props).toEqual({ noindex: '' });
  });

  it('marks redirects and tags the new redirect', async () => {
    const r = await create(alice, 'Old name', '#REDIRECT [[New name]]');
    expect((await f.store.pages.getById(f.wiki, r.pageid))?.isRedirect).toBe(true);
    expect((await f.store.changeTags.forRevisions(f.wiki, [r.newrevid])).get(r.newrevid)).toContain(
      'mw-new-redirect',
    );
    await create(alice, 'Old name', 'Now an article');
    expect((await f.store.pages.getById(f.wiki, r.pageid))?.isRedirect).toBe(false);
  });
});

describe('permissions', () => {
  it('lets only autoconfirmed users edit a semi-protected page', async () => {
    const admin = await f.user('Admin', { groups: ['sysop'] });
    const newbie = await f.user('Newbie', { editCount: 0 });
    await create(alice, 'Page', 'x');
    await f.localWiki.protect(admin, {
      title: 'Page',
      protections: [{ type: 'edit', level: 'autoconfirmed', expiry: null }],
      reason: 'vandalism',
    });
    expect((await errorOf(f.localWiki.edit(newbie, { title: 'Page', text: 'y' }))).code).toBe(
      'protectedpage',
    );
    expect(await f.localWiki.edit(bob, { title: 'Page', text: 'z' })).toMatchObject({ result: 'Success' });
  });

  it('stops a blocked user and reports the block', async () => {
    const admin = await f.user('Admin', { groups: ['sysop'] });
    await f.localWiki.block(admin, { target: 'Bob', expiry: null, reason: 'vandalism' });
    const blocked = await f.refresh(bob);
    const err = await errorOf(f.localWiki.edit(blocked, { title: 'Page', text: 'x' }));
    expect(err.code).toBe('blocked');
    expect(err.data?.blockinfo).toMatchObject({
      blockedby: 'Admin',
      blockreason: 'vandalism',
      blockexpiry: 'infinite',
    });
  });

  it('accepts allowed change tags from users and rejects others', async () => {
    const ok = (await f.localWiki.edit(alice, {
      title: 'Page',
      text: 'x',
      tags: ['pagetriage'],
    })) as EditSaved;
    expect((await f.store.changeTags.forRevisions(f.wiki, [ok.newrevid])).get(ok.newrevid)).toEqual([
      'pagetriage',
    ]);
    expect(
      (await errorOf(f.localWiki.edit(alice, { title: 'Page', text: 'y', tags: ['mw-rollback'] }))).code,
    ).toBe('badtags');
  });
});

describe('recent changes and events', () => {
  it('writes page-create, revision-create and a links update for a new page', async () => {
    const r = await create(alice, 'Talk:Some page', 'Hi [[Foo]]');
    const events = await f.drainOutbox();
    expect(events.map((e) => e.stream)).toEqual([
      'mediawiki.page-create',
      'mediawiki.revision-create',
      'wikiqueue.page-links-update',
    ]);
    const payload = events[1]?.payload as RevisionCreateEvent;
    expect(payload).toMatchObject({
      database: f.wiki,
      page_id: r.pageid,
      page_title: 'Talk:Some_page',
      page_namespace: 1,
      rev_id: r.newrevid,
      rev_len: 10,
      rev_content_changed: true,
      performer: { user_id: alice.userId, user_text: 'Alice', user_edit_count: 101, user_is_bot: false },
      meta: { stream: 'mediawiki.revision-create', dt: '2023-11-14T22:13:20Z' },
    });
    expect(payload.rev_parent_id).toBeUndefined();
  });

  it('writes only revision-create for an edit that changes no links', async () => {
    await create(alice, 'Page', 'one');
    await f.drainOutbox();
    await create(bob, 'Page', 'two');
    expect((await f.drainOutbox()).map((e) => e.stream)).toEqual(['mediawiki.revision-create']);
  });

  it('leaves ordinary edits unpatrolled and autopatrols sysops with a patrol event', async () => {
    const admin = await f.user('Admin', { groups: ['sysop'] });
    const plain = await create(alice, 'Plain', 'x');
    const auto = await create(admin, 'Auto', 'x');
    expect(await f.store.recentChanges.findByRevision(f.wiki, plain.newrevid)).toMatchObject({
      type: 'new',
      patrolled: 0,
    });
    expect(await f.store.recentChanges.findByRevision(f.wiki, auto.newrevid)).toMatchObject({
      type: 'new',
      patrolled: 2,
    });
    const patrols = (await f.drainOutbox()).filter((e) => e.stream === 'wikiqueue.page-patrol');
    expect(patrols.map((e) => e.payload)).toEqual([
      expect.objectContaining({ rev_id: auto.newrevid, auto: true }),
    ]);
  });

  it('flags bot edits only for users with the bot right', async () => {
    const robot = await f.user('Robot', { groups: ['bot'] });
    const a = (await f.localWiki.edit(robot, { title: 'A', text: 'x', bot: true })) as EditSaved;
    const b = (await f.localWiki.edit(alice, { title: 'B', text: 'x', bot: true })) as EditSaved;
    expect((await f.store.recentChanges.findByRevision(f.wiki, a.newrevid))?.bot).toBe(true);
    expect((await f.store.recentChanges.findByRevision(f.wiki, b.newrevid))?.bot).toBe(false);
  });
});
