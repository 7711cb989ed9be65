import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from '../../../src/core/domain/wiki.ts';
import type { Store } from '../../../src/core/store/store.ts';
import { ApiClient, TEST_WIKI, buildTestApp, type TestApp } from '../../factories/app.ts';
import { makeLinks, makeMediaFile, makePage, makeRevision } from '../../factories/store.ts';

let t: TestApp;
let api: ApiClient;
let store: Store;

beforeEach(async () => {
  t = await buildTestApp();
  api = new ApiClient(t);
  store = t.services.store;
});
afterEach(async () => {
  await t.close();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A page with `texts.length` revisions, one second apart; returns the page and its revision ids (oldest first). */
async function pageWithHistory(
  title: string,
  texts: string[],
  namespace = 0,
): Promise<{ page: Page; revIds: number[] }> {
  const page = makePage({ wiki: TEST_WIKI, title, namespace });
  const revs = texts.map((text, i) =>
    makeRevision({ wiki: TEST_WIKI, pageId: page.id, text, timestamp: 1_700_000_000 + i, comment: `c${i}` }),
  );
  const last = revs[revs.length - 1];
  await store.pages.insert({ ...page, latestRevId: last?.id ?? 0, len: last?.len ?? 0 });
  for (const rev of revs) await store.revisions.insert(rev);
  return { page, revIds: revs.map((r) => r.id) };
}

describe('prop=revisions', () => {
  it('puts content under slots.main.content in formatversion 2', async () => {
    await pageWithHistory('Foo', ['one', 'two']);
    const res = (
      await api.get({
        action: 'query',
        prop: 'revisions',
        titles: 'Foo',
        rvprop: 'content|ids',
        rvslots: 'main',
        formatversion: '2',
      })
    ).json as Json;
    const [rev] = res.query.pages[0].revisions as Json[];
    expect(rev?.slots.main).toEqual({
      contentmodel: 'wikitext',
      contentformat: 'text/x-wiki',
      content: 'two',
    });
    expect(res.warnings).toBeUndefined();
  });

  it('puts content under slots.main["*"] in formatversion 1', async () => {
    const { page } = await pageWithHistory('Foo', ['one']);
    const res = (
      await api.get({ action: 'query', prop: 'revisions', titles: 'Foo', rvprop: 'content', rvslots: 'main' })
    ).json as Json;
    expect(res.query.pages[String(page.id)].revisions[0].slots.main['*']).toBe('one');
  });

  it('uses the legacy top-level content without rvslots and warns', async () => {
    await pageWithHistory('Foo', ['legacy']);
    const res = (
      await api.get({
        action: 'query',
        prop: 'revisions',
        titles: 'Foo',
        rvprop: 'content',
        formatversion: '2',
      })
    ).json as Json;
    expect(res.query.pages[0].revisions[0]).toMatchObject({ content: 'legacy', contentmodel: 'wikitext' });
    expect(JSON.stringify(res.warnings)).toContain('rvslots');
  });

  it('enumerates one page history with rvlimit and continues with rvcontinue', async () => {
    const { revIds } = await pageWithHistory('Foo', ['a', 'b', 'c', 'd', 'e']);
    const seen: number[] = [];
    let cont: Record<string, string> = {};
    for (let i = 0; i < 5; i++) {
      const res = (
        await api.get({
          action: 'query',
          prop: 'revisions',
          titles: 'Foo',
          rvlimit: '2',
          rvprop: 'ids',
          formatversion: '2',
          ...cont,
        })
      ).json as Json;
      seen.push(...(res.query.pages[0].revisions as Json[]).map((r) => r.revid as number));
      if (!res.continue) break;
      cont = res.continue as Record<string, string>;
    }
    expect(seen).toEqual([...revIds].reverse());
  });

  it('enumerates oldest first with rvdir=newer and renders default props', async () => {
    const { revIds } = await pageWithHistory('Foo', ['a', 'b']);
    const res = (
      await api.get({ action: 'query', prop: 'revisions', titles: 'Foo', rvdir: 'newer', formatversion: '2' })
    ).json as Json;
    expect(res.query.pages[0].revisions).toEqual([
      {
        revid: revIds[0],
        parentid: 0,
        minor: false,
        user: 'Alice',
        timestamp: '2023-11-14T22:13:20Z',
        comment: 'c0',
      },
      {
        revid: revIds[1],
        parentid: 0,
        minor: false,
        user: 'Alice',
        timestamp: '2023-11-14T22:13:21Z',
        comment: 'c1',
      },
    ]);
  });

  it('refuses enumeration parameters with several pages', async () => {
    await pageWithHistory('Foo', ['a']);
    await pageWithHistory('Bar', ['b']);
    const res = (await api.get({ action: 'query', prop: 'revisions', titles: 'Foo|Bar', rvlimit: '2' }))
      .json as Json;
    expect(res.error.code).toBe('invalidparammix');
  });

  it('returns the requested old revision for revids=', async () => {
    const { revIds } = await pageWithHistory('Foo', ['old text', 'new text']);
    const res = (
      await api.get({
        action: 'query',
        prop: 'revisions',
        revids: String(revIds[0]),
        rvprop: 'ids|content',
        rvslots: 'main',
        formatversion: '2',
      })
    ).json as Json;
    expect(res.query.pages[0].revisions).toEqual([
      {
        revid: revIds[0],
        parentid: 0,
        slots: { main: { contentmodel: 'wikitext', contentformat: 'text/x-wiki', content: 'old text' } },
      },
    ]);
  });
});

describe('prop=info', () => {
  it('reports page metadata, new for a single revision, and URLs', async () => {
    const { page, revIds } = await pageWithHistory('Foo_bar', ['abc']);
    const res = (
      await api.get({
        action: 'query',
        prop: 'info',
        titles: 'Foo bar',
        inprop: 'url|protection',
        formatversion: '2',
      })
    ).json as Json;
    const p = res.query.pages[0];
    expect(p).toMatchObject({
      pageid: page.id,
      contentmodel: 'wikitext',
      pagelanguage: 'en',
      lastrevid: revIds[0],
      length: 3,
      new: true,
      protection: [],
      restrictiontypes: ['edit', 'move'],
    });
    expect(p.fullurl).toMatch(/\/wiki\/Foo_bar$/);
    expect(p.editurl).toMatch(/\/w\/index\.php\?title=Foo_bar&action=edit$/);
    expect(p.redirect).toBeUndefined();
  });

  it('describes missing pages too', async () => {
    const res = (await api.get({ action: 'query', prop: 'info', titles: 'Nothing', formatversion: '2' }))
      .json as Json;
    expect(res.query.pages[0]).toMatchObject({ title: 'Nothing', missing: true, contentmodel: 'wikitext' });
  });
});

describe('link props', () => {
  async function linkedPage(): Promise<Page> {
    const { page } = await pageWithHistory('Source', ['x']);
    await store.links.replaceForPage(
      TEST_WIKI,
      page.id,
      { namespace: 0, title: page.title, at: 0 },
      makeLinks({
        links: [
          { namespace: 0, title: 'Beta' },
          { namespace: 0, title: 'Alpha' },
          { namespace: 1, title: 'Gamma' },
        ],
        templates: [{ namespace: 10, title: 'Infobox' }],
        categories: [{ category: 'Fruit', sortkey: '' }],
        images: ['Apple.jpg'],
        langlinks: [{ lang: 'de', title: 'Quelle' }],
      }),
    );
    return page;
  }

  it('lists links in namespace/title order and continues with plcontinue', async () => {
    const page = await linkedPage();
    const first = (
      await api.get({ action: 'query', prop: 'links', titles: 'Source', pllimit: '2', formatversion: '2' })
    ).json as Json;
    expect(first.query.pages[0].links).toEqual([
      { ns: 0, title: 'Alpha' },
      { ns: 0, title: 'Beta' },
    ]);
    expect(first.continue.plcontinue).toBe(`${page.id}|1|Gamma`);
    const next = (
      await api.get({
        action: 'query',
        prop: 'links',
        titles: 'Source',
        pllimit: '2',
        formatversion: '2',
        ...first.continue,
      })
    ).json as Json;
    expect(next.query.pages[0].links).toEqual([{ ns: 1, title: 'Talk:Gamma' }]);
  });

  it('lists templates, categories and images with prefixed titles', async () => {
    await linkedPage();
    const res = (
      await api.get({
        action: 'query',
        prop: 'templates|categories|images',
        titles: 'Source',
        formatversion: '2',
      })
    ).json as Json;
    const p = res.query.pages[0];
    expect(p.templates).toEqual([{ ns: 10, title: 'Template:Infobox' }]);
    expect(p.categories).toEqual([{ ns: 14, title: 'Category:Fruit' }]);
    expect(p.images).toEqual([{ ns: 6, title: 'File:Apple.jpg' }]);
  });

  it('prints the langlink title under * in formatversion 1 and title in formatversion 2', async () => {
    const page = await linkedPage();
    const v1 = (await api.get({ action: 'query', prop: 'langlinks', titles: 'Source' })).json as Json;
    expect(v1.query.pages[String(page.id)].langlinks).toEqual([{ lang: 'de', '*': 'Quelle' }]);
    const v2 = (await api.get({ action: 'query', prop: 'langlinks', titles: 'Source', formatversion: '2' }))
      .json as Json;
    expect(v2.query.pages[0].langlinks).toEqual([{ lang: 'de', title: 'Quelle' }]);
  });

  it('generates the linked pages that exist with generator=links', async () => {
    await linkedPage();
    const { page: alpha } = await pageWithHistory('Alpha', ['a']);
    const res = (await api.get({ action: 'query', generator: 'links', titles: 'Source', formatversion: '2' }))
      .json as Json;
    expect(res.query.pages.map((p: Json) => p.pageid)).toEqual([alpha.id]);
  });
});

describe('prop=pageimages', () => {
  it('gives the lead image with a thumbnail scaled into pithumbsize', async () => {
    await t.services.wikis.upsert(
      {
        id: 'commonswiki',
        lang: 'en',
        sitename: 'Commons',
        baseUrl: '',
        namespaces: [],
        isMediaRepo: true,
        source: 'local',
        settings: {},
      },
      t.now(),
    );
    await store.media.upsertMany([
      makeMediaFile({
        repo: 'commonswiki',
        name: 'Apple.jpg',
        width: 800,
        height: 600,
        url: 'https://upload.example.org/wikipedia/commons/2/2b/Apple.jpg',
      }),
    ]);
    const { page } = await pageWithHistory('Fruit', ['x']);
    await store.links.replaceForPage(
      TEST_WIKI,
      page.id,
      { namespace: 0, title: page.title, at: 0 },
      makeLinks({ properties: { page_image_free: 'Apple.jpg' } }),
    );
    const res = (
      await api.get({
        action: 'query',
        prop: 'pageimages',
        titles: 'Fruit',
        piprop: 'thumbnail|name|original',
        pithumbsize: '200',
        formatversion: '2',
      })
    ).json as Json;
    expect(res.query.pages[0]).toMatchObject({
      pageimage: 'Apple.jpg',
      thumbnail: {
        source: 'https://upload.example.org/wikipedia/commons/thumb/2/2b/Apple.jpg/200px-Apple.jpg',
        width: 200,
        height: 150,
      },
      original: {
        source: 'https://upload.example.org/wikipedia/commons/2/2b/Apple.jpg',
        width: 800,
        height: 600,
      },
    });
  });
});
