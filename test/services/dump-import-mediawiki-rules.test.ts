import { describe, expect, it } from 'vitest';
import { ApiClient, TEST_WIKI } from '../factories/app.ts';
import { setUpDumpImports } from '../factories/dump-import.ts';
import type { DumpPageSpec } from '../factories/dumps.ts';

/**
 * What importDump.php accepts imports by its rules (issue 11, items 6–10): pages and revisions
 * without ids, redirect state from the content, a namespace list that only adds, contributors
 * mapped by name, and edit counts recounted at the end.
 */
const s = setUpDumpImports();

const store = () => s.t.services.store;

async function history(wiki: string, namespace: number, title: string) {
  const page = await store().pages.getByTitle(wiki, namespace, title);
  if (!page) throw new Error(`no page ${namespace}:${title}`);
  const revisions = await store().revisions.listForPage(wiki, page.id, {
    dir: 'newer',
    limit: 50,
    withText: true,
  });
  return { page, revisions };
}

const withoutIds: DumpPageSpec[] = [
  {
    title: 'Alpha',
    id: null,
    revisions: [
      { id: null, timestamp: '2020-01-01T00:00:00Z', text: 'first' },
      { id: null, timestamp: '2020-01-02T00:00:00Z', text: 'second' },
    ],
  },
  { title: 'Beta', id: null, revisions: [{ id: null, timestamp: '2020-01-03T00:00:00Z', text: 'beta' }] },
];

describe('a dump without page and revision ids', () => {
  it('imports every page and revision with ids of its own, each parent the previous revision', async () => {
    const result = await s.importer.import(
      s.dumps.write('a.xml', { dbname: 'noidswiki', pages: withoutIds }),
    );
    expect(result).toMatchObject({ pages: 2, revisions: 3, skipped: 0 });
    const alpha = await history('noidswiki', 0, 'Alpha');
    const beta = await history('noidswiki', 0, 'Beta');
    expect(alpha.page.id).not.toBe(beta.page.id);
    expect(alpha.revisions.map((r) => r.text)).toEqual(['first', 'second']);
    const [first, second] = alpha.revisions;
    expect(first!.id).toBeGreaterThan(0);
    expect(second!.parentId).toBe(first!.id);
    expect(first!.parentId).toBeNull();
    expect(alpha.page.latestRevId).toBe(second!.id);
    const ids = [...alpha.revisions, ...beta.revisions].map((r) => r.id);
    expect(new Set(ids).size).toBe(3);
  });

  it('takes new ids from the same counters as later edits, so a page saved afterwards gets a fresh id', async () => {
    await s.importer.import(s.dumps.write('a.xml', { dbname: TEST_WIKI, pages: withoutIds }));
    const api = new ApiClient(s.t);
    const saved = await api.post({ action: 'edit', title: 'Gamma', text: 'new', token: await api.token() });
    const edit = saved.json.edit as { pageid: number; newrevid: number };
    const alpha = await history(TEST_WIKI, 0, 'Alpha');
    expect(edit.pageid).not.toBe(alpha.page.id);
    expect(alpha.revisions.map((r) => r.id)).not.toContain(edit.newrevid);
  });

  it('adds nothing when the same dump is imported again from another file', async () => {
    await s.importer.import(s.dumps.write('a.xml', { dbname: 'noidswiki', pages: withoutIds }));
    const again = await s.importer.import(
      s.dumps.write('b.xml', { dbname: 'noidswiki', pages: withoutIds }),
      {
        onSkip: (o) => s.skipped.push(o),
      },
    );
    expect(again).toMatchObject({ alreadyDone: false, revisions: 0 });
    expect(s.skipped.map((o) => [o.title, o.pageId, o.code])).toEqual([
      ['Alpha', null, 'import-nonewrevisions'],
      ['Beta', null, 'import-nonewrevisions'],
    ]);
    expect((await history('noidswiki', 0, 'Alpha')).revisions).toHaveLength(2);
  });

  it('gives a page without an id its own id when another page of the dump has the next one', async () => {
    const pages: DumpPageSpec[] = [
      { title: 'Without', id: null, revisions: [{ id: null, text: 'a' }] },
      { title: 'With', id: 1, revisions: [{ id: 1, text: 'b' }] },
    ];
    await s.importer.import(s.dumps.write('a.xml', { dbname: 'mixedwiki', pages }));
    expect((await history('mixedwiki', 0, 'With')).page.id).toBe(1);
    const without = await history('mixedwiki', 0, 'Without');
    expect(without.page.id).not.toBe(1);
    expect(without.revisions.map((r) => r.id)).not.toContain(1);
  });
});

