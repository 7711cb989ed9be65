import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultNamespaces } from '../../src/core/domain/namespaces.ts';
import { buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';
import { addMediaRepo, bitmap, uploadFiles } from '../factories/media.ts';
import { chromiumPath, launchBrowser, noBrowserReason } from './browser.ts';

const suite = chromiumPath ? describe : describe.skip;

/**
 * A suggested image as an app shows it: the generator suggests the German article's lead image
 * for the English one, the app reads the suggestion over HTTP (the data gateway's path and
 * fields), asks prop=imageinfo for a 320-pixel thumbnail and a browser loads it.
 */
suite(`suggested images in a browser${chromiumPath ? '' : ` [skipped: ${noBrowserReason}]`}`, () => {
  let t: TestApp;
  let browser: Browser;
  let address: string;
  let suggested: Record<string, unknown>[];

  beforeAll(async () => {
    t = await buildTestApp({ config: { port: 0 } });
    await t.services.wikis.upsert(
      {
        id: 'dewiki',
        lang: 'de',
        sitename: 'Wikipedia (de)',
        baseUrl: '',
        namespaces: defaultNamespaces(),
        isMediaRepo: false,
        source: 'local',
        settings: {},
      },
      t.now(),
    );
    await addMediaRepo(t);
    await uploadFiles(t, [{ name: 'Sunset_over_the_river.jpg', bytes: await bitmap(1600, 900, 'jpeg') }]);
    const actor = (wiki: string) => t.services.accounts.actorFor(wiki, undefined, '127.0.0.1');
    await t.services.wikiSources.for('dewiki').edit(await actor('dewiki'), {
      title: 'Fluss',
      text: '[[File:Sunset over the river.jpg|thumb]] Ein Fluss.',
    });
    const river = await t.services.wikiSources
      .for(TEST_WIKI)
      .edit(await actor(TEST_WIKI), { title: 'River', text: 'A river.\n[[de:Fluss]]' });
    await t.services.suggestions.generate(TEST_WIKI);
    const res = await t.app.inject({
      method: 'GET',
      url: `/public/image_suggestions/suggestions/${TEST_WIKI}/${river.pageid}`,
    });
    expect(res.statusCode).toBe(200);
    suggested = (res.json() as { rows: Record<string, unknown>[] }).rows;
    address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('serves the suggestion with the data gateway’s field names', () => {
    expect(suggested).toHaveLength(1);
    expect(Object.keys(suggested[0] ?? {}).sort()).toEqual(
      [
        'confidence',
        'found_on',
        'id',
        'image',
        'kind',
        'origin_wiki',
        'page_id',
        'page_qid',
        'page_rev',
        'section_heading',
        'section_index',
        'wiki',
      ].sort(),
    );
    expect(suggested[0]).toMatchObject({
      image: 'Sunset_over_the_river.jpg',
      origin_wiki: 'commonswiki',
      found_on: ['dewiki'],
      kind: ['istype-lead-image'],
    });
  });

  it('opens the suggested image’s thumbnail URL and gets a real picture of the requested width', async () => {
    const image = String(suggested[0]?.image);
    const res = await t.app.inject({
      method: 'GET',
      url: `/w/api.php?action=query&prop=imageinfo&titles=File:${encodeURIComponent(image)}&iiprop=url&iiurlwidth=320&format=json&formatversion=2`,
    });
    const info = (res.json() as { query: { pages: { imageinfo: { thumburl: string }[] }[] } }).query.pages[0]
      ?.imageinfo[0];
    // The API hands out URLs under config.server; the browser reaches the listener's own address.
    const thumbUrl = `${address}${new URL(info?.thumburl ?? '').pathname}`;
    const page = await browser.newPage();
    await page.setContent(`<img id="thumb" src="${thumbUrl}">`);
    await page.waitForFunction("document.getElementById('thumb').complete");
    const size = (await page.evaluate(
      "({ width: document.getElementById('thumb').naturalWidth, height: document.getElementById('thumb').naturalHeight })",
    )) as { width: number; height: number };
    expect(size).toEqual({ width: 320, height: 180 });
    const direct = await page.goto(thumbUrl);
    expect(direct?.headers()['content-type']).toBe('image/jpeg');
    await page.close();
  });
});
