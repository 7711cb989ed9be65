/**
 * Following a real MediaWiki (issue 16): Debian's MediaWiki 1.39, installed and served by php -S on
 * loopback as the tests do (test/factories/real-mediawiki.ts). N pages (default 300) are created
 * on it through its API by a newcomer's bot password; wikiqueue then
 *
 * - backfills them (`MediaWikiMirror.backfill`, what `wikiqueue wiki backfill` runs): pages per
 *   second, wall clock, the subsystems' backfill jobs not included;
 * - follows the wiki as `wikiqueue serve` does (the follower loop, the event dispatcher and the job
 *   runner in this process, config defaults), while E more pages (default 20) are created one by
 *   one: the delay from the wiki's answer to the edit until the page is listed by
 *   `pagetriagelist` — median and longest. Target: ≤ 2 s.
 *
 * Skips with a message where MediaWiki or php is missing.
 * Run: node bin/run-ts.js bench/mediawiki-follow.bench.ts [--pages N] [--edits E]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Session from 'm3api';
import pino from 'pino';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openStore } from '../src/core/store/open-store.ts';
import { createServices } from '../src/create-services.ts';
import { backfillJobTypes, createWorker, followedNamespaces, mediaWikiMirror } from '../src/create-worker.ts';
import { REAL_MEDIAWIKI_MISSING, startRealMediaWiki } from '../test/factories/real-mediawiki.ts';
import { flagReader } from './bench-args.ts';

const WIKI = 'benchwiki';

export interface MediaWikiFollowFigures {
  pages: number;
  backfillSeconds: number;
  backfillPagesPerSecond: number;
  edits: number;
  delayMedianMs: number;
  delayMaxMs: number;
}

export async function runMediaWikiFollowBench(
  opts: { pages?: number; edits?: number } = {},
): Promise<MediaWikiFollowFigures | undefined> {
  if (REAL_MEDIAWIKI_MISSING) {
    console.log(`mediawiki-follow: ${REAL_MEDIAWIKI_MISSING}; skipped`);
    return undefined;
  }
  const pages = opts.pages ?? 300;
  const edits = opts.edits ?? 20;
  // MediaWiki's own rate limits would pace the page creations, not the follower.
  const mw = await startRealMediaWiki('$wgRateLimits = [];');
  const dir = mkdtempSync(join(tmpdir(), 'wq-mw-bench-'));
  try {
    await mw.createUser('Bench newcomer', 'Bench-newcomer-password-1');
    const password = await mw.createBotPassword('Bench newcomer', 'bench', [
      'basic',
      'editpage',
      'createeditmovepage',
    ]);
    const newcomer = new Session(
      mw.apiUrl,
      { formatversion: 2 },
      { userAgent: 'wikiqueue-bench', warn: () => undefined },
    );
    await newcomer.request(
      { action: 'login', lgname: 'Bench newcomer@bench', lgpassword: password },
      { method: 'POST', tokenType: 'login', tokenName: 'lgtoken' },
    );
    const create = (title: string) =>
      newcomer.request(
        {
          action: 'edit',
          title,
          text: `'''${title}''' is a page made for the benchmark.\n\n[[Category:Bench]]`,
          createonly: true,
        },
        { method: 'POST', tokenType: 'csrf' },
      );
    const made = performance.now();
    for (let i = 0; i < pages; i++) await create(`Backfilled page ${i}`);
    console.log(
      `mediawiki-follow: ${pages} pages created on the wiki in ${((performance.now() - made) / 1000).toFixed(1)} s`,
    );

    const config = loadConfig(
      { databaseUrl: `sqlite:${join(dir, 'bench.sqlite')}`, logLevel: 'silent', demo: { autoCreate: false } },
      {},
    );
    const store = await openStore(config.databaseUrl, { create: true });
    const services = await createServices({ config, store, logger: pino({ level: 'silent' }) });
    const mirror = mediaWikiMirror(services);
    await mirror.connect({ id: WIKI, apiUrl: mw.apiUrl });
    const started = performance.now();
    const result = await mirror.backfill(WIKI, {
      namespaces: followedNamespaces(services, WIKI),
      days: 1,
      backfillJobTypes: backfillJobTypes(services),
    });
    const backfillSeconds = (performance.now() - started) / 1000;

    const worker = createWorker(services);
    const app = await buildApp(services);
    await worker.scheduler.scheduleAll();
    worker.runner.start();
    for (const loop of worker.following) void loop.start();
    const delays: number[] = [];
    try {
      // Let the backfill's jobs finish first.
      await new Promise((r) => setTimeout(r, 2000));
      for (let i = 0; i < edits; i++) {
        const title = `Followed page ${i}`;
        const saved = (await create(title)) as { edit: { pageid: number } };
        const t0 = performance.now();
        for (;;) {
          const res = await app.inject({
            method: 'GET',
            url: `/${WIKI}/w/api.php?action=pagetriagelist&format=json&page_id=${saved.edit.pageid}`,
          });
          if (
            ((res.json() as { pagetriagelist: { pages: unknown[] } }).pagetriagelist.pages ?? []).length > 0
          )
            break;
          if (performance.now() - t0 > 30_000) throw new Error(`${title} not listed after 30 s`);
          await new Promise((r) => setTimeout(r, 10));
        }
        delays.push(performance.now() - t0);
      }
    } finally {
      for (const loop of worker.following) await loop.stop();
      await worker.runner.stop();
      await app.close();
      await store.close();
    }
    delays.sort((a, b) => a - b);
    const figures: MediaWikiFollowFigures = {
      pages: result.listed,
      backfillSeconds,
      backfillPagesPerSecond: result.listed / backfillSeconds,
      edits,
      delayMedianMs: delays[Math.floor(delays.length / 2)] ?? 0,
      delayMaxMs: delays.at(-1) ?? 0,
    };
    console.log(
      `mediawiki-follow: backfill ${figures.pages} pages in ${backfillSeconds.toFixed(1)} s = ${figures.backfillPagesPerSecond.toFixed(0)} pages/s; ` +
        `edit on the wiki → listed by pagetriagelist: median ${figures.delayMedianMs.toFixed(0)} ms, max ${figures.delayMaxMs.toFixed(0)} ms over ${edits} pages ` +
        `(target ≤ 2000 ms: ${figures.delayMaxMs <= 2000 ? 'MET' : 'NOT MET'})`,
    );
    return figures;
  } finally {
    await mw.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const flag = flagReader(process.argv.slice(2));
  await runMediaWikiFollowBench({
    ...(flag('--pages') ? { pages: Number(flag('--pages')) } : {}),
    ...(flag('--edits') ? { edits: Number(flag('--edits')) } : {}),
  });
}
