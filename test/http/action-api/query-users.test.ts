import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, TEST_START, buildTestApp, type TestApp } from '../../factories/app.ts';

/**
 * list=users, list=usercontribs, prop=contributors, meta=userinfo's user parts and list=blocks as
 * MediaWiki::Bot's is_blocked calls it, over edits, blocks and group changes made through api.php.
 * The history (one minute apart, in this order):
 *   1 Alice creates "Alpha" (8 bytes)      2 Bob edits "Alpha" (minor, 12 bytes)
 *   3 Alice creates "Talk:Beta"            4 2001:db8::1 edits "Alpha" (5 bytes)
 *   5 Alice edits "Alpha" (20 bytes)       6 Bobby creates "Gamma"
 * Bob is a sysop, Bobby a bot until TEST_START + 1 day; Carol has no edits and is blocked.
 */
let t: TestApp;
let admin: ApiClient;
const revs: Record<string, number> = {};

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function edit(
  client: ApiClient,
  key: string,
  title: string,
  text: string,
  extra: Record<string, string> = {},
) {
  const res = await client.post({ action: 'edit', title, text, token: await client.token(), ...extra });
  const result = (res.json as Json).edit;
  expect(result?.result).toBe('Success');
  revs[key] = result.newrevid as number;
  t.advance(60);
}

async function loggedIn(name: string, groups: string[] = []): Promise<ApiClient> {
  await t.createUser(name, `${name} password 1234`, groups);
  const client = new ApiClient(t);
  await client.login(name, `${name} password 1234`);
  return client;
}

async function query(params: Record<string, string>, client: ApiClient = admin): Promise<Json> {
  return (await client.get({ action: 'query', formatversion: '2', ...params })).json as Json;
}

beforeAll(async () => {
  t = await buildTestApp();
  admin = await loggedIn('Admin', ['sysop', 'bureaucrat']);
  const alice = await loggedIn('Alice');
  const bob = await loggedIn('Bob', ['sysop']);
  const bobby = await loggedIn('Bobby');
  await t.createUser('Carol', 'Carol password 1234');
  const ip = new ApiClient(t, '/w/api.php', '2001:db8::1');
  await edit(alice, 'a1', 'Alpha', 'Alpha v1');
  await edit(bob, 'b1', 'Alpha', 'Alpha v2 bob', { minor: '1' });
  await edit(alice, 'a2', 'Talk:Beta', 'Talk');
  await edit(ip, 'ip1', 'Alpha', 'v3 ip');
  await edit(alice, 'a3', 'Alpha', 'Alpha v4 by Alice..');
  await edit(bobby, 'y1', 'Gamma', 'Gamma');
  const token = await admin.token('userrights');
  await admin.post({
    action: 'userrights',
    user: 'Bobby',
    add: 'bot',
    expiry: '2023-11-15T22:13:20Z',
    token,
  });
  await admin.post({
    action: 'block',
    user: 'Carol',
    reason: 'spam',
    nocreate: '1',
    token: await admin.token(),
  });
});
afterAll(async () => {
  await t.close();
});

describe('list=users', () => {
  it('describes accounts, then a missing name, with invalid values (an address among them) first', async () => {
    const res = await query({
      list: 'users',
      ususers: 'bob|Nobody here|127.0.0.1|Bad#name|Bobby',
      usprop:
        'groups|implicitgroups|groupmemberships|editcount|registration|rights|centralids|gender|cancreate',
    });
    const users = res.query.users as Json[];
    expect(users.map((u) => u.name)).toEqual(['127.0.0.1', 'Bad#name', 'Bob', 'Nobody here', 'Bobby']);
    expect(users[0]).toEqual({ name: '127.0.0.1', invalid: true });
    expect(users[3]).toEqual({ name: 'Nobody here', missing: true, cancreate: true });
    expect(users[2]).toMatchObject({
      name: 'Bob',
      editcount: 1,
      registration: new Date(TEST_START * 1000).toISOString().replace('.000', ''),
      groups: ['*', 'user', 'sysop'],
      implicitgroups: ['*', 'user'],
      groupmemberships: [{ group: 'sysop', expiry: 'infinity' }],
      gender: 'unknown',
    });
    expect(users[2]?.centralids).toEqual({ local: users[2]?.userid });
    expect(users[2]?.rights).toContain('block');
    expect(users[4]?.groupmemberships).toEqual([{ group: 'bot', expiry: '2023-11-15T22:13:20Z' }]);
  });

  it('gives block details with usprop=blockinfo and answers ususerids, unknown ids as missing', async () => {
    const carol = await query({ list: 'users', ususers: 'Carol', usprop: 'blockinfo' });
    expect(carol.query.users[0]).toMatchObject({
      name: 'Carol',
      blockedby: 'Admin',
      blockreason: 'spam',
      blockexpiry: 'infinite',
      blocknocreate: true,
    });
    const bobId = (await query({ list: 'users', ususers: 'Bob' })).query.users[0].userid as number;
    const byId = await query({ list: 'users', ususerids: `${bobId}|9999` });
    expect(byId.query.users).toEqual([
      { userid: bobId, name: 'Bob' },
      { userid: 9999, missing: true },
    ]);
  });

  it('formatversion 1 marks missing and invalid entries with empty strings', async () => {
    const res = (await admin.get({ action: 'query', list: 'users', ususers: 'Nobody here|A/b' }))
      .json as Json;
    expect(res.query.users).toEqual([
      { name: 'A/b', invalid: '' },
      { name: 'Nobody here', missing: '' },
    ]);
  });
});

