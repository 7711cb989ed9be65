import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../factories/app.ts';
import { chromiumPath, noBrowserReason } from '../browser.ts';
import { signInAs } from './tasks-signin.ts';
import { DEMO_PASSWORD, seriousViolations, startUi, type UiHarness } from './ui-harness.ts';

const suite = chromiumPath ? describe : describe.skip;

suite(`web UI: the lead-image page queue${chromiumPath ? '' : ` [skipped: ${noBrowserReason}]`}`, () => {
  let ui: UiHarness;

  beforeAll(async () => {
    ui = await startUi('page-queue', { demo: { pages: 20 } });
  });
  afterAll(async () => {
    await ui?.close();
  });

  async function csrfToken(client: ApiClient): Promise<string> {
    const r = await client.get({ action: 'query', meta: 'tokens', formatversion: '2' });
    return (r.json.query as { tokens: { csrftoken: string } }).tokens.csrftoken;
  }

  /** The ids the queue hands an anonymous reader (who leases nothing). */
  async function queuedIds(): Promise<number[]> {
    const response = await fetch(`${ui.base}/enwiki/page-queue?limit=50`);
    const body = (await response.json()) as { pages: { id: number }[] };
    return body.pages.map((p) => p.id);
  }

  it('shows an anonymous reader the next article and its candidates, and asks them to sign in to save', async () => {
    const { context, page } = await ui.open();
    await page.goto(`${ui.base}/ui/enwiki/page-queue`);
    const article = page.getByTestId('pagequeue-page');
    await article.waitFor();
    const id = Number(await article.getAttribute('data-page-id'));
    expect(await queuedIds()).toContain(id);
    expect(await article.locator('input[type="radio"]').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('pagequeue-excerpt').textContent()).not.toBe('');
    expect(await page.getByTestId('pagequeue-signin').getByRole('link').getAttribute('href')).toContain(
      '/ui/enwiki/login?returnto=',
    );
    expect(await page.getByRole('button', { name: 'Save the image' }).isDisabled()).toBe(true);
    await ui.screenshot(page, 'anonymous');
    await context.close();
  });

  it('saves the chosen candidate as the lead image with its caption; the page leaves the queue', async () => {
    const { context, page } = await ui.open();
    await signInAs(ui, page, 'NoahB1964', 'enwiki', '/enwiki/page-queue');
    const article = page.getByTestId('pagequeue-page');
    await article.waitFor();
    const id = Number(await article.getAttribute('data-page-id'));
    const title = (await article.getByRole('heading', { level: 2 }).textContent())!.trim();
    const radios = article.locator('input[type="radio"]');
    const chosen = radios.last();
    const file = (await chosen.getAttribute('value'))!;
    await chosen.check();
    await page.locator('textarea[name="caption"]').fill('The old town seen from the hill');
    await ui.screenshot(page, 'choosing');
    await page.getByRole('button', { name: 'Save the image' }).click();
    await expect.poll(() => page.getByTestId('pagequeue-saved').textContent()).toContain(file);
    // The next article follows.
    await expect
      .poll(async () => Number(await page.getByTestId('pagequeue-page').getAttribute('data-page-id')))
      .not.toBe(id);
    const text = (await ui.t.services.wikiSources.for('enwiki').getPageText(title))!.text;
    expect(text).toContain(`[[File:${file}|thumb|The old town seen from the hill]]`);
    await ui.runJobs();
    const images = await new ApiClient(ui.t, '/enwiki/w/api.php').get({
      action: 'query',
      prop: 'pageimages',
      piprop: 'name',
      pageids: String(id),
      formatversion: '2',
    });
    const pageimage = (images.json.query as { pages: { pageimage?: string }[] }).pages[0]!.pageimage;
    expect(pageimage?.replace(/_/g, ' ')).toBe(file);
    expect(await queuedIds()).not.toContain(id);
    await ui.screenshot(page, 'saved');
    await context.close();
  });

  it('says readably when the article got its image from someone else meanwhile', async () => {
    const { context, page } = await ui.open();
    await signInAs(ui, page, 'SamP1989', 'enwiki', '/enwiki/page-queue');
    const article = page.getByTestId('pagequeue-page');
    await article.waitFor();
    expect(await page.getByTestId('pagequeue-lease').textContent()).toContain('held for you');
    const title = (await article.getByRole('heading', { level: 2 }).textContent())!.trim();
    const file = (await article.locator('input[type="radio"]').first().getAttribute('value'))!;
    // Another contributor edits the image in directly.
    const other = new ApiClient(ui.t, '/enwiki/w/api.php');
    await other.login('DemoAdmin', DEMO_PASSWORD);
    const edit = await other.post({
      action: 'edit',
      title,
      prependtext: `[[File:${file}|thumb|Added elsewhere]]\n`,
      token: await csrfToken(other),
      formatversion: '2',
    });
    expect(edit.json.edit).toMatchObject({ result: 'Success' });
    await ui.runJobs();
    await page.getByRole('button', { name: 'Save the image' }).click();
    await expect
      .poll(() => page.getByTestId('pagequeue-error').textContent())
      .toMatch(/got a lead image meanwhile|no longer waiting for an image/);
    const text = (await ui.t.services.wikiSources.for('enwiki').getPageText(title))!.text;
    expect(text.match(/\[\[File:/g)).toHaveLength(1);
    await ui.screenshot(page, 'page-done');
    await context.close();
  });

  it('skips an article: the next one follows and the skipped one is not offered to this user again', async () => {
    const { context, page } = await ui.open();
    await signInAs(ui, page, 'PeterC1966', 'enwiki', '/enwiki/page-queue');
    const article = page.getByTestId('pagequeue-page');
    await article.waitFor();
    const id = Number(await article.getAttribute('data-page-id'));
    await page.getByRole('button', { name: 'Skip' }).click();
    await expect
      .poll(async () => Number(await page.getByTestId('pagequeue-page').getAttribute('data-page-id')))
      .not.toBe(id);
    const offered = await page.evaluate(async () => {
      const r = await fetch('/enwiki/page-queue?limit=50');
      return ((await r.json()) as { pages: { id: number }[] }).pages.map((p) => p.id);
    });
    expect(offered).not.toContain(id);
    // Others get it at once.
    expect(await queuedIds()).toContain(id);
    await context.close();
  });

  it('lays the page queue out right to left in Arabic', async () => {
    const { context, page } = await ui.open({ locale: 'ar' });
    await page.goto(`${ui.base}/ui/enwiki/page-queue`);
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.getByRole('heading', { name: 'مقالات بلا صورة' }).waitFor();
    await page.getByTestId('pagequeue-page').waitFor();
    const heading = await page.getByRole('heading', { level: 1 }).boundingBox();
    expect(heading!.x + heading!.width).toBeGreaterThan(1000);
    const buttons = page.locator('.wq-pagequeue__actions button');
    const save = await buttons.first().boundingBox();
    const skip = await buttons.last().boundingBox();
    // The primary action comes first, on the right.
    expect(save!.x).toBeGreaterThan(skip!.x);
    await ui.screenshot(page, 'queue-ar');
    await context.close();
  });

  it('has no serious accessibility violations on the page queue, in English and Arabic', async () => {
    for (const locale of ['en-US', 'ar']) {
      const { context, page } = await ui.open({ locale });
      await page.goto(`${ui.base}/ui/enwiki/page-queue`);
      await page.getByTestId('pagequeue-page').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    }
  });
});
