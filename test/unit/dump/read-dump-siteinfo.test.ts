import { describe, expect, it } from 'vitest';
import { NamespaceTable } from '../../../src/core/domain/namespaces.ts';
import {
  languageFromBaseUrl,
  languageFromDbname,
} from '../../../src/wiki-source/local/dump/dump-siteinfo.ts';
import type { DumpSiteInfo } from '../../../src/wiki-source/local/dump/read-dump.ts';
import { collectDump, exportXml, fixturePath, pageXml, streamOf } from './dump-collector.ts';

async function siteinfoOf(fixture: string): Promise<DumpSiteInfo> {
  const { siteinfo, error } = await collectDump(fixturePath(fixture));
  expect(error).toBeNull();
  return siteinfo!;
}

function ns(info: DumpSiteInfo, id: number) {
  return info.namespaces.find((n) => n.id === id);
}

describe('siteinfo', () => {
  it('reads sitename, dbname, base, generator and case', async () => {
    const info = await siteinfoOf('export-0.10.xml');
    expect(info).toMatchObject({
      sitename: 'Vikipedeja',
      dbname: 'ltgwiki',
      base: 'https://ltg.wikipedia.org/wiki/Suoku_puslopa',
      generator: 'MediaWiki 1.30.0-wmf.16',
      case: 'first-letter',
    });
  });

  it('lists namespaces with their localized names and English canonical names', async () => {
    const info = await siteinfoOf('export-0.10.xml');
    expect(info.namespaces.map((n) => [n.id, n.name, n.canonical])).toEqual([
      [-2, 'Medeja', 'Media'],
      [-1, 'Seviškuo', 'Special'],
      [0, '', ''],
      [1, 'Sprīža', 'Talk'],
      [2, 'Lītuotuojs', 'User'],
      [4, 'Vikipedeja', 'Project'],
      [6, 'Fails', 'File'],
      [10, 'Taiss', 'Template'],
      [14, 'Kategoreja', 'Category'],
      [828, 'Modulis', 'Module'],
      [2302, 'Gadget definition', 'Gadget definition'],
      [2600, 'Tēma', 'Topic'],
    ]);
  });

  it('keeps the local name as canonical for a namespace neither core nor a known extension defines', async () => {
    const info = await siteinfoOf('export-0.11.xml');
    expect(ns(info, 100)).toMatchObject({ name: 'Annexe', canonical: 'Annexe' });
  });

  it('marks only the main namespace as content', async () => {
    const info = await siteinfoOf('export-0.10.xml');
    expect(info.namespaces.filter((n) => n.content).map((n) => n.id)).toEqual([0]);
  });

  it('takes each namespace its own case', async () => {
    const info = await siteinfoOf('export-0.11.xml');
    expect(info.case).toBe('case-sensitive');
    expect(ns(info, 0)!.case).toBe('case-sensitive');
    expect(ns(info, 2)!.case).toBe('first-letter');
  });

  it('falls back to the site case for namespaces without a case attribute', async () => {
    const info = await siteinfoOf('export-0.4.xml');
    expect(info.namespaces.every((n) => n.case === 'first-letter')).toBe(true);
  });

  it('keeps the core Image alias of File, but not the English project name', async () => {
    const info = await siteinfoOf('export-0.10.xml');
    expect(ns(info, 6)!.aliases).toEqual(['Image']);
    expect(ns(info, 4)!.aliases).toEqual([]);
  });

  it('adds the namespace aliases of schema 0.11', async () => {
    const info = await siteinfoOf('export-0.11.xml');
    expect(ns(info, 2)!.aliases).toEqual(['Utilisatrice']);
    expect(ns(info, 4)!.aliases).toEqual(['WT']);
  });

  it('gives namespaces the title parser resolves by localized and canonical name', async () => {
    const table = new NamespaceTable((await siteinfoOf('export-0.10.xml')).namespaces);
    expect(table.idOf('Kategoreja')).toBe(14);
    expect(table.idOf('category')).toBe(14);
    expect(table.idOf('Image')).toBe(6);
  });

  it('takes the language from the root xml:lang', async () => {
    expect((await siteinfoOf('export-0.11.xml')).lang).toBe('fr');
  });

  it('derives the language from dbname when the root has no xml:lang', async () => {
    const xml = exportXml('  <siteinfo>\n    <dbname>zh_yuewiki</dbname>\n  </siteinfo>\n', 'version="0.10"');
    const { siteinfo } = await collectDump(streamOf(xml));
    expect(siteinfo!.lang).toBe('zh-yue');
  });

  it('derives the language from a Wikimedia host when dbname gives none', async () => {
    const xml = exportXml(
      '  <siteinfo>\n    <base>https://ltg.wikipedia.org/wiki/Suoku_puslopa</base>\n  </siteinfo>\n',
      'version="0.10"',
    );
    const { siteinfo } = await collectDump(streamOf(xml));
    expect(siteinfo!.lang).toBe('ltg');
  });

  it('uses MediaWiki default namespaces when siteinfo lists none', async () => {
    const xml = exportXml('  <siteinfo>\n    <case>case-sensitive</case>\n  </siteinfo>\n');
    const { siteinfo } = await collectDump(streamOf(xml));
    expect(ns(siteinfo!, 14)).toMatchObject({ name: 'Category', case: 'case-sensitive' });
  });

  it('yields no siteinfo item for a dump without <siteinfo>', async () => {
    const dump = await collectDump(streamOf(exportXml(pageXml({ title: 'A', id: 1 }))));
    expect(dump.error).toBeNull();
    expect(dump.kinds).toEqual(['page']);
  });
});

describe('languageFromDbname', () => {
  it.each([
    ['ltgwiki', 'ltg'],
    ['enwiki', 'en'],
    ['frwiktionary', 'fr'],
    ['be_x_oldwiki', 'be-x-old'],
    ['commonswiki', undefined],
    ['simplewiki', undefined],
    ['', undefined],
  ])('%s → %s', (dbname, lang) => {
    expect(languageFromDbname(dbname)).toBe(lang);
  });
});

describe('languageFromBaseUrl', () => {
  it.each([
    ['https://bn.wikipedia.org/wiki/%E0%A6%AA', 'bn'],
    ['https://fr.m.wiktionary.org/wiki/Accueil', 'fr'],
    ['https://commons.wikimedia.org/wiki/Main_Page', undefined],
    ['http://localhost/wiki/Main_Page', undefined],
    ['not a url', undefined],
  ])('%s → %s', (base, lang) => {
    expect(languageFromBaseUrl(base)).toBe(lang);
  });
});
