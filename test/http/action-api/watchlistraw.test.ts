import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toIsoTimestamp } from '../../../src/core/domain/clock.ts';
import { ApiClient, buildTestApp, type TestApp } from '../../factories/app.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let admin: ApiClient;
let reader: ApiClient;
let changedAt = 0;

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('Admin', 'admin password', ['sysop']);
  await t.createUser('Reader', 'reader password');
  admin = new ApiClient(t);
  reader = new ApiClient(t);
  await admin.login('Admin', 'admin password');
  await reader.login('Reader', 'reader password');
  for (const title of ['Raw A', 'Raw B', 'Talk:Raw C']) await edit(title, 'Text.');
  const res = (
    await reader.post({
      action: 'watch',
      titles: 'Raw B|Raw A|Talk:Raw C|Raw missing',
      token: await reader.token('watch'),
      formatversion: '2',
    })
  ).json as Json;
  expect(res.watch).toHaveLength(4);
  changedAt = t.now() + 10;
  await edit('Raw B', 'Changed by the admin.');
});
afterAll(async () => {
  await t.close();
});

async function edit(title: string, text: string): Promise<void> {
  t.advance(10);
  const res = (
    await admin.post({ action: 'edit', title, text, token: await admin.token(), formatversion: '2' })
  ).json as Json;
  expect(res.edit.result).toBe('Success');
}

async function raw(params: Record<string, string>, client = reader): Promise<Json> {
  return (await client.get({ action: 'query', list: 'watchlistraw', ...params })).json as Json;
}

describe('list=watchlistraw', () => {
  it('lists the watched titles by namespace and title at the top level, with changed (formatversion 2)', async () => {
    const res = await raw({ wrprop: 'changed', formatversion: '2' });
    // Watching a title watches its talk page too (and the other way round), as in MediaWiki.
    expect(res.watchlistraw).toEqual([
      { ns: 0, title: 'Raw A' },
      { ns: 0, title: 'Raw B', changed: toIsoTimestamp(changedAt) },
      { ns: 0, title: 'Raw C' },
      { ns: 0, title: 'Raw missing' },
      { ns: 1, title: 'Talk:Raw A' },
      { ns: 1, title: 'Talk:Raw B' },
      { ns: 1, title: 'Talk:Raw C' },
      { ns: 1, title: 'Talk:Raw missing' },
    ]);
    expect(res.query).toBeUndefined();
    expect(res.batchcomplete).toBe(true);
  });

  it('continues with wrcontinue "namespace|dbkey", in formatversion 1 too', async () => {
    const first = await raw({ wrlimit: '2', wrnamespace: '0' });
    expect(first.watchlistraw).toEqual([
      { ns: 0, title: 'Raw A' },
      { ns: 0, title: 'Raw B' },
    ]);
    expect(first.continue).toEqual({ wrcontinue: '0|Raw_C', continue: '-||' });
    const second = await raw({ wrlimit: '2', wrnamespace: '0', ...first.continue });
    expect(second.watchlistraw).toEqual([
      { ns: 0, title: 'Raw C' },
      { ns: 0, title: 'Raw missing' },
    ]);
    expect(second.continue).toBeUndefined();
  });

  it('filters by show=changed|!changed, ranges by fromtitle/totitle and runs backwards', async () => {
    const changed = await raw({ wrshow: 'changed', formatversion: '2' });
    expect(changed.watchlistraw).toEqual([{ ns: 0, title: 'Raw B' }]);
    const unchanged = await raw({ wrshow: '!changed', wrnamespace: '0', formatversion: '2' });
    expect(unchanged.watchlistraw.map((w: Json) => w.title)).toEqual(['Raw A', 'Raw C', 'Raw missing']);
    const ranged = await raw({ wrfromtitle: 'Raw B', wrtotitle: 'Talk:Raw C', formatversion: '2' });
    expect(ranged.watchlistraw.map((w: Json) => w.title)).toEqual([
      'Raw B',
      'Raw C',
      'Raw missing',
      'Talk:Raw A',
      'Talk:Raw B',
      'Talk:Raw C',
    ]);
    const back = await raw({ wrdir: 'descending', wrnamespace: '0', formatversion: '2' });
    expect(back.watchlistraw.map((w: Json) => w.title)).toEqual(['Raw missing', 'Raw C', 'Raw B', 'Raw A']);
    const both = await raw({ wrshow: 'changed|!changed', formatversion: '2' });
    expect(both.error.code).toBe('show');
  });

  it('is a generator over the watched pages that exist', async () => {
    const res = (
      await reader.get({ action: 'query', generator: 'watchlistraw', gwrnamespace: '0', formatversion: '2' })
    ).json as Json;
    expect(res.query.pages.map((p: Json) => p.title).sort()).toEqual(['Raw A', 'Raw B']);
  });

  it('answers an empty list for a user who watches nothing and refuses visitors', async () => {
    expect((await raw({ formatversion: '2' }, admin)).watchlistraw).toEqual(expect.arrayContaining([]));
    const visitor = await raw({ formatversion: '2' }, new ApiClient(t));
    expect(visitor.error.code).toBe('notloggedin');
  });
});
