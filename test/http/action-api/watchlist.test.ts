import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toIsoTimestamp } from '../../../src/core/domain/clock.ts';
import { ApiClient, buildTestApp, type TestApp } from '../../factories/app.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let admin: ApiClient;
let reader: ApiClient;
let other: ApiClient;

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('Admin', 'admin password', ['sysop']);
  await t.createUser('Reader', 'reader password');
  await t.createUser('Other', 'other password');
  admin = new ApiClient(t);
  reader = new ApiClient(t);
  other = new ApiClient(t);
  await admin.login('Admin', 'admin password');
  await reader.login('Reader', 'reader password');
  await other.login('Other', 'other password');
});
afterAll(async () => {
  await t.close();
});

async function edit(client: ApiClient, title: string, text: string, extra: Record<string, string> = {}) {
  t.advance(10); // newcomers may edit 8 times a minute
  const res = (
    await client.post({
      action: 'edit',
      title,
      text,
      token: await client.token(),
      formatversion: '2',
      ...extra,
    })
  ).json as Json;
  return res.edit as Json;
}

async function watch(client: ApiClient, params: Record<string, string>): Promise<Json> {
  return (await client.post({ action: 'watch', token: await client.token('watch'), ...params })).json as Json;
}

async function info(client: ApiClient, titles: string, inprop: string, fv = '2'): Promise<Json[]> {
  const res = (await client.get({ action: 'query', prop: 'info', titles, inprop, formatversion: fv }))
    .json as Json;
  return fv === '2' ? (res.query.pages as Json[]) : Object.values(res.query.pages as Json);
}

describe('action=watch', () => {
  it('watches and unwatches pages, missing ones too, in both format versions', async () => {
    await edit(admin, 'Watch one', 'One.', { watchlist: 'nochange' });
    const fv2 = await watch(reader, { titles: 'Watch one|Not yet written', formatversion: '2' });
    expect(fv2.watch).toEqual([
      { ns: 0, title: 'Not yet written', watched: true },
      { ns: 0, title: 'Watch one', watched: true },
    ]);
    const pages = await info(reader, 'Watch one|Talk:Watch one|Not yet written', 'watched');
    expect(pages.map((p) => [p.title, p.watched])).toEqual([
      ['Talk:Watch one', true],
      ['Not yet written', true],
      ['Watch one', true],
    ]);
    const fv1 = await watch(reader, { titles: 'Watch one', unwatch: '1' });
    expect(fv1.watch).toEqual([{ ns: 0, title: 'Watch one', unwatched: '' }]);
    const after = await info(reader, 'Watch one', 'watched', '1');
    expect(after[0]).not.toHaveProperty('watched');
  });

  it('watches until an expiry, after which the page is not watched any more', async () => {
    await edit(admin, 'Watched briefly', 'Text.', { watchlist: 'nochange' });
    const res = await watch(reader, { titles: 'Watched briefly', expiry: '1 day', formatversion: '2' });
    expect(res.watch[0]).toEqual({
      ns: 0,
      title: 'Watched briefly',
      watched: true,
      watchlistexpiry: toIsoTimestamp(t.now() + 86400),
    });
    expect((await info(reader, 'Watched briefly', 'watched'))[0]).toMatchObject({ watched: true });
    t.advance(86400);
    expect((await info(reader, 'Watched briefly', 'watched'))[0]).toMatchObject({ watched: false });
    const past = await watch(reader, {
      titles: 'Watched briefly',
      expiry: '2001-01-01T00:00:00Z',
      formatversion: '2',
    });
    expect(past.error.code).toBe('pastexpiry');
  });

  it('takes its pages from a generator', async () => {
    await edit(admin, 'Genwatch A', 'A.', { watchlist: 'nochange' });
    await edit(admin, 'Genwatch B', 'B.', { watchlist: 'nochange' });
    const res = await watch(reader, { generator: 'allpages', gapprefix: 'Genwatch', formatversion: '2' });
    expect(res.watch.map((w: Json) => w.title)).toEqual(['Genwatch A', 'Genwatch B']);
  });

  it('refuses visitors (notloggedin) and a csrf token in place of a watch token', async () => {
    const visitor = new ApiClient(t);
    const anon = (await visitor.post({ action: 'watch', titles: 'X', token: '+\\', formatversion: '2' }))
      .json as Json;
    expect(anon.error.code).toBe('notloggedin');
    const wrong = (await reader.post({ action: 'watch', titles: 'X', token: await reader.token('csrf') }))
      .json as Json;
    expect(wrong.error.code).toBe('badtoken');
  });
});

