import type { FastifyInstance } from 'fastify';
import { Registry, collectDefaultMetrics, Gauge } from 'prom-client';
import type { CoreServices } from '../../core-services.ts';
import { fail } from '../../../errors.ts';

/**
 * `GET /healthz`: 200 with `{status:"ok"}` when the store answers, otherwise the `store-unavailable`
 * problem (503), the store's error going to the log.
 * `GET /metrics`: Prometheus text format — process metrics plus job and outbox backlog.
 */
export async function registerHealth(app: FastifyInstance, services: CoreServices): Promise<void> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'wikiqueue_' });
  new Gauge({
    name: 'wikiqueue_jobs',
    help: 'Jobs by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const counts = await services.store.jobs.countByStatus();
      for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
    },
  });
  new Gauge({
    name: 'wikiqueue_outbox_undispatched',
    help: 'Outbox events not yet turned into jobs',
    registers: [registry],
    async collect() {
      this.set(await services.store.outbox.countUndispatched());
    },
  });

  app.get('/healthz', async (req) => {
    try {
      await services.store.wikis.list();
    } catch (e) {
      req.log.error({ err: e }, 'health check failed');
      throw fail('store-unavailable');
    }
    return { status: 'ok', backend: services.store.backend, wikis: services.wikis.list().length };
  });

  app.get('/metrics', async (_req, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
