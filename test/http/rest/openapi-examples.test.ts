import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteExample } from '../../../src/core/http/rest/openapi.ts';
import {
  exampleFeedback,
  exampleInstanceOf,
  exampleSuggestion,
  exampleTitle,
} from '../../../src/suggestions/http/image-suggestion-routes.ts';
import { buildTestApp, TEST_WIKI, type TestApp } from '../../factories/app.ts';
import { addMediaRepo, bitmap, uploadFiles } from '../../factories/media.ts';

/**
 * `/openapi` documents every REST route, and every route's examples (`x-amples`, as in
 * service-template-node) run here against the app: status, content type and the body's shape
 * (each key of the example body present with a value of the same type; a string `/…/` is a
 * regular expression the value must match; arrays are matched item by item).
 */
let t: TestApp;
let doc: { openapi: string; paths: Record<string, Record<string, Operation>> };
interface Operation {
  summary: string;
  responses: Record<string, unknown>;
  'x-amples': RouteExample[];
}

beforeAll(async () => {
  t = await buildTestApp({ wikis: [TEST_WIKI, 'enwiki'] });
  // What the image suggestion examples show as stored.
  const s = t.services.suggestions;
  const { wiki, page_id, id, ...suggestion } = exampleSuggestion;
  await s.replacePageSuggestions(wiki, page_id, id, [suggestion]);
  await s.recordFeedback(exampleFeedback);
  await s.cacheTitle(exampleTitle);
  await s.cacheInstanceOf(exampleInstanceOf);
  // What the suggested-edits examples show: the suggested file on a media repository, and the
  // article (its suggestion is the example row, stored for the page's id too).
  await addMediaRepo(t);
  await uploadFiles(t, [{ name: suggestion.image, bytes: await bitmap(400, 300, 'jpeg') }]);
  const visitor = await t.services.accounts.actorFor(wiki, undefined, '127.0.0.1');
  const article = await t.services.wikiSources
    .for(wiki)
    .edit(visitor, { title: exampleTitle.title, text: 'An example article.' });
  await s.replacePageSuggestions(wiki, article.pageid, id, [suggestion]);
  // The page-queue examples show an article queued on its wiki and on the default wiki, with a
  // candidate of its own (the suggested-edits examples judge the example image).
  const candidate = { ...suggestion, image: 'Queue_example.jpg' };
  await uploadFiles(t, [{ name: candidate.image, bytes: await bitmap(400, 300, 'jpeg') }]);
  for (const w of [wiki, TEST_WIKI]) {
    const actor = await t.services.accounts.actorFor(w, undefined, '127.0.0.1');
    const queued = await t.services.wikiSources
      .for(w)
      .edit(actor, { title: 'Queue example', text: 'An article without a lead image.' });
    await s.replacePageSuggestions(w, queued.pageid, id, [candidate]);
    await t.services.pagequeue.refreshPages(w, [queued.pageid]);
  }
  const res = await t.app.inject({ method: 'GET', url: '/openapi' });
  expect(res.statusCode).toBe(200);
  doc = res.json();
});
afterAll(() => t.close());

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );

describe('the OpenAPI document', () => {
  it('is OpenAPI 3 and lists the routes of the service', () => {
    expect(doc.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.paths);
    for (const path of [
      '/healthz',
      '/metrics',
      '/openapi',
      '/',
      '/w/api.php',
      '/api.php',
      '/{wiki}/w/api.php',
      '/wiki/{title}',
      '/{wiki}/wiki/{title}',
      '/v2/stream/{streams}',
      '/images/{path}',
      '/public/image_suggestions/suggestions/{wiki}/{page_id}',
      '/public/image_suggestions/feedback/{wiki}/{page_id}',
      '/public/image_suggestions/title_cache/{wiki}/{title}',
      '/public/image_suggestions/instanceof_cache/{wiki}/{page_id}',
      '/private/image_suggestions/suggestions/{wiki}/{page_id}',
      '/tasks/v0/image-suggestion/{wiki}/{title}',
      '/tasks/v0/rejection-reasons/{wiki}',
      '/tasks/v0/task-types/{wiki}',
    ])
      expect(paths).toContain(path);
  });

  it('gives every route a summary and at least one example', () => {
    for (const { path, method, op } of operations()) {
      expect(op.summary, `${method} ${path}`).not.toBe(path);
      expect(op['x-amples'].length, `${method} ${path}`).toBeGreaterThan(0);
    }
  });

  it('declares the path parameters of a route from its schema', () => {
    const op = doc.paths['/public/image_suggestions/suggestions/{wiki}/{page_id}']!.get!;
    expect(op).toMatchObject({
      parameters: [
        { name: 'wiki', in: 'path', required: true },
        { name: 'page_id', in: 'path', required: true },
      ],
      responses: { '200': { content: { 'application/json': { schema: { required: ['rows'] } } } } },
    });
  });
});

describe('every example', () => {
  it('gets the documented answer', async () => {
    let ran = 0;
    for (const { path, method, op } of operations())
      for (const example of op['x-amples']) {
        const label = `${method.toUpperCase()} ${path}: ${example.title}`;
        const url = fill(path, example) + query(example);
        const res = await t.app.inject({
          method: method.toUpperCase() as 'GET',
          url,
          headers: example.request?.headers ?? {},
        });
        expect.soft(res.statusCode, label).toBe(example.response.status);
        const type = example.response.headers?.['content-type'];
        if (type !== undefined)
          expect
            .soft(res.headers['content-type'], label)
            .toMatch(new RegExp(`^${type.replace(/[+*]/g, '\\$&').replace('\\*', '.*')}`));
        if (example.response.body !== undefined) {
          const body = typeof example.response.body === 'string' ? res.body : res.json();
          expectShape(body, example.response.body, label);
        }
        ran++;
      }
    expect(ran).toBeGreaterThan(20);
  });
});

function fill(path: string, example: RouteExample): string {
  const params = example.request?.params ?? {};
  return path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`example "${example.title}" of ${path} lacks ${name}`);
    return value.split('/').map(encodeURIComponent).join('/');
  });
}

const query = (example: RouteExample) => {
  const q = new URLSearchParams(example.request?.query ?? {}).toString();
  return q === '' ? '' : `?${q}`;
};

function expectShape(actual: unknown, expected: unknown, at: string): void {
  if (typeof expected === 'string' && /^\/.*\/[a-z]*$/s.test(expected)) {
    const [, source, flags] = /^\/(.*)\/([a-z]*)$/s.exec(expected)!;
    expect(typeof actual === 'string' ? actual : JSON.stringify(actual), at).toMatch(
      new RegExp(source!, flags),
    );
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${at}: an array`).toBe(true);
    expect((actual as unknown[]).length, `${at}: length`).toBe(expected.length);
    expected.forEach((item, i) => expectShape((actual as unknown[])[i], item, `${at}[${i}]`));
  } else if (expected !== null && typeof expected === 'object') {
    expect(actual !== null && typeof actual === 'object' && !Array.isArray(actual), `${at}: an object`).toBe(
      true,
    );
    for (const [key, value] of Object.entries(expected)) {
      expect(Object.hasOwn(actual as object, key), `${at}.${key} present`).toBe(true);
      expectShape((actual as Record<string, unknown>)[key], value, `${at}.${key}`);
    }
  } else expect(actual, at).toEqual(expected);
}