describe('watchlist parameters of page changes', () => {
  it('watches a page its author creates (watchcreations) and not an edit with watchlist=nochange', async () => {
    await edit(reader, 'Created by reader', 'New.');
    expect((await info(reader, 'Created by reader', 'watched'))[0]).toMatchObject({ watched: true });
    await edit(admin, 'Edited quietly', 'A.', { watchlist: 'nochange' });
    await edit(reader, 'Edited quietly', 'B.', { watchlist: 'nochange' });
    expect((await info(reader, 'Edited quietly', 'watched'))[0]).toMatchObject({ watched: false });
  });

  it('unwatches with watchlist=unwatch and sets an expiry with watchlistexpiry', async () => {
    await edit(reader, 'Temp watched', 'A.', { watchlist: 'watch', watchlistexpiry: '1 week' });
    expect((await info(reader, 'Temp watched', 'watched'))[0]).toMatchObject({
      watched: true,
      watchlistexpiry: toIsoTimestamp(t.now() + 7 * 86400),
    });
    await edit(reader, 'Temp watched', 'B.', { watchlist: 'unwatch' });
    expect((await info(reader, 'Temp watched', 'watched'))[0]).toMatchObject({ watched: false });
  });

  it('delete follows watchdeletion (off by default) and watchlist=watch watches', async () => {
    await edit(admin, 'To delete', 'Bye.', { watchlist: 'nochange' });
    const token = await admin.token();
    await admin.post({ action: 'delete', title: 'To delete', token, watchlist: 'watch' });
    expect((await info(admin, 'To delete', 'watched'))[0]).toMatchObject({ watched: true });
  });
});

describe('prop=info watch fields', () => {
  it('counts watchers for users with unwatchedpages and gives the first unseen change', async () => {
    await edit(admin, 'Popular', 'v1', { watchlist: 'nochange' });
    await watch(reader, { titles: 'Popular' });
    await watch(other, { titles: 'Popular' });
    const before = (await info(reader, 'Popular', 'notificationtimestamp'))[0];
    expect(before?.notificationtimestamp).toBe('');
    await edit(other, 'Popular', 'v2');
    const editedAt = t.now();
    expect((await info(reader, 'Popular', 'notificationtimestamp'))[0]?.notificationtimestamp).toBe(
      toIsoTimestamp(editedAt),
    );
    expect((await info(other, 'Popular', 'notificationtimestamp'))[0]?.notificationtimestamp).toBe('');
    expect((await info(admin, 'Popular', 'watchers'))[0]?.watchers).toBe(2);
    expect((await info(reader, 'Popular', 'watchers'))[0]).not.toHaveProperty('watchers');
  });
});

describe('list=watchlist', () => {
  it("lists the watched pages' latest changes, every revision with wlallrev, and continues", async () => {
    const fresh = new ApiClient(t);
    await t.createUser('Fresh', 'fresh password');
    await fresh.login('Fresh', 'fresh password');
    const first = await edit(admin, 'WL page A', 'a1', { watchlist: 'nochange' });
    const second = await edit(admin, 'WL page A', 'a2', { watchlist: 'nochange' });
    const third = await edit(admin, 'WL page B', 'b1', { watchlist: 'nochange' });
    await edit(admin, 'WL unwatched', 'c1', { watchlist: 'nochange' });
    await watch(fresh, { titles: 'WL page A|WL page B' });
    const list = async (params: Record<string, string>) =>
      (await fresh.get({ action: 'query', list: 'watchlist', formatversion: '2', ...params })).json as Json;

    const latest = await list({});
    expect(latest.query.watchlist).toEqual([
      {
        type: 'new',
        ns: 0,
        title: 'WL page B',
        pageid: third.pageid,
        revid: third.newrevid,
        old_revid: 0,
        bot: false,
        new: true,
        minor: false,
      },
      expect.objectContaining({ title: 'WL page A', revid: second.newrevid, type: 'edit' }),
    ]);
    const all = await list({ wlallrev: '1', wlprop: 'ids' });
    expect(all.query.watchlist.map((c: Json) => c.revid)).toEqual([
      third.newrevid,
      second.newrevid,
      first.newrevid,
    ]);

    const page1 = await list({ wlallrev: '1', wlprop: 'ids', wllimit: '2' });
    expect(page1.query.watchlist).toHaveLength(2);
    const page2 = await list({
      wlallrev: '1',
      wlprop: 'ids',
      wllimit: '2',
      wlcontinue: page1.continue.wlcontinue,
    });
    expect(page2.query.watchlist.map((c: Json) => c.revid)).toEqual([first.newrevid]);

    const fv1 = (await fresh.get({ action: 'query', list: 'watchlist', wlprop: 'title|flags|user' }))
      .json as Json;
    expect(fv1.query.watchlist[0]).toEqual({
      type: 'new',
      ns: 0,
      title: 'WL page B',
      new: '',
      user: 'Admin',
    });

    const gen = (
      await fresh.get({ action: 'query', generator: 'watchlist', prop: 'info', formatversion: '2' })
    ).json as Json;
    expect(gen.query.pages.map((p: Json) => p.title).sort()).toEqual(['WL page A', 'WL page B']);
  });

  it('is empty for a user who watches nothing and refuses visitors', async () => {
    await t.createUser('Nobody', 'nobody password');
    const nobody = new ApiClient(t);
    await nobody.login('Nobody', 'nobody password');
    const empty = (await nobody.get({ action: 'query', list: 'watchlist', formatversion: '2' })).json as Json;
    expect(empty.query.watchlist).toEqual([]);
    const visitor = (await new ApiClient(t).get({ action: 'query', list: 'watchlist', formatversion: '2' }))
      .json as Json;
    expect(visitor.error.code).toBe('notloggedin');
  });
});
