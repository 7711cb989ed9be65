import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/core/store/store.ts';
import { ApiClient, TEST_WIKI, buildTestApp, type TestApp } from '../../factories/app.ts';
import { makeLogEntry, makePage, makeRecentChange } from '../../factories/store.ts';

let t: TestApp;
let api: ApiClient;
let store: Store;

beforeEach(async () => {
  t = await buildTestApp();
  api = new ApiClient(t);
  store = t.services.store;
});
afterEach(async () => {
  await t.close();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function addPages(titles: string[], namespace = 0): Promise<number[]> {
  const ids: number[] = [];
  for (const title of titles) {
    const page = makePage({ wiki: TEST_WIKI, namespace, title, len: title.length * 10 });
    await store.pages.insert(page);
    ids.push(page.id);
  }
  return ids;
}

describe('list=allpages', () => {
  it('pages through every page exactly once with aplimit=2 and apcontinue', async () => {
    const titles = ['Apple', 'Banana', 'Cherry', 'Date', 'Elder', 'Fig', 'Grape'];
    await addPages(titles);
    await addPages(['Not_main'], 1);
    const seen: string[] = [];
    let cont: Record<string, string> = { continue: '' };
    for (let round = 0; round < 10; round++) {
      const res = (
        await api.get({ action: 'query', list: 'allpages', aplimit: '2', formatversion: '2', ...cont })
      ).json as Json;
      const batch = res.query.allpages as { title: string }[];
      expect(batch.length).toBeLessThanOrEqual(2);
      seen.push(...batch.map((p) => p.title));
      if (!res.continue) break;
      cont = res.continue as Record<string, string>;
    }
    expect(seen).toEqual(titles);
  });

  it('filters by prefix, namespace and direction and prints display titles', async () => {
    await addPages(['Foo_bar', 'Foo_baz', 'Other']);
    await addPages(['Foo_talk'], 1);
    const res = (
      await api.get({
        action: 'query',
        list: 'allpages',
        apprefix: 'foo',
        apdir: 'descending',
        formatversion: '2',
      })
    ).json as Json;
    expect(res.query.allpages.map((p: Json) => p.title)).toEqual(['Foo baz', 'Foo bar']);
    const talk = (await api.get({ action: 'query', list: 'allpages', apnamespace: '1', formatversion: '2' }))
      .json as Json;
    expect(talk.query.allpages).toEqual([expect.objectContaining({ ns: 1, title: 'Talk:Foo talk' })]);
  });

  it('works as a generator with gapcontinue', async () => {
    const ids = await addPages(['One', 'Three', 'Two']);
    const res = (await api.get({ action: 'query', generator: 'allpages', gaplimit: '2', formatversion: '2' }))
      .json as Json;
    expect(res.query.pages.map((p: Json) => p.pageid).sort()).toEqual([ids[0], ids[1]].sort());
    expect(res.continue.gapcontinue).toBe('Two');
    const next = (
      await api.get({
        action: 'query',
        generator: 'allpages',
        gaplimit: '2',
        formatversion: '2',
        ...res.continue,
      })
    ).json as Json;
    expect(next.query.pages.map((p: Json) => p.title)).toEqual(['Two']);
  });
});

describe('list=recentchanges', () => {
  async function addChanges(n: number): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const rc = makeRecentChange({
        wiki: TEST_WIKI,
        timestamp: 1_700_000_000 + i,
        title: `Page_${i}`,
        pageId: 100 + i,
        revId: 200 + i,
        bot: i % 2 === 1,
      });
      await store.recentChanges.insert(rc);
      ids.push(rc.id);
    }
    return ids;
  }

  it('lists newest first and continues with rccontinue without repeats', async () => {
    const ids = await addChanges(5);
    const first = (
      await api.get({ action: 'query', list: 'recentchanges', rclimit: '3', formatversion: '2' })
    ).json as Json;
    expect(first.query.recentchanges.map((r: Json) => r.rcid)).toEqual([ids[4], ids[3], ids[2]]);
    expect(first.continue.rccontinue).toMatch(/^\d{14}\|\d+$/);
    const second = (
      await api.get({
        action: 'query',
        list: 'recentchanges',
        rclimit: '3',
        formatversion: '2',
        ...first.continue,
      })
    ).json as Json;
    expect(second.query.recentchanges.map((r: Json) => r.rcid)).toEqual([ids[1], ids[0]]);
    expect(second.continue).toBeUndefined();
  });

  it('renders the default props with ISO timestamps and filters rcshow=!bot', async () => {
    await addChanges(4);
    const res = (
      await api.get({
        action: 'query',
        list: 'recentchanges',
        rcshow: '!bot',
        rcprop: 'title|timestamp|ids|flags',
        formatversion: '2',
      })
    ).json as Json;
    const rows = res.query.recentchanges as Json[];
    expect(rows.map((r) => r.title)).toEqual(['Page 2', 'Page 0']);
    expect(rows[0]).toMatchObject({
      type: 'edit',
      ns: 0,
      timestamp: '2023-11-14T22:13:22Z',
      bot: false,
      minor: false,
      new: false,
    });
  });

  it('rejects contradictory rcshow values with code show', async () => {
    const res = (await api.get({ action: 'query', list: 'recentchanges', rcshow: 'bot|!bot' })).json as Json;
    expect(res.error.code).toBe('show');
  });

  it('formatversion 1 prints flags as empty strings and leaves false flags out', async () => {
    await addChanges(2);
    const res = (await api.get({ action: 'query', list: 'recentchanges', rcprop: 'flags|title' }))
      .json as Json;
    const [botRow, plainRow] = res.query.recentchanges as Json[];
    expect(botRow?.bot).toBe('');
    expect(plainRow).not.toHaveProperty('bot');
  });
});

