import { Command } from 'commander';
import { registerServeCommand } from './cli/serve-command.ts';
import { registerDemoCommand } from './cli/demo-command.ts';
import { registerUserCommand } from './cli/user-command.ts';
import { registerJobsCommand } from './cli/jobs-command.ts';
import { registerImportCommand } from './cli/import-command.ts';
import { registerWikiCommand } from './cli/wiki-command.ts';
import { registerUiCommand } from './cli/ui-command.ts';
import { withServices } from './cli/cli-config.ts';
import type { Subsystem } from './core/subsystem.ts';
import { subsystems } from './subsystems.ts';

/**
 * The `wikiqueue` command line. Each command loads the one typed config (environment and
 * config file, then the command's own options) and wires only what it needs.
 */
const program = new Command()
  .name('wikiqueue')
  .description('Work queues for wiki communities: new-page review, suggested edits, lead-image queue.')
  .option('--config <file>', 'the config file (WIKIQUEUE_CONFIG; default ./wikiqueue.config.json)')
  .option('--data-dir <dir>', 'where the embedded database lives (WIKIQUEUE_DATA_DIR)')
  .option('--database-url <url>', 'sqlite:<file> or postgres://… (DATABASE_URL)')
  .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent (LOG_LEVEL)')
  .showHelpAfterError();

registerServeCommand(program);
registerDemoCommand(program);
registerImportCommand(program);
registerUserCommand(program);
registerWikiCommand(program);
registerJobsCommand(program);
registerUiCommand(program);
for (const subsystem of subsystems as readonly Subsystem[]) {
  subsystem.cli?.(program, {
    withServices: (cmd, work) =>
      withServices(cmd, (services) => {
        const started = services.started.find((s) => s.subsystem === subsystem);
        if (!started) throw new Error(`subsystem "${subsystem.name}" did not start`);
        return work(services, started.parts.service);
      }),
  });
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  const err = e as Error & { code?: string };
  console.error(`wikiqueue: ${err.code ? `${err.code}: ` : ''}${err.message}`);
  process.exitCode = 1;
}
