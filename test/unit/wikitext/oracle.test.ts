// Compares analyzeWikitext's links, categories, templates and files with what wikiparser-node (an
// independent MediaWiki parser, used here as an oracle) extracts from real pages: every page of
// ../shared/data/wikitext, and the first pages of the English extract, Latgalian and Ukrainian dumps
// (localized namespaces). Every difference must be listed in ACCEPTED with its reason, and an
// accepted difference that no longer occurs fails too, so the list stays true.
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import bz2 from 'unbzip2-stream';
import { describe, expect, it } from 'vitest';
import Parser, { type Config } from 'wikiparser-node';
import { NamespaceTable, defaultNamespaces, type NamespaceInfo } from '../../../src/domain/namespaces.ts';
import { analyzeWikitext, type WikitextContext } from '../../../src/wikitext/analyze.ts';
import { COMMON_INTERWIKI_PREFIXES, WIKIPEDIA_LANGUAGE_CODES } from '../../../src/wikitext/interwiki.ts';
import { dewiki } from './wikis.ts';

type Kind = 'link' | 'category' | 'template' | 'file';
type Side = 'only-ours' | 'only-oracle';

interface AcceptedDifference {
  page: string;
  kind: Kind;
  side: Side;
  /** "ns:Title" for links and templates, the title for categories and files. */
  item: string;
  reason: string;
}

/** Differences between us and the oracle that we accept, page by page. Anything else fails. */
const ACCEPTED: AcceptedDifference[] = [
  {
    page: 'enwiki-2016-extract-206/ASCII',
    kind: 'link',
    side: 'only-ours',
    item: '0:ß',
    reason: 'MediaWiki does not capitalize ß (its uppercase is two letters); the page "ß" exists as such',
  },
  {
    page: 'enwiki-2016-extract-206/ASCII',
    kind: 'link',
    side: 'only-oracle',
    item: '0:SS',
    reason: 'the oracle uppercases [[ß]] to "SS" (see the previous entry)',
  },
  {
    page: 'BBDO',
    kind: 'template',
    side: 'only-oracle',
    item: '10:SORTIERUNG:Bbdo',
    reason:
      "{{SORTIERUNG:...}} is dewiki's DEFAULTSORT, a magic word we know and the enwiki-configured oracle does not",
  },
  {
    page: 'Sara-C.-Bisel',
    kind: 'template',
    side: 'only-oracle',
    item: '10:SORTIERUNG:Bisel, Sara C',
    reason: 'SORTIERUNG is DEFAULTSORT (see BBDO)',
  },
  {
    page: 'Wendy-Mogel',
    kind: 'template',
    side: 'only-oracle',
    item: '10:SORTIERUNG:Mogel, Wendy',
    reason: 'SORTIERUNG is DEFAULTSORT (see BBDO)',
  },
  {
    page: 'ltgwiki-2017-small/Taiss:Language link',
    kind: 'link',
    side: 'only-oracle',
    item: '0:{{{1}}} volūda',
    reason:
      'on the template page itself {{{1}}} stays literal, and a target with braces is no link in MediaWiki',
  },
  {
    page: 'ltgwiki-2017-small/Taiss:Cytys zeimeibys',
    kind: 'link',
    side: 'only-oracle',
    item: '0:{{{2}}}',
    reason: 'as above: [[{{{2}}}]] is not a link on the template page',
  },
];

const DATA = resolve(process.cwd(), '../shared/data');
const WIKITEXT_DIR = resolve(DATA, 'wikitext');
const DUMP_DIR = resolve(DATA, 'dumps');
const DUMPS = [
  { file: 'enwiki-2016-extract-206.xml.bz2', pages: 100 },
  { file: 'ltgwiki-2017-small.xml.bz2', pages: 300 },
  { file: 'ukwiki-2023-truncated.xml.bz2', pages: 60 },
];
const ORACLE_TIMEOUT = 120_000;

interface Findings {
  link: Set<string>;
  category: Set<string>;
  template: Set<string>;
  file: Set<string>;
  /** Files we only know from infobox parameters: the oracle cannot see those. */
  infoboxOnly: Set<string>;
}

interface Wiki {
  ctx: WikitextContext;
  config: Config;
}

Parser.config = 'enwiki';
const ENWIKI_CONFIG = Parser.getConfig();

/**
 * An oracle configuration for a wiki: its namespace names, and interwiki prefixes without the ones
 * that are also namespace names (wikiparser-node tries interwiki first, MediaWiki namespaces first).
 */