describe('list=usercontribs', () => {
  it("lists a user's edits newest first with MediaWiki's default props and flags", async () => {
    const res = await query({ list: 'usercontribs', ucuser: 'Alice' });
    const contribs = res.query.usercontribs as Json[];
    expect(contribs.map((c) => c.revid)).toEqual([revs.a3, revs.a2, revs.a1]);
    expect(contribs[0]).toMatchObject({
      user: 'Alice',
      ns: 0,
      title: 'Alpha',
      parentid: revs.ip1,
      new: false,
      minor: false,
      top: true,
      size: 19,
      comment: '',
    });
    expect(contribs[1]).toMatchObject({ ns: 1, title: 'Talk:Beta', new: true, top: true, parentid: 0 });
    expect(contribs[2]).toMatchObject({ top: false, new: true });
  });

  it('pages through with uccontinue without repeats or gaps', async () => {
    const seen: number[] = [];
    let cont: Record<string, string> = {};
    for (let i = 0; i < 5; i++) {
      const res = await query({
        list: 'usercontribs',
        ucuser: 'Alice',
        uclimit: '2',
        ucdir: 'newer',
        ...cont,
      });
      seen.push(...(res.query.usercontribs as Json[]).map((c) => c.revid as number));
      if (!res.continue) break;
      cont = res.continue as Record<string, string>;
    }
    expect(seen).toEqual([revs.a1, revs.a2, revs.a3]);
  });

  it('filters by namespace and ucshow, and gives sizediff and tags', async () => {
    const talk = await query({ list: 'usercontribs', ucuser: 'Alice', ucnamespace: '1' });
    expect(talk.query.usercontribs.map((c: Json) => c.revid)).toEqual([revs.a2]);
    const top = await query({ list: 'usercontribs', ucuser: 'Alice', ucshow: '!new|top' });
    expect(top.query.usercontribs.map((c: Json) => c.revid)).toEqual([revs.a3]);
    const minor = await query({
      list: 'usercontribs',
      ucuser: 'Bob',
      ucshow: 'minor',
      ucprop: 'ids|sizediff|tags',
    });
    expect(minor.query.usercontribs).toEqual([
      {
        userid: expect.any(Number),
        user: 'Bob',
        pageid: expect.any(Number),
        revid: revs.b1,
        parentid: revs.a1,
        sizediff: 4,
        tags: [],
      },
    ]);
  });

  it('orders several users and a prefix by name, then time, continuing across names', async () => {
    const ids = async (params: Record<string, string>) => {
      const out: number[] = [];
      let cont: Record<string, string> = {};
      for (let i = 0; i < 6; i++) {
        const res = await query({ list: 'usercontribs', uclimit: '1', ucdir: 'newer', ...params, ...cont });
        out.push(...(res.query.usercontribs as Json[]).map((c) => c.revid as number));
        if (!res.continue) break;
        cont = res.continue as Record<string, string>;
      }
      return out;
    };
    expect(await ids({ ucuserprefix: 'Bo' })).toEqual([revs.b1, revs.y1]);
    expect(await ids({ ucuser: 'Bobby|Alice' })).toEqual([revs.a1, revs.a2, revs.a3, revs.y1]);
  });

  it('finds an address as MediaWiki stores it, however it is written', async () => {
    const res = await query({ list: 'usercontribs', ucuser: '2001:db8:0::1' });
    expect(res.query.usercontribs).toMatchObject([
      { user: '2001:DB8:0:0:0:0:0:1', userid: 0, revid: revs.ip1 },
    ]);
  });

  it('needs one of ucuser, ucuserids and ucuserprefix, refuses bad names and hides patrol flags from others', async () => {
    expect((await query({ list: 'usercontribs' })).error.code).toBe('missingparam-one-of');
    expect((await query({ list: 'usercontribs', ucuser: 'A|B', ucuserprefix: 'A' })).error.code).toBe(
      'invalidparammix',
    );
    expect((await query({ list: 'usercontribs', ucuser: 'Bad#name' })).error.code).toBe('baduser');
    const visitor = new ApiClient(t);
    expect(
      (await query({ list: 'usercontribs', ucuser: 'Alice', ucprop: 'patrolled' }, visitor)).error.code,
    ).toBe('permissiondenied');
    const patrol = await query({ list: 'usercontribs', ucuser: 'Bob', ucprop: 'patrolled' });
    expect(patrol.query.usercontribs[0]).toMatchObject({ patrolled: true, autopatrolled: true });
  });
});

