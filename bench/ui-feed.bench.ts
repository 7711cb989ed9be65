/**
 * The New Pages Feed in a browser on the review-queue bench's queue (BENCH_PAGES, default
 * 1,000,000 pages; bench/review-queue.bench.ts builds it in the temp directory or reuses it):
 *
 * - time to the first 20 rows: from navigation start to the 20th row of `/ui/{wiki}/feed` being
 *   visible, read in the page (`performance.now()`, whose origin is the navigation's start), in a
 *   fresh browser context each run (cold: nothing cached) and again in the same context (warm:
 *   the app's hashed assets cached), BENCH_RUNS runs each (default 10), p50 and max;
 * - the initial transfer size of the app's JavaScript and CSS: the gzip files the build writes
 *   (ui/dist/assets/*.gz) of every script and style sheet the page loaded until its 20 rows
 *   showed — the entry, its imports and the feed route's lazily loaded chunks.
 *
 * Target: 20 rows within 1 s; at most 250 KB gzip. Needs Chromium (WIKIQUEUE_CHROMIUM or
 * /usr/bin/chromium) and builds the interface when it is stale.
 * Run: node bin/run-ts.js bench/ui-feed.bench.ts (BENCH_PAGES, BENCH_RUNS; BENCH_TRACE=1 prints the
 * requests of the first cold run with their start and end times)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openStore } from '../src/core/store/open-store.ts';
import { openReviewStore } from '../src/review/store/review-store.ts';
import { marker, prepareSqliteQueue, startApp } from './review-queue.bench.ts';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'ui', 'dist');

export interface UiFeedFigures {
  pages: number;
  runs: number;
  coldP50Ms: number;
  coldMaxMs: number;
  warmP50Ms: number;
  warmMaxMs: number;
  transferGzipBytes: number;
  files: { name: string; gzipBytes: number }[];
}

function chromiumPath(): string | null {
  return (
    [process.env.WIKIQUEUE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
      (p): p is string => typeof p === 'string' && p !== '' && existsSync(p),
    ) ?? null
  );
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** The gzip size of a built asset, by the path the browser asked for (`/ui/assets/x.js`). */
function gzipBytes(path: string): number {
  const file = join(DIST, 'assets', basename(path));
  return existsSync(`${file}.gz`) ? statSync(`${file}.gz`).size : statSync(file).size;
}

export async function runUiFeedBench(
  opts: {
    pages?: number;
    runs?: number;
    /** Prints the first cold run's requests with their times (BENCH_TRACE=1). */
    trace?: boolean;
  } = {},
): Promise<UiFeedFigures | null> {
  const executablePath = chromiumPath();
  if (!executablePath) {
    console.log('ui feed: skipped (Chromium is not installed)');
    return null;
  }
  const pages = opts.pages ?? 1_000_000;
  const runs = opts.runs ?? 10;
  execFileSync(process.execPath, [join(ROOT, 'bin', 'wikiqueue.js'), 'ui', 'build', '--if-stale'], {
    stdio: 'inherit',
  });
  const { url, wiki } = await prepareSqliteQueue(pages);
  const store = openReviewStore(await openStore(url));
  const bench = await startApp(store, marker(pages));
  const base = await bench.app.listen({ port: 0, host: '127.0.0.1' });
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
      ],
    });
    const feedUrl = `${base}/ui/${wiki}/feed`;
    const cold: number[] = [];
    const warm: number[] = [];
    const assets = new Set<string>();
    /** Milliseconds from navigation start to the 20th row on screen. */
    const load = async (page: Page): Promise<number> => {
      await page.goto(feedUrl, { waitUntil: 'commit' });
      const row = page.getByTestId('feed-row').nth(19);
      await row.waitFor({ state: 'visible', timeout: 30_000 });
      return page.evaluate(() => performance.now());
    };
    // One run unmeasured: the server's statement caches and the operating system's file cache.
    {
      const context = await browser.newContext();
      await load(await context.newPage());
      await context.close();
    }
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      page.on('request', (r) => {
        const path = new URL(r.url()).pathname;
        if (/^\/ui\/assets\/.+\.(js|css)$/.test(path)) assets.add(path);
      });
      cold.push(await load(page));
      if (opts.trace && i === 0) {
        const entries = await page.evaluate(() =>
          performance.getEntriesByType('resource').map((e) => {
            const r = e as unknown as { startTime: number; responseEnd: number; name: string };
            return `${r.startTime.toFixed(0)}–${r.responseEnd.toFixed(0)} ms ${r.name.slice(0, 140)}`;
          }),
        );
        console.log(entries.join('\n'));
      }
      warm.push(await load(page));
      await context.close();
    }
    const files = [...assets].map((p) => ({ name: basename(p), gzipBytes: gzipBytes(p) }));
    return {
      pages,
      runs,
      coldP50Ms: quantile(cold, 0.5),
      coldMaxMs: Math.max(...cold),
      warmP50Ms: quantile(warm, 0.5),
      warmMaxMs: Math.max(...warm),
      transferGzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
      files: files.sort((a, b) => b.gzipBytes - a.gzipBytes),
    };
  } finally {
    await browser?.close();
    await bench.app.close();
    await store.close();
  }
}

export function printUiFeedFigures(f: UiFeedFigures): void {
  console.log(
    `ui feed: ${f.pages.toLocaleString('en')}-page queue, ${f.runs} runs, first 20 rows visible after`,
  );
  console.log(
    `  cold (new browser context): p50 ${f.coldP50Ms.toFixed(0)} ms, max ${f.coldMaxMs.toFixed(0)} ms (target ≤ 1000 ms)`,
  );
  console.log(
    `  warm (assets cached):       p50 ${f.warmP50Ms.toFixed(0)} ms, max ${f.warmMaxMs.toFixed(0)} ms`,
  );
  console.log(
    `  initial JavaScript + CSS: ${(f.transferGzipBytes / 1024).toFixed(1)} KB gzip in ${f.files.length} files (target ≤ 250 KB)`,
  );
  for (const file of f.files)
    console.log(`    ${(file.gzipBytes / 1024).toFixed(1).padStart(7)} KB  ${file.name}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await runUiFeedBench({
    pages: process.env.BENCH_PAGES ? Number(process.env.BENCH_PAGES) : 1_000_000,
    runs: process.env.BENCH_RUNS ? Number(process.env.BENCH_RUNS) : 10,
    trace: process.env.BENCH_TRACE === '1',
  });
  if (figures) printUiFeedFigures(figures);
}
