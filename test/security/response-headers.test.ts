import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageSourcesOf } from '../../src/core/http/security-headers.ts';
import { ApiClient, buildTestApp, type TestApp } from '../factories/app.ts';

/**
 * Issue 10 item 15: every HTML response carries a Content-Security-Policy that loads nothing (the
 * pages have no scripts or styles; a page view may load the images it shows, from their origins), `X-Content-Type-Options: nosniff`, MediaWiki's cache
 * header for pages it does not let shared caches keep, and — except on article views, which
 * MediaWiki lets other sites frame — `X-Frame-Options: DENY` with `frame-ancestors 'none'`.
 * Every other response carries `nosniff` too.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('Writer', 'writer password');
  const api = new ApiClient(t);
  await api.login('Writer', 'writer password');
  await api.post({ action: 'edit', title: 'Framed page', text: 'Hello.', token: await api.token() });
});
afterAll(async () => t.close());

const browser = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

describe('HTML responses', () => {
  it.each([
    ['the API help', '/w/api.php?action=help'],
    ['an HTML-formatted API result (jsonfm)', '/w/api.php?action=query&meta=siteinfo'],
    ['an API error in jsonfm', '/w/api.php?action=nosuchmodule'],
    ['the error page of a URL no route takes', '/no/such/place'],
  ])('%s: CSP, nosniff, no framing, private cache', async (_what, url) => {
    const res = await get(url, browser);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('private, must-revalidate, max-age=0');
  });

  it.each([
    ['an article', '/wiki/Framed_page', 200],
    ['a missing page', '/wiki/No_such_page', 404],
    ['a bad title', '/wiki/A%5BB', 400],
  ])(
    'page view of %s: CSP, nosniff and private cache, framing allowed as MediaWiki does',
    async (_w, url, status) => {
      const res = await get(url, browser);
      expect(res.statusCode).toBe(status);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain('frame-ancestors');
      expect(res.headers['x-frame-options']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('private, must-revalidate, max-age=0');
    },
  );
});

describe('image sources of a page view', () => {
  it('loads nothing at all when the page shows no image', async () => {
    const csp = String((await get('/wiki/Framed_page', browser)).headers['content-security-policy']);
    expect(csp).not.toContain('img-src');
  });

  it("allows 'self' for paths and the origin of each foreign repository's URL, nothing for other schemes", () => {
    expect(
      imageSourcesOf([
        '/images/commonswiki/a/ab/X.jpg',
        'https://upload.example.org/x/a/ab/Y.jpg',
        '//cdn.example.net:8443/z.png',
        'javascript:alert(1)',
        'data:image/png;base64,AAAA',
        'not a url',
      ]),
    ).toEqual(["'self'", 'https://upload.example.org', 'https://cdn.example.net:8443']);
  });
});

describe('other responses', () => {
  it.each([
    ['an API result in JSON', '/w/api.php?action=query&meta=siteinfo&format=json'],
    ['a problem body', '/no/such/place'],
    ['the health check', '/healthz'],
    ['the metrics', '/metrics'],
  ])('%s: nosniff, and no HTML policy', async (_what, url) => {
    const res = await get(url);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeUndefined();
  });
});
