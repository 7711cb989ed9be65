import { STATUS_CODES } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fail, isWikiqueueError, type WikiqueueError } from '../../../errors.ts';
import { htmlErrorPage } from './page-view.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * How the errors of a route are rendered: `html` (an error page: routes that serve pages),
     * `problem` (always the JSON problem body), or, when absent, by the request's Accept header.
     */
    errorFormat?: 'html' | 'problem';
  }
}

/**
 * The body of a failed REST request, in the style of Wikimedia's service-template-node (and RFC
 * 9457's members): only these six fields leave the service, plus the machine-readable `data` a
 * catalogued error carries (`failWith`), which cannot override them.
 */
export interface Problem {
  status: number;
  /** The catalog code (src/errors.ts), the same string the Action API puts in `error.code`. */
  type: string;
  /** The HTTP reason phrase of `status` ("Not Found"). */
  title: string;
  /** The catalog message with its parameters filled. */
  detail: string;
  method: string;
  uri: string;
}

export const problemContentType = 'application/problem+json; charset=utf-8';

/**
 * Makes every error of every REST route (the core's and the subsystems', which inherit it as child
 * plugins) a catalogued error, and renders it (the Action API renders its own errors in MediaWiki's
 * envelope, so only failures before it runs, such as an unparseable body, reach this):
 * - a `WikiqueueError` keeps its code, message and catalog status;
 * - a client error of Fastify or its plugins (a 4xx `statusCode`: bad JSON, schema validation,
 *   unsupported content type, body too large) becomes `rest-invalid-request`,
 *   `rest-unsupported-content-type` or `rest-body-too-large`;
 * - anything else becomes `internal_api_error` (500) naming the request id: its stack trace and
 *   message go to the log, never to the client;
 * - a request no route takes is `notfound` (404).
 * The rendering follows the route's `config.errorFormat`; without one, a client that prefers
 * `text/html` to JSON (a browser) gets an HTML error page, every other client the problem body.
 */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, req, reply) => sendError(req, reply, catalogued(error, req)));
  app.setNotFoundHandler((req, reply) => sendError(req, reply, fail('notfound', req.url)));
}

/** The problem body describing `error` for `req`. */
export function toProblem(error: WikiqueueError, req: FastifyRequest): Problem {
  return {
    ...error.data,
    status: error.status,
    type: error.code,
    title: STATUS_CODES[error.status] ?? 'Error',
    detail: error.message,
    method: req.method,
    uri: req.url,
  };
}

function catalogued(error: unknown, req: FastifyRequest): WikiqueueError {
  if (isWikiqueueError(error)) {
    if (error.status >= 500) req.log.error({ err: error }, `REST error ${error.code}`);
    else req.log.info({ code: error.code, status: error.status }, `REST error ${error.code}`);
    return error;
  }
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = error instanceof Error ? error.message : String(error);
    req.log.info({ status, message }, 'REST client error');
    if (status === 404) return fail('notfound', req.url);
    if (status === 413) return fail('rest-body-too-large');
    if (status === 415) return fail('rest-unsupported-content-type', req.headers['content-type'] ?? '');
    return fail('rest-invalid-request', message);
  }
  req.log.error({ err: error }, 'REST internal error');
  return fail('internal_api_error', req.id);
}

function sendError(req: FastifyRequest, reply: FastifyReply, error: WikiqueueError): FastifyReply {
  const problem = toProblem(error, req);
  reply.code(problem.status);
  if (wantsHtml(req))
    return reply.type('text/html; charset=utf-8').send(htmlErrorPage(problem.title, problem.detail));
  return reply.type(problemContentType).send(JSON.stringify(problem));
}

function wantsHtml(req: FastifyRequest): boolean {
  const format = req.routeOptions.config.errorFormat;
  if (format !== undefined) return format === 'html';
  const accept = req.headers.accept;
  return accept !== undefined && prefersHtml(accept);
}

/**
 * Whether an Accept header ranks `text/html` above every JSON type. Wildcards count for JSON only,
 * so `*\/*` (curl, fetch) and no Accept at all get JSON, and a browser's
 * `text/html,…,*\/*;q=0.8` gets HTML.
 */
export function prefersHtml(accept: string): boolean {
  let html = 0;
  let json = 0;
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2)) || 0;
    if (range === 'text/html') html = Math.max(html, q);
    else if (['application/json', 'application/problem+json', 'application/*', '*/*'].includes(range))
      json = Math.max(json, q);
  }
  return html > json;
}
