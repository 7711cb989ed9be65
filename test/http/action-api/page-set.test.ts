import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, TEST_WIKI, type TestApp } from '../../factories/app.ts';

let t: TestApp;
let api: ApiClient;
const ids: Record<string, number> = {};
let firstRevOfAlpha = 0;

beforeAll(async () => {
  t = await buildTestApp();
  api = new ApiClient(t);
  const actor = await t.services.accounts.actorFor(TEST_WIKI, undefined, '127.0.0.1');
  for (const [title, text] of [
    ['Alpha', 'Alpha text.'],
    ['Beta', 'Beta text.'],
    ['Gamma', 'Gamma text.'],
    ['Old name', '#REDIRECT [[Beta]]'],
    ['Chain', '#REDIRECT [[Old name]]'],
    ['Linker', '[[L1]] [[L2]] [[L3]]'],
  ] as const) {
    const saved = (await t.services.wikiSources.for(TEST_WIKI).edit(actor, { title, text })) as {
      pageid: number;
      newrevid: number;
    };
    ids[title] = saved.pageid;
    if (title === 'Alpha') firstRevOfAlpha = saved.newrevid;
  }
});
afterAll(async () => {
  await t.close();
});

type Pages = Record<string, Record<string, unknown>>;

describe('action=query page set', () => {
  it('keys pages by id in formatversion 1, missing titles by negative ids, and normalizes titles', async () => {
    const res = await api.get({ action: 'query', titles: 'alpha|No_such page' });
    const query = res.json.query as { pages: Pages; normalized: unknown[] };
    expect(res.json.batchcomplete).toBe('');
    expect(query.normalized).toEqual([
      { from: 'alpha', to: 'Alpha' },
      { from: 'No_such page', to: 'No such page' },
    ]);
    expect(query.pages).toEqual({
      '-1': { ns: 0, title: 'No such page', missing: '' },
      [String(ids.Alpha)]: { pageid: ids.Alpha, ns: 0, title: 'Alpha' },
    });
  });

  it('lists pages as an array with missing: true in formatversion 2', async () => {
    const res = await api.get({ action: 'query', titles: 'Alpha|Nope', formatversion: '2' });
    const query = res.json.query as {
      pages: Record<string, unknown>[];
      normalized?: { fromencoded: boolean }[];
    };
    expect(res.json.batchcomplete).toBe(true);
    expect(query.pages).toEqual([
      { ns: 0, title: 'Nope', missing: true },
      { pageid: ids.Alpha, ns: 0, title: 'Alpha' },
    ]);
  });

  it('reports invalid titles with the reason, and special pages', async () => {
    const res = await api.get({
      action: 'query',
      titles: 'Bad[title]|Special:RecentChanges',
      formatversion: '2',
    });
    const pages = (res.json.query as { pages: Record<string, unknown>[] }).pages;
    expect(pages).toEqual([
      { title: 'Bad[title]', invalidreason: expect.stringContaining('invalid characters'), invalid: true },
      { ns: -1, title: 'Special:RecentChanges', special: true },
    ]);
  });

  it('resolves pageids and reports missing ones; revids report bad ones under badrevids', async () => {
    const byId = await api.get({ action: 'query', pageids: `${ids.Gamma}|999999`, formatversion: '2' });
    expect((byId.json.query as { pages: unknown[] }).pages).toEqual([
      { pageid: 999999, missing: true },
      { pageid: ids.Gamma, ns: 0, title: 'Gamma' },
    ]);
    const byRev = await api.get({ action: 'query', revids: `${firstRevOfAlpha}|888888`, formatversion: '2' });
    const query = byRev.json.query as { pages: unknown[]; badrevids: unknown };
    expect(query.pages).toEqual([{ pageid: ids.Alpha, ns: 0, title: 'Alpha' }]);
    expect(query.badrevids).toEqual({ '888888': { revid: 888888, missing: true } });
  });

  it('adds the pageids index with indexpageids', async () => {
    const res = await api.get({ action: 'query', titles: 'Beta|Missing one', indexpageids: '1' });
    expect((res.json.query as { pageids: string[] }).pageids).toEqual(['-1', String(ids.Beta)]);
  });

  it('follows redirect chains with redirects', async () => {
    const res = await api.get({ action: 'query', titles: 'Chain', redirects: '1', formatversion: '2' });
    const query = res.json.query as { pages: unknown[]; redirects: unknown[] };
    expect(query.redirects).toEqual([
      { from: 'Chain', to: 'Old name' },
      { from: 'Old name', to: 'Beta' },
    ]);
    expect(query.pages).toEqual([{ pageid: ids.Beta, ns: 0, title: 'Beta' }]);
  });

  it('resolves redirects written with a localized redirect word, keeping the fragment', async () => {
    const actor = await t.services.accounts.actorFor(TEST_WIKI, undefined, '127.0.0.1');
    await t.services.wikiSources.for(TEST_WIKI).edit(actor, {
      title: 'Talk:Umleitung',
      text: '#WEITERLEITUNG [[Gamma#Geschichte]]',
    });
    const res = await api.get({
      action: 'query',
      titles: 'Talk:Umleitung',
      redirects: '1',
      formatversion: '2',
    });
    const query = res.json.query as { pages: unknown[]; redirects: unknown[] };
    expect(query.redirects).toEqual([{ from: 'Talk:Umleitung', to: 'Gamma', tofragment: 'Geschichte' }]);
    expect(query.pages).toEqual([{ pageid: ids.Gamma, ns: 0, title: 'Gamma' }]);
  });

  it('refuses titles together with pageids', async () => {
    const res = await api.get({ action: 'query', titles: 'Alpha', pageids: String(ids.Beta) });
    expect(res.json.error).toMatchObject({ code: 'invalidparammix' });
  });

  it('does not warn about the parameters of requested submodules and generators', async () => {
    const res = await api.get({
      action: 'query',
      prop: 'revisions',
      rvprop: 'content',
      rvslots: 'main',
      titles: 'Alpha',
    });
    expect(res.json.warnings).toBeUndefined();
    const gen = await api.get({ action: 'query', generator: 'allpages', gaplimit: '2', gapnamespace: '0' });
    expect(gen.json.warnings).toBeUndefined();
  });
});