describe('list=logevents', () => {
  it('strips the N:: prefixes of log parameters and types move targets', async () => {
    await store.logs.insert(
      makeLogEntry({
        wiki: TEST_WIKI,
        type: 'move',
        action: 'move',
        title: 'Old',
        params: { '4::target': 'Talk:New name', '5::noredir': '1' },
      }),
    );
    await store.logs.insert(
      makeLogEntry({
        wiki: TEST_WIKI,
        type: 'pagetriage-curation',
        action: 'reviewed',
        timestamp: 1_700_000_100,
        params: { '4::tags': 'x', plain: 3 },
      }),
    );
    const res = (await api.get({ action: 'query', list: 'logevents', formatversion: '2' })).json as Json;
    const [triage, move] = res.query.logevents as Json[];
    expect(triage?.params).toEqual({ tags: 'x', plain: 3 });
    expect(move?.params).toEqual({ target_ns: 1, target_title: 'Talk:New name', suppressredirect: true });
    expect(move).toMatchObject({ type: 'move', action: 'move', title: 'Old', user: 'Alice' });
  });

  it('filters by leaction type/action and continues', async () => {
    for (let i = 0; i < 3; i++) {
      await store.logs.insert(
        makeLogEntry({
          wiki: TEST_WIKI,
          type: 'delete',
          action: 'delete',
          timestamp: 1_700_000_000 + i,
          title: `D${i}`,
        }),
      );
    }
    await store.logs.insert(
      makeLogEntry({ wiki: TEST_WIKI, type: 'delete', action: 'restore', timestamp: 1_700_000_050 }),
    );
    const first = (
      await api.get({
        action: 'query',
        list: 'logevents',
        leaction: 'delete/delete',
        lelimit: '2',
        formatversion: '2',
      })
    ).json as Json;
    expect(first.query.logevents.map((e: Json) => e.title)).toEqual(['D2', 'D1']);
    const second = (
      await api.get({
        action: 'query',
        list: 'logevents',
        leaction: 'delete/delete',
        lelimit: '2',
        formatversion: '2',
        ...first.continue,
      })
    ).json as Json;
    expect(second.query.logevents.map((e: Json) => e.title)).toEqual(['D0']);
  });
});

describe('list=allusers', () => {
  it('lists users by name with groups and continues with aufrom', async () => {
    await t.createUser('Zed', 'secret-password-1');
    await t.createUser('Amy', 'secret-password-1', ['sysop']);
    await t.createUser('Bob', 'secret-password-1');
    const first = (
      await api.get({
        action: 'query',
        list: 'allusers',
        aulimit: '2',
        auprop: 'groups|editcount',
        formatversion: '2',
      })
    ).json as Json;
    expect(first.query.allusers.map((u: Json) => u.name)).toEqual(['Amy', 'Bob']);
    expect(first.query.allusers[0].groups).toContain('sysop');
    expect(first.continue.aufrom).toBe('Zed');
    const admins = (
      await api.get({ action: 'query', list: 'allusers', augroup: 'sysop', formatversion: '2' })
    ).json as Json;
    expect(admins.query.allusers.map((u: Json) => u.name)).toEqual(['Amy']);
  });
});

describe('lists that find nothing', () => {
  it.each([
    ['allpages', { apprefix: 'Zzzq' }],
    ['recentchanges', { rcuser: 'Nobody' }],
    ['logevents', { letitle: 'Never created' }],
    ['allusers', { auprefix: 'Zzzq' }],
  ])('list=%s answers an empty list under its own key, as MediaWiki does', async (list, params) => {
    for (const formatversion of ['1', '2']) {
      const res = (await api.get({ action: 'query', list, formatversion, ...params })).json as Json;
      expect(res.query, `formatversion ${formatversion}`).toEqual({ [list]: [] });
    }
  });
});
