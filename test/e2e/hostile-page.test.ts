import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';
import { addMediaRepo, bitmap, uploadFiles } from '../factories/media.ts';
import { chromiumPath, launchBrowser, noBrowserReason } from './browser.ts';

const suite = chromiumPath ? describe : describe.skip;

/**
 * A page whose text tries every way to run script or load something from elsewhere, read at
 * `/wiki/…` in Chromium: nothing runs (the page text would set `window.__pwned` or open a
 * dialog), nothing is requested from another origin, and the Content-Security-Policy would stop
 * script even if the renderer let some through. A page with an image of the media repository
 * shows it: the policy lets the page load its own images.
 */
const HOSTILE = [
  'Intro <script>window.__pwned = 1</script> text.',
  '<img src=x onerror="window.__pwned=2">',
  '<svg onload="window.__pwned=3"></svg><math><mi>x</mi></math>',
  '<iframe src="https://evil.example/frame"></iframe><object data="https://evil.example/o"></object>',
  '<embed src="https://evil.example/e"><link rel="stylesheet" href="https://evil.example/s.css">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/"><base href="https://evil.example/">',
  '<style>body { background: url(https://evil.example/bg.png) }</style>',
  '<span style="background:url(https://evil.example/span.png)" onmouseover="window.__pwned=4">hover</span>',
  '<a href="javascript:window.__pwned=5">a</a> [javascript:window.__pwned=6 link] [&#106;avascript:alert(7) x]',
  '[[File:Sunset.jpg|thumb|link=javascript:window.__pwned=8|Caption <script>window.__pwned=9</script>]]',
  '{| onclick="window.__pwned=10" style="background:url(https://evil.example/t.png)"\n| onmouseover="window.__pwned=11" | cell\n|}',
  '{{Infobox thing|name=<img src=x onerror=alert(12)>|image=Sunset.jpg|website=[javascript:alert(13) w]}}',
  '<ref>{{cite web|url=javascript:alert(14)|title=<script>alert(15)</script>}}</ref>',
  '<div title="x" onclick="alert(16)">d</div><p/onmouseover=alert(17)>p',
  '&lt;script&gt;window.__pwned=18&lt;/script&gt; <nowiki><script>window.__pwned=19</script></nowiki>',
  'https://evil.example/free-link [https://evil.example/ext external]',
  '<references/>',
].join('\n\n');

suite(`a hostile page in a browser${chromiumPath ? '' : ` [skipped: ${noBrowserReason}]`}`, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await buildTestApp({ config: { port: 0 } });
    await addMediaRepo(t);
    await uploadFiles(t, [{ name: 'Sunset.jpg', bytes: await bitmap(800, 400, 'jpeg') }]);
    const actor = await t.services.accounts.actorFor(TEST_WIKI, undefined, '127.0.0.1');
    await t.services.wikiSources.for(TEST_WIKI).edit(actor, { title: 'Hostile page', text: HOSTILE });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Opens `path`, hovering and clicking everything, and returns what the page tried. */
  async function visit(path: string): Promise<{ page: Page; foreign: string[]; dialogs: string[] }> {
    const page = await browser.newPage();
    const foreign: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(base)) foreign.push(req.url());
    });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${base}${path}`, { waitUntil: 'load' });
    for (const handle of await page.$$('.mw-parser-output *')) {
      await handle.hover({ timeout: 200, force: true }).catch(() => {});
    }
    return { page, foreign, dialogs };
  }

  it('runs no script and loads nothing from another origin', async () => {
    const { page, foreign, dialogs } = await visit('/wiki/Hostile_page');
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(foreign).toEqual([]);
    expect(
      await page.$$('.mw-parser-output script, .mw-parser-output iframe, .mw-parser-output svg'),
    ).toEqual([]);
    expect(
      await page.$$(
        '.mw-parser-output [onclick], .mw-parser-output [onmouseover], .mw-parser-output [style]',
      ),
    ).toEqual([]);
    const hrefs = await page.$$eval('.mw-parser-output a[href]', (links) =>
      links.map((a) => a.getAttribute('href')),
    );
    expect(hrefs.filter((h) => /^\s*(javascript|vbscript|data):/i.test(h ?? ''))).toEqual([]);
    await page.close();
  });

  it('shows the page text as text and its image from the media repository', async () => {
    const { page } = await visit('/wiki/Hostile_page');
    expect(await page.textContent('.mw-parser-output')).toContain('<script>window.__pwned=19</script>');
    const images = await page.$$eval('.mw-parser-output img', (imgs) =>
      imgs.map((img) => ({
        src: img.getAttribute('src'),
        loaded: (img as unknown as { naturalWidth: number }).naturalWidth > 0,
      })),
    );
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      expect(image.src?.startsWith('/images/')).toBe(true);
      expect(image.loaded).toBe(true);
    }
    await page.close();
  });

  it('sends a policy that forbids script and allows images from this origin only', async () => {
    const res = await fetch(`${base}/wiki/Hostile_page`);
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy.split('; ')).toEqual(
      expect.arrayContaining([
        "default-src 'none'",
        "img-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
      ]),
    );
    expect(policy).not.toMatch(/script-src|unsafe-inline|unsafe-eval/);
  });
});