function oracleConfig(namespaces: readonly NamespaceInfo[]): Config {
  const nsid: Record<string, number> = {};
  const names: Record<string, string> = {};
  for (const ns of namespaces) {
    names[String(ns.id)] = ns.name;
    for (const n of [ns.name, ns.canonical, ...ns.aliases]) nsid[n.toLowerCase()] = ns.id;
  }
  nsid['project'] = 4;
  const interwiki = [...WIKIPEDIA_LANGUAGE_CODES, ...COMMON_INTERWIKI_PREFIXES].filter((p) => !(p in nsid));
  return { ...ENWIKI_CONFIG, nsid: { ...ENWIKI_CONFIG.nsid, ...nsid }, namespaces: names, interwiki };
}

function wikiOf(namespaces: NamespaceInfo[]): Wiki {
  return { ctx: { namespaces: new NamespaceTable(namespaces) }, config: oracleConfig(namespaces) };
}

const ENWIKI = wikiOf([
  ...defaultNamespaces(),
  ...[
    [100, 'Portal'],
    [118, 'Draft'],
    [710, 'TimedText'],
  ].map(([id, name]): NamespaceInfo => ({
    id: Number(id),
    name: String(name),
    canonical: String(name),
    aliases: [],
    content: false,
    case: 'first-letter',
  })),
]);
const DEWIKI = wikiOf([...dewiki().namespaces.list]);

function ours(text: string, wiki: Wiki): Findings {
  const a = analyzeWikitext(text, wiki.ctx);
  return {
    link: new Set(a.links.map((l) => `${l.namespace}:${l.title}`)),
    category: new Set(a.categories.map((c) => c.title)),
    template: new Set(a.templates.map((t) => `${t.namespace}:${t.title}`)),
    file: new Set(a.files.map((f) => f.title)),
    infoboxOnly: new Set(a.files.filter((f) => f.source === 'infobox').map((f) => f.title)),
  };
}

// The oracle's token API, as far as this test uses it.
interface OracleToken {
  type: string;
  name?: string;
  module?: string;
  link?: unknown;
}
interface OracleTitle {
  ns: number;
  main: string;
  interwiki: string;
}

function isTitle(value: unknown): value is OracleTitle {
  return typeof value === 'object' && value !== null && 'ns' in value && 'main' in value;
}

/**
 * What the oracle extracts, mapped onto MediaWiki's link tables: Media: links are file uses,
 * Special:, interwiki and same-page links are not page links, a redirect target is a page link.
 */
function oracle(text: string, wiki: Wiki): Findings {
  const root = Parser.parse(text, false, undefined, wiki.config);
  const found: Findings = {
    link: new Set(),
    category: new Set(),
    template: new Set(),
    file: new Set(),
    infoboxOnly: new Set(),
  };
  const title = (name: string, ns: number) => Parser.normalizeTitle(name, ns, false, wiki.config);
  for (const token of root.querySelectorAll<OracleToken>('link,redirect-target')) {
    const link = token.link;
    if (!isTitle(link) || link.interwiki) continue;
    if (link.ns === -2) found.file.add(link.main);
    else if (link.ns !== -1 && link.main !== '') found.link.add(`${link.ns}:${link.main}`);
  }
  for (const token of root.querySelectorAll<OracleToken>('category')) {
    if (isTitle(token.link)) found.category.add(token.link.main);
  }
  for (const token of root.querySelectorAll<OracleToken>('template')) {
    const t = title(token.name ?? '', 0);
    found.template.add(`${t.ns}:${t.main}`);
  }
  for (const token of root.querySelectorAll<OracleToken>('magic-word')) {
    if (token.name !== 'invoke' || !token.module) continue;
    const t = title(token.module, 828);
    found.template.add(`${t.ns}:${t.main}`);
  }
  for (const token of root.querySelectorAll<OracleToken>('file,gallery-image,imagemap-image')) {
    found.file.add(title(token.name ?? '', 6).main);
  }
  return found;
}

function differences(page: string, mine: Findings, theirs: Findings): string[] {
  const out: string[] = [];
  for (const kind of ['link', 'category', 'template', 'file'] as const) {
    for (const item of mine[kind]) {
      if (!theirs[kind].has(item) && !(kind === 'file' && mine.infoboxOnly.has(item))) {
        out.push(`${page}\t${kind}\tonly-ours\t${item}`);
      }
    }
    for (const item of theirs[kind])
      if (!mine[kind].has(item)) out.push(`${page}\t${kind}\tonly-oracle\t${item}`);
  }
  return out;
}

const acceptedKeys = new Set(ACCEPTED.map((d) => `${d.page}\t${d.kind}\t${d.side}\t${d.item}`));

function expectOnlyAcceptedDifferences(page: string, text: string, wiki: Wiki): void {
  const found = differences(page, ours(text, wiki), oracle(text, wiki));
  expect(found.filter((d) => !acceptedKeys.has(d))).toEqual([]);
  const stale = [...acceptedKeys].filter((k) => k.startsWith(`${page}\t`) && !found.includes(k));
  expect(stale, 'accepted differences that no longer occur').toEqual([]);
}

