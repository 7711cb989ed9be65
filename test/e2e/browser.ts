import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (no browser download). Tests that need it skip with
 * this reason when it is missing; CI installs it (.ci/run).
 */
export const chromiumPath =
  [process.env.WIKIQUEUE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (p): p is string => typeof p === 'string' && p !== '' && existsSync(p),
  ) ?? null;

export const noBrowserReason = 'Chromium is not installed (apt-get install chromium)';

export function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error(noBrowserReason);
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
