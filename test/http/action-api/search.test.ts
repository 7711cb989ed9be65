import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, type TestApp } from '../../factories/app.ts';

/**
 * list=search over the search index the local wiki keeps with every edit, move and delete. The
 * oracle is the pages' text as written here: which pages contain which words.
 */
let t: TestApp;
let api: ApiClient;
let token: string;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const pages: Record<string, string> = {
  'Red fox': 'The red fox jumps over the lazy dog. Foxes live in forests.',
  'Blue whale': 'The blue whale is the largest animal. It lives in the ocean.',
  'Lazy afternoon': 'A lazy afternoon with a dog and a cat, far from any fox.',
  'Ocean currents': "Ocean currents move water. ''Whales'' follow the '''ocean''' currents.",
  Müller: 'Straße und Grüße: ein Text über Müller.',
};

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('Searcher', 'searcher password', ['sysop']);
  api = new ApiClient(t);
  await api.login('Searcher', 'searcher password');
  token = await api.token();
  for (const [title, text] of Object.entries(pages)) await edit(title, text);
  await edit('Talk:Red fox', 'Talk about the red fox.');
});
afterAll(async () => {
  await t.close();
});

async function edit(title: string, text: string): Promise<void> {
  const res = (await api.post({ action: 'edit', title, text, token, formatversion: '2' })).json as Json;
  expect(res.edit?.result).toBe('Success');
}

async function search(params: Record<string, string>): Promise<Json> {
  return (await api.get({ action: 'query', list: 'search', formatversion: '2', ...params })).json as Json;
}

const titlesOf = (res: Json): string[] =>
  (res.query.search as { title: string }[]).map((h) => h.title).sort();

