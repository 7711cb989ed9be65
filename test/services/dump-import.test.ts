import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';
import { DumpImporter } from '../../src/wiki-source/local/dump-import.ts';
import { isWikiqueueError } from '../../src/errors.ts';

const fixture = (name: string) => resolve('test/fixtures/dumps', name);
const ltgwiki = resolve('../shared/data/dumps/ltgwiki-2017-small.xml.bz2');

let t: TestApp;
let importer: DumpImporter;
beforeEach(async () => {
  t = await buildTestApp();
  importer = new DumpImporter(t.services);
});
afterEach(async () => t.close());

async function counts(wiki: string) {
  const pages = await t.services.store.pages.count(wiki);
  return { pages };
}

describe('dump import', () => {
  it('creates the wiki from siteinfo with its localized namespaces and stores every page', async () => {
    const result = await importer.import(fixture('export-0.10.xml'), { batchSize: 2 });
    expect(result).toMatchObject({ pages: 5, alreadyDone: false, resumedAfter: 0 });
    const wiki = t.services.wikis.get(result.wiki);
    expect(wiki.namespaces.idOf('Kategoreja')).toBe(14);
    expect(await counts(result.wiki)).toEqual({ pages: 5 });
    const category = await t.services.store.pages.getByTitle(result.wiki, 14, 'Vīsture');
    expect(category).toBeDefined();
  });

  it("takes the wiki's main page from siteinfo's base URL", async () => {
    const result = await importer.import(fixture('export-0.10.xml'));
    const res = await t.app.inject({
      method: 'GET',
      url: `/${result.wiki}/w/api.php?action=query&meta=siteinfo&format=json&formatversion=2`,
    });
    expect((res.json() as { query: { general: { mainpage: string } } }).query.general.mainpage).toBe(
      'Suoku puslopa',
    );
  });

  it('fills the link tables from the latest revision (categories with localized names)', async () => {
    const result = await importer.import(fixture('export-0.10.xml'));
    const page = await t.services.store.pages.getByTitle(result.wiki, 0, 'Suoku_puslopa');
    const links = await t.services.store.links.getForPage(result.wiki, page!.id);
    expect(links.categories.map((c) => c.category)).toContain('Vīsture');
  });

  it('stores where imported redirects point, and nothing for articles', async () => {
    const result = await importer.import(fixture('export-0.10.xml'));
    const redirect = await t.services.store.pages.getByTitle(result.wiki, 0, 'Rezekne');
    const article = await t.services.store.pages.getByTitle(result.wiki, 0, 'Rēzekne');
    const stored = await t.services.store.redirects.getMany(result.wiki, [redirect!.id, article!.id]);
    expect(stored).toEqual(
      new Map([[redirect!.id, { namespace: 0, title: 'Rēzekne', fragment: '', interwiki: '' }]]),
    );
  });

  it('resumes after an interruption with nothing duplicated or lost', async () => {
    let batches = 0;
    await expect(
      importer.import(fixture('export-0.10.xml'), {
        batchSize: 2,
        onProgress: () => {
          if (++batches === 2) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    const wikiId = t.services.wikis.list().find((w) => w.info.id !== TEST_WIKI)!.info.id;
    expect(await counts(wikiId)).toEqual({ pages: 4 });
    const again = await importer.import(fixture('export-0.10.xml'), { batchSize: 2 });
    expect(again).toMatchObject({ pages: 5, resumedAfter: 4 });
    expect(await counts(wikiId)).toEqual({ pages: 5 });
    const third = await importer.import(fixture('export-0.10.xml'), { batchSize: 2 });
    expect(third.alreadyDone).toBe(true);
  });

  it('asks for a wiki id when the dump has no siteinfo', async () => {
    const failure = await importer.import(fixture('malformed-close-tag.xml')).catch((e: unknown) => e);
    expect(isWikiqueueError(failure) && failure.code).toBe('import-unsupported');
  });

  it('stops on malformed XML with the position, keeping nothing of the failed batch', async () => {
    const failure = await importer
      .import(fixture('malformed-close-tag.xml'), { batchSize: 50, wiki: 'brokenwiki' })
      .catch((e: unknown) => e);
    expect(isWikiqueueError(failure) && failure.code).toBe('import-malformed');
    expect(String((failure as Error).message)).toMatch(/line \d+, column \d+/);
    expect(await t.services.store.pages.count('brokenwiki')).toBe(0);
  });

  // 2,004 pages with their links: seconds on SQLite, longer on a shared PostgreSQL.
  it.skipIf(!existsSync(ltgwiki))(
    'imports the real Latgalian Wikipedia dump (2,004 pages)',
    { timeout: 180_000 },
    async () => {
      const result = await importer.import(ltgwiki);
      expect(result.pages).toBe(2004);
      expect(await t.services.store.pages.count('ltgwiki')).toBe(2004);
    },
  );
});
