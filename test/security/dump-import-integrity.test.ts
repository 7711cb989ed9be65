import { describe, expect, it } from 'vitest';
import { isWikiqueueError } from '../../src/errors.ts';
import { anonymousActor } from '../factories/actors.ts';
import { setUpDumpImports } from '../factories/dump-import.ts';
import { TEST_START, TEST_WIKI } from '../factories/app.ts';
import type { DumpPageSpec } from '../factories/dumps.ts';

/**
 * Issue 10, item 8: an import never corrupts data. Every field of a dump is checked (titles by the
 * one title parser, namespaces against the wiki's, ids as positive safe integers, timestamps as
 * ISO 8601, wiki ids by the wiki-id rule) and a page or revision that fails is left out with a
 * catalogued per-item outcome; ids another page owns are never reused; pages that exist get
 * revisions added by MediaWiki's importDump rules (ImportableOldRevisionImporter: a revision with
 * the same timestamp and SHA-1 is already there; the newest becomes current only if newer).
 */

const setup = setUpDumpImports();

async function importPages(pages: DumpPageSpec[], wiki?: string, name = 'dump.xml') {
  const file = setup.dumps.write(name, { pages });
  return setup.importer.import(file, { ...(wiki ? { wiki } : {}), onSkip: (o) => setup.skipped.push(o) });
}

async function page(wiki: string, title: string, ns = 0) {
  const row = await setup.t.services.store.pages.getByTitle(wiki, ns, title);
  if (!row) return undefined;
  const latest = await setup.t.services.store.revisions.get(wiki, row.latestRevId);
  const history = await setup.t.services.store.revisions.listForPage(wiki, row.id, {
    dir: 'newer',
    limit: 100,
    withText: true,
  });
  return {
    id: row.id,
    latestPageId: latest?.pageId,
    text: latest?.text,
    history: history.map((r) => r.text),
  };
}

async function edit(title: string, text: string): Promise<void> {
  await setup.t.services.wikiSources
    .for(TEST_WIKI)
    .edit(anonymousActor({ wiki: TEST_WIKI }), { title, text });
}

describe('duplicate ids', () => {
  it('gives the second of two pages with the same id its own id, so neither loses its text', async () => {
    await importPages([
      { title: 'First', id: 7, revisions: [{ id: 70, text: 'first text' }] },
      { title: 'Second', id: 7, revisions: [{ id: 71, text: 'second text' }] },
    ]);
    const first = await page('dumpwiki', 'First');
    const second = await page('dumpwiki', 'Second');
    expect(first).toMatchObject({ id: 7, text: 'first text', latestPageId: 7 });
    expect(second).toMatchObject({ text: 'second text' });
    expect(second!.id).not.toBe(7);
    expect(second!.latestPageId).toBe(second!.id);
  });

  it("gives a revision whose id another page's revision has a new id, and points its page at it", async () => {
    await importPages([
      { title: 'Owner', id: 1, revisions: [{ id: 50, text: 'owner text' }] },
      { title: 'Intruder', id: 2, revisions: [{ id: 50, text: 'intruder text' }] },
    ]);
    expect(await page('dumpwiki', 'Owner')).toMatchObject({ text: 'owner text', latestPageId: 1 });
    expect(await page('dumpwiki', 'Intruder')).toMatchObject({ text: 'intruder text', latestPageId: 2 });
  });
});

describe('one title listed twice', () => {
  it("adds the second <page>'s revisions to the first's page, as importDump finds pages by title", async () => {
    await importPages([
      { title: 'Beta', id: 3, revisions: [{ id: 12, timestamp: '2020-01-01T00:00:00Z', text: 'one' }] },
      { title: 'Beta', id: 6, revisions: [{ id: 4, timestamp: '2020-01-21T00:00:00Z', text: 'two' }] },
    ]);
    expect(await page('dumpwiki', 'Beta')).toMatchObject({ id: 3, text: 'two', history: ['one', 'two'] });
    expect(setup.skipped).toEqual([]);
  });
});

