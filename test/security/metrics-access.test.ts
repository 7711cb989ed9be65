import { afterEach, describe, expect, it } from 'vitest';
import { buildMetricsApp } from '../../src/app.ts';
import { buildTestApp, type TestApp } from '../factories/app.ts';

/**
 * Issue 10 item 17: `/metrics` can be kept from the public: behind a bearer token
 * (`metrics.token`, WIKIQUEUE_METRICS_TOKEN), and/or only on a listener of its own
 * (`metrics.port`/`metrics.host`). Without either it stays where it was (documented in README).
 */
let t: TestApp;
afterEach(async () => t.close());

const scrape = (headers: Record<string, string> = {}) => t.app.inject({ url: '/metrics', headers });

describe('/metrics', () => {
  it('is served on the main port without a token by default', async () => {
    t = await buildTestApp();
    const res = await scrape();
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('wikiqueue_jobs');
  });

  it('with metrics.token, answers 401 rest-unauthorized without the token or with a wrong one', async () => {
    t = await buildTestApp({ config: { metrics: { token: 's3cret-token' } } });
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: 's3cret-token' },
    ];
    for (const headers of attempts) {
      const res = await scrape(headers);
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.json()).toMatchObject({ type: 'rest-unauthorized', status: 401 });
      expect(res.body).not.toContain('wikiqueue_jobs');
    }
  });

  it('with metrics.token, serves the metrics to the bearer of the token', async () => {
    t = await buildTestApp({ config: { metrics: { token: 's3cret-token' } } });
    const res = await scrape({ authorization: 'Bearer s3cret-token' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('wikiqueue_jobs');
  });

  it('with metrics.port, is not on the main port but on its own listener', async () => {
    t = await buildTestApp({ config: { metrics: { port: 0, host: '127.0.0.1' } } });
    expect((await scrape()).statusCode).toBe(404);
    const metrics = await buildMetricsApp(t.services);
    try {
      const address = await metrics.listen({ port: 0, host: '127.0.0.1' });
      const res = await fetch(`${address}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('wikiqueue_jobs');
      expect((await fetch(`${address}/w/api.php`)).status).toBe(404);
    } finally {
      await metrics.close();
    }
  });

  it('with both, the separate listener asks for the token too', async () => {
    t = await buildTestApp({ config: { metrics: { port: 0, token: 's3cret-token' } } });
    const metrics = await buildMetricsApp(t.services);
    try {
      expect((await metrics.inject({ url: '/metrics' })).statusCode).toBe(401);
      const ok = await metrics.inject({ url: '/metrics', headers: { authorization: 'Bearer s3cret-token' } });
      expect(ok.statusCode).toBe(200);
    } finally {
      await metrics.close();
    }
  });
});
