import type { Command } from 'commander';
import { buildApp, buildMetricsApp } from '../app.ts';
import { createWorker } from '../create-worker.ts';
import { checkDemoExposure, hasDemoWikis } from '../demo/demo-access.ts';
import { configFor, openServices, parseWholeNumber } from './cli-config.ts';
import { createDemo } from './demo-command.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the API (creating the demo wikis on first start of an empty store) and run jobs')
    .option('-p, --port <port>', 'port to listen on (PORT; default 8080)', parseWholeNumber)
    .option('--host <host>', 'address to listen on (HOST; default 127.0.0.1)')
    .option('--no-demo', 'do not create the demo wikis when the store is empty')
    .option('--no-jobs', 'do not run the job runner in this process')
    .action(async (opts: { port?: number; host?: string; demo: boolean; jobs: boolean }, cmd: Command) => {
      const config = configFor(cmd, {
        ...(opts.port !== undefined ? { port: opts.port } : {}),
        ...(opts.host ? { host: opts.host } : {}),
        demo: { autoCreate: opts.demo },
        jobs: { runInServer: opts.jobs },
      });
      const services = await openServices(cmd, config, { createDatabase: true });
      const { logger } = services;

      const wikiIds = services.wikis.list().map((w) => w.info.id);
      const createsDemo = wikiIds.length === 0 && config.demo.autoCreate;
      try {
        checkDemoExposure(config, createsDemo || hasDemoWikis(wikiIds));
      } catch (e) {
        await services.store.close();
        throw e;
      }
      if (createsDemo) {
        process.stderr.write(`Creating the demo wiki family (${config.demo.pages} articles per wiki)…\n`);
        const result = await createDemo(services, config);
        await services.wikis.reload();
        process.stderr.write(
          `Demo ready: ${result.wikis} wikis, ${result.pages} pages, ${result.users} users in ${result.seconds.toFixed(1)} s\n`,
        );
      }

      const worker = createWorker(services);
      const app = await buildApp(services);
      const address = await app.listen({ port: config.port, host: config.host });
      const url = address.replace('://[::1]', '://localhost').replace('://127.0.0.1', '://localhost');
      process.stdout.write(
        `wikiqueue is serving ${url}/ (web interface: ${url}/ui/, Action API: ${url}/w/api.php)\n`,
      );
      const metricsApp = config.metrics.port === null ? undefined : await buildMetricsApp(services);
      if (metricsApp && config.metrics.port !== null) {
        const metricsAddress = await metricsApp.listen({
          port: config.metrics.port,
          host: config.metrics.host,
        });
        process.stdout.write(`metrics: ${metricsAddress}/metrics\n`);
      }
      if (config.jobs.runInServer) {
        await worker.scheduler.scheduleAll();
        worker.runner.start();
        worker.eventGate?.start();
        for (const loop of worker.following) void loop.start();
        void worker.followNew.start();
      }

      let stopping = false;
      const shutdown = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down: finishing the running job batch');
        await app.close();
        await metricsApp?.close();
        await worker.runner.stop();
        await worker.eventGate?.stop();
        await worker.followNew.stop();
        await Promise.all(worker.following.map((loop) => loop.stop()));
        await services.store.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
    });
}
