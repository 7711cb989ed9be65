import type { Command } from 'commander';
import { createServices } from '../create-services.ts';
import { DumpImporter } from '../wiki-source/local/dump-import.ts';
import { configFor, parseWholeNumber } from './cli-config.ts';
import { startProgress } from '../core/cli/progress.ts';

export function registerImportCommand(program: Command): void {
  program
    .command('import <dumps...>')
    .description(
      'import MediaWiki XML dumps (.xml, .xml.gz, .xml.bz2); resumable: run again after an interruption',
    )
    .option('--wiki <wiki>', "wiki id to import into (default: the dump's dbname)")
    .option('--batch <n>', 'pages per transaction', parseWholeNumber, 200)
    .action(async (dumps: string[], opts: { wiki?: string; batch: number }, cmd: Command) => {
      const services = await createServices({ config: configFor(cmd) });
      const importer = new DumpImporter(services);
      try {
        for (const file of dumps) {
          const bar = startProgress(file.split('/').pop() ?? file, 1, 'bytes');
          const result = await importer.import(file, {
            ...(opts.wiki ? { wiki: opts.wiki } : {}),
            batchSize: opts.batch,
            onProgress: (p) => bar.update(p.bytesRead, p.totalBytes),
          });
          bar.stop();
          for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
          if (result.alreadyDone) {
            process.stdout.write(`${file}: already imported into ${result.wiki} (${result.pages} pages)\n`);
            continue;
          }
          const imported = result.pages - result.resumedAfter;
          process.stdout.write(
            `${file}: ${imported} pages, ${result.revisions} revisions into ${result.wiki}` +
              (result.resumedAfter ? ` (resumed after ${result.resumedAfter} pages)` : '') +
              ` in ${result.seconds.toFixed(1)} s — ${Math.round(imported / Math.max(result.seconds, 0.001))} pages/s\n`,
          );
        }
      } finally {
        await services.store.close();
      }
    });
}
