import { decodeHtmlEntities } from './html-entities.ts';
import { isDefaultInterwikiPrefix } from './interwiki.ts';
import { NS_SPECIAL, NS_TALK, NS_USER, NS_USER_TALK, type NamespaceTable } from './namespaces.ts';

/**
 * Page titles, parsed once for everyone: the Action API's `titles=`, `title=` and filters, the
 * local wiki's writes, and wikitext analysis (link targets, transclusions, redirects) all read a
 * title through splitTitle, MediaWiki's MediaWikiTitleCodec::splitTitleString.
 */
export interface Title {
  namespace: number;
  /** DB key: underscores, no namespace prefix ("Foo_bar"). */
  dbKey: string;
  /** Display form of the DB key ("Foo bar"). */
  text: string;
  /** Display form with the localized namespace name ("Kategorie:Foo bar"). */
  prefixedText: string;
  /** DB key with the localized namespace prefix ("Kategorie:Foo_bar"), as events carry page_title. */
  prefixedDbKey: string;
  /** Text after '#', underscores shown as spaces; '' when there is none. */
  fragment: string;
  /** Lower-case interwiki prefix of a title on another wiki ("de"); '' for a title of this wiki. */
  interwiki: string;
}

/** The parts of a title as splitTitle reads them. */
export interface ParsedTitle {
  namespace: number;
  /** The title without namespace prefix, in display form: spaces, first letter per namespace case. */
  title: string;
  fragment?: string;
  /** Lower-case interwiki prefix when the title points to another wiki; namespace is then 0. */
  interwiki?: string;
}

export interface TitleParseOptions {
  /** Namespace of an unprefixed title: 0 for links, 10 for transclusions, 6 for gallery lines. */
  defaultNamespace?: number;
  /**
   * Whether a lower-case prefix is an interwiki prefix; namespace names win over interwiki.
   * Without it no prefix is one. User input (parseTitle) and wikilinks (wikitext/context.ts) both
   * use the shared interwiki map of interwiki.ts.
   */
  isInterwiki?: (prefix: string) => boolean;
}

/** Why splitTitle refused a title (MediaWiki's `title-invalid-*` messages). */
export type InvalidTitleReason =
  | 'empty'
  | 'illegal-characters'
  | 'relative-path'
  | 'magic-tilde'
  | 'too-long'
  | 'leading-colon'
  | 'talk-namespace'
  | 'replacement-character';

export type TitleParseResult = { ok: true; title: Title } | { ok: false; reason: InvalidTitleReason };

