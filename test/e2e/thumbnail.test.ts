import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../factories/app.ts';
import { addMediaRepo, bitmap, uploadFiles } from '../factories/media.ts';
import { chromiumPath, launchBrowser, noBrowserReason } from './browser.ts';

const suite = chromiumPath ? describe : describe.skip;

suite(`thumbnails in a browser${chromiumPath ? '' : ` [skipped: ${noBrowserReason}]`}`, () => {
  let t: TestApp;
  let browser: Browser;
  let thumbUrl: string;

  beforeAll(async () => {
    t = await buildTestApp({ config: { port: 0 } });
    await addMediaRepo(t);
    await uploadFiles(t, [{ name: 'Sunset_over_the_river.jpg', bytes: await bitmap(1600, 900, 'jpeg') }]);
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    // The API hands out URLs under config.server; the browser reaches the listener's own address.
    const res = await t.app.inject({
      method: 'GET',
      url: '/w/api.php?action=query&prop=imageinfo&titles=File:Sunset_over_the_river.jpg&iiprop=url&iiurlwidth=320&format=json&formatversion=2',
    });
    const info = (res.json() as { query: { pages: { imageinfo: { thumburl: string }[] }[] } }).query.pages[0]
      ?.imageinfo[0];
    thumbUrl = `${address}${new URL(info?.thumburl ?? '').pathname}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('opens a thumbnail URL from imageinfo and gets a real picture of the requested width', async () => {
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
