import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../factories/app.ts';

const INDEX =
  '<!doctype html><html><head><script type="module" src="/ui/assets/app-1a2b.js"></script></head></html>';
const SCRIPT = 'console.log("the app");';

describe('the web interface route (/ui/)', () => {
  let dir: string;
  let t: TestApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wq-ui-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'app-1a2b.js'), SCRIPT);
    writeFileSync(join(dir, 'assets', 'app-1a2b.js.gz'), gzipSync(SCRIPT));
    writeFileSync(join(dir, 'secret.txt'), 'not an asset');
    t = await buildTestApp({ config: { ui: { dir } } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers every app route with index.html under a policy that allows only the app's own scripts", async () => {
    for (const url of ['/ui/', '/ui/testwiki/feed', '/ui/testwiki/page/Some_page']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-cache');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
    expect((await t.app.inject({ url: '/ui' })).headers.location).toBe('/ui/');
  });

  it('sends an asset gzip-compressed to a client that accepts it, cached for a year, plain to others', async () => {
    const zipped = await t.app.inject({
      url: '/ui/assets/app-1a2b.js',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-type']).toMatch(/^text\/javascript/);
    expect(zipped.headers['cache-control']).toContain('immutable');
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(SCRIPT);
    const plain = await t.app.inject({
      url: '/ui/assets/app-1a2b.js',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('serves nothing outside the assets: a missing asset and a path that climbs out are not found', async () => {
    expect((await t.app.inject({ url: '/ui/assets/nothing-here.js' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/ui/assets/..%2Fsecret.txt' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/ui/assets/%2E%2E/%2E%2E/package.json' })).statusCode).toBe(404);
  });

  it('says ui-not-built when the interface has not been built', async () => {
    const bare = await buildTestApp({ config: { ui: { dir: join(dir, 'no-build-here') } } });
    try {
      const res = await bare.app.inject({ url: '/ui/' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('The web interface is not built on this server');
    } finally {
      await bare.close();
    }
  });
});
