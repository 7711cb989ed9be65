import type { AppServices } from '../app-services.ts';
import { startProgress } from '../core/cli/progress.ts';
import { backfillJobTypes, createWorker } from '../create-worker.ts';
import { DumpImporter } from '../wiki-source/local/dump-import.ts';
import { InvalidArgumentError, type Command } from 'commander';
import { parseWholeNumber, withServices } from './cli-config.ts';

export function registerImportCommand(program: Command): void {
  program
    .command('import <dumps...>')
    .description(
      'import MediaWiki XML dumps (.xml, .xml.gz, .xml.bz2), then bring the pages into every subsystem (the review queue, …); resumable: run again after an interruption',
    )
    .option('--wiki <wiki>', "wiki id to import into (default: the dump's dbname)")
    .option('--batch <n>', 'pages per transaction', parseWholeNumber, 200)
    .option(
      '--username-prefix <prefix>',
      'contributors without a local account or a user id in the dump become "<prefix>>Name" (as importDump.php)',
      parseUsernamePrefix,
      'imported',
    )
    .option(
      '--no-backfill',
      'import only: leave the pages out of the subsystems (review enqueue does it later)',
    )
    .action(
      async (
        dumps: string[],
        opts: { wiki?: string; batch: number; backfill: boolean; usernamePrefix: string },
        cmd: Command,
      ) => {
        await withServices(
          cmd,
          async (services) => {
            const types = opts.backfill ? backfillJobTypes(services) : [];
            const importer = new DumpImporter(services);
            for (const file of dumps) {
              const bar = startProgress(file.split('/').pop() ?? file, 1, 'bytes');
              const skips: string[] = [];
              const result = await importer.import(file, {
                ...(opts.wiki ? { wiki: opts.wiki } : {}),
                batchSize: opts.batch,
                usernamePrefix: opts.usernamePrefix,
                backfillJobTypes: types,
                onProgress: (p) => bar.update(p.bytesRead, p.totalBytes),
                onSkip: (o) =>
                  skips.push(
                    `skipped ${o.revisionId === undefined ? 'page' : `revision ${o.revisionId ?? 'without id'} of page`} ` +
                      `"${o.title}"${o.pageId === null ? '' : ` (id ${o.pageId})`}: [${o.code}] ${o.message}`,
                  ),
              });
              bar.stop();
              for (const w of [...result.warnings, ...skips]) process.stderr.write(`warning: ${w}\n`);
              if (result.alreadyDone) {
                process.stdout.write(
                  `${file}: already imported into ${result.wiki} (${result.pages} pages)\n`,
                );
                continue;
              }
              const imported = result.pages - result.resumedAfter;
              process.stdout.write(
                `${file}: ${imported} pages, ${result.revisions} revisions into ${result.wiki}` +
                  (result.resumedAfter ? ` (resumed after ${result.resumedAfter} pages)` : '') +
                  (result.skipped ? `, ${result.skipped} pages or revisions left out (warnings above)` : '') +
                  ` in ${result.seconds.toFixed(1)} s — ${Math.round(imported / Math.max(result.seconds, 0.001))} pages/s` +
                  `; edit counts recounted (${result.editCounts.changed} of ${result.editCounts.users} users changed)\n`,
              );
            }
            if (types.length > 0) await runBackfill(services, types);
          },
          { createDatabase: true },
        );
      },
    );
}

/**
 * Runs the queued backfill jobs (this import's, and any an interrupted run left) until none is
 * due. A job that fails waits for its retry in the queue, where `serve` or `jobs run` takes it.
 */
export async function runBackfill(services: AppServices, types: readonly string[]): Promise<void> {
  const queued = async () =>
    (
      await Promise.all(types.map((type) => services.store.jobs.list({ status: 'queued', type, limit: 1e9 })))
    ).flat().length;
  const total = await queued();
  if (total === 0) return;
  const { runner } = createWorker(services);
  const bar = startProgress('subsystems', total, 'batches');
  let done = 0;
  let failed = 0;
  for (;;) {
    const r = await runner.runOnce({ limit: 4, types });
    if (r.ran + r.failed + r.dead === 0) break;
    done += r.ran;
    failed += r.failed + r.dead;
    bar.update(done + failed);
  }
  bar.stop();
  const left = await queued();
  process.stdout.write(
    `subsystems: ${done} of ${total} batches taken in` +
      (failed || left
        ? `; ${failed} failed, ${left} left queued for the job runner (serve, or jobs run)`
        : '') +
      '\n',
  );
}

/** An interwiki-style prefix: not empty, and without the `>` that separates it from the name. */
function parseUsernamePrefix(value: string): string {
  if (value.trim() === '' || value.includes('>'))
    throw new InvalidArgumentError('expected a prefix without ">"');
  return value.trim();
}
