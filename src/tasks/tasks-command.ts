import type { Command } from 'commander';
import { startProgress } from '../core/cli/progress.ts';
import type { SubsystemCli } from '../core/subsystem.ts';
import type { AgreementReport, TasksService } from './tasks-service.ts';

/** The suggested-edits operator commands. */
export function registerTasksCommand(program: Command, cli: SubsystemCli<TasksService>): void {
  const tasks = program.command('tasks').description('suggested edits: task types, topics and the task pool');

  tasks
    .command('import-topics')
    .description(
      'import articletopic predictions for a wiki (JSON lines or TSV, one page a line); bad lines are reported and skipped; resumable',
    )
    .argument('<file>', 'prediction file (README "Topics" for the formats)')
    .requiredOption('--wiki <wiki>', 'the wiki whose pages the file names')
    .option('--batch <n>', 'lines per transaction', (v) => Number.parseInt(v, 10), 1000)
    .action(async (file: string, opts: { wiki: string; batch: number }, cmd: Command) => {
      if (!Number.isSafeInteger(opts.batch) || opts.batch < 1) throw new Error('--batch: a positive integer');
      await cli.withServices(cmd, async (_core, service) => {
        let bar: ReturnType<typeof startProgress> | undefined;
        const s = await service.importTopics(opts.wiki, file, {
          batch: opts.batch,
          onProgress: (done, total) =>
            (bar ??= startProgress('tasks import-topics', total, 'bytes')).update(done),
          onBadLine: (r) => process.stderr.write(`line ${r.line}: ${r.field}: ${r.reason}\n`),
        });
        bar?.stop();
        const unknown = [...s.unknownLabels].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
        process.stdout.write(
          `tasks import-topics: ${opts.wiki}: ${s.updated} pages updated, ${s.unchanged} unchanged, ` +
            `${s.bad} bad lines skipped of ${s.lines} lines` +
            (s.resumedAfter > 0 ? ` (resumed after line ${s.resumedAfter})` : '') +
            (unknown.length > 0
              ? `; unknown topic labels left out: ${unknown.map(([l, n]) => `${l} (${n})`).join(', ')}`
              : '') +
            '\n',
        );
      });
    });

  tasks
    .command('map-topics')
    .description(
      "give every article without imported topics the topics of its categories (the wiki's tasks.topicCategories)",
    )
    .requiredOption('--wiki <wiki>', 'the wiki to map')
    .action(async (opts: { wiki: string }, cmd: Command) => {
      await cli.withServices(cmd, async (_core, service) => {
        let bar: ReturnType<typeof startProgress> | undefined;
        const s = await service.mapAllTopics(opts.wiki, (done, total) => {
          bar ??= startProgress('tasks map-topics', total, 'pages');
          bar.update(done, total);
        });
        bar?.stop();
        process.stdout.write(
          `tasks map-topics: ${opts.wiki}: ${s.articles} articles, ${s.mapped} with topics from their categories, ` +
            `${s.imported} with imported topics (kept)\n`,
        );
      });
    });

  tasks
    .command('rebuild')
    .description(
      'recompute the task pool of every article of the wiki (its types from templates and image suggestion tags, its topics); events keep it current afterwards',
    )
    .requiredOption('--wiki <wiki>', 'the wiki whose pool to rebuild')
    .action(async (opts: { wiki: string }, cmd: Command) => {
      await cli.withServices(cmd, async (_core, service) => {
        let bar: ReturnType<typeof startProgress> | undefined;
        const s = await service.rebuildTasks(opts.wiki, (done, total) => {
          bar ??= startProgress('tasks rebuild', total, 'pages');
          bar.update(done, total);
        });
        bar?.stop();
        process.stdout.write(`tasks rebuild: ${opts.wiki}: ${s.pages} articles, ${s.tasks} tasks\n`);
      });
    });

  tasks
    .command('topic-agreement')
    .description(
      'precision and recall per topic group of the category mapping against the imported predictions',
    )
    .requiredOption('--wiki <wiki>', 'the wiki to compare on')
    .action(async (opts: { wiki: string }, cmd: Command) => {
      await cli.withServices(cmd, async (_core, service) => {
        process.stdout.write(formatAgreement(opts.wiki, await service.topicAgreement(opts.wiki)));
      });
    });
}

const percent = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);

/** The agreement report as the command prints it: one line per topic group, then all topics. */
export function formatAgreement(wiki: string, r: AgreementReport): string {
  const head =
    `tasks topic-agreement: ${wiki}: ${r.comparedPages} of ${r.importedPages} pages with imported topics ` +
    `have topics from their categories too\n`;
  const width = Math.max(...r.groups.map((g) => g.group.length));
  const rows = r.groups.map(
    (g) =>
      `${g.group.padEnd(width)}  precision ${percent(g.precision).padStart(6)} (${g.agreed}/${g.fromCategories})` +
      `  recall ${percent(g.recall).padStart(6)} (${g.agreed}/${g.imported})\n`,
  );
  return head + rows.join('');
}
