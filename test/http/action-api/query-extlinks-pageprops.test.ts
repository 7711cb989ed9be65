import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, type TestApp } from '../../factories/app.ts';

/** prop=extlinks and prop=pageprops over what the local wiki's link update stores on each edit. */
let t: TestApp;
let api: ApiClient;
let token: string;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('Linker', 'linker password', ['sysop']);
  api = new ApiClient(t);
  await api.login('Linker', 'linker password');
  token = await api.token();
  await edit(
    'Linking page',
    'See [https://www.example.org/wiki/A A], https://docs.example.org/b and [//cdn.example.net/c c]. ' +
      'Mail mailto:someone@example.org or [ftp://files.example.com/x files].',
  );
  await edit('Hidden page', '__NOINDEX__ Text.');
});
afterAll(async () => {
  await t.close();
});

async function edit(title: string, text: string): Promise<void> {
  const res = (await api.post({ action: 'edit', title, text, token, formatversion: '2' })).json as Json;
  expect(res.edit?.result).toBe('Success');
}

async function extlinks(params: Record<string, string>, formatversion = '2'): Promise<Json> {
  return (
    await api.get({ action: 'query', prop: 'extlinks', titles: 'Linking page', formatversion, ...params })
  ).json as Json;
}

const urlsOf = (res: Json): string[] =>
  ((res.query.pages[0].extlinks ?? []) as { url: string }[]).map((l) => l.url);

describe('prop=extlinks', () => {
  it('lists the URLs the page links to, in URL order', async () => {
    expect(urlsOf(await extlinks({}))).toEqual([
      '//cdn.example.net/c',
      'ftp://files.example.com/x',
      'https://docs.example.org/b',
      'https://www.example.org/wiki/A',
      'mailto:someone@example.org',
    ]);
  });

  it('prints the URL under * in formatversion 1', async () => {
    const res = await extlinks({ elprotocol: 'ftp' }, '1');
    const page = Object.values(res.query.pages as Record<string, Json>)[0]!;
    expect(page.extlinks).toEqual([{ '*': 'ftp://files.example.com/x' }]);
  });

  it('filters by protocol, and by domain with elquery (http and https by default)', async () => {
    expect(urlsOf(await extlinks({ elprotocol: 'mailto' }))).toEqual(['mailto:someone@example.org']);
    expect(urlsOf(await extlinks({ elquery: 'docs.example.org' }))).toEqual(['https://docs.example.org/b']);
    expect(urlsOf(await extlinks({ elquery: '*.example.org' }))).toEqual([
      'https://docs.example.org/b',
      'https://www.example.org/wiki/A',
    ]);
    expect(urlsOf(await extlinks({ elquery: 'www.example.org/wiki' }))).toEqual([
      'https://www.example.org/wiki/A',
    ]);
    expect(urlsOf(await extlinks({ elquery: 'cdn.example.net', elprotocol: 'https' }))).toEqual([
      '//cdn.example.net/c',
    ]);
  });

  it('expands protocol-relative URLs with elexpandurl', async () => {
    expect(urlsOf(await extlinks({ elquery: 'cdn.example.net', elexpandurl: '1' }))).toEqual([
      'http://cdn.example.net/c',
    ]);
  });

  it('continues with elcontinue through every link exactly once', async () => {
    const seen: string[] = [];
    let cont: Record<string, string> = { continue: '' };
    for (let round = 0; round < 10; round++) {
      const res = await extlinks({ ellimit: '2', ...cont });
      seen.push(...urlsOf(res));
      if (!res.continue) break;
      cont = res.continue as Record<string, string>;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it('forgets the links an edit removes', async () => {
    await edit('Changing links', 'https://old.example.org');
    await edit('Changing links', 'https://new.example.org');
    const res = (
      await api.get({ action: 'query', prop: 'extlinks', titles: 'Changing links', formatversion: '2' })
    ).json as Json;
    expect(urlsOf(res)).toEqual(['https://new.example.org']);
  });
});

describe('prop=pageprops', () => {
  it('lists the page properties the link update stored, filtered by ppprop', async () => {
    const res = (
      await api.get({
        action: 'query',
        prop: 'pageprops',
        titles: 'Hidden page|Linking page',
        formatversion: '2',
      })
    ).json as Json;
    const byTitle = Object.fromEntries((res.query.pages as Json[]).map((p) => [p.title, p.pageprops]));
    expect(byTitle).toEqual({ 'Hidden page': { noindex: '' }, 'Linking page': undefined });
    const filtered = (
      await api.get({
        action: 'query',
        prop: 'pageprops',
        titles: 'Hidden page',
        ppprop: 'displaytitle',
        formatversion: '2',
      })
    ).json as Json;
    expect(filtered.query.pages[0].pageprops).toBeUndefined();
  });
});

describe('meta=siteinfo&siprop=languagevariants', () => {
  it('answers an empty object: no language of this service has variants', async () => {
    for (const formatversion of ['1', '2']) {
      const res = (
        await api.get({ action: 'query', meta: 'siteinfo', siprop: 'languagevariants', formatversion })
      ).json as Json;
      expect(res.query.languagevariants).toEqual({});
    }
  });
});
