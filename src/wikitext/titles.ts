import { NS_SPECIAL, NS_TALK, type NamespaceTable } from '../core/domain/namespaces.ts';
import { decodeHtmlEntities } from './entities.ts';

/**
 * Title parsing as MediaWiki's TitleParser::splitTitleString does it, minus what needs a database
 * (IP user names, local interwiki prefixes) and Unicode NFC normalization (page text is already NFC).
 */
export interface ParsedTitle {
  namespace: number;
  /** The title without namespace prefix, in display form: spaces, first letter per namespace case. */
  title: string;
  fragment?: string;
  /** Lowercased interwiki prefix when the title points to another wiki; namespace is then 0. */
  interwiki?: string;
}

export interface TitleParseOptions {
  /** Namespace of an unprefixed title: 0 for links, 10 for transclusions, 6 for gallery lines. */
  defaultNamespace?: number;
  /** Whether a lowercased prefix is an interwiki prefix; namespace names win over interwiki. */
  isInterwiki?: (prefix: string) => boolean;
}

// MediaWiki folds these to '_' (our ' '); the bidi marks are dropped (T4413).
const TITLE_SPACES = /[ _\u00A0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g;
const BIDI_MARKS = /[\u200E\u200F\u202A-\u202E]/g;
const NEEDS_CLEANUP = /[_&\u00A0\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F\u3000]| {2}|^ | $/;

/**
 * Text normalization shared by every title: HTML entities decoded, bidi marks removed, runs of
 * underscores and Unicode spaces folded into one space, and leading/trailing spaces trimmed. Case is
 * left alone (it depends on the namespace) and `%XX` is not decoded (only wikilinks do that).
 */
export function normalizeTitleText(text: string): string {
  if (!NEEDS_CLEANUP.test(text)) return text;
  const decoded = decodeHtmlEntities(text);
  return decoded.replace(BIDI_MARKS, '').replace(TITLE_SPACES, ' ').replace(/^ | $/g, '');
}

/**
 * Parses `text` into namespace + title, or null when MediaWiki would reject it: empty, illegal
 * characters (`<>[]{}|`, control characters, `%XX`, undecodable `&name;`), relative paths, `~~~`,
 * over 255 bytes, a stray leading colon, or a namespace with nothing after it. A fragment-only title
 * ("#History", a link to the same page) also yields null. A leading colon forces the main namespace.
 */
export function parseTitle(
  text: string,
  namespaces: NamespaceTable,
  options: TitleParseOptions = {},
): ParsedTitle | null {
  let t = normalizeTitleText(text);
  if (t === '') return null;
  let namespace = options.defaultNamespace ?? 0;
  let interwiki: string | undefined;
  if (t.charCodeAt(0) === 0x3a) {
    namespace = 0;
    t = t.slice(1).trim();
  }
  const colon = t.indexOf(':');
  if (colon > 0) {
    const prefix = t.slice(0, colon).trimEnd();
    const rest = t.slice(colon + 1).trimStart();
    const id = prefix === '' ? undefined : namespaceIdOf(namespaces, prefix);
    if (id !== undefined) {
      if (id === NS_TALK && hasKnownPrefix(rest, namespaces, options)) return null;
      namespace = id;
      t = rest;
    } else if (options.isInterwiki?.(prefix.toLowerCase())) {
      interwiki = prefix.toLowerCase();
      namespace = 0;
      t = rest;
      if (t.charCodeAt(0) === 0x3a) t = t.slice(1).trim();
    }
  }
  let fragment: string | undefined;
  const hash = t.indexOf('#');
  if (hash >= 0) {
    fragment = t.slice(hash + 1);
    t = t.slice(0, hash).trimEnd();
  }
  if (t === '') {
    if (interwiki === undefined) return null;
    return fragment === undefined
      ? { namespace, title: '', interwiki }
      : { namespace, title: '', fragment, interwiki };
  }
  // More than 255 UTF-16 units is more than 255 bytes: reject before the character checks.
  if (namespace !== NS_SPECIAL && t.length > 85 && (t.length > 255 || utf8Length(t) > 255)) return null;
  if (!isValidTitleText(t)) return null;
  if (interwiki === undefined && isFirstLetterNamespace(namespaces, namespace)) t = upperFirst(t);
  const parsed: ParsedTitle = { namespace, title: t };
  if (fragment !== undefined) parsed.fragment = fragment;
  if (interwiki !== undefined) parsed.interwiki = interwiki;
  return parsed;
}

/** MediaWiki's first-letter capitalization; characters whose uppercase is several letters stay (ß). */
export function upperFirst(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined || first < 0x61 || (first > 0x7a && first < 0xb5)) return text;
  if (first <= 0x7a) return String.fromCharCode(first - 32) + text.slice(1);
  const width = first > 0xffff ? 2 : 1;
  const head = text.slice(0, width);
  const upper = head.toUpperCase();
  if (upper === head || upper.length !== head.length) return text;
  return upper + text.slice(width);
}

