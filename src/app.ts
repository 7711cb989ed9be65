import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { registerActionApi } from './core/http/action-api/register-action-api.ts';
import { registerHealth } from './core/http/rest/health.ts';
import { registerPageView } from './core/http/rest/page-view.ts';
import type { AppServices } from './app-services.ts';

/**
 * Builds the HTTP application without listening, so tests can use `app.inject`. Routes:
 * - `/w/api.php`, `/api.php`: the Action API of the default wiki; `/{wiki}/w/api.php` for the others;
 * - `/wiki/{title}` and `/{wiki}/wiki/{title}`: reading views of the embedded wiki's pages;
 * - `/healthz`, `/metrics`.
 */
export async function buildApp(services: AppServices): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: services.logger as FastifyBaseLogger,
    trustProxy: true,
    bodyLimit: 16 * 1024 * 1024,
  });
  await registerHealth(app, services);
  await registerActionApi(app, services);
  await registerPageView(app, services);
  return app;
}