describe('importing into an existing wiki', () => {
  it("never changes a page that only shares the dump page's id", async () => {
    await edit('Main Page', 'local main page');
    const main = await page(TEST_WIKI, 'Main_Page');
    await importPages(
      [{ title: 'Stranger', id: main!.id, revisions: [{ id: 1, text: 'stranger text' }] }],
      TEST_WIKI,
    );
    expect(await page(TEST_WIKI, 'Main_Page')).toEqual(main);
    expect(await page(TEST_WIKI, 'Stranger')).toMatchObject({ text: 'stranger text' });
  });

  it('adds an older revision of an existing page to its history, leaving the current text', async () => {
    await edit('Main Page', 'local main page');
    await importPages(
      [
        {
          title: 'Main Page',
          id: 99,
          revisions: [{ id: 990, timestamp: '2001-01-15T00:00:00Z', text: 'from 2001' }],
        },
      ],
      TEST_WIKI,
    );
    const main = await page(TEST_WIKI, 'Main_Page');
    expect(main!.text).toBe('local main page');
    expect(main!.history).toEqual(['from 2001', 'local main page']);
  });

  it('makes a newer imported revision the current one', async () => {
    await edit('Main Page', 'local main page');
    const newer = new Date((TEST_START + 3600) * 1000).toISOString().replace('.000', '');
    await importPages(
      [{ title: 'Main Page', id: 99, revisions: [{ id: 990, timestamp: newer, text: 'imported later' }] }],
      TEST_WIKI,
    );
    expect(await page(TEST_WIKI, 'Main_Page')).toMatchObject({ text: 'imported later' });
  });

  it('adds nothing when the same revisions are imported again, and says so per page', async () => {
    const pages = [
      {
        title: 'Twice',
        id: 3,
        revisions: [
          { id: 30, text: 'once' },
          { id: 31, timestamp: '2020-02-01T00:00:00Z', text: 'twice' },
        ],
      },
    ];
    await importPages(pages, undefined, 'a.xml');
    await importPages(pages, undefined, 'b.xml');
    expect((await page('dumpwiki', 'Twice'))!.history).toEqual(['once', 'twice']);
    expect(setup.skipped).toMatchObject([{ code: 'import-nonewrevisions', title: 'Twice' }]);
  });
});

