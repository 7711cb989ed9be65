import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fail, failWith } from '../../../src/errors.ts';
import { prefersHtml } from '../../../src/core/http/rest/problem.ts';
import { buildTestApp, type TestApp } from '../../factories/app.ts';

const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('REST errors: catalogued problem bodies, stack traces in the log only', () => {
  let t: TestApp;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const logger = pino({ level: 'info' }, { write: (line: string) => logLines.push(JSON.parse(line)) });
    // Routes as a subsystem registers them (SubsystemParts.routes): they get the core's handlers.
    t = await buildTestApp({
      logger,
      routes: async (app) => {
        app.get<{ Params: { id: string } }>('/v0/test/wiki/:id', async (req) => {
          throw fail('nosuchwiki', req.params.id);
        });
        app.get('/v0/test/blocked', async () => {
          throw failWith('blocked', { blockinfo: { blockid: 7 }, status: 999, type: 'spoofed' });
        });
        app.get('/v0/test/crash', async () => {
          throw new TypeError('secret-internal-detail in /srv/wikiqueue');
        });
        app.get('/v0/test/crash-page', { config: { errorFormat: 'html' } }, async () => {
          throw new TypeError('secret-internal-detail in a page');
        });
        app.get<{ Params: { id: string } }>(
          '/v0/test/wiki-page/:id',
          { config: { errorFormat: 'html' } },
          async (req) => {
            throw fail('nosuchwiki', req.params.id);
          },
        );
        app.post('/v0/test/echo', async (req) => req.body);
        app.post('/v0/test/echo-small', { bodyLimit: 16 }, async (req) => req.body);
      },
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('renders a catalogued error thrown by a route as the problem body with the catalog status', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v0/test/wiki/xxwiki' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.json()).toEqual({
      status: 404,
      type: 'nosuchwiki',
      title: 'Not Found',
      detail: 'There is no wiki with id "xxwiki" on this service.',
      method: 'GET',
      uri: '/v0/test/wiki/xxwiki',
    });
  });

  it("keeps a catalogued error's data next to the six members, which the data cannot override", async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v0/test/blocked' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({
      blockinfo: { blockid: 7 },
      status: 403,
      type: 'blocked',
      title: 'Forbidden',
      detail: 'You have been blocked from editing.',
      method: 'GET',
      uri: '/v0/test/blocked',
    });
  });

  it('turns an unexpected exception into a 500 internal_api_error; the stack goes to the log only', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v0/test/crash' });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['detail', 'method', 'status', 'title', 'type', 'uri']);
    expect(body).toMatchObject({ status: 500, type: 'internal_api_error', title: 'Internal Server Error' });
    expect(body.detail).toMatch(/^An internal error occurred \(request [0-9a-f-]{36}\)\. See the server log/);
    expect(res.body).not.toMatch(/secret-internal-detail|TypeError|problem\.test|at /);

    const requestId = uuid.exec(body.detail)![0];
    const logged = logLines.find((l) => l.reqId === requestId && l.level === 50);
    const err = logged?.err as { type: string; message: string; stack: string } | undefined;
    expect(err?.type).toBe('TypeError');
    expect(err?.message).toBe('secret-internal-detail in /srv/wikiqueue');
    expect(err?.stack).toContain('problem.test.ts');
  });

  it("reports the core's health failure as the store-unavailable problem (503)", async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    vi.spyOn(t.services.store.wikis, 'list').mockRejectedValueOnce(new Error('connection refused'));
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      status: 503,
      type: 'store-unavailable',
      title: 'Service Unavailable',
      detail: 'The database is not answering.',
      method: 'GET',
      uri: '/healthz',
    });
    const logged = logLines.find((l) => l.msg === 'health check failed');
    expect((logged?.err as { message?: string } | undefined)?.message).toBe('connection refused');
  });

  it('turns an unexpected failure of a core route (/metrics) into the internal error', async () => {
    vi.spyOn(t.services.store.jobs, 'countByStatus').mockRejectedValueOnce(new Error('secret-jobs-failure'));
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ type: 'internal_api_error', uri: '/metrics' });
    expect(res.body).not.toContain('secret-jobs-failure');
  });

  it('answers a request no route takes with the notfound problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/no/such/thing?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.json()).toEqual({
      status: 404,
      type: 'notfound',
      title: 'Not Found',
      detail: 'Nothing is found at /no/such/thing?x=1.',
      method: 'GET',
      uri: '/no/such/thing?x=1',
    });
  });

  it('gives a browser (Accept prefers text/html) an HTML error page instead', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/no/such',
      headers: { accept: browserAccept },
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<h1 id="firstHeading">Not Found</h1>');
    expect(res.body).toContain('<p>Nothing is found at /no/such.</p>');
    expect(res.body).toContain('<meta name="robots" content="noindex,nofollow">');
  });

  it('renders the failures of a route declared errorFormat html as a page whatever the client accepts', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/v0/test/crash-page',
      headers: { accept: 'application/json' },
    });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<h1 id="firstHeading">Internal Server Error</h1>');
    expect(res.body).not.toContain('secret-internal-detail');

    const escaped = await t.app.inject({ method: 'GET', url: '/v0/test/wiki-page/%3Cb%3E' });
    expect(escaped.statusCode).toBe(404);
    expect(escaped.body).toContain('<p>There is no wiki with id &quot;&lt;b&gt;&quot; on this service.</p>');
  });

  it('keeps the page view of a missing page a page (404 HTML), even for a JSON client', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/wiki/No_such_page',
      headers: { accept: 'application/json' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('There is currently no text in this page.');
  });

  it('catalogues client errors of the body parsers: bad JSON, body too large, unsupported content type', async () => {
    const badJson = await t.app.inject({
      method: 'POST',
      url: '/v0/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"unfinished": ',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json()).toMatchObject({ status: 400, type: 'rest-invalid-request', title: 'Bad Request' });
    expect(badJson.json().detail).toMatch(/^The request is not valid: /);

    const tooLarge = await t.app.inject({
      method: 'POST',
      url: '/v0/test/echo-small',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'longer than sixteen bytes' }),
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({
      type: 'rest-body-too-large',
      title: 'Payload Too Large',
      detail: 'The request body is too large.',
    });

    // The Action API's own route: a body it has no parser for fails before ApiMain runs.
    const xml = await t.app.inject({
      method: 'POST',
      url: '/w/api.php',
      headers: { 'content-type': 'application/xml' },
      payload: '<api/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json()).toEqual({
      status: 415,
      type: 'rest-unsupported-content-type',
      title: 'Unsupported Media Type',
      detail: 'Unsupported content type "application/xml".',
      method: 'POST',
      uri: '/w/api.php',
    });
  });
});

describe('prefersHtml (Accept negotiation of error bodies)', () => {
  it('prefers HTML only when text/html outranks every JSON type; wildcards count for JSON', () => {
    expect(prefersHtml(browserAccept)).toBe(true);
    expect(prefersHtml('text/html')).toBe(true);
    expect(prefersHtml('*/*')).toBe(false);
    expect(prefersHtml('text/html;q=0.5, application/json')).toBe(false);
    expect(prefersHtml('text/html, */*')).toBe(false);
    expect(prefersHtml('text/event-stream')).toBe(false);
  });
});