describe('action=query continuation', () => {
  it('continues a list with "-||" and finishes the batch', async () => {
    const res = await api.get({ action: 'query', list: 'allpages', aplimit: '2', formatversion: '2' });
    expect(res.json.continue).toEqual({ apcontinue: 'Chain', continue: '-||' });
    expect(res.json.batchcomplete).toBeUndefined();
  });

  it('continues a generator with its g-prefixed parameter and marks the batch complete', async () => {
    const seen: string[] = [];
    let params: Record<string, string> = {
      action: 'query',
      generator: 'allpages',
      gaplimit: '2',
      formatversion: '2',
    };
    for (let i = 0; i < 10; i++) {
      const res = await api.get(params);
      expect(res.json.batchcomplete).toBe(true);
      for (const p of (res.json.query as { pages: { title: string }[] }).pages) seen.push(p.title);
      const cont = res.json.continue as Record<string, string> | undefined;
      if (!cont) break;
      expect(cont.continue).toBe('gapcontinue||');
      params = { ...params, ...cont };
    }
    expect(seen).toEqual(['Alpha', 'Beta', 'Chain', 'Gamma', 'Linker', 'Old name']);
  });

  it('finishes a prop module within each generator batch before the generator moves on', async () => {
    const links: string[] = [];
    const continues: string[] = [];
    let params: Record<string, string> = {
      action: 'query',
      generator: 'allpages',
      gaplimit: '3',
      prop: 'links',
      pllimit: '1',
      formatversion: '2',
    };
    for (let i = 0; i < 20; i++) {
      const res = await api.get(params);
      for (const p of (res.json.query as { pages: { links?: { title: string }[] }[] }).pages) {
        for (const l of p.links ?? []) links.push(l.title);
      }
      const cont = res.json.continue as Record<string, string> | undefined;
      if (!cont) break;
      continues.push(cont.continue!);
      params = {
        action: 'query',
        generator: 'allpages',
        gaplimit: '3',
        prop: 'links',
        pllimit: '1',
        formatversion: '2',
        ...cont,
      };
    }
    // Batch 1 (Alpha, Beta, Chain): the redirect's link. Batch 2 (Gamma, Linker, Old name; links in
    // page-id order, Old name before Linker) takes four requests at one link each, each repeating
    // gapcontinue to stay on that batch.
    expect(links).toEqual(['Old name', 'Beta', 'L1', 'L2', 'L3']);
    expect(continues).toEqual(['gapcontinue||', 'gapcontinue||', 'gapcontinue||', 'gapcontinue||']);
  });

  it('skips modules named as finished in continue', async () => {
    const res = await api.get({
      action: 'query',
      list: 'allpages',
      meta: 'siteinfo',
      aplimit: '1',
      continue: '-||siteinfo',
      formatversion: '2',
    });
    const query = res.json.query as Record<string, unknown>;
    expect(query.general).toBeUndefined();
    expect(query.allpages).toHaveLength(1);
    expect((res.json.continue as { continue: string }).continue).toBe('-||siteinfo');
  });

  it('names the finished modules when another one continues', async () => {
    const res = await api.get({
      action: 'query',
      list: 'allpages',
      meta: 'siteinfo',
      aplimit: '1',
      formatversion: '2',
    });
    expect(res.json.continue).toEqual({ apcontinue: 'Beta', continue: '-||siteinfo' });
  });

  it('answers badcontinue for a malformed continue value', async () => {
    const res = await api.get({ action: 'query', list: 'allpages', continue: 'garbage' });
    expect(res.json.error).toMatchObject({ code: 'badcontinue' });
  });

  it('reads apprefix as a title part: normalized, and invalidtitle when it is no title of the namespace', async () => {
    const ok = await api.get({ action: 'query', list: 'allpages', apprefix: 'old_n', formatversion: '2' });
    expect((ok.json.query as { allpages: unknown[] }).allpages).toEqual([
      { pageid: ids['Old name'], ns: 0, title: 'Old name' },
    ]);
    for (const apprefix of ['A[b', 'Talk:Old']) {
      const bad = await api.get({ action: 'query', list: 'allpages', apprefix });
      expect(bad.json.error).toMatchObject({ code: 'invalidtitle' });
    }
  });

  it('gives the old query-continue shape with rawcontinue', async () => {
    const res = await api.get({
      action: 'query',
      list: 'allpages',
      aplimit: '1',
      rawcontinue: '1',
      formatversion: '2',
    });
    expect(res.json['query-continue']).toEqual({ allpages: { apcontinue: 'Beta' } });
  });
});