// MediaWiki folds these to '_' (our ' '); the bidi marks are dropped (T4413).
const TITLE_SPACES = /[ _\u00A0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g;
const BIDI_MARKS = /[\u200E\u200F\u202A-\u202E]/g;
const NEEDS_CLEANUP = /[_&\u00A0\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F\u3000]| {2}|^ | $/;
// eslint-disable-next-line no-control-regex -- only ASCII input skips Unicode normalization
const NON_ASCII = /[^\u0000-\u007F]/;

/**
 * Text normalization shared by every title: HTML character references decoded
 * (Sanitizer::decodeCharReferences, so `Caf&eacute;` is "Café"), Unicode NFC, bidi marks removed,
 * runs of underscores and Unicode spaces folded into one space, and leading/trailing spaces
 * trimmed. Case is left alone (it depends on the namespace) and `%XX` is not decoded (only
 * wikilinks do that).
 */
export function normalizeTitleText(text: string): string {
  let t = text;
  if (NON_ASCII.test(t)) t = t.normalize('NFC');
  if (!NEEDS_CLEANUP.test(t)) return t;
  const decoded = t.indexOf('&') === -1 ? t : decodeHtmlEntities(t);
  return decoded.replace(BIDI_MARKS, '').replace(TITLE_SPACES, ' ').replace(/^ | $/g, '');
}

/**
 * Splits `text` into namespace, title, fragment and interwiki prefix as MediaWiki's
 * MediaWikiTitleCodec::splitTitleString does, or says why it is not a title: empty (also a
 * namespace with nothing after it, and a fragment alone such as "#History"), illegal characters
 * (`<>[]{}|`, control characters, `%XX`, undecodable `&name;`), a relative path, `~~~`, over 255
 * bytes (512 for Special:), a stray leading colon, U+FFFD, or a namespace or interwiki prefix
 * after `Talk:` ("Talk:Help:X" is refused, `title-invalid-talk-namespace`). A leading colon forces
 * the main namespace; the first letter is upper-cased unless the namespace is case-sensitive or
 * the title is on another wiki; IPv6 addresses in User: and User talk: are upper-cased.
 */
export function splitTitle(
  text: string,
  namespaces: NamespaceTable,
  options: TitleParseOptions = {},
): ParsedTitle | InvalidTitleReason {
  let t = normalizeTitleText(text);
  if (t.indexOf('\uFFFD') !== -1) return 'replacement-character';
  if (t === '') return 'empty';
  const isInterwiki = options.isInterwiki;
  let namespace = options.defaultNamespace ?? 0;
  let interwiki: string | undefined;
  if (t.charCodeAt(0) === 0x3a) {
    namespace = 0;
    t = t.slice(1).trimStart();
  }
  const colon = t.indexOf(':');
  if (colon > 0) {
    const prefix = t.slice(0, colon).trimEnd();
    const rest = t.slice(colon + 1).trimStart();
    const id = prefix === '' ? undefined : namespaceIdOf(namespaces, prefix);
    if (id !== undefined) {
      if (id === NS_TALK && hasKnownPrefix(rest, namespaces, isInterwiki)) return 'talk-namespace';
      namespace = id;
      t = rest;
    } else if (isInterwiki?.(prefix.toLowerCase())) {
      interwiki = prefix.toLowerCase();
      namespace = 0;
      t = rest;
      if (t.charCodeAt(0) === 0x3a) t = t.slice(1).trimStart();
    }
  }
  let fragment: string | undefined;
  const hash = t.indexOf('#');
  if (hash >= 0) {
    fragment = t.slice(hash + 1);
    t = t.slice(0, hash).trimEnd();
  }
  if (t === '') {
    if (interwiki === undefined) return 'empty';
    return fragment === undefined
      ? { namespace, title: '', interwiki }
      : { namespace, title: '', fragment, interwiki };
  }
  const invalid = invalidTitleText(t, namespace);
  if (invalid !== undefined) return invalid;
  if (interwiki === undefined) {
    if (isFirstLetterNamespace(namespaces, namespace)) t = upperFirst(t);
    if ((namespace === NS_USER || namespace === NS_USER_TALK) && isIpv6Like(t)) t = t.toUpperCase();
  }
  const parsed: ParsedTitle = { namespace, title: t };
  if (fragment !== undefined) parsed.fragment = fragment;
  if (interwiki !== undefined) parsed.interwiki = interwiki;
  return parsed;
}

/** splitTitle for callers that only need the parts: null when `text` is not a title. */
export function parseTitleParts(
  text: string,
  namespaces: NamespaceTable,
  options?: TitleParseOptions,
): ParsedTitle | null {
  const parsed = splitTitle(text, namespaces, options);
  return typeof parsed === 'string' ? null : parsed;
}

/**
 * Parses user input (an API parameter, a page-view path) as a Title of the wiki whose namespaces
 * are given. `defaultNamespace` applies when the input has no namespace prefix. A title on
 * another wiki has `interwiki` set.
 */
export function parseTitle(
  input: string,
  namespaces: NamespaceTable,
  defaultNamespace = 0,
): TitleParseResult {
  const parsed = splitTitle(input, namespaces, { defaultNamespace, isInterwiki: isDefaultInterwikiPrefix });
  if (typeof parsed === 'string') return { ok: false, reason: parsed };
  const title = makeTitle(parsed.namespace, toDbKey(parsed.title), namespaces, parsed.fragment ?? '');
  if (parsed.interwiki === undefined) return { ok: true, title };
  const prefixed = `${parsed.interwiki}:${parsed.title}`;
  return {
    ok: true,
    title: {
      ...title,
      interwiki: parsed.interwiki,
      prefixedText: prefixed,
      prefixedDbKey: toDbKey(prefixed),
    },
  };
}

/** A title of this wiki from user input, or null when it is not one (invalid, or on another wiki). */
export function tryParseTitle(input: string, namespaces: NamespaceTable, defaultNamespace = 0): Title | null {
  const r = parseTitle(input, namespaces, defaultNamespace);
  return r.ok && r.title.interwiki === '' ? r.title : null;
}

/**
 * The DB key form of a partial title typed for a known namespace (ApiQueryBase::titlePartToKey, for
 * `apfrom`, `apprefix` and the like): parsed as MediaWiki does, with a letter appended so a trailing
 * space survives and an empty part stays valid. Null when the part is not a title in `namespace`
 * (illegal characters, a fragment, another namespace's or wiki's prefix).
 */
export function titlePartToKey(part: string, namespace: number, namespaces: NamespaceTable): string | null {
  const r = parseTitle(`${part}x`, namespaces, namespace);
  if (!r.ok || r.title.fragment !== '' || r.title.namespace !== namespace || r.title.interwiki !== '')
    return null;
  return r.title.dbKey.slice(0, -1);
}

/** A Title from a stored (namespace, DB key) pair, which is trusted to be normalized already. */
export function makeTitle(
  namespace: number,
  dbKey: string,
  namespaces: NamespaceTable,
  fragment = '',
): Title {
  const text = toDisplayText(dbKey);
  return {
    namespace,
    dbKey,
    text,
    prefixedText: formatTitle(namespace, dbKey, namespaces),
    prefixedDbKey: toDbKey(formatTitle(namespace, dbKey, namespaces)),
    fragment,
    interwiki: '',
  };
}

/** The display form of a page with its localized namespace prefix ("User talk:Foo bar"). */
export function formatTitle(namespace: number, dbKey: string, namespaces: NamespaceTable): string {
  const text = toDisplayText(dbKey);
  if (namespace === 0) return text;
  const name = namespaces.get(namespace)?.name;
  return `${name === undefined || name === '' ? `Special:Badtitle/NS${namespace}` : name}:${text}`;
}

export function toDbKey(text: string): string {
  return text.replace(/ /g, '_');
}

export function toDisplayText(dbKey: string): string {
  return dbKey.replace(/_/g, ' ');
}

/** MediaWiki pairs every subject namespace n ≥ 0 (even) with the talk namespace n+1. */
export function isTalkNamespace(namespace: number): boolean {
  return namespace > 0 && namespace % 2 === 1;
}

/** The talk page of a title (itself when it already is one); null for Special: and Media:. */
export function talkPageOf(title: Title, namespaces: NamespaceTable): Title | null {
  if (title.namespace < 0) return null;
  const talk = isTalkNamespace(title.namespace) ? title.namespace : title.namespace + 1;
  if (!namespaces.get(talk)) return null;
  return makeTitle(talk, title.dbKey, namespaces);
}

/** The subject page of a talk page (itself for subject pages). */
export function subjectPageOf(title: Title, namespaces: NamespaceTable): Title {
  if (!isTalkNamespace(title.namespace)) return title;
  return makeTitle(title.namespace - 1, title.dbKey, namespaces);
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

/** Length of `text` in UTF-8 bytes. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) bytes += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return bytes;
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

/**
 * "Talk:Category:X" and "Talk:de:X" are invalid: a talk page of a talk page or of another wiki
 * (MediaWikiTitleCodec: "Disallow Talk:File:x type titles"). The main namespace has no name, so
 * "Talk::X" is not caught here but by the leading-colon rule.
 */
function hasKnownPrefix(
  rest: string,
  namespaces: NamespaceTable,
  isInterwiki: ((p: string) => boolean) | undefined,
): boolean {
  const colon = rest.indexOf(':');
  if (colon <= 0) return false;
  const prefix = rest.slice(0, colon).trimEnd();
  return namespaceIdOf(namespaces, prefix) !== undefined || (isInterwiki?.(prefix.toLowerCase()) ?? false);
}

// ASCII characters MediaWiki allows in titles ($wgLegalTitleChars); everything from U+0080 is legal.
const LEGAL_ASCII = (() => {
  const table = new Uint8Array(128);
  const legal = ' %!"$&\'()*,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ\\^_`abcdefghijklmnopqrstuvwxyz~+';
  for (let i = 0; i < legal.length; i++) table[legal.charCodeAt(i)] = 1;
  return table;
})();

const ILLEGAL_SEQUENCES = /%[0-9A-Fa-f]{2}|&[A-Za-z0-9\u0080-\uffff]+;|&#[0-9]+;|&#x[0-9A-Fa-f]+;/;
const MAX_BYTES = 255;
const MAX_BYTES_SPECIAL = 512;

/** MediaWikiTitleCodec's checks of the title text (getTitleInvalidRegex, relative paths, `~~~`, length). */
function invalidTitleText(t: string, namespace: number): InvalidTitleReason | undefined {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 128 && LEGAL_ASCII[c] === 0) return 'illegal-characters';
  }
  if ((t.indexOf('%') >= 0 || t.indexOf('&') >= 0) && ILLEGAL_SEQUENCES.test(t)) return 'illegal-characters';
  if (t.indexOf('.') >= 0 && isRelativePath(t)) return 'relative-path';
  if (t.indexOf('~~~') >= 0) return 'magic-tilde';
  const limit = namespace === NS_SPECIAL ? MAX_BYTES_SPECIAL : MAX_BYTES;
  // Up to limit/3 UTF-16 units is at most `limit` bytes: no need to count.
  if (t.length > limit / 3 && (t.length > limit || utf8Length(t) > limit)) return 'too-long';
  if (t.charCodeAt(0) === 0x3a) return 'leading-colon';
  return undefined;
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

function isIpv6Like(key: string): boolean {
  return /^[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}(\/\d{1,3})?$/.test(key);
}

/** wfUrlencode-style encoding of a prefixed title for URLs (spaces → underscores, `:/` kept). */
export function encodeTitleForUrl(prefixedTitle: string): string {
  return encodeURIComponent(prefixedTitle.replace(/ /g, '_'))
    .replace(/%3A/gi, ':')
    .replace(/%2F/gi, '/')
    .replace(/%40/gi, '@')
    .replace(/%24/gi, '$')
    .replace(/%2C/gi, ',')
    .replace(/%3B/gi, ';');
}
