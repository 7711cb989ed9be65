import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CoreServices } from '../../core-services.ts';
import { fail } from '../../../errors.ts';
import { JOBS_CONSUMER } from '../../events/outbox-dispatcher.ts';
import type { RouteDoc } from './openapi.ts';

/**
 * `GET /healthz`: 200 with `{status:"ok"}` when the store answers, otherwise the `store-unavailable`
 * problem (503), the store's error going to the log. With followed MediaWikis, `followed` gives
 * each one's lag (seconds since the follower last reached its newest change) and the error while
 * it cannot be reached; `status` is then `degraded`: what the service has is still served.
 * `GET /metrics` is here too unless `config.metrics.port` gives it a listener of its own
 * (registerMetrics, src/app.ts buildMetricsApp). Every response of `app` is counted by route,
 * method and status, and timed by route and method, for `/metrics`.
 */
export async function registerHealth(app: FastifyInstance, services: CoreServices): Promise<void> {
  observeRequests(app, services);
  app.get('/healthz', healthDoc, async (req) => {
    try {
      await services.store.wikis.list();
    } catch (e) {
      req.log.error({ err: e }, 'health check failed');
      throw fail('store-unavailable');
    }
    const followed = services.following.list().map((f) => ({
      wiki: f.wiki,
      lagSeconds: f.lagSeconds,
      ...(f.error === null ? {} : { error: f.error }),
    }));
    // The service still answers from what it has while a followed wiki is down: degraded, not down.
    const status = followed.some((f) => f.error !== undefined) ? 'degraded' : 'ok';
    return {
      status,
      backend: services.store.backend,
      wikis: services.wikis.list().length,
      ...(followed.length > 0 ? { followed } : {}),
    };
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
  app.get('/metrics', metricsDoc, async (req, reply) => {
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

/**
 * One registry per services object: the main app counts requests into it and the metrics app
 * (config.metrics.port) serves the same one.
 */
const registries = new WeakMap<CoreServices, { registry: Registry; requests: RequestMetrics }>();

interface RequestMetrics {
  count: Counter<'route' | 'method' | 'status'>;
  duration: Histogram<'route' | 'method'>;
}

/**
 * Counts each response by its route's URL pattern (`/public/image_suggestions/suggestions/:wiki/:page_id`,
 * never the raw URL, so label values stay few; `(none)` when no route took the request) and times
 * it. Streams (hijacked responses) are not counted.
 */
function observeRequests(app: FastifyInstance, services: CoreServices): void {
  const { requests } = metricsOf(services);
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? '(none)';
    requests.count.inc({ route, method: req.method, status: String(reply.statusCode) });
    requests.duration.observe({ route, method: req.method }, reply.elapsedTime / 1000);
  });
}

function metricsOf(services: CoreServices): { registry: Registry; requests: RequestMetrics } {
  let m = registries.get(services);
  if (!m) registries.set(services, (m = createMetrics(services)));
  return m;
}

function metricsRegistry(services: CoreServices): Registry {
  return metricsOf(services).registry;
}

function createMetrics(services: CoreServices): { registry: Registry; requests: RequestMetrics } {
  const registry = new Registry();
  const requests: RequestMetrics = {
    count: new Counter({
      name: 'wikiqueue_http_requests_total',
      help: 'HTTP responses by route, method and status',
      labelNames: ['route', 'method', 'status'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'wikiqueue_http_request_duration_seconds',
      help: 'Time to answer HTTP requests, by route and method',
      labelNames: ['route', 'method'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
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
  new Gauge({
    name: 'wikiqueue_followed_wiki_lag_seconds',
    help: 'Seconds since the follower last reached the newest change of each followed MediaWiki',
    labelNames: ['wiki'],
    registers: [registry],
    collect() {
      for (const f of services.following.list()) this.set({ wiki: f.wiki }, f.lagSeconds);
    },
  });
  new Gauge({
    name: 'wikiqueue_followed_wiki_up',
    help: "1 while each followed MediaWiki's API answers the follower, 0 while it fails",
    labelNames: ['wiki'],
    registers: [registry],
    collect() {
      for (const f of services.following.list()) this.set({ wiki: f.wiki }, f.error === null ? 1 : 0);
    },
  });
  return { registry, requests };
}

const healthDoc: { config: { openapi: RouteDoc } } = {
  config: {
    openapi: {
      summary: 'Health: whether the store answers',
      tags: ['service'],
      responses: {
        '503': { description: 'the store does not answer', contentType: 'application/problem+json' },
      },
      'x-amples': [
        {
          title: 'healthy',
          response: {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: { status: 'ok', backend: '/^(sqlite|postgres)$/', wikis: '/^[0-9]+$/' },
          },
        },
      ],
    },
  },
};

const metricsDoc: { config: { openapi: RouteDoc } } = {
  config: {
    openapi: {
      summary: 'Prometheus metrics: process, jobs, event backlogs, HTTP requests by route and latency',
      tags: ['service'],
      responses: {
        '200': { description: 'Prometheus text format', contentType: 'text/plain' },
        '401': { description: 'metrics.token is set and not given', contentType: 'application/problem+json' },
      },
      'x-amples': [
        {
          title: 'the metrics',
          response: {
            status: 200,
            headers: { 'content-type': 'text/plain' },
            body: '/wikiqueue_http_requests_total/',
          },
        },
      ],
    },
  },
};
