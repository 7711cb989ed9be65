import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, type TestApp } from '../factories/app.ts';

/**
 * Issue 10 item 1: the address an anonymous request is known by (its actor name, what blocks and
 * throttles see) is worked out as MediaWiki's WebRequest::getIP does, and is always a valid,
 * sanitized address (IPUtils::sanitizeIP), never a string a client or a header chose.
 */

let t: TestApp;
afterEach(async () => t.close());

async function userinfo(
  remoteAddress: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; name?: string; blockid?: number; code?: string }> {
  const res = await t.app.inject({
    url: '/w/api.php?action=query&meta=userinfo&uiprop=blockinfo&format=json&formatversion=2',
    headers,
    remoteAddress,
  });
  const body = res.json() as {
    query?: { userinfo: { name: string; blockid?: number } };
    type?: string;
  };
  return {
    status: res.statusCode,
    ...(body.query ? { name: body.query.userinfo.name, blockid: body.query.userinfo.blockid } : {}),
    ...(body.type ? { code: body.type } : {}),
  };
}

describe('client address behind trusted proxies', () => {
  it('takes the right-most address that is not a trusted proxy from a chain of several', async () => {
    t = await buildTestApp({ trustedProxies: ['192.0.2.0/24', '198.51.100.7'] });
    // The client forged the left-most entry; its real address is the one the outer proxy appended.
    const who = await userinfo('192.0.2.10', {
      'x-forwarded-for': '10.66.66.66, 203.0.113.9, 198.51.100.7',
    });
    expect(who.name).toBe('203.0.113.9');
  });

  it('stops at the first untrusted hop even when a trusted address is written further left', async () => {
    t = await buildTestApp({ trustedProxies: ['192.0.2.0/24'] });
    const who = await userinfo('192.0.2.10', { 'x-forwarded-for': '192.0.2.99, 203.0.113.9' });
    expect(who.name).toBe('203.0.113.9');
  });

  it('keeps the proxy when the hop before it is "unknown" (Squid without forwarded_for)', async () => {
    t = await buildTestApp({ trustedProxies: ['192.0.2.0/24'] });
    expect((await userinfo('192.0.2.10', { 'x-forwarded-for': 'unknown' })).name).toBe('192.0.2.10');
  });

  it('refuses a request whose trusted proxy forwards a name instead of an address', async () => {
    t = await buildTestApp({ trustedProxies: ['192.0.2.0/24'] });
    for (const forged of ['DemoAdmin', '<b>x</b>', '10.0.0.1.5']) {
      const who = await userinfo('192.0.2.10', { 'x-forwarded-for': forged });
      expect(who).toMatchObject({ status: 400, code: 'invalid-forwarded-for' });
      expect(who.name).toBeUndefined();
    }
  });

  it('reads a name the client put left of its real address as nothing', async () => {
    t = await buildTestApp({ trustedProxies: ['192.0.2.0/24'] });
    const who = await userinfo('192.0.2.10', { 'x-forwarded-for': 'DemoAdmin, 203.0.113.9' });
    expect(who.name).toBe('203.0.113.9');
  });
});

describe('the anonymous actor name is a sanitized address (IPUtils::sanitizeIP)', () => {
  it('writes IPv6 upper case, with every word and without leading zeros', async () => {
    t = await buildTestApp();
    expect((await userinfo('2001:0db8::0001')).name).toBe('2001:DB8:0:0:0:0:0:1');
    expect((await userinfo('fe80::1:2')).name).toBe('FE80:0:0:0:0:0:1:2');
  });

  it('names an IPv4 client of a dual-stack socket by its IPv4 address', async () => {
    t = await buildTestApp();
    expect((await userinfo('::ffff:192.0.2.7')).name).toBe('192.0.2.7');
  });

  it('sanitizes a forwarded address the same way', async () => {
    t = await buildTestApp({ trustedProxies: ['192.0.2.0/24'] });
    const who = await userinfo('192.0.2.10', { 'x-forwarded-for': '2001:db8:85a3::8a2e:370:7334' });
    expect(who.name).toBe('2001:DB8:85A3:0:0:8A2E:370:7334');
  });

  it('applies a block on an IPv6 address to the client however either is spelled', async () => {
    t = await buildTestApp();
    await t.createUser('Admin', 'admin password', ['sysop']);
    const admin = new ApiClient(t);
    await admin.login('Admin', 'admin password');
    const blocked = await admin.post({
      action: 'block',
      user: '2001:db8::1',
      expiry: '1 day',
      token: await admin.token(),
      formatversion: '2',
    });
    expect(blocked.json.block).toMatchObject({ user: '2001:DB8:0:0:0:0:0:1' });
    const who = await userinfo('2001:0DB8:0:0::1');
    expect(who.name).toBe('2001:DB8:0:0:0:0:0:1');
    expect(who.blockid).toEqual(expect.any(Number));
  });
});