const GERMAN_CORE: [number, string][] = [
  [-2, 'Medium'],
  [-1, 'Spezial'],
  [0, ''],
  [1, 'Diskussion'],
  [2, 'Benutzer'],
  [3, 'Benutzer Diskussion'],
  [4, 'Wikipedia'],
  [5, 'Wikipedia Diskussion'],
  [6, 'Datei'],
  [7, 'Datei Diskussion'],
  [8, 'MediaWiki'],
  [9, 'MediaWiki Diskussion'],
  [10, 'Vorlage'],
  [11, 'Vorlage Diskussion'],
  [12, 'Hilfe'],
  [13, 'Hilfe Diskussion'],
  [14, 'Kategorie'],
  [15, 'Kategorie Diskussion'],
];

describe('namespaces of an imported wiki', () => {
  it("gives a new wiki MediaWiki's core namespaces, named in its language, when the dump lists only some", async () => {
    const pages: DumpPageSpec[] = [
      { title: 'Artikel', id: 1, revisions: [{ id: 1, text: '[[Kategorie:X]]' }] },
    ];
    await s.importer.import(
      s.dumps.write('a.xml', { dbname: 'dewiki', lang: 'de', namespaces: [[0, '']], pages }),
    );
    const wiki = s.t.services.wikis.get('dewiki');
    expect(wiki.info.namespaces.map((n) => n.id)).toEqual([
      -2,
      -1,
      ...Array.from({ length: 16 }, (_, i) => i),
    ]);
    expect(wiki.namespaces.get(14)).toMatchObject({ name: 'Kategorie', canonical: 'Category' });
    expect(wiki.namespaces.get(3)).toMatchObject({ name: 'Benutzer Diskussion', canonical: 'User talk' });
    expect(wiki.namespaces.get(4)).toMatchObject({ name: 'Project', canonical: 'Project' });
    const { page } = await history('dewiki', 0, 'Artikel');
    const links = await store().links.getForPage('dewiki', page.id);
    expect(links.categories.map((c) => c.category)).toEqual(['X']);
  });

  it('keeps every namespace and name of the wiki when a later dump lists only some, and adds the ones it lacks', async () => {
    const first: DumpPageSpec[] = [{ title: 'Eins', id: 1, revisions: [{ id: 1, text: 'eins' }] }];
    await s.importer.import(
      s.dumps.write('full.xml', { dbname: 'dewiki', lang: 'de', namespaces: GERMAN_CORE, pages: first }),
    );
    const second: DumpPageSpec[] = [
      { title: 'Zwei', id: 2, revisions: [{ id: 2, text: '[[Kategorie:Y]] [[Portal:P]]' }] },
      { title: 'Portal:Start', ns: 100, id: 3, revisions: [{ id: 3, text: 'portal' }] },
    ];
    const partial: [number, string][] = [
      [0, ''],
      [2, 'Benutzerin'],
      [100, 'Portal'],
    ];
    await s.importer.import(
      s.dumps.write('partial.xml', { dbname: 'dewiki', lang: 'de', namespaces: partial, pages: second }),
    );
    const wiki = s.t.services.wikis.get('dewiki');
    expect(wiki.info.namespaces.map((n) => [n.id, n.name])).toEqual([...GERMAN_CORE, [100, 'Portal']]);
    const zwei = await history('dewiki', 0, 'Zwei');
    const links = await store().links.getForPage('dewiki', zwei.page.id);
    expect(links.categories.map((c) => c.category)).toEqual(['Y']);
    expect(await store().pages.getByTitle('dewiki', 100, 'Start')).toBeDefined();
  });
});

describe('redirects of a dump without <redirect> elements', () => {
  it('makes a page whose text starts with #REDIRECT a redirect, and points the redirect table at its target', async () => {
    const pages: DumpPageSpec[] = [
      { title: 'Short', id: 1, revisions: [{ id: 1, text: '#REDIRECT [[Long title#Part]]' }] },
      { title: 'Long title', id: 2, revisions: [{ id: 2, text: 'article' }] },
    ];
    await s.importer.import(s.dumps.write('a.xml', { dbname: 'redirwiki', pages }));
    const short = (await history('redirwiki', 0, 'Short')).page;
    const long = (await history('redirwiki', 0, 'Long_title')).page;
    expect([short.isRedirect, long.isRedirect]).toEqual([true, false]);
    expect(await store().redirects.getMany('redirwiki', [short.id, long.id])).toEqual(
      new Map([[short.id, { namespace: 0, title: 'Long_title', fragment: 'Part', interwiki: '' }]]),
    );
  });

  it("reads the wiki language's magic word (#WEITERLEITUNG on a German wiki) and the English one", async () => {
    const pages: DumpPageSpec[] = [
      { title: 'Kurz', id: 1, revisions: [{ id: 1, text: '#WEITERLEITUNG [[Ziel]]' }] },
      { title: 'Englisch', id: 2, revisions: [{ id: 2, text: '#redirect [[Ziel]]' }] },
    ];
    await s.importer.import(s.dumps.write('a.xml', { dbname: 'dewiki', lang: 'de', pages }));
    expect((await history('dewiki', 0, 'Kurz')).page.isRedirect).toBe(true);
    expect((await history('dewiki', 0, 'Englisch')).page.isRedirect).toBe(true);
  });

  it('ignores a <redirect> element whose page text is not a redirect', async () => {
    const pages: DumpPageSpec[] = [
      { title: 'Claims', id: 1, redirect: 'Elsewhere', revisions: [{ id: 1, text: 'an article' }] },
    ];
    await s.importer.import(s.dumps.write('a.xml', { dbname: 'redirwiki', pages }));
    const { page } = await history('redirwiki', 0, 'Claims');
    expect(page.isRedirect).toBe(false);
    expect(await store().redirects.getMany('redirwiki', [page.id])).toEqual(new Map());
  });
});