const namespaceCaches = new WeakMap<NamespaceTable, Map<string, number | null>>();

/** NamespaceTable.idOf, memoized per table: link prefixes repeat ("File", "Category") on every page. */
function namespaceIdOf(namespaces: NamespaceTable, prefix: string): number | undefined {
  let cache = namespaceCaches.get(namespaces);
  if (!cache) {
    cache = new Map();
    namespaceCaches.set(namespaces, cache);
  }
  let id = cache.get(prefix);
  if (id === undefined) {
    id = namespaces.idOf(prefix) ?? null;
    if (cache.size < 10_000) cache.set(prefix, id);
  }
  return id ?? undefined;
}

function isFirstLetterNamespace(namespaces: NamespaceTable, id: number): boolean {
  return namespaces.get(id)?.case !== 'case-sensitive';
}

/** "Talk:Category:X" and "Talk:de:X" are invalid: a talk page of a talk page or of another wiki. */
function hasKnownPrefix(rest: string, namespaces: NamespaceTable, options: TitleParseOptions): boolean {
  const colon = rest.indexOf(':');
  if (colon <= 0) return false;
  const prefix = rest.slice(0, colon).trimEnd();
  return (
    namespaceIdOf(namespaces, prefix) !== undefined || (options.isInterwiki?.(prefix.toLowerCase()) ?? false)
  );
}

// ASCII characters MediaWiki allows in titles ($wgLegalTitleChars); everything from U+0080 is legal.
const LEGAL_ASCII = (() => {
  const table = new Uint8Array(128);
  const legal = ' %!"$&\'()*,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ\\^_`abcdefghijklmnopqrstuvwxyz~+';
  for (let i = 0; i < legal.length; i++) table[legal.charCodeAt(i)] = 1;
  return table;
})();

const ILLEGAL_SEQUENCES = /%[0-9A-Fa-f]{2}|&[A-Za-z0-9\u0080-\uffff]+;|&#[0-9]+;|&#x[0-9A-Fa-f]+;/;

function isValidTitleText(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 128 && LEGAL_ASCII[c] === 0) return false;
  }
  if ((t.indexOf('%') >= 0 || t.indexOf('&') >= 0) && ILLEGAL_SEQUENCES.test(t)) return false;
  if (t.charCodeAt(0) === 0x3a) return false;
  if (t.indexOf('.') >= 0 && isRelativePath(t)) return false;
  if (t.indexOf('~~~') >= 0) return false;
  return true;
}

function isRelativePath(t: string): boolean {
  return (
    t === '.' ||
    t === '..' ||
    t.startsWith('./') ||
    t.startsWith('../') ||
    t.includes('/./') ||
    t.includes('/../') ||
    t.endsWith('/.') ||
    t.endsWith('/..')
  );
}

/** Length of `text` in UTF-8 bytes. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) bytes += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return bytes;
}
