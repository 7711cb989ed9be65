import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, type TestApp } from '../../factories/app.ts';

/**
 * The reverse link-table modules over pages saved through the local wiki (so the link tables are
 * filled by its LinksUpdate): list=categorymembers, list=backlinks|embeddedin|imageusage and
 * prop=linkshere|transcludedin|fileusage, their continuation and generator forms.
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
        ['Apple', '{{Box}} [[Category:Fruit]]'],
        ['Banana', '[[Category:Fruit]]'],
        ['Cherry', '[[Category:Fruit|a]]'],
        ['Category:Citrus', '[[Category:Fruit]]'],
        ['File:Pear.jpg', '[[Category:Fruit]]'],
        ['User:Zed', '[[Category:Fruit|A]]'],
        ['Target', 'The target.'],
        ['L1', '[[Target]] {{Box}} [[File:Pear.jpg]]'],
        ['Talk:L2', '[[Target]] [[Other]]'],
        ['R', '#REDIRECT [[Target]]'],
        ['Template:Box', 'box'],
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

/** Every item of a list over its continuation, `key` naming the list under query. */
async function all(params: Record<string, string>, key: string): Promise<Json[]> {
  const items: Json[] = [];
  let cont: Record<string, string> = { continue: '' };
  for (let round = 0; round < 20; round++) {
    const res = await query({ ...params, ...cont });
    items.push(...(res.query[key] as Json[]));
    if (!res.continue) return items;
    cont = res.continue as Record<string, string>;
  }
  throw new Error('continuation did not end');
}

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');

