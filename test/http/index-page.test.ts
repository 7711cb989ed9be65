import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultNamespaces } from '../../src/core/domain/namespaces.ts';
import { anonymousActor } from '../factories/actors.ts';
import { buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp({ wikis: [TEST_WIKI, 'otherwiki'] });
});
afterEach(async () => {
  await t.close();
});

/** The href values of the page's links, entities decoded. */
function links(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

describe('GET /', () => {
  it("is an HTML page that links the web interface, each wiki's main page (where it exists), api.php and API help, and every link answers", async () => {
    await t.services.wikiSources
      .for(TEST_WIKI)
      .edit(anonymousActor({ wiki: TEST_WIKI }), { title: 'Main Page', text: 'Welcome.' });
    const res = await t.app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const hrefs = links(res.body);
    expect(hrefs).toEqual(
      expect.arrayContaining([
        '/ui/',
        '/wiki/Main_Page',
        '/w/api.php?action=query&meta=siteinfo&format=json',
        '/w/api.php?action=help',
        '/otherwiki/w/api.php?action=query&meta=siteinfo&format=json',
        '/otherwiki/w/api.php?action=help',
        '/healthz',
      ]),
    );
    for (const href of hrefs.filter(
      (h) => !h.startsWith('/v2/stream') && !h.startsWith('/otherwiki/wiki/'),
    )) {
      expect((await t.app.inject({ url: href })).statusCode, href).toBe(200);
    }
  });

  it('shows a wiki added after the server started, and escapes what a wiki is called', async () => {
    await t.services.store.wikis.upsert(
      {
        id: 'newwiki',
        lang: 'en',
        sitename: '<b>New</b> & wiki',
        baseUrl: '',
        namespaces: defaultNamespaces(),
        isMediaRepo: false,
        source: 'local',
        settings: {},
      },
      t.now(),
    );
    const res = await t.app.inject({ url: '/' });
    expect(res.body).toContain('&lt;b&gt;New&lt;/b&gt; &amp; wiki');
    expect(res.body).not.toContain('<b>New</b>');
    expect(links(res.body)).toContain('/newwiki/w/api.php?action=help');
  });
});
