import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';
import { chromiumPath, launchBrowser, noBrowserReason } from './browser.ts';
import { createWorker } from '../../src/create-worker.ts';
import { runJobsUntilIdle } from '../../src/core/jobs/jobs-cli.ts';

const suite = chromiumPath ? describe : describe.skip;

suite(`page views in a browser${chromiumPath ? '' : ` [skipped: ${noBrowserReason}]`}`, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await buildTestApp();
    await t.createUser('Writer', 'writer-password-1');
    const user = await t.services.store.users.getByName(TEST_WIKI, 'Writer');
    const session = await t.services.accounts.openSession(TEST_WIKI, user!.id);
    const actor = await t.services.accounts.actorFor(TEST_WIKI, session.id, '127.0.0.1');
    await t.services.wikiSources
      .for(TEST_WIKI)
      .edit(actor, { title: 'Open page', text: 'An ordinary article about rivers.' });
    await t.services.wikiSources.for(TEST_WIKI).edit(actor, {
      title: 'Hidden page',
      text: 'Not for search engines. __NOINDEX__',
    });
    await t.services.wikiSources.for(TEST_WIKI).edit(actor, {
      title: 'Cited page',
      text: 'Rivers flow.<ref>{{cite web|title=Rivers}}</ref> Fish&nbsp;swim.<!-- note --><ref name="a">Book.</ref>',
    });
    const worker = createWorker(t.services);
    await runJobsUntilIdle(worker, { print: () => {} });
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = address;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the page title and text, indexable when nothing asks for NOINDEX', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/wiki/Open_page`);
    expect(await page.textContent('#firstHeading')).toBe('Open page');
    expect(await page.textContent('.mw-parser-output')).toContain('An ordinary article about rivers.');
    expect(await page.getAttribute('meta[name="robots"]', 'content')).toBe('index,follow');
    await page.close();
  });

  it('shows references and entities as a reader would, not as markup', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/wiki/Cited_page`);
    expect(await page.textContent('.mw-parser-output > p')).toBe('Rivers flow.[1] Fish\u00a0swim.[2]');
    expect(await page.locator('ol.references li .reference-text').allTextContents()).toEqual([
      'Rivers.',
      'Book.',
    ]);
    await page.close();
  });

  it('marks a new page carrying __NOINDEX__ as noindex,nofollow', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/wiki/Hidden_page`);
    expect(await page.getAttribute('meta[name="robots"]', 'content')).toBe('noindex,nofollow');
    await page.close();
  });
});