describe('list=categorymembers', () => {
  it('lists pages, then subcategories, then files, each in upper-cased sort key order', async () => {
    const res = await query({ list: 'categorymembers', cmtitle: 'Category:Fruit', cmlimit: 'max' });
    expect(res.query.categorymembers).toEqual([
      { pageid: ids.Cherry, ns: 0, title: 'Cherry' },
      { pageid: ids['User:Zed'], ns: 2, title: 'User:Zed' },
      { pageid: ids.Apple, ns: 0, title: 'Apple' },
      { pageid: ids.Banana, ns: 0, title: 'Banana' },
      { pageid: ids['Category:Citrus'], ns: 14, title: 'Category:Citrus' },
      { pageid: ids['File:Pear.jpg'], ns: 6, title: 'File:Pear.jpg' },
    ]);
  });

  it('pages with cmlimit and cmcontinue "type|hex sort key|pageid", losing and repeating nothing', async () => {
    const first = await query({ list: 'categorymembers', cmtitle: 'Category:Fruit', cmlimit: '3' });
    expect(first.continue.cmcontinue).toBe(`page|${hex('BANANA')}|${ids.Banana}`);
    const titles = (
      await all({ list: 'categorymembers', cmtitle: 'Category:Fruit', cmlimit: '1' }, 'categorymembers')
    ).map((m) => m.title);
    expect(titles).toEqual(['Cherry', 'User:Zed', 'Apple', 'Banana', 'Category:Citrus', 'File:Pear.jpg']);
  });

  it('gives sortkey (hex), sortkeyprefix, type and timestamp, and filters by cmtype', async () => {
    const res = await query({
      list: 'categorymembers',
      cmpageid: String(ids['Category:Citrus'] ?? 0),
      cmtitle: 'Category:Fruit',
    }).catch(() => undefined);
    expect(res?.error?.code).toBe('invalidparammix');
    const subcats = await query({
      list: 'categorymembers',
      cmtitle: 'Category:Fruit',
      cmtype: 'subcat|file',
      cmprop: 'title|sortkey|sortkeyprefix|type|timestamp',
    });
    expect(subcats.query.categorymembers).toEqual([
      {
        ns: 14,
        title: 'Category:Citrus',
        sortkey: hex('CITRUS'),
        sortkeyprefix: '',
        type: 'subcat',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      },
      expect.objectContaining({ title: 'File:Pear.jpg', type: 'file', sortkey: hex('PEAR.JPG') }),
    ]);
    const prefixed = await query({
      list: 'categorymembers',
      cmtitle: 'Category:Fruit',
      cmprop: 'sortkeyprefix|sortkey',
      cmlimit: '1',
    });
    expect(prefixed.query.categorymembers).toEqual([{ sortkeyprefix: 'a', sortkey: hex('A\nCHERRY') }]);
  });

  it('sorts by the time pages were added, newest first with cmdir=desc, and continues "timestamp|pageid"', async () => {
    const newest = await query({
      list: 'categorymembers',
      cmtitle: 'Category:Fruit',
      cmsort: 'timestamp',
      cmdir: 'desc',
      cmlimit: '2',
    });
    expect(newest.query.categorymembers.map((m: Json) => m.title)).toEqual(['User:Zed', 'File:Pear.jpg']);
    expect(newest.continue.cmcontinue).toMatch(new RegExp(`^\\d{14}\\|${ids['Category:Citrus']}$`));
    const walked = await all(
      { list: 'categorymembers', cmtitle: 'Category:Fruit', cmsort: 'timestamp', cmlimit: '2' },
      'categorymembers',
    );
    expect(walked.map((m) => m.title)).toEqual([
      'Apple',
      'Banana',
      'Cherry',
      'Category:Citrus',
      'File:Pear.jpg',
      'User:Zed',
    ]);
  });

  it('starts at a sort key prefix and ends at another (keys compared upper-cased)', async () => {
    const res = await query({
      list: 'categorymembers',
      cmtitle: 'Category:Fruit',
      cmtype: 'page',
      cmstartsortkeyprefix: 'apple',
      cmendsortkeyprefix: 'b',
    });
    // APPLE >= APPLE, and APPLE <= B < BANANA.
    expect(res.query.categorymembers.map((m: Json) => m.title)).toEqual(['Apple']);
  });

  it('refuses a title outside the Category namespace and a garbled continue value', async () => {
    expect((await query({ list: 'categorymembers', cmtitle: 'Fruit' })).error.code).toBe('invalidcategory');
    expect(
      (await query({ list: 'categorymembers', cmtitle: 'Category:Fruit', cmcontinue: 'page|zz|1' })).error
        .code,
    ).toBe('badcontinue');
    expect((await query({ list: 'categorymembers' })).error.code).toBe('missingparam-one-of');
  });

  it('is a generator: generator=categorymembers feeds prop=info', async () => {
    const res = await query({
      generator: 'categorymembers',
      gcmtitle: 'Category:Fruit',
      gcmtype: 'page',
      gcmlimit: '2',
      prop: 'info',
    });
    expect(res.query.pages.map((p: Json) => p.title).sort()).toEqual(['Cherry', 'User:Zed']);
    expect(res.continue.gcmcontinue).toBe(`page|${hex('APPLE')}|${ids.Apple}`);
  });

  it('prints an empty list in formatversion 1 as in 2', async () => {
    const res = await query({ list: 'categorymembers', cmtitle: 'Category:Nothing' }, '1');
    expect(res.query.categorymembers).toEqual([]);
  });
});

