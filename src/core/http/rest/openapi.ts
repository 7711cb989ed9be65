import type { FastifyInstance, RouteOptions } from 'fastify';

/**
 * One example of a route, in the form of service-template-node's `x-amples`: a request and the
 * response it gets. test/http/rest/openapi-examples.test.ts sends every example to the app and
 * checks the status, the content type and the body's shape (every key and type of `body`; a
 * string `/…/` is a regular expression the value must match).
 */
export interface RouteExample {
  title: string;
  request?: {
    /** Path parameters, by name (a wildcard is named by `RouteDoc.wildcard`). */
    params?: Record<string, string>;
    query?: Record<string, string>;
    headers?: Record<string, string>;
  };
  response: { status: number; headers?: { 'content-type'?: string }; body?: unknown };
}

/** An example's JSON response: `body` as the route answers it. */
export const jsonResponse = (status: number, body: unknown): RouteExample['response'] => ({
  status,
  headers: { 'content-type': 'application/json' },
  body,
});

/** An example's problem response (src/core/http/rest/problem.ts) of a GET with catalog code `type`. */
export const problemResponse = (status: number, type: string): RouteExample['response'] => ({
  status,
  headers: { 'content-type': 'application/problem+json' },
  body: { status, type, title: '/.+/', detail: '/.+/', method: 'GET', uri: '/.+/' },
});

/** What a route says of itself for the OpenAPI document, next to its Fastify `schema`. */
export interface RouteDoc {
  summary: string;
  description?: string;
  tags?: string[];
  /** The name of the route's `*` wildcard in the document's path (`/wiki/{title}`). */
  wildcard?: string;
  /** Responses beyond `schema.response`, by status: a description and the content type. */
  responses?: Record<string, { description: string; contentType?: string }>;
  /** Examples: at least one per route, each run as a test. */
  'x-amples': RouteExample[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route in the OpenAPI document served at `/openapi` (openapi.ts). */
    openapi?: RouteDoc;
  }
}

/** A route of the app as the document describes it. */
export interface DocumentedRoute {
  method: string;
  /** Fastify's URL (`/:wiki/w/api.php`, `/wiki/*`). */
  url: string;
  /** The OpenAPI path (`/{wiki}/w/api.php`, `/wiki/{title}`). */
  path: string;
  schema: RouteOptions['schema'];
  doc: RouteDoc | undefined;
}

/**
 * Records every route registered on `app` from now on (the app's, and each subsystem's, which are
 * child plugins) so that `/openapi` describes them from their own declarations: Fastify's
 * `schema` (params, querystring, response) and `config.openapi`. HEAD routes that Fastify adds
 * beside GET ones are left out.
 */
export function collectRoutes(app: FastifyInstance): DocumentedRoute[] {
  const routes: DocumentedRoute[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const doc = (route.config as { openapi?: RouteDoc } | undefined)?.openapi;
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, path: openApiPath(route.url, doc), schema: route.schema, doc });
    }
  });
  return routes;
}

const openApiPath = (url: string, doc: RouteDoc | undefined): string =>
  url.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}').replace(/\*$/, `{${doc?.wildcard ?? 'path'}}`);

type JsonSchema = Record<string, unknown>;

/** The OpenAPI 3.1 document of `routes` (3.1: its schemas are JSON Schema, so `type: ['string', 'null']` is valid). */
export function openApiDocument(
  routes: readonly DocumentedRoute[],
  info: { title: string; version: string; server: string },
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const schema = (route.schema ?? {}) as {
      params?: JsonSchema;
      querystring?: JsonSchema;
      response?: Record<string, JsonSchema>;
    };
    const parameters: Record<string, unknown>[] = [];
    for (const [, name] of route.path.matchAll(/\{([^}]+)\}/g)) {
      const key = name === route.doc?.wildcard ? '*' : (name as string);
      const property = (schema.params?.properties as Record<string, JsonSchema> | undefined)?.[key];
      parameters.push({ name, in: 'path', required: true, schema: property ?? { type: 'string' } });
    }
    const query = schema.querystring;
    const required = new Set((query?.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries((query?.properties ?? {}) as Record<string, JsonSchema>))
      parameters.push({ name, in: 'query', required: required.has(name), schema: property });
    const responses: Record<string, unknown> = {};
    for (const [status, body] of Object.entries(schema.response ?? {})) {
      const { description, ...bodySchema } = body as JsonSchema & { description?: string };
      responses[status] = {
        description: description ?? 'the answer',
        content: { 'application/json': { schema: bodySchema } },
      };
    }
    for (const [status, r] of Object.entries(route.doc?.responses ?? {}))
      responses[status] ??= {
        description: r.description,
        ...(r.contentType ? { content: { [r.contentType]: {} } } : {}),
      };
    if (Object.keys(responses).length === 0) responses.default = { description: 'see the examples' };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      summary: route.doc?.summary ?? route.path,
      ...(route.doc?.description ? { description: route.doc.description } : {}),
      ...(route.doc?.tags ? { tags: route.doc.tags } : {}),
      ...(parameters.length ? { parameters } : {}),
      responses,
      'x-amples': route.doc?.['x-amples'] ?? [],
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version },
    servers: [{ url: info.server }],
    paths,
  };
}

/** `GET /openapi`: the document of every route of `app` (collectRoutes), itself included. */
export function registerOpenApi(
  app: FastifyInstance,
  routes: readonly DocumentedRoute[],
  info: { title: string; version: string; server: string },
): void {
  app.get(
    '/openapi',
    {
      config: {
        errorFormat: 'problem',
        openapi: {
          summary: 'This document: the OpenAPI 3 description of every REST route',
          tags: ['service'],
          responses: { '200': { description: 'the document', contentType: 'application/json' } },
          'x-amples': [
            {
              title: 'the document',
              response: {
                status: 200,
                headers: { 'content-type': 'application/json' },
                body: { openapi: '/^3\\./', info: { title: 'wikiqueue' }, paths: {} },
              },
            },
          ],
        },
      },
    },
    async () => openApiDocument(routes, info),
  );
}