describe('list=search', () => {
  it('finds the pages that contain every term, in main namespace by default', async () => {
    const res = await search({ srsearch: 'lazy dog' });
    expect(titlesOf(res)).toEqual(['Lazy afternoon', 'Red fox']);
    expect(res.query.searchinfo).toEqual({ totalhits: 2 });
  });

  it('matches a quoted phrase only with its words next to each other and in order', async () => {
    expect(titlesOf(await search({ srsearch: '"lazy dog"' }))).toEqual(['Red fox']);
    expect(titlesOf(await search({ srsearch: '"dog lazy"' }))).toEqual([]);
  });

  it('matches words, not markup or parts of words, case-insensitively', async () => {
    expect(titlesOf(await search({ srsearch: 'OCEAN whales' }))).toEqual(['Ocean currents']);
    expect(titlesOf(await search({ srsearch: 'fox' }))).toEqual(['Lazy afternoon', 'Red fox']);
    expect(titlesOf(await search({ srsearch: 'grüße' }))).toEqual(['Müller']);
  });

  it('searches titles only with srwhat=title and intitle:', async () => {
    expect(titlesOf(await search({ srsearch: 'ocean', srwhat: 'title' }))).toEqual(['Ocean currents']);
    expect(titlesOf(await search({ srsearch: 'intitle:ocean water' }))).toEqual(['Ocean currents']);
    expect(titlesOf(await search({ srsearch: 'intitle:whale ocean' }))).toEqual(['Blue whale']);
  });

  it('finds the page of that exact title with srwhat=nearmatch', async () => {
    const res = await search({ srsearch: 'blue Whale', srwhat: 'nearmatch' });
    expect(titlesOf(res)).toEqual(['Blue whale']);
    expect(titlesOf(await search({ srsearch: 'whale', srwhat: 'nearmatch' }))).toEqual([]);
  });

  it('searches the namespaces srnamespace names', async () => {
    const res = await search({ srsearch: 'red fox', srnamespace: '0|1' });
    expect(titlesOf(res)).toEqual(['Red fox', 'Talk:Red fox']);
    expect(titlesOf(await search({ srsearch: 'red fox', srnamespace: '*' }))).toEqual([
      'Red fox',
      'Talk:Red fox',
    ]);
  });

  it('prints size, wordcount, timestamp and a snippet marking the matches', async () => {
    const res = await search({
      srsearch: 'largest',
      srprop: 'size|wordcount|timestamp|snippet|titlesnippet',
    });
    const [hit] = res.query.search as Json[];
    expect(hit).toMatchObject({
      ns: 0,
      title: 'Blue whale',
      size: Buffer.byteLength(pages['Blue whale']!),
      wordcount: 12,
      titlesnippet: 'Blue whale',
    });
    expect(hit!.pageid).toEqual(expect.any(Number));
    expect(hit!.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(hit!.snippet).toBe(
      'The blue whale is the <span class="searchmatch">largest</span> animal. It lives in the ocean.',
    );
  });

  it('escapes the text of snippets and marks title matches', async () => {
    await edit('Tags page', 'Less than: a < b & "quoted" marker.');
    const res = await search({ srsearch: 'marker', srprop: 'snippet|titlesnippet' });
    expect(res.query.search[0].snippet).toBe(
      'Less than: a &lt; b &amp; &quot;quoted&quot; <span class="searchmatch">marker</span>.',
    );
    const title = await search({ srsearch: 'blue', srprop: 'titlesnippet' });
    expect(title.query.search[0].titlesnippet).toBe('<span class="searchmatch">Blue</span> whale');
  });

  it('pages by sroffset through every hit exactly once', async () => {
    const seen: string[] = [];
    let cont: Record<string, string> = { continue: '' };
    for (let round = 0; round < 10; round++) {
      const res = await search({ srsearch: 'the', srlimit: '1', srsort: 'title_natural_asc', ...cont });
      seen.push(...(res.query.search as { title: string }[]).map((h) => h.title));
      expect(res.query.searchinfo.totalhits).toBe(3);
      if (!res.continue) break;
      cont = res.continue as Record<string, string>;
      expect(cont.sroffset).toBe(seen.length);
    }
    expect(seen).toEqual(['Blue whale', 'Ocean currents', 'Red fox']);
  });

  it('answers an empty list and zero hits when nothing matches', async () => {
    const res = await search({ srsearch: 'zebra' });
    expect(res.query).toEqual({ searchinfo: { totalhits: 0 }, search: [] });
  });

  it('refuses an empty srsearch', async () => {
    const res = await search({ srsearch: '' });
    expect(res.error.code).toBe('missingparam');
  });

  it('follows edits, moves and deletions', async () => {
    await edit('Changing page', 'Penguins waddle.');
    expect(titlesOf(await search({ srsearch: 'penguins' }))).toEqual(['Changing page']);
    await edit('Changing page', 'Puffins fly.');
    expect(titlesOf(await search({ srsearch: 'penguins' }))).toEqual([]);
    const moved = (
      await api.post({ action: 'move', from: 'Changing page', to: 'Moved page', token, noredirect: '1' })
    ).json as Json;
    expect(moved.error).toBeUndefined();
    expect(titlesOf(await search({ srsearch: 'puffins' }))).toEqual(['Moved page']);
    expect(titlesOf(await search({ srsearch: 'moved', srwhat: 'title' }))).toEqual(['Moved page']);
    await api.post({ action: 'delete', title: 'Moved page', token });
    expect(titlesOf(await search({ srsearch: 'puffins' }))).toEqual([]);
  });

  it('generates pages with their index in the result', async () => {
    const res = (
      await api.get({
        action: 'query',
        generator: 'search',
        gsrsearch: 'the',
        gsrsort: 'title_natural_asc',
        gsrlimit: '2',
        formatversion: '2',
      })
    ).json as Json;
    const byTitle = Object.fromEntries((res.query.pages as Json[]).map((p) => [p.title, p.index]));
    expect(byTitle).toEqual({ 'Blue whale': 1, 'Ocean currents': 2 });
    expect(res.continue).toMatchObject({ gsroffset: 2 });
  });

  it('prints the same hits in formatversion 1', async () => {
    const res = (await api.get({ action: 'query', list: 'search', srsearch: 'whale', srprop: 'isfilematch' }))
      .json as Json;
    expect(res.query.search).toEqual([{ ns: 0, title: 'Blue whale', pageid: expect.any(Number) }]);
  });
});
