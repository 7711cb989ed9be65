import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { vi } from 'vitest';
import { buildTestApp, type TestApp } from '../../factories/app.ts';
import { launchBrowser } from '../browser.ts';
import type { ConfigOverrides } from '../../../src/config.ts';
import { loadDemo } from '../../../src/demo/load-demo.ts';
import { demoWikis } from '../../../src/demo/demo-wikis.ts';
import { createWorker } from '../../../src/create-worker.ts';
import { runJobsUntilIdle } from '../../../src/core/jobs/jobs-cli.ts';

// A browser test drives a real server and Chromium, and an accessibility scan reads the whole
// page: on a loaded 2-core machine that takes longer than the suite's default 30 s.
vi.setConfig({ testTimeout: 120_000 });

/** Where browser tests write their screenshots (CI keeps the folder). */
export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

export const DEMO_PASSWORD = 'ui-test-demo-password-42';

export interface UiHarness {
  t: TestApp;
  /** The listening server's origin, e.g. http://127.0.0.1:40123 */
  base: string;
  browser: Browser;
  /** A new browser context (own cookies) and page; `locale` sets navigator.languages. */
  open(opts?: { locale?: string }): Promise<{ context: BrowserContext; page: Page }>;
  /** Saves a full-page screenshot as `<suite>-<name>.png` in SCREENSHOT_DIR. */
  screenshot(page: Page, name: string): Promise<void>;
  /** Runs the background jobs until none is left (the server runs none by itself in tests). */
  runJobs(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real server over a real socket with the built web interface, and Debian's Chromium. With
 * `demo`, the demo family (enwiki as the default wiki; every demo user's password is
 * DEMO_PASSWORD) with its image suggestions, suggested-edit tasks and page queue, as `npm start`
 * makes it.
 */
export async function startUi(
  suite: string,
  opts: { demo?: { pages: number }; config?: ConfigOverrides } = {},
): Promise<UiHarness> {
  const t = await buildTestApp({
    wikis: opts.demo ? [] : undefined,
    config: { ...(opts.demo ? { defaultWiki: 'enwiki' } : {}), ...opts.config },
  });
  const worker = createWorker(t.services);
  const runJobs = async () => {
    await runJobsUntilIdle(worker, { print: () => {} });
  };
  if (opts.demo) {
    await loadDemo(t.services, { seed: 1, pagesPerWiki: opts.demo.pages, password: DEMO_PASSWORD });
    await t.services.wikis.reload();
    await runJobs();
    for (const wiki of demoWikis()) {
      if (wiki.isMediaRepo) continue;
      await t.services.suggestions.generate(wiki.id);
      await runJobs();
      await t.services.tasks.mapAllTopics(wiki.id);
      await t.services.tasks.rebuildTasks(wiki.id);
    }
    await runJobs();
  }
  const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchBrowser();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    t,
    base,
    browser,
    open: async ({ locale = 'en-US' } = {}) => {
      const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      return { context, page };
    },
    screenshot: async (page, name) => {
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${suite}-${name}.png`), fullPage: true });
    },
    runJobs,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/** The serious and critical accessibility violations axe finds on the page, as readable lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Colours are checked once they have settled: a button caught mid-transition (Codex animates a
  // toggle's background) is neither its old nor its new colour.
  await page.evaluate('Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)))');
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
