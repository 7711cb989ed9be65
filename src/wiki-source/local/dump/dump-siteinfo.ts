import { defaultNamespaces, NS_FILE, NS_MAIN } from '../../../core/domain/namespaces.ts';
import type { NamespaceInfo } from '../../../core/domain/namespaces.ts';
import type { DumpSiteInfo } from '../../../core/imports/dump-types.ts';

/** One `<namespace key=".." case="..">Name</namespace>` entry as read from the dump. */
export interface RawNamespace {
  key: number;
  case: string | null;
  name: string;
}

export interface RawSiteInfo {
  sitename: string;
  dbname: string;
  base: string;
  generator: string;
  case: string;
  namespaces: RawNamespace[];
  /** 0.11 `<namespacealiases>`; MediaWiki itself does not write them, other exporters may. */
  aliases: RawNamespace[];
  /** xml:lang of the root element. */
  rootLang: string | null;
}

/**
 * Namespace ids fixed by widely deployed extensions (not by core), so their canonical English
 * names hold on every wiki that has them; ltgwiki, for one, localizes Topic (2600) as "Tēma".
 */
const EXTENSION_CANONICAL_NAMES: ReadonlyMap<number, string> = new Map([
  [446, 'Education Program'],
  [447, 'Education Program talk'],
  [710, 'TimedText'],
  [711, 'TimedText talk'],
  [2300, 'Gadget'],
  [2301, 'Gadget talk'],
  [2302, 'Gadget definition'],
  [2303, 'Gadget definition talk'],
  [2600, 'Topic'],
]);

/**
 * Core aliases valid on every wiki: "Image" and "Image talk" for File and File talk. The English
 * default "Wikipedia" alias of the project namespace is left out: it names that namespace only on
 * Wikipedias, and the dump already gives the project namespace's real name.
 */
function coreAliases(fallback: NamespaceInfo | undefined): string[] {
  const isFile = fallback !== undefined && (fallback.id === NS_FILE || fallback.id === NS_FILE + 1);
  return isFile ? [...fallback.aliases] : [];
}

function toCase(value: string | null, siteCase: string): NamespaceInfo['case'] {
  return (value ?? siteCase) === 'case-sensitive' ? 'case-sensitive' : 'first-letter';
}

/**
 * The wiki's namespaces as NamespaceInfo: localized name from the dump, English canonical name
 * for ids MediaWiki or well-known extensions define (else the localized name), the main
 * namespace as the only content namespace (dumps do not carry $wgContentNamespaces).
 * A dump without `<namespaces>` gets MediaWiki's defaults with the site's case.
 */
export function buildNamespaces(
  raw: readonly RawNamespace[],
  aliases: readonly RawNamespace[],
  siteCase: string,
): NamespaceInfo[] {
  const defaults = new Map(defaultNamespaces().map((ns) => [ns.id, ns]));
  if (raw.length === 0) {
    return [...defaults.values()].map((ns) => ({ ...ns, case: toCase(null, siteCase) }));
  }
  const byId = new Map<number, NamespaceInfo>();
  for (const entry of raw) {
    if (byId.has(entry.key)) continue;
    const fallback = defaults.get(entry.key);
    const canonical = fallback?.canonical ?? EXTENSION_CANONICAL_NAMES.get(entry.key) ?? entry.name;
    byId.set(entry.key, {
      id: entry.key,
      name: entry.name,
      canonical,
      aliases: coreAliases(fallback).filter((a) => a !== entry.name && a !== canonical),
      content: entry.key === NS_MAIN,
      case: toCase(entry.case, siteCase),
    });
  }
  for (const alias of aliases) {
    const ns = byId.get(alias.key);
    if (ns && alias.name !== '' && ![ns.name, ns.canonical, ...ns.aliases].includes(alias.name)) {
      ns.aliases.push(alias.name);
    }
  }
  return [...byId.values()];
}

/** Wikimedia project families: dbname suffix and host domain. */
const FAMILY_SUFFIXES = [
  'wiktionary',
  'wikibooks',
  'wikinews',
  'wikiquote',
  'wikisource',
  'wikiversity',
  'wikivoyage',
  'wiki',
] as const;
const FAMILY_HOST =
  /^([a-z][a-z0-9-]*)\.(?:m\.)?(?:wikipedia|wiktionary|wikibooks|wikinews|wikiquote|wikisource|wikiversity|wikivoyage)\.org$/;

/** Wikimedia dbnames ending in "wiki" that are not language editions. */
const NON_LANGUAGE_DBNAMES = new Set([
  'commonswiki',
  'metawiki',
  'specieswiki',
  'wikidatawiki',
  'mediawikiwiki',
  'foundationwiki',
  'incubatorwiki',
  'outreachwiki',
  'sourceswiki',
  'testwiki',
  'test2wiki',
  'wikifunctionswiki',
]);

const LANGUAGE_CODE = /^[a-z]{2,3}(?:-[a-z0-9]+)*$/;

/** 'ltgwiki' → 'ltg', 'zh_yuewiki' → 'zh-yue', 'commonswiki' → undefined. */
export function languageFromDbname(dbname: string): string | undefined {
  if (NON_LANGUAGE_DBNAMES.has(dbname)) return undefined;
  for (const suffix of FAMILY_SUFFIXES) {
    if (dbname.endsWith(suffix) && dbname.length > suffix.length) {
      const code = dbname.slice(0, -suffix.length).replace(/_/g, '-');
      return LANGUAGE_CODE.test(code) ? code : undefined;
    }
  }
  return undefined;
}

/** 'https://ltg.wikipedia.org/wiki/…' → 'ltg'; non-Wikimedia hosts → undefined. */
export function languageFromBaseUrl(base: string): string | undefined {
  let host: string;
  try {
    host = new URL(base).hostname;
  } catch {
    return undefined;
  }
  const code = FAMILY_HOST.exec(host)?.[1];
  return code !== undefined && LANGUAGE_CODE.test(code) ? code : undefined;
}

export function buildSiteInfo(raw: RawSiteInfo): DumpSiteInfo {
  const siteCase = raw.case === '' ? 'first-letter' : raw.case;
  const lang =
    (raw.rootLang !== null && raw.rootLang !== '' ? raw.rootLang : undefined) ??
    languageFromDbname(raw.dbname) ??
    languageFromBaseUrl(raw.base);
  const info: DumpSiteInfo = {
    sitename: raw.sitename,
    dbname: raw.dbname,
    base: raw.base,
    generator: raw.generator,
    case: siteCase,
    namespaces: buildNamespaces(raw.namespaces, raw.aliases, siteCase),
  };
  if (lang !== undefined) info.lang = lang;
  return info;
}
