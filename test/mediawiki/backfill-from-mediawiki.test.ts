import { afterAll, beforeAll, expect, it } from 'vitest';
import { backfillJobTypes, createWorker, mediaWikiMirror } from '../../src/create-worker.ts';
import type { MediaWikiMirror } from '../../src/wiki-source/mediawiki/mediawiki-mirror.ts';
import { ApiClient, buildTestApp, type TestApp } from '../factories/app.ts';
import {
  describeWithMediaWiki,
  startRealMediaWiki,
  type RealMediaWiki,
} from '../factories/real-mediawiki.ts';

/**
 * Issue 16 against MediaWiki itself (Debian's 1.39, installed and served by the test): a newcomer
 * and an administrator create pages on the wiki; wikiqueue follows the wiki (`connect`, from its
 * siteinfo) and backfills its new pages; the review queue then lists them as PageTriage would,
 * with the creators' facts as the wiki has them. The oracle is the wiki's own API.
 */

describeWithMediaWiki('backfill from a real MediaWiki', () => {
  let mw: RealMediaWiki;
  let t: TestApp;
  let mirror: MediaWikiMirror;

  beforeAll(async () => {
    mw = await startRealMediaWiki();
    await mw.createUser('Newbie', 'Newbie-password-1234');
    await mw.createUser('Veteran admin', 'Veteran-password-1234', ['sysop']);
    const save = (user: string, title: string, text: string) => mw.save(user, title, text);
    await save('Newbie', 'Newbie first page', "'''Newbie first page''' is a page.\n\n[[Category:Things]]");
    await save(
      'Newbie',
      'Newbie first page',
      "'''Newbie first page''' is a longer page now.\n\n[[Category:Things]]",
    );
    await save('Newbie', 'Newbie second page', 'A page without categories or references.');
    await save('Veteran admin', 'Admin page', 'Written by an administrator, who is autopatrolled.');
    await save('Newbie', 'User:Newbie', 'My user page (not in the review namespaces of the backfill).');
    // An interlanguage link that only the wiki's langlinks table knows: it comes from a template.
    await mw.maintenance('sql.php', [
      '--query',
      "INSERT INTO interwiki (iw_prefix, iw_url, iw_api, iw_wikiid, iw_local, iw_trans) VALUES ('de', 'https://de.example.org/wiki/$1', '', '', 1, 0)",
    ]);
    await save('Veteran admin', 'Template:Sprachlink', '[[de:Seite aus Vorlage]]');
    await save('Veteran admin', 'Page with a language link', '{{Sprachlink}} A page in two languages.');

    t = await buildTestApp();
    // The queue's clock is the wiki's: the real time.
    t.advance(Math.floor(Date.now() / 1000) - t.now());
    mirror = mediaWikiMirror(t.services);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await mw?.close();
  });

  async function runJobs() {
    const { runner } = createWorker(t.services);
    for (;;) {
      const r = await runner.runOnce({ limit: 10 });
      if (r.ran + r.failed + r.dead === 0) break;
    }
  }

  it('registers the wiki from its siteinfo', async () => {
    const { info } = await mirror.connect({ id: 'realwiki', apiUrl: mw.apiUrl });
    expect(info).toMatchObject({
      source: 'mediawiki',
      sitename: 'Test Wiki',
      lang: 'en',
      baseUrl: mw.server,
    });
    expect(info.namespaces.find((n) => n.id === 2)?.name).toBe('User');
  });

  it('brings in the new pages with every revision and their creators, and the review queue lists them', async () => {
    const result = await mirror.backfill('realwiki', {
      namespaces: [0],
      days: 1,
      backfillJobTypes: backfillJobTypes(t.services),
    });
    expect(result).toMatchObject({ listed: 5, pages: 5, revisions: 6 });
    await runJobs();

    const review = new ApiClient(t, '/realwiki/w/api.php');
    const listed = async (title: string) => {
      const { store } = t.services;
      const page = await store.pages.getByTitle('realwiki', 0, title.replace(/ /g, '_'));
      const res = (await review.get({ action: 'pagetriagelist', page_id: String(page?.id) })).json
        .pagetriagelist as { pages: Record<string, unknown>[] };
      return res.pages[0];
    };
    // The default feed (unreviewed pages) shows the newcomer's pages.
    const feed = (await review.get({ action: 'pagetriagelist', showunreviewed: '1', limit: '50' })).json
      .pagetriagelist as { pages: { title: string }[] };
    expect(feed.pages.map((p) => p.title)).toEqual(
      expect.arrayContaining(['Newbie first page', 'Newbie second page']),
    );

    // The wiki's own view of the newcomer and the page.
    const wikiApi = (params: Record<string, string>) => mw.query(params);
    const [newbie] = (
      await wikiApi({ action: 'query', list: 'users', ususers: 'Newbie', usprop: 'editcount|registration' })
    ).query.users!;
    const [page] = (await wikiApi({ action: 'query', titles: 'Newbie first page', prop: 'info' })).query
      .pages!;

    const first = await listed('Newbie first page');
    expect(first).toMatchObject({
      pageid: page!.pageid,
      user_name: 'Newbie',
      user_editcount: String(newbie!.editcount),
      rev_count: '2',
      patrol_status: '0',
      category_count: '1',
    });
    expect(await listed('Newbie second page')).toMatchObject({
      user_name: 'Newbie',
      rev_count: '1',
      category_count: '0',
    });
    // An administrator has autopatrol: the page enters the queue as autopatrolled.
    expect(await listed('Admin page')).toMatchObject({ user_name: 'Veteran admin', patrol_status: '3' });
  });

  it("takes a page's interlanguage links from the wiki, also those its text does not show", async () => {
    const page = await t.services.store.pages.getByTitle('realwiki', 0, 'Page_with_a_language_link');
    expect(await t.services.store.links.langlinksOf('realwiki', [page!.id])).toEqual(
      new Map([[page!.id, [{ lang: 'de', title: 'Seite aus Vorlage' }]]]),
    );
  });

  it('adds nothing when run again, and only what is new after more edits', async () => {
    const again = await mirror.backfill('realwiki', { namespaces: [0], days: 1 });
    expect(again).toMatchObject({ listed: 5, pages: 0, revisions: 0 });
    await mw.maintenance(
      'edit.php',
      ['--user=Newbie', '--summary=more', 'Newbie second page'],
      'A page with more text now.',
    );
    const more = await mirror.backfill('realwiki', { namespaces: [0], days: 1 });
    expect(more).toMatchObject({ listed: 5, pages: 1, revisions: 1 });
    const stored = await t.services.store.pages.getByTitle('realwiki', 0, 'Newbie_second_page');
    const revision = stored && (await t.services.store.revisions.get('realwiki', stored.latestRevId));
    expect(revision?.text).toBe('A page with more text now.');
  });

  it('answers wiki-unreachable, naming the wiki, when the wiki is down', async () => {
    await mw.stop();
    try {
      await expect(mirror.backfill('realwiki', { namespaces: [0], days: 1 })).rejects.toMatchObject({
        code: 'wiki-unreachable',
      });
    } finally {
      await mw.start();
    }
  });
});
