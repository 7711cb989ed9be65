import type { Command } from 'commander';
import { createServices } from '../create-services.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { configFor, parseWholeNumber } from './cli-config.ts';
import { startProgress } from '../core/cli/progress.ts';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('create the deterministic demo wiki family (English, German, Czech and a media repository)')
    .option('--pages <n>', 'articles per content wiki', parseWholeNumber)
    .option('--seed <n>', 'random seed; the same seed gives the same family', parseWholeNumber)
    .action(async (opts: { pages?: number; seed?: number }, cmd: Command) => {
      const config = configFor(cmd, {
        demo: { ...(opts.pages ? { pages: opts.pages } : {}), ...(opts.seed ? { seed: opts.seed } : {}) },
      });
      const services = await createServices({ config });
      const bar = startProgress('demo', 1, 'operations');
      const result = await loadDemo(services, {
        seed: config.demo.seed,
        pagesPerWiki: config.demo.pages,
        onProgress: (done, total) => bar.update(done, total),
      });
      bar.stop();
      process.stdout.write(
        `demo: ${result.wikis} wikis, ${result.pages} pages, ${result.users} users in ${result.seconds.toFixed(1)} s ` +
          `(${Math.round(result.pages / Math.max(result.seconds, 0.001))} pages/s)\n`,
      );
      await services.store.close();
    });
}
