import type { Command } from 'commander';
import { startProgress } from '../core/cli/progress.ts';
import type { SubsystemCli } from '../core/subsystem.ts';
import type { PageQueueService } from './page-queue-service.ts';

/** The page queue's operator commands. */
export function registerPageQueueCommand(program: Command, cli: SubsystemCli<PageQueueService>): void {
  const queue = program.command('pagequeue').description('the lead-image page queue');

  queue
    .command('build')
    .description(
      "queue the wiki's articles that need a lead image and have candidates, ranked by importance (resumable; also run daily)",
    )
    .requiredOption('--wiki <wiki>', 'the wiki whose queue is built')
    .option('--restart', 'start over even if an interrupted build could be resumed')
    .action(async (opts: { wiki: string; restart?: boolean }, cmd: Command) => {
      await cli.withServices(cmd, async (_core, service) => {
        let bar: ReturnType<typeof startProgress> | undefined;
        const s = await service.build(opts.wiki, {
          restart: opts.restart === true,
          onProgress: (p) =>
            (bar ??= startProgress('pagequeue build', p.total, 'pages')).update(p.pages, p.total),
        });
        bar?.stop();
        process.stdout.write(
          `pagequeue build: ${s.wiki}${s.resumed ? ' (resumed)' : ''}: ${s.queued} of ${s.pages} pages with suggestions queued` +
            (s.swept > 0 ? `, ${s.swept} no longer eligible removed` : '') +
            ` in ${s.seconds.toFixed(1)} s\n`,
        );
      });
    });

  queue
    .command('import-pageviews')
    .description(
      "make a public pageview dump's counts (lines `domain_code page_title count_views response_size`, uncompressed) the wiki's page views; resumable",
    )
    .argument('<file>', 'an hourly or daily pageviews file, gunzipped')
    .requiredOption('--wiki <wiki>', 'the wiki whose pages the views are of')
    .option('--batch <n>', 'lines per transaction', (v) => Number.parseInt(v, 10), 10_000)
    .action(async (file: string, opts: { wiki: string; batch: number }, cmd: Command) => {
      if (!Number.isSafeInteger(opts.batch) || opts.batch < 1) throw new Error('--batch: a positive integer');
      await cli.withServices(cmd, async (_core, service) => {
        let bar: ReturnType<typeof startProgress> | undefined;
        const s = await service.importPageviews(opts.wiki, file, {
          batch: opts.batch,
          onProgress: (done, total) =>
            (bar ??= startProgress('pageviews import', total, 'bytes')).update(done),
          onBadLine: (r) => process.stderr.write(`line ${r.line}: ${r.reason}\n`),
        });
        bar?.stop();
        process.stdout.write(
          `pagequeue import-pageviews: ${s.wiki}: ${s.counted} lines counted, ${s.unknownTitles} of no content page, ` +
            `${s.otherDomains} of other wikis, ${s.bad} bad, of ${s.lines} lines` +
            (s.resumedAfter > 0 ? ` (resumed after line ${s.resumedAfter})` : '') +
            (s.pages === undefined
              ? '; the file was imported before, nothing changed'
              : `; ${s.pages} ${s.pages === 1 ? 'page has' : 'pages have'} views`) +
            '\n',
        );
        if (s.pages !== undefined && (await service.settings(opts.wiki)).importance === 'views') {
          const b = await service.build(opts.wiki, { restart: true });
          process.stdout.write(`pagequeue build: ${b.wiki}: ${b.queued} pages re-ranked by views\n`);
        }
      });
    });
}
