import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawServerDefault,
} from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fail } from '../../../errors.ts';
import type { CoreServices } from '../../core-services.ts';
import { clientAddress } from '../client-address.ts';
import type { RouteDoc } from '../rest/openapi.ts';
import { ApiMain, type ApiRequest } from './api-main.ts';
import { createModuleRegistry } from './module-registry.ts';
import type { ModuleRegistry } from './module.ts';

/**
 * The session cookie: HttpOnly, SameSite=Lax, Path=/; a browser-session cookie unless the login
 * asked to be remembered (or it is a visitor's, which lasts auth.visitorCookieTtl).
 */
export const SESSION_COOKIE = 'wikiqueue_session';

/**
 * Serves MediaWiki's Action API: `/w/api.php` and `/api.php` for the default wiki
 * (config.defaultWiki) and `/{wiki}/w/api.php` for any wiki of the registry (an unknown wiki gets
 * the `nosuchwiki` error envelope). GET and POST; POST bodies may be urlencoded or multipart
 * (fields only, uploaded files are read and dropped). The body parsers and the cookie plugin are
 * registered in a scope of their own, so other routes of the app are unaffected.
 */
export async function registerActionApi<L extends FastifyBaseLogger>(
  app: FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, L>,
  services: CoreServices,
  registry: ModuleRegistry = createModuleRegistry(),
): Promise<void> {
  const api = new ApiMain(services, registry);
  await app.register(async (scope) => {
    await scope.register(cookie);
    await scope.register(formbody);
    // The multipart parser fails with a plain error (an internal error) on a multipart body
    // without a boundary; that is the client's mistake, so it is answered as one.
    scope.addHook('onRequest', async (req) => {
      const type = req.headers['content-type'] ?? '';
      if (/^\s*multipart\/form-data/i.test(type) && !/;\s*boundary=/i.test(type))
        throw fail('rest-invalid-request', 'a multipart/form-data body needs a boundary');
    });
    await scope.register(multipart, {
      attachFieldsToBody: true,
      onFile: async (part) => {
        part.file.resume();
      },
      limits: { fieldSize: 16 * 1024 * 1024, fields: 1000 },
    });

    const handler =
      (wikiOf: (req: FastifyRequest) => string) => async (req: FastifyRequest, reply: FastifyReply) => {
        const apiRequest: ApiRequest = {
          wikiId: wikiOf(req),
          method: req.method === 'POST' ? 'POST' : 'GET',
          params: requestParams(req),
          queryNames: new Set(Object.keys((req.query ?? {}) as object)),
          sessionId: sessionIdOf(req.cookies[SESSION_COOKIE]),
          ip: clientAddress(
            req.socket.remoteAddress,
            req.headers['x-forwarded-for'],
            services.config.trustedProxies,
          ),
          path: req.url.split('?')[0] ?? '/w/api.php',
        };
        const res = await api.handle(apiRequest);
        if (res.session !== undefined) {
          const options = {
            path: '/',
            httpOnly: true,
            sameSite: 'lax' as const,
            // $wgCookieSecure 'detect': Secure when the configured server URL is https.
            secure: services.config.server.startsWith('https:'),
          };
          if (res.session === null) reply.clearCookie(SESSION_COOKIE, options);
          else
            reply.setCookie(SESSION_COOKIE, res.session.value, {
              ...options,
              ...(res.session.maxAge !== undefined ? { maxAge: res.session.maxAge } : {}),
            });
        }
        // As bytes: a string body is measured, then encoded by Node, then (under inject) encoded
        // again; one encoding here is a third of that work for a list of 200 pages.
        return reply.code(200).headers(res.headers).type(res.contentType).send(Buffer.from(res.body, 'utf8'));
      };

    const defaultWiki = () => services.config.defaultWiki;
    for (const url of ['/w/api.php', '/api.php'])
      scope.route({
        method: ['GET', 'POST'],
        url,
        config: { openapi: actionApiDoc('The Action API of the default wiki (MediaWiki api.php)', {}) },
        handler: handler(defaultWiki),
      });
    scope.route({
      method: ['GET', 'POST'],
      url: '/:wiki/w/api.php',
      config: { openapi: actionApiDoc('The Action API of a wiki (MediaWiki api.php)', { wiki: 'testwiki' }) },
      handler: handler((req) => (req.params as { wiki: string }).wiki),
    });
  });
}

/**
 * The session id a cookie names, when it has the form of one this service hands out (base64url):
 * anything else (a value with NUL or other bytes a client made up) is no session, and never
 * reaches the store.
 */
export function sessionIdOf(cookie: string | undefined): string | undefined {
  return cookie !== undefined && /^[A-Za-z0-9_-]{16,128}$/.test(cookie) ? cookie : undefined;
}

/**
 * Query string and body merged, the body winning, like PHP's `$_POST + $_GET`. A repeated
 * parameter keeps its last value, as PHP does.
 */
function requestParams(req: FastifyRequest): Map<string, string> {
  const out = new Map<string, string>();
  const add = (source: unknown, fromMultipart: boolean) => {
    if (!source || typeof source !== 'object') return;
    for (const [k, v] of Object.entries(source as Record<string, unknown>)) {
      const last = Array.isArray(v) ? v[v.length - 1] : v;
      if (fromMultipart) {
        const field = last as { type?: string; value?: unknown } | undefined;
        if (field?.type === 'field') out.set(k, String(field.value ?? ''));
      } else if (last !== undefined && last !== null) out.set(k, String(last));
    }
  };
  add(req.query, false);
  add(req.body, req.isMultipart());
  return out;
}

/**
 * The OpenAPI entry of an api.php route: the Action API documents itself (`action=help`,
 * `action=paraminfo`); the examples read siteinfo and show an error in MediaWiki's envelope.
 */
function actionApiDoc(summary: string, params: Record<string, string>): RouteDoc {
  const json = { 'content-type': 'application/json' };
  return {
    summary,
    description: 'Parameters as MediaWiki takes them, in the query string or a form body; see action=help.',
    tags: ['action api'],
    responses: {
      '200': {
        description: 'the answer, errors included (MediaWiki envelope)',
        contentType: 'application/json',
      },
    },
    'x-amples': [
      {
        title: 'site information',
        request: { params, query: { action: 'query', meta: 'siteinfo', format: 'json', formatversion: '2' } },
        response: {
          status: 200,
          headers: json,
          body: { batchcomplete: true, query: { general: { sitename: '/.+/' } } },
        },
      },
      {
        title: 'an unknown action',
        request: { params, query: { action: 'nosuchaction', format: 'json', formatversion: '2' } },
        response: { status: 200, headers: json, body: { error: { code: 'badvalue' } } },
      },
    ],
  };
}
