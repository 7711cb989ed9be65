import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, noBrowserReason } from '../browser.ts';
import { DEMO_PASSWORD, seriousViolations, startUi, type UiHarness } from './ui-harness.ts';

const suite = chromiumPath ? describe : describe.skip;

const FILTER_OPTION = 'userjs-NewPagesFeedFilterOptions';

suite(`web UI: the New Pages Feed${chromiumPath ? '' : ` [skipped: ${noBrowserReason}]`}`, () => {
  let ui: UiHarness;

  beforeAll(async () => {
    ui = await startUi('feed', { demo: { pages: 20 } });
    await ui.t.services.accounts.createAccount('enwiki', 'FeedPatroller', DEMO_PASSWORD, {
      groups: ['patroller'],
    });
  });
  afterAll(async () => {
    await ui?.close();
  });

  /** The feed's rows as the API lists them for the same filters (the oracle). */
  async function apiTitles(params: Record<string, string>): Promise<string[]> {
    const query = new URLSearchParams({
      action: 'pagetriagelist',
      format: 'json',
      formatversion: '2',
      ...params,
    });
    const body = (await (await fetch(`${ui.base}/w/api.php?${query}`)).json()) as {
      pagetriagelist: { pages: { title: string }[] };
    };
    return body.pagetriagelist.pages.slice(0, 20).map((p) => p.title);
  }

  async function rowTitles(page: Page): Promise<string[]> {
    return page
      .getByTestId('feed-row-title')
      .allTextContents()
      .then((t) => t.map((s) => s.trim()));
  }

  async function openFeed(page: Page, wiki = 'enwiki') {
    await page.goto(`${ui.base}/ui/${wiki}/feed`);
    await page.getByTestId('feed-stats').getByRole('button').waitFor();
    await expect.poll(() => page.getByTestId('feed-row').count()).toBeGreaterThan(0);
  }

  it('lists the unreviewed articles of the queue, newest first, as pagetriagelist does', async () => {
    const { context, page } = await ui.open();
    await openFeed(page);
    const expected = await apiTitles({ namespace: '0', showunreviewed: '1', showothers: '1' });
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(() => rowTitles(page)).toEqual(expected);
    await expect
      .poll(() => page.getByTestId('feed-filtered-count').textContent())
      .toMatch(/pages? in your filtered list/);
    await ui.screenshot(page, 'list-en');
    await context.close();
  });

  it('keeps a signed-in user’s filters in their preferences: they survive a reload', async () => {
    const { context, page } = await ui.open();
    await page.goto(`${ui.base}/ui/enwiki/login`);
    await page.getByLabel('Username').fill('FeedPatroller');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByTestId('signed-in-user').textContent()).toBe('FeedPatroller');
    await openFeed(page);

    await page.getByTestId('feed-set-filters').click();
    await page.getByRole('checkbox', { name: 'Reviewed', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Redirects' }).check();
    await page.getByRole('radio', { name: 'Have no categories' }).check();
    await ui.screenshot(page, 'filters-panel');
    await page.getByRole('button', { name: 'Show results' }).click();

    const chips = page.getByTestId('feed-chips');
    await expect.poll(() => chips.textContent()).toContain('Have no categories');
    // The server has the filters, in PageTriage's stored form.
    const user = await ui.t.services.store.users.getByName('enwiki', 'FeedPatroller');
    await expect
      .poll(async () => (await ui.t.services.store.users.getOptions('enwiki', user!.id))[FILTER_OPTION])
      .toBeDefined();
    const stored = JSON.parse(
      (await ui.t.services.store.users.getOptions('enwiki', user!.id))[FILTER_OPTION]!,
    );
    expect(stored).toMatchObject({
      mode: 'npp',
      version: 2,
      namespace: 0,
      showreviewed: 1,
      showunreviewed: 1,
      showredirs: 1,
      showothers: 1,
      no_category: 1,
    });
    const expected = await apiTitles({
      namespace: '0',
      showreviewed: '1',
      showunreviewed: '1',
      showredirs: '1',
      showothers: '1',
      no_category: '1',
    });
    await expect.poll(() => rowTitles(page)).toEqual(expected);

    await page.reload();
    await expect.poll(() => chips.textContent()).toContain('Have no categories');
    expect(await chips.textContent()).toContain('Redirects');
    await expect.poll(() => rowTitles(page)).toEqual(expected);
    await page.getByTestId('feed-set-filters').click();
    expect(await page.getByRole('checkbox', { name: 'Reviewed', exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: 'Have no categories' }).isChecked()).toBe(true);
    await ui.screenshot(page, 'filters-after-reload');
    await context.close();
  });

  it('applies and saves the panel’s choices when a click lands outside it or on Escape', async () => {
    const { context, page } = await ui.open();
    await openFeed(page);
    const chips = page.getByTestId('feed-chips');
    const stored = () => page.evaluate<string | null>(`localStorage.getItem("${FILTER_OPTION}")`);

    await page.getByTestId('feed-set-filters').click();
    await page.getByRole('checkbox', { name: 'Redirects' }).check();
    await page.getByRole('heading', { level: 1 }).click();
    expect(await page.getByTestId('feed-filters').count()).toBe(0);
    await expect.poll(() => chips.textContent()).toContain('Redirects');
    await expect.poll(stored).toContain('"showredirs":1');
    const withRedirects = await apiTitles({
      namespace: '0',
      showunreviewed: '1',
      showredirs: '1',
      showothers: '1',
    });
    await expect.poll(() => rowTitles(page)).toEqual(withRedirects);

    await page.getByTestId('feed-set-filters').click();
    await page.getByRole('checkbox', { name: 'Redirects' }).uncheck();
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('feed-filters').count()).toBe(0);
    await expect.poll(() => chips.textContent()).not.toContain('Redirects');
    await expect.poll(stored).not.toContain('showredirs');
    // Focus goes back to the button that opened the panel.
    expect(
      await page.getByTestId('feed-set-filters').evaluate((el) => el === el.ownerDocument.activeElement),
    ).toBe(true);

    // Choices that cannot be saved (no state) are dropped: the filters in force stay.
    await page.getByTestId('feed-set-filters').click();
    await page.getByRole('checkbox', { name: 'Unreviewed' }).uncheck();
    await page.getByRole('heading', { level: 1 }).click();
    expect(await page.getByTestId('feed-filters').count()).toBe(0);
    expect(await chips.textContent()).toContain('Unreviewed');
    expect(await stored()).toContain('"showunreviewed":1');
    await context.close();
  });

  it('offers the namespaces the wiki’s queue tracks and the prediction filters where it serves predictions', async () => {
    const { context, page } = await ui.open();
    await openFeed(page);
    await page.getByTestId('feed-set-filters').click();
    // enwiki tracks the main namespace only and has no predictions: neither choice is offered.
    await page.getByTestId('feed-filters').waitFor();
    expect(await page.getByTestId('feed-filters').getByText('Namespace', { exact: true }).count()).toBe(0);
    expect(await page.getByTestId('feed-predicted-classes').count()).toBe(0);
    await context.close();

    const wikis = ui.t.services.wikis;
    await wikis.setSetting('enwiki', 'review.namespaces', [0, 2], ui.t.now());
    await wikis.setSetting('enwiki', 'review.enableOres', true, ui.t.now());
    try {
      const other = await ui.open();
      await openFeed(other.page);
      await other.page.getByTestId('feed-set-filters').click();
      const panel = other.page.getByTestId('feed-filters');
      await panel.getByTestId('feed-predicted-classes').waitFor();
      expect(await panel.getByTestId('feed-predicted-classes').getByRole('checkbox').count()).toBe(6);
      expect(await panel.getByTestId('feed-predicted-issues').getByRole('checkbox').count()).toBe(5);
      await panel.locator('.cdx-select-vue__handle').click();
      expect(await panel.getByRole('option').allTextContents()).toEqual(['(Article)', 'User']);
      await ui.screenshot(other.page, 'filters-tracked-namespaces');
      await other.context.close();
    } finally {
      await wikis.unsetSetting('enwiki', 'review.namespaces', ui.t.now());
      await wikis.unsetSetting('enwiki', 'review.enableOres', ui.t.now());
    }
  });

  it('shows a page created through the API in an open feed, without a reload', async () => {
    const { context, page } = await ui.open();
    await openFeed(page);
    // The live connection is open once the browser has one event-stream request going.
    const title = 'Live feed arrival';
    const token = '+\\';
    const edit = await fetch(`${ui.base}/w/api.php`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        action: 'edit',
        title,
        text: 'A new article that arrives while the feed is open.',
        createonly: '1',
        token,
        format: 'json',
        formatversion: '2',
      }),
    });
    expect(((await edit.json()) as { edit?: { result: string } }).edit?.result).toBe('Success');
    // The queue takes the page in from a job (the test server runs jobs only when asked).
    await ui.runJobs();
    await expect.poll(() => rowTitles(page), { timeout: 20_000 }).toContain(title);
    expect((await rowTitles(page))[0]).toBe(title);
    expect(await apiTitles({ namespace: '0', showunreviewed: '1', showothers: '1' })).toContain(title);
    await ui.screenshot(page, 'live-arrival');
    await context.close();
  });

  it('asks for the list again only for pages that enter it: not for an untracked namespace or an autopatrolled page', async () => {
    const { context, page } = await ui.open();
    // The 30 s auto-refresh asks too: off here, so that every request of the list is the stream's.
    await page.addInitScript(
      '{ const set = window.setInterval; window.setInterval = (f, ms, ...a) => (ms >= 30000 ? 0 : set(f, ms, ...a)); }',
    );
    const streamOpen = page.waitForResponse((r) => r.url().includes('/v2/stream/'));
    await openFeed(page);
    await streamOpen;
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('action=pagetriagelist') && !r.url().includes('page_id=')) asked.push(r.url());
    });
    const before = await ui.t.services.store.outbox.head();

    const actorOf = async (name: string) =>
      ui.t.services.accounts.actorForUser(
        'enwiki',
        (await ui.t.services.store.users.getByName('enwiki', name))!.id,
      );
    const source = ui.t.services.wikiSources.for('enwiki');
    // DemoAdmin is a sysop: autopatrolled. User pages are not reviewed on enwiki.
    await source.edit(await actorOf('DemoAdmin'), {
      title: 'Autopatrolled arrival',
      text: 'An article by a trusted editor.',
    });
    await source.edit(await actorOf('FeedPatroller'), { title: 'User:FeedPatroller/Notes', text: 'Notes.' });
    // Then a page that enters the list: its arrival shows the feed has read the events before it.
    await source.edit(await actorOf('DemoNewcomer'), {
      title: 'Stream arrival',
      text: 'A new article for the open feed.',
    });
    await ui.runJobs();
    await expect.poll(() => rowTitles(page), { timeout: 20_000 }).toContain('Stream arrival');
    expect(await rowTitles(page)).not.toContain('Autopatrolled arrival');
    expect(asked).toHaveLength(1);

    // What the server said: both articles entered the queue, the User page did not.
    const entered = (await ui.t.services.store.outbox.readAfter(before, 100))
      .filter((e) => e.stream === 'wikiqueue.page-enqueue')
      .map((e) => [e.payload.page_title, e.payload.review_status]);
    expect(entered).toEqual([
      ['Autopatrolled_arrival', 'autopatrolled'],
      ['Stream_arrival', 'unreviewed'],
    ]);
    await context.close();
  });

  it('shows a review made elsewhere on the open feed’s row, without a reload', async () => {
    const { context, page } = await ui.open();
    await openFeed(page);
    const row = page.getByTestId('feed-row').first();
    const pageId = Number(await row.getAttribute('data-pageid'));
    expect(await row.locator('.wq-feed-row__status--unreviewed').count()).toBe(1);
    const user = await ui.t.services.store.users.getByName('enwiki', 'FeedPatroller');
    const actor = await ui.t.services.accounts.actorForUser('enwiki', user!.id);
    await ui.t.services.review.queue.setReviewed(actor, { pageId, reviewed: 1 });
    await expect.poll(() => row.locator('.wq-feed-row__status--reviewed').count()).toBe(1);
    const status = await ui.t.services.review.queue.statuses('enwiki', [pageId]);
    expect(status.get(pageId)?.status).toBe(1);
    await ui.screenshot(page, 'live-review');
    await context.close();
  });

  it('switches to the drafts queue at once, listing what pagetriagelist lists for Draft, or saying it is empty', async () => {
    const { context, page } = await ui.open();
    await openFeed(page);
    await page.getByRole('button', { name: 'Articles for creation' }).click();
    await expect.poll(() => page.getByTestId('feed-chips').textContent()).toContain('Awaiting review');
    const expected = await apiTitles({
      namespace: '118',
      showreviewed: '1',
      showunreviewed: '1',
      afc_state: '2',
    });
    if (expected.length === 0) await page.getByTestId('feed-empty').waitFor();
    else await expect.poll(() => rowTitles(page)).toEqual(expected);
    expect(
      await page.evaluate<string | null>('localStorage.getItem("userjs-NewPagesFeedFilterOptions")'),
    ).toContain('"mode":"afc"');
    await ui.screenshot(page, 'afc');
    await context.close();
  });

  it('says so in the interface language when no page matches the filters', async () => {
    const { context, page } = await ui.open({ locale: 'de-DE' });
    await openFeed(page);
    await page.getByTestId('feed-set-filters').click();
    await page.getByRole('radio', { name: 'Diesem Benutzer' }).check();
    await page.getByPlaceholder('Benutzername').fill('Nobody Created Anything');
    await page.getByRole('button', { name: 'Ergebnisse anzeigen' }).click();
    await expect
      .poll(() => page.getByTestId('feed-empty').textContent())
      .toContain('Keine Seite entspricht diesen Filtern');
    expect(await page.getByTestId('feed-row').count()).toBe(0);
    expect(
      await apiTitles({
        namespace: '0',
        showunreviewed: '1',
        showothers: '1',
        username: 'Nobody Created Anything',
      }),
    ).toEqual([]);
    await ui.screenshot(page, 'empty-de');
    await context.close();
  });

  it('shows a failed request as a readable message in the interface language, with a retry', async () => {
    const { context, page } = await ui.open({ locale: 'de-DE' });
    await openFeed(page);
    // The server goes away: the list's requests fail.
    await page.route('**/api.php?*action=pagetriagelist*', (route) => route.abort('connectionrefused'));
    await page.getByTestId('feed-refresh').click();
    await expect
      .poll(() => page.getByTestId('feed-error').textContent())
      .toContain('Der Server ist nicht erreichbar');
    await ui.screenshot(page, 'error-de');
    await page.unroute('**/api.php?*action=pagetriagelist*');
    await page.getByRole('button', { name: 'Erneut versuchen' }).click();
    await expect.poll(() => page.getByTestId('feed-row').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('feed-error').count()).toBe(0);
    await context.close();
  });

  it('lays the feed out right to left in Arabic', async () => {
    const { context, page } = await ui.open({ locale: 'ar' });
    await openFeed(page);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('ملقم الصفحات الجديدة');
    // A row's status icon sits at its right edge, its Review button at the left.
    const row = page.getByTestId('feed-row').first();
    const rowBox = (await row.boundingBox())!;
    const icon = (await row.locator('.wq-feed-row__status').boundingBox())!;
    const review = (await row.getByRole('button').boundingBox())!;
    expect(icon.x).toBeGreaterThan(rowBox.x + rowBox.width / 2);
    expect(review.x).toBeLessThan(rowBox.x + rowBox.width / 2);
    await ui.screenshot(page, 'list-ar');
    await context.close();
  });

  it('has no serious accessibility violations on the feed and its filter panel, in English and Arabic', async () => {
    for (const locale of ['en-US', 'ar']) {
      const { context, page } = await ui.open({ locale });
      await openFeed(page);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByTestId('feed-set-filters').click();
      await page.getByTestId('feed-filters').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    }
  }, 90_000);
});
