import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD, type UiHarness } from './ui-harness.ts';

/** Signs a demo user in through the sign-in page, which then returns to `returnto` (a /ui/ path). */
export async function signInAs(ui: UiHarness, page: Page, user: string, wiki: string, returnto: string) {
  await page.goto(`${ui.base}/ui/${wiki}/login?returnto=${encodeURIComponent(returnto)}`);
  await page.locator('input[name="username"]').fill(user);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await expect.poll(() => page.getByTestId('signed-in-user').textContent()).toBe(user);
}
