import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, noBrowserReason } from '../browser.ts';
import { seriousViolations, startUi, type UiHarness } from './ui-harness.ts';
import type { ReviewService } from '../../../src/review/review-service.ts';

const suite = chromiumPath ? describe : describe.skip;
const PASSWORD = 'notifications-test-password-1';
const WIKI = 'testwiki';

suite(`web UI: notifications${chromiumPath ? '' : ` [skipped: ${noBrowserReason}]`}`, () => {
  let ui: UiHarness;
  let creatorId = 0;

  async function signIn(page: Page, name: string) {
    await page.goto(`${ui.base}/ui/${WIKI}/login`);
    await page.locator('input[name="username"]').fill(name);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await expect.poll(() => page.getByTestId('signed-in-user').textContent()).toBe(name);
  }

  const unread = () => ui.t.services.store.notifications.countUnread(WIKI, creatorId);

  beforeAll(async () => {
    ui = await startUi('notifications');
    await ui.t.createUser('Author', PASSWORD);
    await ui.t.createUser('Patrol', PASSWORD, ['sysop']);
    creatorId = (await ui.t.services.store.users.getByName(WIKI, 'Author'))!.id;
    const patrolId = (await ui.t.services.store.users.getByName(WIKI, 'Patrol'))!.id;
    const author = await ui.t.services.accounts.actorForUser(WIKI, creatorId);
    const patrol = await ui.t.services.accounts.actorForUser(WIKI, patrolId);
    const review = (ui.t.services as unknown as { review: ReviewService }).review;
    for (const [title, note] of [
      ['First article', 'Well written.'],
      ['Second article', ''],
    ] as const) {
      const saved = await ui.t.services.wikiSources.for(WIKI).edit(author, { title, text: 'Text.' });
      await ui.runJobs();
      ui.t.advance(60);
      await review.queue.setReviewed(patrol, {
        pageId: saved.pageid,
        reviewed: 1,
        ...(note ? { note } : {}),
      });
    }
  });
  afterAll(async () => {
    await ui?.close();
  });

  it('lists the notifications, marks them read when seen, and the header count follows', async () => {
    expect(await unread()).toBe(2);
    const { context, page } = await ui.open();
    await signIn(page, 'Author');
    // The header shows the unread count before the page is seen.
    await expect.poll(() => page.getByRole('link', { name: /Notifications/ }).textContent()).toContain('2');
    await page.getByRole('link', { name: /Notifications/ }).click();
    await page.getByTestId('notifications-list').waitFor();
    const items = page.getByTestId('notification');
    expect(await items.count()).toBe(2);
    expect(await items.nth(0).textContent()).toContain('Patrol marked your page Second article as reviewed.');
    expect(await items.nth(1).textContent()).toContain('Well written.');
    await ui.screenshot(page, 'list');
    // Seen: read on the server, and the header's badge is gone.
    await expect.poll(unread).toBe(0);
    await expect
      .poll(() => page.getByRole('link', { name: /Notifications/ }).textContent())
      .not.toContain('2');
    // The links lead to the article view.
    await items.nth(0).getByRole('link').click();
    await expect.poll(() => page.getByTestId('article-title').textContent()).toBe('Second article');
    await context.close();
  });

  it('has no serious accessibility violations, in English and Arabic', async () => {
    for (const lang of ['en', 'ar']) {
      const { context, page } = await ui.open({ locale: lang });
      await signIn(page, 'Author');
      await page.goto(`${ui.base}/ui/${WIKI}/notifications?uselang=${lang}`);
      await page.getByTestId('notifications-list').waitFor();
      expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      expect(await seriousViolations(page)).toEqual([]);
      await ui.screenshot(page, `list-${lang}`);
      await context.close();
    }
  });
});