describe('field checks', () => {
  it.each([
    ['A|B', 0],
    ['<script>alert(1)</script>', 0],
    ['', 0],
    ['Talk:Help:Nested', 1],
    ['Plain', 14],
  ])(
    'rejects the invalid title %j (ns %i) with import-error-invalid and imports the rest',
    async (title, ns) => {
      await importPages([
        { title, ns, id: 1, revisions: [{ id: 10 }] },
        { title: 'Fine', id: 2, revisions: [{ id: 20 }] },
      ]);
      expect(setup.skipped).toMatchObject([{ code: 'import-error-invalid', title, pageId: 1 }]);
      expect(await setup.t.services.store.pages.count('dumpwiki')).toBe(1);
      expect(await page('dumpwiki', 'Fine')).toMatchObject({ text: 'text' });
    },
  );

  it('rejects a namespace the wiki does not declare', async () => {
    await importPages([{ title: 'Nowhere:Thing', ns: 4000, id: 1, revisions: [{ id: 10 }] }]);
    expect(setup.skipped.map((o) => o.code)).toEqual(['import-error-invalid']);
    expect(await setup.t.services.store.pages.count('dumpwiki')).toBe(0);
  });

  it('rejects a page in a virtual (negative) namespace with import-error-special', async () => {
    await importPages([
      { title: 'Special:Version', ns: -1, id: 1, revisions: [{ id: 10 }] },
      { title: 'Media:X.png', ns: -2, id: 2, revisions: [{ id: 20 }] },
    ]);
    expect(setup.skipped.map((o) => o.code)).toEqual(['import-error-special', 'import-error-special']);
    expect(await setup.t.services.store.pages.count('dumpwiki')).toBe(0);
  });

  it.each([['100000000000000000000'], ['-5'], ['0'], ['1e20'], ['x']])(
    'rejects the page id %s with import-error-bad-id',
    async (id) => {
      await importPages([
        { title: 'Bad id', id, revisions: [{ id: 10 }] },
        { title: 'Good id', id: 2, revisions: [{ id: 20 }] },
      ]);
      expect(setup.skipped).toMatchObject([{ code: 'import-error-bad-id', title: 'Bad id' }]);
      expect(await page('dumpwiki', 'Bad_id')).toBeUndefined();
      expect(await page('dumpwiki', 'Good_id')).toMatchObject({ id: 2 });
    },
  );

  it('leaves out a revision with an id beyond 2^53 and keeps the valid one', async () => {
    await importPages([
      {
        title: 'Mixed',
        id: 1,
        revisions: [
          { id: 10, timestamp: '2020-01-01T00:00:00Z', text: 'valid' },
          { id: '99999999999999999999', timestamp: '2020-01-02T00:00:00Z', text: 'huge id' },
        ],
      },
    ]);
    expect(setup.skipped.map((o) => o.code)).toEqual(['import-error-bad-id']);
    expect(await page('dumpwiki', 'Mixed')).toMatchObject({ text: 'valid', history: ['valid'] });
  });

  it.each([['yesterday'], ['2020-13-01T00:00:00Z'], ['2021-02-30T00:00:00Z'], ['2020-01-01 00:00:00']])(
    'leaves out a revision timestamped %j with import-error-bad-timestamp, not a database error',
    async (timestamp) => {
      await importPages([
        {
          title: 'Timed',
          id: 1,
          revisions: [
            { id: 10, timestamp: '2020-01-01T00:00:00Z', text: 'good' },
            { id: 11, timestamp, text: 'bad' },
          ],
        },
      ]);
      expect(setup.skipped).toMatchObject([{ code: 'import-error-bad-timestamp', revisionId: 11 }]);
      expect(await page('dumpwiki', 'Timed')).toMatchObject({ text: 'good', history: ['good'] });
    },
  );

  it.each([['../../etc'], ['__proto__'], ['EnWiki'], ['']])(
    'refuses the wiki id %j from --wiki',
    async (wiki) => {
      const file = setup.dumps.write('w.xml', { pages: [{ title: 'P', id: 1, revisions: [{ id: 10 }] }] });
      const error = await setup.importer.import(file, { wiki }).catch((e: unknown) => e);
      expect(isWikiqueueError(error) && error.code).toBe('invalid-wiki-id');
      expect(setup.t.services.wikis.list().map((w) => w.info.id)).toEqual([TEST_WIKI]);
    },
  );

  it.each([['../../etc'], ['__proto__']])('refuses the wiki id %j from the dump siteinfo', async (dbname) => {
    const file = setup.dumps.write('s.xml', {
      dbname,
      pages: [{ title: 'P', id: 1, revisions: [{ id: 10 }] }],
    });
    const error = await setup.importer.import(file).catch((e: unknown) => e);
    expect(isWikiqueueError(error) && error.code).toBe('invalid-wiki-id');
    expect(setup.t.services.wikis.list().map((w) => w.info.id)).toEqual([TEST_WIKI]);
  });
});

describe('contributors', () => {
  it("attributes a revision to the local account of its author's name, never to another account with the dump's id", async () => {
    await setup.t.createUser('LocalAdmin', 'local-admin-password', ['sysop']);
    const admin = await setup.t.services.store.users.getByName(TEST_WIKI, 'LocalAdmin');
    await importPages(
      [{ title: 'Attributed', id: 1, revisions: [{ id: 10, user: 'Visitor', userId: admin!.id }] }],
      TEST_WIKI,
    );
    const row = await setup.t.services.store.pages.getByTitle(TEST_WIKI, 0, 'Attributed');
    const rev = await setup.t.services.store.revisions.get(TEST_WIKI, row!.latestRevId);
    expect(rev!.userText).toBe('Visitor');
    expect(rev!.userId).not.toBe(admin!.id);
    expect((await setup.t.services.store.users.getById(TEST_WIKI, rev!.userId))!.name).toBe('Visitor');
  });
});
