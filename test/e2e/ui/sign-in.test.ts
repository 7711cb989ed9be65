import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, noBrowserReason } from '../browser.ts';
import { seriousViolations, startUi, type UiHarness } from './ui-harness.ts';

const suite = chromiumPath ? describe : describe.skip;

suite(
  `web UI: sign in, create account, sign out${chromiumPath ? '' : ` [skipped: ${noBrowserReason}]`}`,
  () => {
    let ui: UiHarness;

    beforeAll(async () => {
      ui = await startUi('sign-in');
      await ui.t.createUser('Patroller', 'patroller-password-1');
    });
    afterAll(async () => {
      await ui?.close();
    });

    it('signs in with the right password and shows who is signed in; signing out forgets it', async () => {
      const { context, page } = await ui.open();
      await page.goto(`${ui.base}/ui/testwiki/login`);
      await page.getByLabel('Username').fill('Patroller');
      await page.getByLabel('Password').fill('patroller-password-1');
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect.poll(() => page.getByTestId('signed-in-user').textContent()).toBe('Patroller');
      // The server, not only the page, knows the session.
      const cookies = await context.cookies();
      expect(cookies.some((c) => c.name === 'wikiqueue_session')).toBe(true);
      await ui.screenshot(page, 'signed-in');
      await page.getByRole('button', { name: 'Log out' }).click();
      await expect.poll(() => page.getByRole('link', { name: 'Log in' }).count()).toBe(1);
      await page.reload();
      await expect.poll(() => page.getByRole('link', { name: 'Log in' }).count()).toBe(1);
      expect(await page.getByTestId('signed-in-user').count()).toBe(0);
      await context.close();
    });

    it("shows the server's refusal of a wrong password in the interface language", async () => {
      const { context, page } = await ui.open({ locale: 'de-DE' });
      await page.goto(`${ui.base}/ui/testwiki/login`);
      await page.getByLabel('Benutzername').fill('Patroller');
      await page.getByLabel('Passwort').fill('not-the-password');
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await expect
        .poll(() => page.getByTestId('auth-error').textContent())
        .toContain('Benutzername oder Passwort falsch');
      await ui.screenshot(page, 'wrong-password-de');
      await context.close();
    });

    it('creates an account and is signed in with it; a taken name is refused', async () => {
      const { context, page } = await ui.open();
      await page.goto(`${ui.base}/ui/testwiki/create-account`);
      await page.getByLabel('Username').fill('Newcomer');
      await page.getByLabel('Password', { exact: true }).fill('a-long-new-password-7');
      await page.getByLabel('Confirm password').fill('a-long-new-password-7');
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect.poll(() => page.getByTestId('signed-in-user').textContent()).toBe('Newcomer');
      expect(await ui.t.services.store.users.getByName('testwiki', 'Newcomer')).toBeTruthy();

      const second = await ui.open();
      await second.page.goto(`${ui.base}/ui/testwiki/create-account`);
      await second.page.getByLabel('Username').fill('Newcomer');
      await second.page.getByLabel('Password', { exact: true }).fill('another-long-password-8');
      await second.page.getByLabel('Confirm password').fill('another-long-password-8');
      await second.page.getByRole('button', { name: 'Create account' }).click();
      await expect
        .poll(() => second.page.getByTestId('auth-error').textContent())
        .toContain('already in use');
      await second.context.close();
      await context.close();
    });

    it('lays the Arabic interface out right to left', async () => {
      const { context, page } = await ui.open({ locale: 'ar' });
      await page.goto(`${ui.base}/ui/testwiki/login`);
      await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await page.locator('html').getAttribute('lang')).toBe('ar');
      // The header's brand sits at the right edge, the tools at the left.
      const brand = await page.getByRole('link', { name: 'wikiqueue' }).boundingBox();
      expect(brand!.x).toBeGreaterThan(640);
      await ui.screenshot(page, 'login-ar');
      await context.close();
    });

    it('has no serious accessibility violations on the sign-in page, in English and Arabic', async () => {
      for (const locale of ['en-US', 'ar']) {
        const { context, page } = await ui.open({ locale });
        await page.goto(`${ui.base}/ui/testwiki/login`);
        await page.getByRole('button').first().waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await context.close();
      }
    });
  },
);
