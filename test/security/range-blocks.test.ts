import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, type TestApp } from '../factories/app.ts';

/**
 * Issue 10 item 18: IP range (CIDR) blocks as MediaWiki has them. A block on `192.0.2.0/24` stops
 * every address from 192.0.2.0 to 192.0.2.255: logged-out edits, account creation with
 * `nocreate`, and logged-in users editing from the range unless `anononly` (ApiBlock's default
 * is a hard block) or they hold `ipblock-exempt`. Ranges wider than $wgBlockCIDRLimit (IPv4 /16,
 * IPv6 /19) are refused with `ip_range_toolarge`, a prefix beyond the address width with
 * `invalidrange` (ApiMessageTrait's code for `ip_range_invalid`). `list=blocks&bkip=` lists the
 * blocks covering an address, and `unblock` lifts a range block by its range.
 */

let t: TestApp;
let admin: ApiClient;

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('Admin', 'admin password', ['sysop']);
  await t.createUser('Member', 'member password');
  await t.createUser('Exempt', 'exempt password', ['sysop']);
  admin = new ApiClient(t);
  await admin.login('Admin', 'admin password');
});
afterAll(async () => {
  await t.close();
});

async function block(params: Record<string, string>): Promise<Record<string, unknown>> {
  return (await admin.post({ action: 'block', formatversion: '2', token: await admin.token(), ...params }))
    .json;
}

async function unblock(user: string): Promise<Record<string, unknown>> {
  return (await admin.post({ action: 'unblock', user, token: await admin.token() })).json;
}

async function editFrom(client: ApiClient, title: string): Promise<Record<string, unknown>> {
  return (await client.post({ action: 'edit', title, text: 'x', token: await client.token() })).json;
}

function errorCode(res: Record<string, unknown>): string | undefined {
  return (res.error as { code?: string } | undefined)?.code;
}

async function blocksCovering(ip: string): Promise<Record<string, unknown>[]> {
  const res = await admin.get({
    action: 'query',
    list: 'blocks',
    bkip: ip,
    bkprop: 'id|user|range|flags',
    formatversion: '2',
  });
  expect(res.json.error).toBeUndefined();
  // An empty list is left out of `query`, as every list module here does.
  return (res.json.query as { blocks?: Record<string, unknown>[] } | undefined)?.blocks ?? [];
}

describe('a range block', () => {
  it('is stored under its network address and stops a visitor from any address in it', async () => {
    const res = await block({ user: '192.0.2.77/24', reason: 'open proxies', anononly: '1' });
    expect(res.block).toMatchObject({ user: '192.0.2.0/24', anononly: true });
    const visitor = new ApiClient(t, '/w/api.php', '192.0.2.200');
    expect(errorCode(await editFrom(visitor, 'From the range'))).toBe('blocked');
    const outside = new ApiClient(t, '/w/api.php', '192.0.3.1');
    expect((await editFrom(outside, 'From outside the range')).edit).toMatchObject({ result: 'Success' });
  });

  it('with anononly spares a logged-in user editing from the range', async () => {
    const member = new ApiClient(t, '/w/api.php', '192.0.2.9');
    await member.login('Member', 'member password');
    expect((await editFrom(member, 'Member from soft-blocked range')).edit).toMatchObject({
      result: 'Success',
    });
  });

  it('without anononly stops a logged-in user editing from the range, but not one with ipblock-exempt', async () => {
    await block({ user: '198.51.100.0/25', reason: 'school' });
    const member = new ApiClient(t, '/w/api.php', '198.51.100.5');
    await member.login('Member', 'member password');
    expect(errorCode(await editFrom(member, 'Member from hard-blocked range'))).toBe('blocked');
    const exempt = new ApiClient(t, '/w/api.php', '198.51.100.6');
    await exempt.login('Exempt', 'exempt password');
    expect((await editFrom(exempt, 'Exempt from hard-blocked range')).edit).toMatchObject({
      result: 'Success',
    });
  });

  it('with nocreate stops account creation from any address in it', async () => {
    await block({ user: '203.0.113.0/28', nocreate: '1', anononly: '1' });
    const visitor = new ApiClient(t, '/w/api.php', '203.0.113.14');
    const res = await visitor.post({
      action: 'createaccount',
      username: 'Sock from range',
      password: 'a long enough password',
      retype: 'a long enough password',
      createreturnurl: 'http://localhost/',
      createtoken: await visitor.token('createaccount'),
    });
    expect(JSON.stringify(res.json)).toContain('createaccount-nocreate');
  });

  it('covers IPv6 ranges', async () => {
    await block({ user: '2001:db8:abcd::/48', anononly: '1' });
    const visitor = new ApiClient(t, '/w/api.php', '2001:db8:abcd:12::7');
    expect(errorCode(await editFrom(visitor, 'From the IPv6 range'))).toBe('blocked');
  });

  it('is refused when wider than $wgBlockCIDRLimit or with an impossible prefix', async () => {
    expect(errorCode(await block({ user: '10.0.0.0/15' }))).toBe('ip_range_toolarge');
    expect(errorCode(await block({ user: '2001:db8::/18' }))).toBe('ip_range_toolarge');
    expect(errorCode(await block({ user: '10.0.0.0/33' }))).toBe('invalidrange');
    expect((await block({ user: '10.1.0.0/16', anononly: '1' })).block).toMatchObject({
      user: '10.1.0.0/16',
    });
  });
});

describe('list=blocks&bkip', () => {
  it('lists the range blocks covering an address, narrowest first', async () => {
    await block({ user: '192.0.2.64/26', anononly: '1' });
    await block({ user: '192.0.2.70', anononly: '1' });
    const found = await blocksCovering('192.0.2.70');
    expect(found.map((b) => b.user)).toEqual(
      expect.arrayContaining(['192.0.2.0/24', '192.0.2.64/26', '192.0.2.70']),
    );
    expect(found).toHaveLength(3);
    expect(found.find((b) => b.user === '192.0.2.0/24')).toMatchObject({
      rangestart: '192.0.2.0',
      rangeend: '192.0.2.255',
    });
    expect(await blocksCovering('192.0.2.130')).toHaveLength(1);
    expect(await blocksCovering('192.0.4.1')).toEqual([]);
  });

  it('refuses a range broader than the CIDR limit and an invalid address', async () => {
    const broad = await admin.get({ action: 'query', list: 'blocks', bkip: '192.0.0.0/8' });
    expect(errorCode(broad.json)).toBe('cidrtoobroad');
    const bad = await admin.get({ action: 'query', list: 'blocks', bkip: 'not-an-ip' });
    expect(errorCode(bad.json)).toBe('param_ip');
  });
});

describe('unblock by range', () => {
  it('lifts the range block, after which addresses in it may edit again', async () => {
    await block({ user: '233.252.0.0/24', anononly: '1' });
    const visitor = new ApiClient(t, '/w/api.php', '233.252.0.9');
    expect(errorCode(await editFrom(visitor, 'Before unblock'))).toBe('blocked');
    expect((await unblock('233.252.0.0/24')).unblock).toMatchObject({ user: '233.252.0.0/24' });
    expect((await editFrom(visitor, 'After unblock')).edit).toMatchObject({ result: 'Success' });
  });
});
