import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, type TestApp } from '../../factories/app.ts';

/**
 * list=backlinks with blredirect (ApiQueryBacklinks' second level): pages linking to the target
 * through a redirect are nested under that redirect as `redirlinks`.
 */
let t: TestApp;
let api: ApiClient;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await buildTestApp();
  api = new ApiClient(t);
  Object.assign(
    ids,
    await t.savePages(
      [
        ['Hub', 'The hub.'],
        ['H1', '[[Hub]]'],
        ['HR1', '#REDIRECT [[Hub]]'],
        ['HR2', '#REDIRECT [[Hub]]'],
        ['V1', '[[HR1]]'],
        ['V2', '[[HR1]] [[Hub]]'],
        ['Talk:V3', '[[HR2]]'],
        ['VR', '#REDIRECT [[HR2]]'],
      ] as const,
      60,
    ),
  );
});
afterAll(async () => {
  await t.close();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function query(params: Record<string, string>, formatversion = '2'): Promise<Json> {
  return (await api.get({ action: 'query', formatversion, ...params })).json as Json;
}

const page = (title: string, ns = 0, redirect = false): Json => ({
  pageid: ids[title],
  ns,
  title,
  ...(redirect ? { redirect: true } : {}),
});

describe('list=backlinks&blredirect', () => {
  it('nests the pages linking through each redirect under it as redirlinks (formatversion 2)', async () => {
    const res = await query({ list: 'backlinks', bltitle: 'Hub', blredirect: '1' });
    expect(res.query.backlinks).toEqual([
      page('H1'),
      { ...page('HR1', 0, true), redirlinks: [page('V1'), page('V2')] },
      { ...page('HR2', 0, true), redirlinks: [page('Talk:V3', 1), page('VR', 0, true)] },
      page('V2'),
    ]);
    expect(res.continue).toBeUndefined();
  });

  it('marks redirects with "" in formatversion 1', async () => {
    const res = await query({ list: 'backlinks', bltitle: 'Hub', blredirect: '1', blnamespace: '0' }, '1');
    expect(res.query.backlinks[2]).toEqual({
      pageid: ids.HR2,
      ns: 0,
      title: 'HR2',
      redirect: '',
      redirlinks: [{ pageid: ids.VR, ns: 0, title: 'VR', redirect: '' }],
    });
  });

  it('applies the limit to each level, repeating the first level while the redirlinks continue', async () => {
    const first = await query({ list: 'backlinks', bltitle: 'Hub', blredirect: '1', bllimit: '1' });
    expect(first.query.backlinks).toEqual([page('H1')]);
    expect(first.continue.blcontinue).toBe(`0|${ids.HR1}`);
    const second = await query({
      list: 'backlinks',
      bltitle: 'Hub',
      blredirect: '1',
      bllimit: '1',
      ...first.continue,
    });
    expect(second.query.backlinks).toEqual([{ ...page('HR1', 0, true), redirlinks: [page('V1')] }]);
    expect(second.continue.blcontinue).toBe(`0|${ids.HR1}|0|HR1|0|${ids.V2}`);
    const third = await query({
      list: 'backlinks',
      bltitle: 'Hub',
      blredirect: '1',
      bllimit: '1',
      ...second.continue,
    });
    expect(third.query.backlinks).toEqual([{ ...page('HR1', 0, true), redirlinks: [page('V2')] }]);
    expect(third.continue.blcontinue).toBe(`0|${ids.HR2}`);
  });

  it('gathers every page once over the whole continuation', async () => {
    const seen = new Map<string, Set<string>>();
    let cont: Record<string, string> = { continue: '' };
    for (let round = 0; round < 20; round++) {
      const res = await query({ list: 'backlinks', bltitle: 'Hub', blredirect: '1', bllimit: '1', ...cont });
      for (const item of res.query.backlinks as Json[]) {
        const under = seen.get(item.title) ?? new Set<string>();
        for (const r of (item.redirlinks ?? []) as Json[]) under.add(r.title);
        seen.set(item.title, under);
      }
      if (!res.continue) break;
      cont = res.continue;
    }
    expect(Object.fromEntries([...seen].map(([k, v]) => [k, [...v]]))).toEqual({
      H1: [],
      HR1: ['V1', 'V2'],
      HR2: ['Talk:V3', 'VR'],
      V2: [],
    });
  });

  it('filters nonredirects only on the second level', async () => {
    const res = await query({
      list: 'backlinks',
      bltitle: 'Hub',
      blredirect: '1',
      blfilterredir: 'nonredirects',
    });
    expect(res.query.backlinks.map((b: Json) => b.title)).toEqual(['H1', 'HR1', 'HR2', 'V2']);
    expect(res.query.backlinks[2].redirlinks).toEqual([page('Talk:V3', 1)]);
  });

  it('halves the maximum limit', async () => {
    const res = await query({ list: 'backlinks', bltitle: 'Hub', blredirect: '1', bllimit: '400' });
    expect(JSON.stringify(res.warnings)).toContain('bllimit may not be over 250');
    const max = await query({ list: 'backlinks', bltitle: 'Hub', blredirect: '1', bllimit: 'max' });
    expect(max.warnings).toBeUndefined();
  });

  it('yields both levels as a generator', async () => {
    const res = await query({ generator: 'backlinks', gbltitle: 'Hub', gblredirect: '1' });
    expect(res.query.pages.map((p: Json) => p.title).sort()).toEqual(
      ['H1', 'HR1', 'HR2', 'Talk:V3', 'V1', 'V2', 'VR'].sort(),
    );
  });

  it('has no redirect parameter on embeddedin', async () => {
    const res = await query({ list: 'embeddedin', eititle: 'Template:X', eiredirect: '1' });
    expect(JSON.stringify(res.warnings)).toContain('eiredirect');
  });
});
