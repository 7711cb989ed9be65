// The two sides of the oracle comparison (oracle*.test.ts): what analyzeWikitext finds in a page and
// what wikiparser-node (an independent MediaWiki parser) finds, both mapped onto MediaWiki's link
// tables, and the differences between them as `kind`/`side`/`item` triples.
import Parser, { type Config } from 'wikiparser-node';
import { NamespaceTable, type NamespaceInfo } from '../../../../src/core/domain/namespaces.ts';
import { analyzeWikitext, type WikitextContext } from '../../../../src/wikitext/analyze.ts';
import {
  COMMON_INTERWIKI_PREFIXES,
  WIKIPEDIA_LANGUAGE_CODES,
} from '../../../../src/core/domain/interwiki.ts';

export type Kind = 'link' | 'category' | 'template' | 'file';
export type Side = 'only-ours' | 'only-oracle';

export interface Difference {
  /** "<dump name>/<page title>", or the file name for ../shared/data/wikitext. */
  page: string;
  kind: Kind;
  side: Side;
  /** "ns:Title" for links and templates, the title for categories and files. */
  item: string;
}

export interface Findings {
  link: Set<string>;
  category: Set<string>;
  template: Set<string>;
  file: Set<string>;
  /** Files we only know from infobox parameters: the oracle cannot see those. */
  infoboxOnly: Set<string>;
}

/** One wiki as both sides see it: our context and the oracle's configuration. */
export interface OracleWiki {
  ctx: WikitextContext;
  config: Config;
}

/** Wikis whose wikiparser-node configuration ships with it (node_modules/wikiparser-node/config). */
const BUNDLED_CONFIGS = new Set(['enwiki', 'jawiki']);

function bundledConfig(name: string): Config {
  Parser.config = name;
  return Parser.getConfig();
}

/**
 * Both sides configured alike for one wiki. Namespaces come from its siteinfo; when
 * wikiparser-node ships a config for the wiki (enwiki, jawiki) its namespace aliases (`WP`, `画像`)
 * and localized magic words (`デフォルトソート`) are given to both sides, else the oracle starts from
 * enwiki's config with its namespaces replaced and neither side knows aliases siteinfo does not list.
 * Interwiki prefixes are ours minus those that are also namespace names (wikiparser-node tries
 * interwiki first, MediaWiki namespaces first).
 */
export function oracleWiki(
  dbname: string,
  siteNamespaces: readonly NamespaceInfo[],
  /** Localized case-sensitive parser functions to give both sides ({ SORTIERUNG: 'defaultsort' }). */
  extraFunctions: Record<string, string> = {},
): OracleWiki {
  const bundled = BUNDLED_CONFIGS.has(dbname);
  const base = bundledConfig(bundled ? dbname : 'enwiki');
  const namespaces = bundled ? withAliases(siteNamespaces, base.nsid) : [...siteNamespaces];
  const nsid: Record<string, number> = {};
  const names: Record<string, string> = {};
  for (const ns of namespaces) {
    names[String(ns.id)] = ns.name;
    for (const n of [ns.name, ns.canonical, ...ns.aliases]) nsid[n.toLowerCase()] = ns.id;
  }
  const interwiki = [...WIKIPEDIA_LANGUAGE_CODES, ...COMMON_INTERWIKI_PREFIXES].filter((p) => !(p in nsid));
  const ctx: WikitextContext = { namespaces: new NamespaceTable(namespaces) };
  const magicWords = [...(bundled ? localizedMagicWords(base) : []), ...Object.keys(extraFunctions)];
  if (magicWords.length > 0) ctx.magicWords = magicWords;
  const [anyCase, exactCase] = base.parserFunction;
  const functions: Config['parserFunction'] = [
    anyCase,
    Array.isArray(exactCase)
      ? [...exactCase, ...Object.keys(extraFunctions)]
      : { ...exactCase, ...extraFunctions },
    ...base.parserFunction.slice(2),
  ] as Config['parserFunction'];
  return { ctx, config: { ...base, nsid, namespaces: names, interwiki, parserFunction: functions } };
}

function withAliases(namespaces: readonly NamespaceInfo[], nsid: Config['nsid']): NamespaceInfo[] {
  return namespaces.map((ns) => {
    const known = new Set([ns.name, ns.canonical, ...ns.aliases].map((n) => n.toLowerCase()));
    const extra = Object.entries(nsid)
      .filter(([name, id]) => id === ns.id && name !== '' && !known.has(name))
      .map(([name]) => name);
    return { ...ns, aliases: [...ns.aliases, ...extra] };
  });
}

/** The config's parser function and variable names that are not plain ASCII (its localized ones). */
function localizedMagicWords(config: Config): string[] {
  const [anyCase, exactCase] = config.parserFunction;
  const words = [...Object.keys(anyCase), ...(Array.isArray(exactCase) ? exactCase : Object.keys(exactCase))];
  return words.filter((w) => [...w].some((c) => c.charCodeAt(0) > 0x7f));
}

export function ours(text: string, wiki: OracleWiki): Findings {
  const a = analyzeWikitext(text, wiki.ctx);
  return {
    link: new Set(a.links.map((l) => `${l.namespace}:${l.title}`)),
    category: new Set(a.categories.map((c) => c.title)),
    template: new Set(a.templates.map((t) => `${t.namespace}:${t.title}`)),
    file: new Set(a.files.map((f) => f.title)),
    infoboxOnly: new Set(a.files.filter((f) => f.source === 'infobox').map((f) => f.title)),
  };
}

// The oracle's token API, as far as this comparison uses it.
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
export function oracle(text: string, wiki: OracleWiki): Findings {
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

export function differences(page: string, mine: Findings, theirs: Findings): Difference[] {
  const out: Difference[] = [];
  for (const kind of ['link', 'category', 'template', 'file'] as const) {
    for (const item of mine[kind]) {
      if (!theirs[kind].has(item) && !(kind === 'file' && mine.infoboxOnly.has(item))) {
        out.push({ page, kind, side: 'only-ours', item });
      }
    }
    for (const item of theirs[kind]) {
      if (!mine[kind].has(item)) out.push({ page, kind, side: 'only-oracle', item });
    }
  }
  return out;
}
