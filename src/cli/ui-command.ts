import type { Command } from 'commander';
import { buildUi } from './ui-build.ts';
import { configFor } from './cli-config.ts';

/** `wikiqueue ui build [--if-stale]`: builds the web interface into `ui.dir` (default ui/dist). */
export function registerUiCommand(program: Command): void {
  const ui = program.command('ui').description('the web interface');
  ui.command('build')
    .description('build the web interface (Vue + Codex, with Vite) that the server serves under /ui/')
    .option('--if-stale', 'only when the build is missing or older than the sources')
    .action(async (opts: { ifStale?: boolean }, cmd: Command) => {
      const config = configFor(cmd, {});
      const result = await buildUi(config.ui.dir, { ifStale: opts.ifStale === true });
      process.stderr.write(
        result.built
          ? `Built the web interface into ${result.outDir} in ${result.seconds.toFixed(1)} s\n`
          : `The web interface in ${result.outDir} is up to date\n`,
      );
    });
}
