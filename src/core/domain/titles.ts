import { NS_USER, NS_USER_TALK, type NamespaceTable } from './namespaces.ts';

/**
 * Page titles as MediaWiki's TitleParser (MediaWikiTitleCodec::splitTitleString) reads user input.
 * This module is the authority for titles that users type; `src/wikitext/` keeps its own small
 * normalization for links found in wikitext (it may not import this layer).
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
}

export type InvalidTitleReason =
  | 'empty'
  | 'illegal-characters'
  | 'relative-path'
  | 'magic-tilde'
  | 'too-long'
  | 'leading-colon'
  | 'replacement-character';

export type TitleParseResult = { ok: true; title: Title } | { ok: false; reason: InvalidTitleReason };

/** MediaWiki's whitespace set for titles ($wgLegalTitleChars context): spaces, underscores, NBSP and friends. */
const WHITESPACE = /[ _\u00A0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g;
/** Directional marks are stripped (LRM, RLM, LRE…RLO). */
const BIDI = /[\u200E\u200F\u202A-\u202E]/g;
/**
 * Characters outside $wgLegalTitleChars, plus percent-escapes and HTML entities left after
 * decoding (MediaWikiTitleCodec::getTitleInvalidRegex).
 */
// eslint-disable-next-line no-control-regex -- control characters are what this rejects
const ILLEGAL = /[\u0000-\u001F#<>[\]|{}\u007F]|%[0-9A-Fa-f]{2}|&[A-Za-z0-9\u0080-\uFFFF]+;/u;
const MAX_BYTES = 255;
const MAX_BYTES_SPECIAL = 512;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00A0',
};

/**
 * Parses `input` as a title of the wiki whose namespaces are given. `defaultNamespace` applies
 * when the input has no namespace prefix (a leading colon forces the main namespace).
 */
export function parseTitle(
  input: string,
  namespaces: NamespaceTable,
  defaultNamespace = 0,
): TitleParseResult {
  let key = decodeCharacterReferences(input)
    .normalize('NFC')
    .replace(BIDI, '')
    .replace(WHITESPACE, '_')
    .replace(/^_+|_+$/g, '');
  if (key.includes('\uFFFD')) return { ok: false, reason: 'replacement-character' };
  if (key === '') return { ok: false, reason: 'empty' };

  let namespace = defaultNamespace;
  if (key.startsWith(':')) {
    namespace = 0;
    key = key.slice(1).replace(/^_+/, '');
  }

  const prefixed = /^(.+?)_*:_*(.*)$/s.exec(key);
  if (prefixed) {
    const id = namespaces.idOf(prefixed[1] ?? '');
    if (id !== undefined) {
      namespace = id;
      key = prefixed[2] ?? '';
    }
  }

  let fragment = '';
  const hash = key.indexOf('#');
  if (hash !== -1) {
    fragment = key.slice(hash + 1).replace(/_/g, ' ');
    key = key.slice(0, hash).replace(/_+$/, '');
  }

  if (ILLEGAL.test(key)) return { ok: false, reason: 'illegal-characters' };
  if (isRelativePath(key)) return { ok: false, reason: 'relative-path' };
  if (key.includes('~~~')) return { ok: false, reason: 'magic-tilde' };
  const limit = namespace === -1 ? MAX_BYTES_SPECIAL : MAX_BYTES;
  if (Buffer.byteLength(key, 'utf8') > limit) return { ok: false, reason: 'too-long' };
  if (key === '') return { ok: false, reason: 'empty' };
  if (key.startsWith(':')) return { ok: false, reason: 'leading-colon' };

  if (namespaces.get(namespace)?.case !== 'case-sensitive') key = uppercaseFirst(key);
  if ((namespace === NS_USER || namespace === NS_USER_TALK) && isIpv6Like(key)) key = key.toUpperCase();

  return { ok: true, title: makeTitle(namespace, key, namespaces, fragment) };
}

/** parseTitle() for callers that only need to know whether the input is a title. */
export function tryParseTitle(input: string, namespaces: NamespaceTable, defaultNamespace = 0): Title | null {
  const r = parseTitle(input, namespaces, defaultNamespace);
  return r.ok ? r.title : null;
}

/**
 * The DB key form of a partial title typed for a known namespace (ApiQueryBase::titlePartToKey, for
 * `apfrom`, `apprefix` and the like): parsed as MediaWiki does, with a letter appended so a trailing
 * space survives and an empty part stays valid. Null when the part is not a title in `namespace`
 * (illegal characters, a fragment, another namespace's prefix).
 */
export function titlePartToKey(part: string, namespace: number, namespaces: NamespaceTable): string | null {
  const r = parseTitle(`${part}x`, namespaces, namespace);
  if (!r.ok || r.title.fragment !== '' || r.title.namespace !== namespace) return null;
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

/**
 * Upper-cases the first character as MediaWiki's Language::ucfirst does, except where the
 * upper case is longer than one character ("ß" → "SS"), which wikis leave alone.
 */
export function uppercaseFirst(s: string): string {
  const first = s.codePointAt(0);
  if (first === undefined) return s;
  const ch = String.fromCodePoint(first);
  const upper = ch.toUpperCase();
  if ([...upper].length !== 1) return s;
  return upper + s.slice(ch.length);
}

function isRelativePath(key: string): boolean {
  return (
    key === '.' ||
    key === '..' ||
    key.startsWith('./') ||
    key.startsWith('../') ||
    key.includes('/./') ||
    key.includes('/../') ||
    key.endsWith('/.') ||
    key.endsWith('/..')
  );
}

function isIpv6Like(key: string): boolean {
  return /^[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}(\/\d{1,3})?$/.test(key);
}

/**
 * Decodes numeric character references and the few named ones titles meet in practice
 * (Sanitizer::decodeCharReferences); other named references stay and make the title invalid.
 */
function decodeCharacterReferences(s: string): string {
  return s.replace(/&(#[xX][0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);/g, (m, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : m;
    }
    return NAMED_ENTITIES[ref] ?? m;
  });
}
