import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Registry, collectDefaultMetrics, Gauge } from 'prom-client';
import type { CoreServices } from '../../core-services.ts';
import { fail } from '../../../errors.ts';
import { JOBS_CONSUMER } from '../../events/outbox-dispatcher.ts';

/**
 * `GET /healthz`: 200 with `{status:"ok"}` when the store answers, otherwise the `store-unavailable`
 * problem (503), the store's error going to the log.
 * `GET /metrics` is here too unless `config.metrics.port` gives it a listener of its own
 * (registerMetrics, src/app.ts buildMetricsApp).
 */
export async function registerHealth(app: FastifyInstance, services: CoreServices): Promise<void> {
  app.get('/healthz', async (req) => {
    try {
      await services.store.wikis.list();
    } catch (e) {
      req.log.error({ err: e }, 'health check failed');
      throw fail('store-unavailable');
    }
    return { status: 'ok', backend: services.store.backend, wikis: services.wikis.list().length };
  });
  if (services.config.metrics.port === null) registerMetrics(app, services);
}

/**
 * `GET /metrics`: Prometheus text format — process metrics plus job and event-log backlogs. With
 * `config.metrics.token` set, only a request with `Authorization: Bearer <token>` gets them;
 * any other gets `rest-unauthorized` (401, `WWW-Authenticate: Bearer`).
 */
export function registerMetrics(app: FastifyInstance, services: CoreServices): void {
  const registry = metricsRegistry(services);
  const token = services.config.metrics.token;
  app.get('/metrics', async (req, reply) => {
    if (token !== '' && !isBearer(req.headers.authorization, token)) {
      reply.header('WWW-Authenticate', 'Bearer realm="metrics"');
      throw fail('rest-unauthorized');
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
}

/** Whether `header` is `Bearer <token>`, compared in constant time (digests of equal length). */
function isBearer(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  if (given === undefined) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(token));
}

function metricsRegistry(services: CoreServices): Registry {
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
  return registry;
}
