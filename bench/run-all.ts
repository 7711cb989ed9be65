/**
 * Runs every benchmark in bench/ one after the other and prints their figures: `npm run bench`.
 * BENCH_PAGES scales the review queue down for a quick run (default 1,000,000);
 * BENCH_POSTGRES_URL (or TEST_POSTGRES_URL) adds PostgreSQL to the review queue bench;
 * BENCH_SUGGESTION_ARTICLES scales the image-suggestion generator (default 100,000 and 1,000,000);
 * BENCH_TASKS scales the suggested-edits task pool (default here 500,000; the figure, and
 * the bench's own default, is 5,000,000), BENCH_BUDGET_SECONDS the time each of its cases may take
 * (default here 15 s), and BENCH_POSTGRES_URL (or TEST_POSTGRES_URL) adds PostgreSQL to it.
 * BENCH_PAGEQUEUE_PAGES scales the lead-image page queue (default here 100,000; the figure,
 * and the bench's own default, is 1,000,000), BENCH_PAGEQUEUE_SECONDS its load (default here 5 s);
 * BENCH_POSTGRES_URL (or TEST_POSTGRES_URL) adds PostgreSQL to it. The New Pages Feed's browser bench
 * (bench/ui-feed.bench.ts) serves the review queue's BENCH_PAGES queue and needs Chromium; following a
 * real MediaWiki (bench/mediawiki-follow.bench.ts) needs Debian's mediawiki and php-sqlite3.
 */
import { reviewQueueBenchOptions, runReviewQueueBench } from './review-queue.bench.ts';
import { runReviewCompileBench } from './review-compile.bench.ts';

/** A benchmark file owned elsewhere, run through its exported entry point when it has one. */
async function runOptional(
  file: string,
  entry: string,
  run: (fn: (...args: never[]) => Promise<unknown>) => Promise<unknown>,
) {
  const mod = (await import(file)) as Record<string, unknown>;
  const fn = mod[entry];
  if (typeof fn !== 'function') {
    console.log(`${file}: no ${entry}() exported; skipped`);
    return;
  }
  await run(fn as (...args: never[]) => Promise<unknown>);
}

const started = performance.now();
console.log('== wikitext analysis ==');
await runOptional('./wikitext.bench.ts', 'runWikitextBench', async (fn) => {
  const r = (await fn()) as {
    pagesPerSecond: number;
    pagesPerCpuSecond: number;
    megabytesPerSecond: number;
    pages: number;
    renderPagesPerSecond: number;
    largestPage: { bytes: number; rendersPerSecond: number };
  };
  console.log(
    `wikitext: ${r.pages} pages, ${r.pagesPerSecond.toFixed(0)} pages/s (${r.pagesPerCpuSecond.toFixed(0)} per CPU second), ${r.megabytesPerSecond.toFixed(1)} MB/s`,
  );
  console.log(
    `wikitext rendering: ${r.renderPagesPerSecond.toFixed(0)} pages/s; largest page (${Math.round(r.largestPage.bytes / 1024)} KiB) ${r.largestPage.rendersPerSecond.toFixed(1)} renders/s`,
  );
});
console.log('\n== dump reading ==');
await runOptional('./dump-read.bench.ts', 'runDumpReadBench', (fn) => fn());
console.log('\n== review metadata compilation ==');
await runReviewCompileBench();
console.log('\n== image-suggestion generator ==');
await runOptional('./suggestion-generator.bench.ts', 'runSuggestionGeneratorBench', async (fn) => {
  const { suggestionGeneratorBenchOptions } = await import('./suggestion-generator.bench.ts');
  await fn(suggestionGeneratorBenchOptions([], process.env) as never);
});
console.log('\n== suggested edits (growthtasks) ==');
await runOptional('./growthtasks.bench.ts', 'runGrowthTasksBench', async (fn) => {
  const { growthTasksBenchOptions } = await import('./growthtasks.bench.ts');
  const options = growthTasksBenchOptions([], {
    BENCH_TASKS: '500000',
    BENCH_BUDGET_SECONDS: '15',
    ...process.env,
    BENCH_POSTGRES_URL: process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL,
  });
  await fn(options as never);
});
console.log('\n== lead-image page queue ==');
await runOptional('./page-queue.bench.ts', 'runPageQueueBench', async (fn) => {
  const { pageQueueBenchOptions } = await import('./page-queue.bench.ts');
  const options = pageQueueBenchOptions([], {
    BENCH_PAGEQUEUE_PAGES: '100000',
    BENCH_PAGEQUEUE_SECONDS: '5',
    ...process.env,
    BENCH_POSTGRES_URL: process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL,
  });
  await fn(options as never);
});
console.log('\n== review queue ==');
await runReviewQueueBench(reviewQueueBenchOptions(process.env));
console.log('\n== web interface: the New Pages Feed ==');
await runOptional('./ui-feed.bench.ts', 'runUiFeedBench', async (fn) => {
  const { printUiFeedFigures } = await import('./ui-feed.bench.ts');
  const figures = (await fn({
    pages: process.env.BENCH_PAGES ? Number(process.env.BENCH_PAGES) : 1_000_000,
  } as never)) as Parameters<typeof printUiFeedFigures>[0] | null;
  if (figures) printUiFeedFigures(figures);
});
console.log('\n== following a real MediaWiki ==');
await runOptional('./mediawiki-follow.bench.ts', 'runMediaWikiFollowBench', async (fn) => {
  await fn();
});
console.log(`\nall benchmarks done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
