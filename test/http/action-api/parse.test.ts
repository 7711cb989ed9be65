import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, type TestApp } from '../../factories/app.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let api: ApiClient;
let token: string;
const PAGE_TEXT = [
  'Intro with a [[Linked page]] and [[Missing link|label]].',
  '',
  '== First ==',
  'Under first. {{Some template}}',
  '=== Nested ===',
  'Deeper. [[File:Picture.jpg|thumb|Caption]]',
  '== Ünïcode ==',
  'Last. [[Category:Things]] [[de:Ding]]',
].join('\n');

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('Editor', 'editor password', ['sysop']);
  api = new ApiClient(t);
  await api.login('Editor', 'editor password');
  token = await api.token();
  for (const [title, text] of [
    ['Linked page', 'Here.'],
    ['Parsed page', PAGE_TEXT],
    ['Old name', '#REDIRECT [[Parsed page]]'],
  ] as const)
    await api.post({ action: 'edit', title, text, token });
});
afterAll(async () => {
  await t.close();
});

async function parse(params: Record<string, string>): Promise<Json> {
  return (await api.get({ action: 'parse', ...params })).json as Json;
}

describe('action=parse', () => {
  it('renders text as the page views do: HTML in mw-parser-output, a plain string in formatversion 2', async () => {
    const res = await parse({ text: "Hello '''world'''.\n\nSecond &amp; last.", formatversion: '2' });
    expect(res.parse.title).toBe('API');
    expect(res.parse.pageid).toBe(0);
    expect(res.parse.text).toBe(
      '<div class="mw-parser-output"><p>Hello <b>world</b>.\n</p><p>Second &amp; last.</p></div>',
    );
    const view = await t.app.inject({ method: 'GET', url: '/testwiki/wiki/Linked_page' });
    expect(view.body).toContain('<div class="mw-parser-output"><p>Here.</p></div>');
  });

  it('puts the HTML under text["*"] in formatversion 1', async () => {
    const res = await parse({ text: 'Plain.', title: 'Sandbox' });
    expect(res.parse.title).toBe('Sandbox');
    expect(res.parse.text).toEqual({ '*': '<div class="mw-parser-output"><p>Plain.</p></div>' });
  });

  it('parses a page by title with its revid, links (exists per page), templates, images, categories and langlinks', async () => {
    const res = await parse({ page: 'Parsed page', formatversion: '2' });
    const page = await t.services.store.pages.getByTitle('testwiki', 0, 'Parsed_page');
    expect(res.parse).toMatchObject({ title: 'Parsed page', pageid: page?.id, revid: page?.latestRevId });
    expect(res.parse.links).toEqual([
      { ns: 0, title: 'Linked page', exists: true },
      { ns: 0, title: 'Missing link', exists: false },
    ]);
    expect(res.parse.templates).toEqual([{ ns: 10, title: 'Template:Some template', exists: false }]);
    expect(res.parse.images).toEqual(['Picture.jpg']);
    expect(res.parse.categories).toEqual([{ sortkey: '', category: 'Things', missing: true }]);
    expect(res.parse.langlinks).toEqual([expect.objectContaining({ lang: 'de', title: 'Ding' })]);
    expect(res.parse.displaytitle).toBe('Parsed page');
    expect(res.parse.parsewarnings).toEqual([]);
  });

  it('gives links and categories in formatversion 1 with "*" and "" flags', async () => {
    const res = await parse({ page: 'Parsed page', prop: 'links|categories' });
    expect(res.parse.links).toEqual([
      { ns: 0, exists: '', '*': 'Linked page' },
      { ns: 0, '*': 'Missing link' },
    ]);
    expect(res.parse.categories).toEqual([{ sortkey: '', missing: '', '*': 'Things' }]);
  });

  it('numbers sections as the table of contents does, with byte offsets and anchors', async () => {
    const res = await parse({ page: 'Parsed page', prop: 'sections', formatversion: '2' });
    const firstOffset = Buffer.byteLength(PAGE_TEXT.slice(0, PAGE_TEXT.indexOf('== First')));
    const lastOffset = Buffer.byteLength(PAGE_TEXT.slice(0, PAGE_TEXT.indexOf('== Ünïcode')));
    expect(res.parse.sections).toEqual([
      {
        toclevel: 1,
        level: '2',
        line: 'First',
        number: '1',
        index: '1',
        fromtitle: 'Parsed_page',
        byteoffset: firstOffset,
        anchor: 'First',
        linkAnchor: 'First',
      },
      expect.objectContaining({ toclevel: 2, level: '3', line: 'Nested', number: '1.1', index: '2' }),
      expect.objectContaining({
        toclevel: 1,
        level: '2',
        number: '2',
        index: '3',
        byteoffset: lastOffset,
        anchor: 'Ünïcode',
      }),
    ]);
  });

  it('gives each section the anchor its heading has in the parsed HTML, repeats numbered case-insensitively', async () => {
    const text = '== History ==\n== history ==\n== History_2 ==\n== See  also ==';
    const res = await parse({ text, title: 'Anchors', prop: 'sections|text', formatversion: '2' });
    const anchors = (res.parse.sections as { anchor: string }[]).map((s) => s.anchor);
    expect(anchors).toEqual(['History', 'history_2', 'History_2_2', 'See_also']);
    const ids = [...(res.parse.text as string).matchAll(/<h2 id="([^"]*)"/g)].map((m) => m[1]);
    expect(ids).toEqual(anchors);
  });

  it('follows a redirect with redirects and reports it', async () => {
    const res = await parse({ page: 'Old name', redirects: '1', prop: 'revid', formatversion: '2' });
    expect(res.parse.title).toBe('Parsed page');
    expect(res.parse.redirects).toEqual([{ from: 'Old name', to: 'Parsed page' }]);
  });

  it('parses one section and returns the wikitext with prop=wikitext', async () => {
    const res = await parse({ page: 'Parsed page', section: '2', prop: 'wikitext|text', formatversion: '2' });
    expect(res.parse.wikitext).toBe('=== Nested ===\nDeeper. [[File:Picture.jpg|thumb|Caption]]');
    const fv1 = await parse({ page: 'Parsed page', section: '2', prop: 'wikitext' });
    expect(fv1.parse.wikitext).toEqual({ '*': '=== Nested ===\nDeeper. [[File:Picture.jpg|thumb|Caption]]' });
  });

  it('parses an old revision by oldid', async () => {
    const first = (
      await api.post({ action: 'edit', title: 'Changing', text: 'Version one.', token, formatversion: '2' })
    ).json as Json;
    await api.post({ action: 'edit', title: 'Changing', text: 'Version two.', token });
    const res = await parse({ oldid: String(first.edit.newrevid), prop: 'text|revid', formatversion: '2' });
    expect(res.parse).toMatchObject({ title: 'Changing', revid: first.edit.newrevid });
    expect(res.parse.text).toContain('Version one.');
  });

  it('gives properties as an object in formatversion 2 and a name/* list in formatversion 1', async () => {
    const fv2 = await parse({ text: '__NOINDEX__ Hidden.', prop: 'properties', formatversion: '2' });
    expect(fv2.parse.properties).toEqual({ noindex: '' });
    const fv1 = await parse({ text: '__NOINDEX__ Hidden.', prop: 'properties' });
    expect(fv1.parse.properties).toEqual([{ name: 'noindex', '*': '' }]);
  });

  it('refuses a missing page, an unknown revision and page together with text', async () => {
    const missing = await parse({ page: 'No such page', formatversion: '2' });
    expect(missing.error.code).toBe('missingtitle');
    const norev = await parse({ oldid: '999999', formatversion: '2' });
    expect(norev.error.code).toBe('nosuchrevid');
    const mix = await parse({ page: 'Parsed page', text: 'x', formatversion: '2' });
    expect(mix.error.code).toBe('invalidparammix');
    const nosection = await parse({ page: 'Parsed page', section: '9', formatversion: '2' });
    expect(nosection.error.code).toBe('nosuchsection');
  });
});
