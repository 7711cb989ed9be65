import type { Command } from 'commander';
import { parseTimestamp } from '../core/domain/clock.ts';
import { importQualityPredictions } from './quality-predictions.ts';
import type { CoreServices } from '../core/core-services.ts';
import { startProgress } from '../core/cli/progress.ts';
import type { SubsystemCli } from '../core/subsystem.ts';
import type { ReviewService } from './review-service.ts';

function wikiOf(core: CoreServices, wiki: string | undefined): string {
  return core.wikis.get(wiki ?? core.config.defaultWiki).info.id;
}

/** The review queue's operator commands (review-queue-reference.md §4, plus backfill and predictions). */
export function registerReviewCommand(program: Command, cli: SubsystemCli<ReviewService>): void {
  const review = program.command('review').description('the new-page review queue');

  review
    .command('enqueue')
    .description('queue existing pages that were never queued (after an import), compiling their metadata')
    .option('--wiki <wiki>', 'wiki id (default: the default wiki)')
    .option('--since <date>', 'only pages created at or after this date (ISO 8601 or YYYYMMDDHHMMSS)')
    .option('--all', 'every page of the tracked namespaces')
    .action(async (opts: { wiki?: string; since?: string; all?: boolean }, cmd: Command) => {
      if (!opts.all && !opts.since) throw new Error('say --since DATE or --all');
      await cli.withServices(cmd, async (s, review) => {
        const since = opts.since === undefined ? undefined : parseTimestamp(opts.since, s.clock());
        if (opts.since !== undefined && since === undefined)
          throw new Error(`--since: not a date: ${opts.since}`);
        const wiki = wikiOf(s, opts.wiki);
        let total = 0;
        for (const ns of review.maintenance.backfillNamespaces(wiki))
          total += await s.store.pages.count(wiki, ns);
        const bar = startProgress('enqueue', total, 'pages');
        const r = await review.maintenance.backfill(wiki, {
          ...(since !== undefined ? { since } : {}),
          onProgress: (done) => bar.update(done),
        });
        bar.stop();
        process.stdout.write(
          `review enqueue: ${r.queued} pages queued of ${r.scanned} scanned in ${r.seconds.toFixed(1)} s ` +
            `(${Math.round(r.queued / Math.max(r.seconds, 0.001))} pages/s)\n`,
        );
      });
    });

  const task = (
    name: string,
    description: string,
    run: (review: ReviewService, wiki: string) => Promise<unknown>,
  ) =>
    review
      .command(name)
      .description(description)
      .option('--wiki <wiki>', 'wiki id (default: the default wiki)')
      .action(async (opts: { wiki?: string }, cmd: Command) => {
        await cli.withServices(cmd, (s, review) => run(review, wikiOf(s, opts.wiki)).then(() => undefined));
      });
  const print = (line: string) => process.stdout.write(`${line}\n`);
  task('purge', 'drop reviewed pages and old redirects past their retention age', (review, w) =>
    review.maintenance.purgeOldPages(w, print),
  );
  task('cleanup', 'drop rows of namespaces that are no longer tracked', (review, w) =>
    review.maintenance.cleanup(w, print),
  );
  task('populate-drafts', 'queue drafts that are missing from the queue', (review, w) =>
    review.maintenance.populateDraftQueue(w, print),
  );
  task('update-users', 'refresh creator facts compiled more than a day ago', (review, w) =>
    review.maintenance.updateUserMetadata(w, print),
  );

  review
    .command('compact')
    .description(
      "compact the keyword index and the counters, every wiki's (also run hourly by the job runner)",
    )
    .action(async (_opts: unknown, cmd: Command) => {
      await cli.withServices(cmd, (_s, review) => review.maintenance.compact(print).then(() => undefined));
    });

  review
    .command('import-predictions <file>')
    .description(
      'import article-quality and draft-quality predictions (JSON lines: rev_id, articlequality, draftquality)',
    )
    .option('--wiki <wiki>', 'wiki id (default: the default wiki)')
    .action(async (file: string, opts: { wiki?: string }, cmd: Command) => {
      await cli.withServices(cmd, async (s, review) => {
        const r = await importQualityPredictions(review.store, wikiOf(s, opts.wiki), file);
        process.stdout.write(`predictions: ${r.applied} applied, ${r.skipped} skipped of ${r.lines} lines\n`);
      });
    });
}
