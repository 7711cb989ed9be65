import type { FastifyInstance } from 'fastify';
import { Registry, collectDefaultMetrics, Gauge } from 'prom-client';
import type { CoreServices } from '../../core-services.ts';
import { fail } from '../../../errors.ts';
import { JOBS_CONSUMER } from '../../events/outbox-dispatcher.ts';

/**
 * `GET /healthz`: 200 with `{status:"ok"}` when the store answers, otherwise the `store-unavailable`
 * problem (503), the store's error going to the log.
 * `GET /metrics`: Prometheus text format — process metrics plus job and event-log backlogs.
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
    help: 'Events of the log not yet turned into jobs',
    registers: [registry],
    async collect() {
      const cursor = await services.store.eventConsumers.get(JOBS_CONSUMER);
      this.set(await services.store.outbox.countAfter(cursor?.position ?? 0));
    },
  });
  new Gauge({
    name: 'wikiqueue_event_consumer_backlog',
    help: "Events of the log after each consumer's cursor",
    labelNames: ['consumer'],
    registers: [registry],
    async collect() {
      for (const c of await services.store.eventConsumers.list())
        this.set({ consumer: c.name }, await services.store.outbox.countAfter(c.position));
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
