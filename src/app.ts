import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppServices } from './app-services.ts';
import { registerActionApi } from './core/http/action-api/register-action-api.ts';
import { createModuleRegistry } from './core/http/action-api/module-registry.ts';
import { registerEventStreams } from './core/http/rest/event-streams.ts';
import { registerHealth, registerMetrics } from './core/http/rest/health.ts';
import { registerImages } from './core/http/rest/images.ts';
import { registerIndexPage } from './core/http/rest/index-page.ts';
import { collectRoutes, registerOpenApi } from './core/http/rest/openapi.ts';
import { registerPageView } from './core/http/rest/page-view.ts';
import { registerProblemHandlers } from './core/http/rest/problem.ts';
import { registerSecurityHeaders } from './core/http/security-headers.ts';
import { registerWebUi } from './core/http/rest/web-ui.ts';
import { serializeRequestForLog } from './core/http/request-log.ts';
import type { RobotsPolicy } from './core/wikis/page-views.ts';

/** The version the OpenAPI document names (package.json's). */
const SERVICE_VERSION = '0.1.0';

/**
 * Builds the HTTP application without listening, so tests can use `app.inject`. Routes:
 * - `/w/api.php`, `/api.php`: the Action API of the default wiki; `/{wiki}/w/api.php` for the others,
 *   with the core's modules and every subsystem's;
 * - `/wiki/{title}` and `/{wiki}/wiki/{title}`: reading views of the embedded wiki's pages;
 * - `/healthz`, and `/metrics` unless config.metrics.port moves it to its own listener
 *   (buildMetricsApp);
 * - `/openapi`: the OpenAPI 3 document of every route here, built from the routes' own declarations;
 * - `/v2/stream/{streams}`: server-sent events of the event log (EventStreams-style);
 * - `/images/…`: the embedded media repository's originals and thumbnails (core/http/rest/images.ts);
 * - each subsystem's REST routes.
 * Every route's errors are catalogued errors rendered as a problem body (or an HTML error page for
 * page views and browsers): core/http/rest/problem.ts, set before any route so all inherit it. The
 * Action API renders its own errors in MediaWiki's envelope. Security headers (nosniff on every
 * response; CSP, framing and cache headers on HTML) come from core/http/security-headers.ts, for
 * all routes alike. Request ids (in the logs as `reqId`, and in an internal error's detail) are
 * random UUIDs.
 */
export async function buildApp(services: AppServices): Promise<FastifyInstance> {
  const app = Fastify({
    // Request log lines carry the URL with secret parameters redacted (core/http/request-log.ts).
    loggerInstance: services.logger.child(
      {},
      { serializers: { req: serializeRequestForLog } },
    ) as FastifyBaseLogger,
    // No forwarding header is believed by Fastify: the client address is worked out from
    // X-Forwarded-For and config.trustedProxies as MediaWiki does (core/http/client-address.ts), and
    // scheme and host come from config.server, never from X-Forwarded-Proto/-Host or Host.
    trustProxy: false,
    bodyLimit: 16 * 1024 * 1024,
    genReqId: () => randomUUID(),
    // A path parameter may be long: a list of event streams (`/v2/stream/a,b,c,…`), a 255-byte
    // title percent-encoded. Fastify's default of 100 characters answered them 414.
    routerOptions: { maxParamLength: 4096 },
  });
  registerProblemHandlers(app);
  registerSecurityHeaders(app);
  const routes = collectRoutes(app);
  const parts = services.started.map((s) => s.parts);
  await registerHealth(app, services);
  const registry = createModuleRegistry({
    actions: parts.flatMap((p) => p.actionModules ?? []),
    query: parts.flatMap((p) => p.queryModules ?? []),
    editPlugins: parts.flatMap((p) => p.editPlugins ?? []),
  });
  await registerActionApi(app, services, registry);
  const robots = parts.flatMap((p): RobotsPolicy[] => (p.robotsPolicy ? [p.robotsPolicy] : []));
  await registerPageView(app, services, robots);
  await registerIndexPage(app, services);
  await registerEventStreams(app, services);
  await registerImages(app, services);
  await registerWebUi(app, { dir: services.config.ui.dir, imageOrigins: [] });
  for (const p of parts) if (p.routes) await app.register(p.routes);
  registerOpenApi(app, routes, {
    title: 'wikiqueue',
    version: SERVICE_VERSION,
    server: services.config.server,
  });
  return app;
}

/**
 * The listener of `/metrics` alone, for `config.metrics.port` (then the main app has no
 * `/metrics`): Prometheus can scrape it on an address the public cannot reach.
 */
export async function buildMetricsApp(services: AppServices): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: services.logger as FastifyBaseLogger, genReqId: () => randomUUID() });
  registerProblemHandlers(app);
  registerSecurityHeaders(app);
  registerMetrics(app, services);
  return app;
}
