import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../factories/app.ts';

/** The client address anonymous requests are known by (meta=userinfo names an anonymous user by it). */
async function clientName(
  t: TestApp,
  headers: Record<string, string>,
  remoteAddress: string,
): Promise<string> {
  const res = await t.app.inject({
    url: '/w/api.php?action=query&meta=userinfo&format=json',
    headers,
    remoteAddress,
  });
  return (res.json() as { query: { userinfo: { name: string } } }).query.userinfo.name;
}

describe('forwarding headers', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  it('ignores a client-supplied X-Forwarded-For when no proxy is configured', async () => {
    t = await buildTestApp();
    expect(await clientName(t, { 'x-forwarded-for': '10.9.9.9' }, '192.0.2.7')).toBe('192.0.2.7');
  });

  it('believes X-Forwarded-For from a configured proxy, and only from it', async () => {
    t = await buildTestApp({ trustedProxies: ['192.0.2.0/24'] });
    expect(await clientName(t, { 'x-forwarded-for': '10.9.9.9' }, '192.0.2.7')).toBe('10.9.9.9');
    expect(await clientName(t, { 'x-forwarded-for': '10.9.9.9' }, '198.51.100.3')).toBe('198.51.100.3');
  });
});
