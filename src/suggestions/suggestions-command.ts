import type { Command } from 'commander';
import { startProgress } from '../core/cli/progress.ts';
import type { SubsystemCli } from '../core/subsystem.ts';
import type { SuggestionsService } from './suggestions-service.ts';

/** The suggestion store's operator commands. */
export function registerSuggestionsCommand(program: Command, cli: SubsystemCli<SuggestionsService>): void {
  const suggestions = program.command('suggestions').description('the image suggestion store');

  suggestions
    .command('import')
    .description(
      "import suggestions rows (JSON lines, the production table's fields); bad rows are reported and skipped; resumable",
    )
    .argument('<file>', 'JSON lines file, one suggestions row per line')
    .option('--wiki <wiki>', 'only rows of this wiki (rows without "wiki" take it)')
    .option('--batch <n>', 'lines per transaction', (v) => Number.parseInt(v, 10), 1000)
    .action(async (file: string, opts: { wiki?: string; batch: number }, cmd: Command) => {
      if (!Number.isSafeInteger(opts.batch) || opts.batch < 1) throw new Error('--batch: a positive integer');
      await cli.withServices(cmd, async (_core, service) => {
        let bar: ReturnType<typeof startProgress> | undefined;
        const s = await service.importFile(file, {
          ...(opts.wiki !== undefined ? { wiki: opts.wiki } : {}),
          batch: opts.batch,
          onProgress: (done, total) =>
            (bar ??= startProgress('suggestions import', total, 'bytes')).update(done),
          onBadRow: (r) => process.stderr.write(`line ${r.line}: ${r.field}: ${r.reason}\n`),
        });
        bar?.stop();
        process.stdout.write(
          `suggestions import: ${s.added} rows added, ${s.alreadyStored} already stored, ${s.bad} bad rows skipped ` +
            `of ${s.lines} lines` +
            (s.resumedAfter > 0 ? ` (resumed after line ${s.resumedAfter})` : '') +
            (s.rescaled > 0 ? `; ${s.rescaled} confidences on the legacy 0–100 scale divided by 100` : '') +
            '\n',
        );
      });
    });

  suggestions
    .command('generate')
    .description(
      "find image suggestions for the wiki's articles without a lead image and their sections without an image (a new dataset; an interrupted run is resumed)",
    )
    .requiredOption('--wiki <wiki>', 'the wiki whose articles get suggestions')
    .option('--restart', 'start a new dataset even if an interrupted run could be resumed')
    .action(async (opts: { wiki: string; restart?: boolean }, cmd: Command) => {
      await cli.withServices(cmd, async (_core, service) => {
        let bar: ReturnType<typeof startProgress> | undefined;
        const s = await service.generate(opts.wiki, {
          restart: opts.restart === true,
          onProgress: (p) => {
            bar ??= startProgress('suggestions generate', p.total, 'pages');
            bar.update(p.done, p.total);
          },
        });
        bar?.stop();
        process.stdout.write(
          `suggestions generate: ${opts.wiki} dataset ${s.datasetId}${s.resumed ? ' (resumed)' : ''}: ` +
            `${s.pages} pages, ${s.suggestedPages} with suggestions, ${s.suggestions} article-level and ` +
            `${s.sectionSuggestions} section-level suggestions` +
            (s.swept > 0 ? `, ${s.swept} rows of pages no longer articles removed` : '') +
            ` in ${s.seconds.toFixed(1)} s\n`,
        );
      });
    });

  suggestions
    .command('purge-superseded')
    .description(
      "delete the rows of datasets a page's newer dataset has superseded (also run daily by the job runner)",
    )
    .action(async (_opts: unknown, cmd: Command) => {
      await cli.withServices(cmd, async (_core, service) => {
        process.stdout.write(
          `suggestions purge-superseded: ${await service.deleteSupersededDatasets()} rows deleted\n`,
        );
      });
    });
}
