import type { Command } from 'commander';
import type { Config } from '../config.ts';
import type { AppServices } from '../app-services.ts';
import { randomDemoPassword, saveDemoPassword } from '../demo/demo-access.ts';
import { loadDemo, type LoadDemoResult } from '../demo/load-demo.ts';
import { demoWikis } from '../demo/demo-wikis.ts';
import { configFor, openServices, parseWholeNumber } from './cli-config.ts';
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
      const services = await openServices(cmd, config, { createDatabase: true });
      const result = await createDemo(services, config);
      process.stdout.write(
        `demo: ${result.wikis} wikis, ${result.pages} pages, ${result.users} users in ${result.seconds.toFixed(1)} s ` +
          `(${Math.round(result.pages / Math.max(result.seconds, 0.001))} pages/s)\n`,
      );
      await services.store.close();
    });
}

/**
 * Creates the demo wiki family (when it is not there yet) with a progress bar. Its accounts get
 * `demo.password`, or a random password that is printed once and saved to `demo-password` in the
 * data directory (mode 0600).
 */
export async function createDemo(services: AppServices, config: Readonly<Config>): Promise<LoadDemoResult> {
  const password = config.demo.password || randomDemoPassword();
  const bar = startProgress('demo', 1, 'operations');
  const result = await loadDemo(services, {
    seed: config.demo.seed,
    pagesPerWiki: config.demo.pages,
    password,
    onProgress: (done, total) => bar.update(done, total),
  });
  bar.stop();
  if (result.wikis > 0) {
    // The family's image suggestions, one dataset per content wiki (image-suggestions §2).
    for (const wiki of demoWikis()) {
      if (wiki.isMediaRepo) continue;
      const s = await services.suggestions.generate(wiki.id);
      services.logger.info(
        { wiki: wiki.id, dataset: s.datasetId, pages: s.suggestedPages },
        'demo image suggestions generated',
      );
      // Their suggested edits: maintenance templates, suggestion tags and category topics.
      await services.tasks.mapAllTopics(wiki.id);
      const pool = await services.tasks.rebuildTasks(wiki.id);
      services.logger.info({ wiki: wiki.id, tasks: pool.tasks }, 'demo task pool built');
    }
  }
  if (result.wikis > 0 && !config.demo.password) {
    const file = await saveDemoPassword(config.dataDir, password);
    services.logger.info({ file }, 'demo password saved');
    process.stderr.write(
      `The demo accounts' password is ${password} (shown this once; saved to ${file}, readable by you only)\n`,
    );
  }
  return result;
}