/** dewiki pages in the folder are recognized by their German category links. */
function wikiForPage(text: string): Wiki {
  return text.includes('[[Kategorie:') ? DEWIKI : ENWIKI;
}

const hasWikitext = existsSync(WIKITEXT_DIR);
describe.skipIf(!hasWikitext)(
  hasWikitext ? 'oracle: ../shared/data/wikitext' : 'oracle: skipped, ../shared/data/wikitext is absent',
  () => {
    const files = hasWikitext
      ? readdirSync(WIKITEXT_DIR)
          .filter((f) => f.endsWith('.txt'))
          .sort()
      : [];
    it.each(files)('%s matches wikiparser-node', { timeout: ORACLE_TIMEOUT }, (file) => {
      const text = readFileSync(resolve(WIKITEXT_DIR, file), 'utf8');
      expectOnlyAcceptedDifferences(file.replace(/\.txt$/, ''), text, wikiForPage(text));
    });
  },
);

interface DumpPage {
  title: string;
  text: string;
}

/** The first `limit` pages of a bzip2 MediaWiki export, and its namespaces from siteinfo. */
async function readDump(
  file: string,
  limit: number,
): Promise<{ namespaces: NamespaceInfo[]; pages: DumpPage[] }> {
  let xml = '';
  await new Promise<void>((done, fail) => {
    const input = createReadStream(file);
    const stream = input.pipe(bz2());
    let pages = 0;
    stream.on('data', (chunk: Buffer) => {
      const s = chunk.toString('utf8');
      xml += s;
      pages += s.split('</page>').length - 1;
      if (pages >= limit) {
        input.destroy();
        stream.destroy();
        done();
      }
    });
    stream.on('end', () => done());
    stream.on('error', fail);
  });
  const decode = (s: string) =>
    s.replace(/&(lt|gt|amp|quot|#\d+);/g, (_, e: string) =>
      e === 'lt'
        ? '<'
        : e === 'gt'
          ? '>'
          : e === 'amp'
            ? '&'
            : e === 'quot'
              ? '"'
              : String.fromCodePoint(Number(e.slice(1))),
    );
  const canonical = new Map(defaultNamespaces().map((ns) => [ns.id, ns]));
  const namespaces: NamespaceInfo[] = [];
  const siteinfo = xml.slice(0, xml.indexOf('</siteinfo>'));
  for (const m of siteinfo.matchAll(
    /<namespace key="(-?\d+)" case="([^"]+)"(?: \/>|>([^<]*)<\/namespace>)/g,
  )) {
    const id = Number(m[1]);
    const name = decode(m[3] ?? '');
    namespaces.push({
      id,
      name,
      canonical: canonical.get(id)?.canonical ?? name,
      aliases: canonical.get(id)?.aliases ?? [],
      content: id === 0,
      case: m[2] === 'case-sensitive' ? 'case-sensitive' : 'first-letter',
    });
  }
  const pages: DumpPage[] = [];
  for (const m of xml.matchAll(
    /<page>[\s\S]*?<title>([^<]*)<\/title>[\s\S]*?<text\b[^>]*?(?:\/>|>([^<]*)<\/text>)/g,
  )) {
    if (pages.length >= limit) break;
    pages.push({ title: decode(m[1] ?? ''), text: decode(m[2] ?? '') });
  }
  return { namespaces, pages };
}

for (const dump of DUMPS) {
  const path = resolve(DUMP_DIR, dump.file);
  const present = existsSync(path);
  const name = dump.file.replace(/\.xml\.bz2$/, '');
  describe.skipIf(!present)(
    present ? `oracle: ${name}, first ${dump.pages} pages` : `oracle: skipped, ${dump.file} is absent`,
    () => {
      it('matches wikiparser-node on every page', { timeout: ORACLE_TIMEOUT }, async () => {
        const { namespaces, pages } = await readDump(path, dump.pages);
        expect(pages.length).toBe(dump.pages);
        const wiki = wikiOf(namespaces);
        const unexpected: string[] = [];
        const found = new Set<string>();
        for (const page of pages) {
          const diffs = differences(`${name}/${page.title}`, ours(page.text, wiki), oracle(page.text, wiki));
          for (const d of diffs) {
            if (acceptedKeys.has(d)) found.add(d);
            else unexpected.push(d);
          }
        }
        expect(unexpected).toEqual([]);
        const stale = ACCEPTED.filter((d) => d.page.startsWith(`${name}/`))
          .map((d) => `${d.page}\t${d.kind}\t${d.side}\t${d.item}`)
          .filter((k) => !found.has(k));
        expect(stale, 'accepted differences that no longer occur').toEqual([]);
      });
    },
  );
}