describe('prop=contributors', () => {
  it('lists registered editors by user id, counts addresses, and continues with pccontinue', async () => {
    const all = await query({ prop: 'contributors', titles: 'Alpha' });
    const page = all.query.pages[0];
    expect(page.anoncontributors).toBe(1);
    expect(page.contributors.map((c: Json) => c.name)).toEqual(['Alice', 'Bob']);
    const first = await query({ prop: 'contributors', titles: 'Alpha', pclimit: '1' });
    expect(first.query.pages[0].contributors.map((c: Json) => c.name)).toEqual(['Alice']);
    const rest = await query({ prop: 'contributors', titles: 'Alpha', pclimit: '1', ...first.continue });
    expect(rest.query.pages[0].contributors.map((c: Json) => c.name)).toEqual(['Bob']);
    expect(rest.continue).toBeUndefined();
  });

  it('filters by group and right, and refuses two filters at once', async () => {
    const sysops = await query({ prop: 'contributors', titles: 'Alpha', pcgroup: 'sysop' });
    expect(sysops.query.pages[0].contributors.map((c: Json) => c.name)).toEqual(['Bob']);
    const noBlockers = await query({ prop: 'contributors', titles: 'Alpha', pcexcluderights: 'block' });
    expect(noBlockers.query.pages[0].contributors.map((c: Json) => c.name)).toEqual(['Alice']);
    const nobody = await query({
      prop: 'contributors',
      titles: 'Alpha',
      pcexcludegroup: 'sysop',
      pcrights: 'edit',
    });
    expect(nobody.error.code).toBe('invalidparammix');
  });
});

describe('meta=userinfo', () => {
  it('gives the rate limits that concern the user, none with noratelimit but the theoretical ones', async () => {
    const alice = new ApiClient(t);
    await alice.login('Alice', 'Alice password 1234');
    const mine = await query({ meta: 'userinfo', uiprop: 'ratelimits|latestcontrib' }, alice);
    // The default rateLimits: edit user [90, 60], newbie and ip [8, 60]; Alice is not autoconfirmed.
    expect(mine.query.userinfo.ratelimits.edit).toEqual({
      user: { hits: 90, seconds: 60 },
      ip: { hits: 8, seconds: 60 },
      newbie: { hits: 8, seconds: 60 },
    });
    expect(mine.query.userinfo.latestcontrib).toBe(
      new Date((TEST_START + 4 * 60) * 1000).toISOString().replace('.000', ''),
    );
    const sysop = await query({
      meta: 'userinfo',
      uiprop: 'ratelimits|theoreticalratelimits|groupmemberships',
    });
    expect(sysop.query.userinfo.ratelimits).toEqual({});
    expect(sysop.query.userinfo.theoreticalratelimits.move).toMatchObject({ user: { hits: 8, seconds: 60 } });
    expect(sysop.query.userinfo.groupmemberships).toEqual([
      { group: 'bureaucrat', expiry: 'infinity' },
      { group: 'sysop', expiry: 'infinity' },
    ]);
  });
});

describe('list=blocks as MediaWiki::Bot is_blocked asks', () => {
  it('finds one block for a blocked user and none for another', async () => {
    const ask = (user: string) =>
      admin.get({ action: 'query', list: 'blocks', bkusers: user, bklimit: '1', bkprop: 'id' });
    expect(((await ask('Carol')).json as Json).query.blocks).toEqual([{ id: expect.any(Number) }]);
    expect(((await ask('Alice')).json as Json).query.blocks).toEqual([]);
  });
});