describe('list=backlinks, embeddedin, imageusage', () => {
  it('lists the pages linking to a title by page id, redirects marked', async () => {
    const res = await query({ list: 'backlinks', bltitle: 'Target' });
    expect(res.query.backlinks).toEqual([
      { pageid: ids.L1, ns: 0, title: 'L1' },
      { pageid: ids['Talk:L2'], ns: 1, title: 'Talk:L2' },
      { pageid: ids.R, ns: 0, title: 'R', redirect: true },
    ]);
    const v1 = await query({ list: 'backlinks', bltitle: 'Target', blfilterredir: 'redirects' }, '1');
    expect(v1.query.backlinks).toEqual([{ pageid: ids.R, ns: 0, title: 'R', redirect: '' }]);
  });

  it('filters by namespace and redirects, pages with "namespace|pageid", and runs backwards', async () => {
    const main = await query({
      list: 'backlinks',
      bltitle: 'Target',
      blnamespace: '0',
      blfilterredir: 'nonredirects',
    });
    expect(main.query.backlinks.map((b: Json) => b.title)).toEqual(['L1']);
    const first = await query({ list: 'backlinks', bltitle: 'Target', bllimit: '1', bldir: 'descending' });
    expect(first.query.backlinks.map((b: Json) => b.title)).toEqual(['R']);
    expect(first.continue.blcontinue).toBe(`1|${ids['Talk:L2']}`);
    const walked = await all(
      { list: 'backlinks', bltitle: 'Target', bllimit: '1', blnamespace: '0|1' },
      'backlinks',
    );
    expect(walked.map((b) => b.title)).toEqual(['L1', 'R', 'Talk:L2']);
  });

  it('finds transclusions (embeddedin) and file uses (imageusage), and generators over them', async () => {
    const ei = await query({ list: 'embeddedin', eititle: 'Template:Box' });
    expect(ei.query.embeddedin.map((p: Json) => p.title)).toEqual(['Apple', 'L1']);
    const iu = await query({ list: 'imageusage', iutitle: 'File:Pear.jpg' });
    expect(iu.query.imageusage).toEqual([{ pageid: ids.L1, ns: 0, title: 'L1' }]);
    expect((await query({ list: 'imageusage', iutitle: 'Pear.jpg' })).error.code).toBe('bad_image_title');
    const gen = await query({ generator: 'embeddedin', geititle: 'Template:Box', geilimit: '1' });
    expect(gen.query.pages.map((p: Json) => p.title)).toEqual(['Apple']);
    expect(gen.continue.geicontinue).toBe(`0|${ids.L1}`);
    const byId = await query({ list: 'backlinks', blpageid: String(ids.Target) });
    expect(byId.query.backlinks).toHaveLength(3);
  });
});

describe('prop=linkshere, transcludedin, fileusage', () => {
  it("lists each page's backlinks under it, missing pages included, redirect as a boolean", async () => {
    const res = await query({ prop: 'linkshere', titles: 'Target|Other' });
    const byTitle = Object.fromEntries(res.query.pages.map((p: Json) => [p.title, p]));
    expect(byTitle.Target.linkshere).toEqual([
      { pageid: ids.L1, ns: 0, title: 'L1', redirect: false },
      { pageid: ids['Talk:L2'], ns: 1, title: 'Talk:L2', redirect: false },
      { pageid: ids.R, ns: 0, title: 'R', redirect: true },
    ]);
    expect(byTitle.Other).toMatchObject({ missing: true, linkshere: [{ title: 'Talk:L2' }] });
  });

  it('continues across pages with "title|pageid" and in formatversion 1 marks only redirects', async () => {
    const first = await query({ prop: 'linkshere', titles: 'Target|Other', lhlimit: '2', lhprop: 'title' });
    // Ordered by target title: Other (Talk:L2), then Target (L1, …).
    expect(first.continue.lhcontinue).toBe(`Target|${ids['Talk:L2']}`);
    const v1 = (await api.get({ action: 'query', prop: 'linkshere', titles: 'Target', lhshow: 'redirect' }))
      .json as Json;
    expect(v1.query.pages[String(ids.Target)].linkshere).toEqual([
      { pageid: ids.R, ns: 0, title: 'R', redirect: '' },
    ]);
    const plain = await query({ prop: 'linkshere', titles: 'Target', lhshow: '!redirect', lhnamespace: '1' });
    expect(plain.query.pages[0].linkshere.map((l: Json) => l.title)).toEqual(['Talk:L2']);
  });

  it('transcludedin and fileusage read templates and files; generator=linkshere yields the sources', async () => {
    const ti = await query({ prop: 'transcludedin', titles: 'Template:Box', tiprop: 'title' });
    expect(ti.query.pages[0].transcludedin).toEqual([
      { ns: 0, title: 'Apple' },
      { ns: 0, title: 'L1' },
    ]);
    const fu = await query({ prop: 'fileusage', titles: 'File:Pear.jpg|Target' });
    const file = fu.query.pages.find((p: Json) => p.title === 'File:Pear.jpg');
    expect(file.fileusage).toEqual([{ pageid: ids.L1, ns: 0, title: 'L1', redirect: false }]);
    const gen = await query({ generator: 'linkshere', titles: 'Target', prop: 'info' });
    expect(gen.query.pages.map((p: Json) => p.title).sort()).toEqual(['L1', 'R', 'Talk:L2']);
  });
});
