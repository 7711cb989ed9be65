import type { Command } from 'commander';
import { createWorker } from '../create-worker.ts';
import { listJobs, listSchedules, retryDead, runJobsUntilIdle } from '../core/jobs/jobs-cli.ts';
import { configFor, openServices, parseWholeNumber } from './cli-config.ts';

export function registerJobsCommand(program: Command): void {
  const jobs = program.command('jobs').description('the background job queue');

  jobs
    .command('run')
    .description(
      'deliver pending events (to the jobs, and to EventGate when configured) and run jobs until idle (without serving HTTP)',
    )
    .option('--max-seconds <n>', 'stop after this many seconds', parseWholeNumber)
    .action(async (opts: { maxSeconds?: number }, cmd: Command) => {
      const services = await openServices(cmd, configFor(cmd));
      try {
        const summary = await runJobsUntilIdle(createWorker(services), {
          ...(opts.maxSeconds !== undefined ? { maxSeconds: opts.maxSeconds } : {}),
          batchSize: services.config.jobs.batchSize,
        });
        if (summary.dead > 0 || summary.eventGate?.failure !== undefined) process.exitCode = 1;
      } finally {
        await services.store.close();
      }
    });

  jobs
    .command('list')
    .description('job counts by status, and the jobs themselves')
    .option('--status <status>', 'queued, running, done or dead')
    .option('--type <type>', 'only jobs of this type')
    .option('--limit <n>', 'how many jobs to list', parseWholeNumber, 20)
    .action(async (opts: { status?: string; type?: string; limit: number }, cmd: Command) => {
      const services = await openServices(cmd, configFor(cmd));
      try {
        await listJobs(services.store.jobs, opts);
      } finally {
        await services.store.close();
      }
    });

  jobs
    .command('schedules')
    .description(
      'recurring tasks (maintenance, housekeeping): when each runs next, and when it last finished',
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const services = await openServices(cmd, configFor(cmd));
      try {
        await listSchedules(createWorker(services).scheduler);
      } finally {
        await services.store.close();
      }
    });

  jobs
    .command('retry [ids...]')
    .description('queue dead jobs again (all of them, or the given ids)')
    .action(async (ids: string[], _opts: unknown, cmd: Command) => {
      const services = await openServices(cmd, configFor(cmd));
      try {
        await retryDead(services.store.jobs, services.clock, ids.map(Number).filter(Number.isInteger));
      } finally {
        await services.store.close();
      }
    });
}