describe('contributors', () => {
  const pages: DumpPageSpec[] = [
    {
      title: 'Edited',
      id: 1,
      revisions: [
        { id: 1, timestamp: '2020-01-01T00:00:00Z', text: 'a', user: 'Alice', userId: null },
        { id: 2, timestamp: '2020-01-02T00:00:00Z', text: 'b', user: 'Alice', userId: 424242 },
        { id: 3, timestamp: '2020-01-03T00:00:00Z', text: 'c', user: 'Stranger', userId: null },
        { id: 4, timestamp: '2020-01-04T00:00:00Z', text: 'd', ip: '192.0.2.7' },
        { id: 5, timestamp: '2020-01-05T00:00:00Z', text: 'e', user: 'imported>Earlier', userId: null },
      ],
    },
  ];

  it('maps a name to the local account of that name, whatever id the dump gives, and the rest by importDump', async () => {
    await s.t.createUser('Alice', 'a-long-password');
    const alice = await store().users.getByName(TEST_WIKI, 'Alice');
    await s.importer.import(s.dumps.write('a.xml', { dbname: TEST_WIKI, pages }));
    const { revisions } = await history(TEST_WIKI, 0, 'Edited');
    expect(revisions.map((r) => [r.userId, r.userText])).toEqual([
      [alice!.id, 'Alice'],
      [alice!.id, 'Alice'],
      [0, 'imported>Stranger'],
      [0, '192.0.2.7'],
      [0, 'imported>Earlier'],
    ]);
    expect(await store().users.getByName(TEST_WIKI, 'Stranger')).toBeUndefined();
  });

  it('prefixes unknown contributors with the username prefix asked for', async () => {
    await s.importer.import(s.dumps.write('a.xml', { dbname: TEST_WIKI, pages }), { usernamePrefix: 'en' });
    const { revisions } = await history(TEST_WIKI, 0, 'Edited');
    // Alice gets an account from her revision with a user id; her other revision is then hers too.
    expect(revisions.map((r) => r.userText)).toEqual([
      'Alice',
      'Alice',
      'en>Stranger',
      '192.0.2.7',
      'imported>Earlier',
    ]);
  });
});

describe('edit counts', () => {
  it("sets each account's edit count to its revisions at the end of an import", async () => {
    await s.t.createUser('Alice', 'a-long-password');
    const pages: DumpPageSpec[] = [
      { title: 'One', id: 1, revisions: [{ id: 1, text: 'a', user: 'Alice', userId: null }] },
      {
        title: 'Two',
        id: 2,
        revisions: [
          { id: 2, timestamp: '2020-01-01T00:00:00Z', text: 'b', user: 'Alice', userId: 7 },
          { id: 3, timestamp: '2020-01-02T00:00:00Z', text: 'c', user: 'Bob', userId: 8 },
        ],
      },
    ];
    const result = await s.importer.import(s.dumps.write('a.xml', { dbname: TEST_WIKI, pages }));
    expect((await store().users.getByName(TEST_WIKI, 'Alice'))?.editCount).toBe(2);
    expect((await store().users.getByName(TEST_WIKI, 'Bob'))?.editCount).toBe(1);
    expect(result.editCounts.changed).toBe(1);
  });

  it('counts deleted revisions too when recounted (initEditCount)', async () => {
    await s.t.createUser('Admin', 'a-long-password', ['sysop']);
    const pages: DumpPageSpec[] = [
      { title: 'Kept', id: 1, revisions: [{ id: 1, text: 'a', user: 'Carol', userId: 5 }] },
      { title: 'Doomed', id: 2, revisions: [{ id: 2, text: 'b', user: 'Carol', userId: 5 }] },
    ];
    await s.importer.import(s.dumps.write('a.xml', { dbname: TEST_WIKI, pages }));
    const api = new ApiClient(s.t);
    await api.login('Admin', 'a-long-password');
    const deleted = await api.post({ action: 'delete', title: 'Doomed', token: await api.token() });
    expect(deleted.json.delete).toBeDefined();
    await store().transaction((tx) => tx.users.incrementEditCount(TEST_WIKI, 5, 10));
    const recount = await s.t.services.accounts.recountEditCounts(TEST_WIKI);
    expect(recount.changed).toBeGreaterThanOrEqual(1);
    expect((await store().users.getByName(TEST_WIKI, 'Carol'))?.editCount).toBe(2);
  });
});
