import { NS_CATEGORY, NS_FILE, NS_MEDIA, NS_SPECIAL } from '../core/domain/namespaces.ts';
import type { ResolvedContext } from './context.ts';
import { parseTitleParts, upperFirst, utf8Length } from '../core/domain/titles.ts';

/**
 * Wikilinks as MediaWiki's Parser::handleInternalLinks2 finds them. The text is split at every `[[`
 * (non-overlapping, left to right); a piece is a link when it starts with legal title characters
 * followed by `]]`, or by `|`, at least one character and `]]`, all before the next `[[`. So in
 * `[[A|b [[C]] d]]` only C is a link. A File link may contain links in its caption: its end is found
 * by walking on through the next pieces (the "might be an image" loop).
 */

export type WikilinkKind =
  | 'page' // a local page, including colon links to categories and files ([[:Category:X]])
  | 'file' // [[File:X]] (image use)
  | 'media' // [[Media:X]] (file use, rendered as a plain link)
  | 'category' // [[Category:X|sort key]]
  | 'langlink' // [[de:Titel]] without a leading colon
  | 'interwiki' // [[wikt:word]], [[:de:Titel]]
  | 'special' // [[Special:X]]: never recorded as a page link
  | 'self'; // [[#Section]]

export interface Wikilink {
  kind: WikilinkKind;
  namespace: number;
  title: string;
  fragment: string | undefined;
  interwiki: string | undefined;
  /** The link target as written (after %-decoding), without a leading colon. */
  text: string;
  /** Label range (after the first `|`), or -1 when the link has no label. */
  labelStart: number;
  labelEnd: number;
  /** Just after the closing `]]`. */
  end: number;
}

/** Memoized forward `indexOf`: link scanning asks for the next `[[`/`]]` from increasing offsets. */
class ForwardSearch {
  #from = -1;
  #found = -1;

  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}

  next(from: number): number {
    if (from >= this.#from && this.#from >= 0 && (this.#found === -1 || this.#found >= from)) {
      return this.#found;
    }
    this.#from = from;
    this.#found = this.text.indexOf(this.needle, from);
    return this.#found;
  }
}

export interface LinkSearch {
  opens: ForwardSearch;
  closes: ForwardSearch;
  /**
   * The `[[` of the last piece an unclosed File link consumed (findImageEnd), -1 if none: MediaWiki
   * re-parses that piece as the last one of the caption, where it cannot close, so it is no link.
   */
  swallowed: number;
}

export function linkSearch(text: string): LinkSearch {
  return { opens: new ForwardSearch(text, '[['), closes: new ForwardSearch(text, ']]'), swallowed: -1 };
}

/**
 * $wgUrlProtocols of Wikimedia wikis: scheme → whether `//` must follow the colon. `//` alone
 * (protocol-relative) is a protocol too. `[[http://x]]` is not a wikilink.
 */
const URL_SCHEMES: ReadonlyMap<string, boolean> = new Map([
  ['bitcoin', false],
  ['ftp', true],
  ['ftps', true],
  ['geo', false],
  ['git', true],
  ['gopher', true],
  ['http', true],
  ['https', true],
  ['irc', true],
  ['ircs', true],
  ['magnet', false],
  ['mailto', false],
  ['matrix', false],
  ['mms', true],
  ['news', false],
  ['nntp', true],
  ['redis', true],
  ['sftp', true],
  ['sip', false],
  ['sips', false],
  ['sms', false],
  ['ssh', true],
  ['svn', true],
  ['tel', false],
  ['telnet', true],
  ['urn', false],
  ['worldwind', true],
  ['xmpp', false],
]);

/** Length of the URL protocol (`https://`, `mailto:`, `//`) that `text` starts with at `at`, or 0. */
export function protocolLength(text: string, at: number): number {
  if (text.charCodeAt(at) === 0x2f) return text.charCodeAt(at + 1) === 0x2f ? 2 : 0;
  let end = at;
  while (end < text.length && end - at < 10) {
    const c = text.charCodeAt(end) | 0x20;
    if (c < 0x61 || c > 0x7a) break;
    end++;
  }
  if (end === at || text.charCodeAt(end) !== 0x3a) return 0;
  const slashes = URL_SCHEMES.get(text.slice(at, end).toLowerCase());
  if (slashes === undefined) return 0;
  if (!slashes) return end - at + 1;
  return text.charCodeAt(end + 1) === 0x2f && text.charCodeAt(end + 2) === 0x2f ? end - at + 3 : 0;
}

// Title::legalChars() plus '#' and '%'; every code unit from U+0080 is legal.
const TARGET_CHAR = (() => {
  const table = new Uint8Array(128);
  const legal = ' %!"$&\'()*,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ\\^_`abcdefghijklmnopqrstuvwxyz~+#';
  for (let i = 0; i < legal.length; i++) table[legal.charCodeAt(i)] = 1;
  return table;
})();

// Characters that send a target through full title parsing.
const TARGET_SPECIAL = (() => {
  const table = new Uint8Array(128);
  for (const c of ':%&_#~/') table[c.charCodeAt(0)] = 1;
  return table;
})();

/**
 * The wikilink whose `[[` is at `open` (a split point), or null when the piece is not a link
 * (MediaWiki then outputs it as text).
 */
export function readWikilink(
  text: string,
  open: number,
  search: LinkSearch,
  ctx: ResolvedContext,
): Wikilink | null {
  if (open === search.swallowed) return null;
  const n = text.length;
  const start = open + 2;
  let j = start;
  // A "simple" target (no prefix, fragment, escapes, odd spaces) is its own main-namespace title.
  let simple = text.charCodeAt(start) !== 0x20 && text.charCodeAt(start) !== 0x2e;
  let previous = 0;
  let nonAscii = false;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c < 128) {
      if (TARGET_CHAR[c] === 0) break;
      if (TARGET_SPECIAL[c] === 1 || (c === 0x20 && previous === 0x20)) simple = false;
    } else {
      nonAscii = true;
      if (c === 0xa0 || c === 0x1680 || c === 0x180e || (c >= 0x2000 && c <= 0x3000)) simple = false;
    }
    previous = c;
    j++;
  }
  if (j === start || j >= n) return null;
  if (previous === 0x20) simple = false;
  const nextOpen = search.opens.next(start);
  const pieceEnd = nextOpen === -1 ? n : nextOpen;
  let labelStart = -1;
  let close: number;
  const stop = text.charCodeAt(j);
  if (stop === 0x7c) {
    labelStart = j + 1;
    close = search.closes.next(j + 2);
    if (close !== -1 && close + 2 > pieceEnd) close = -1;
  } else if (stop === 0x5d && text.charCodeAt(j + 1) === 0x5d) {
    close = j;
  } else {
    return null;
  }

  if (simple && close !== -1) {
    const linkText = text.slice(start, j);
    // Text that is not NFC (saved text always is) goes to the title parser, which normalizes it.
    if (!nonAscii || linkText.normalize('NFC') === linkText) {
      const title = ctx.mainIsCaseSensitive ? linkText : upperFirst(linkText);
      if (title.length > 85 && utf8Length(title) > 255) return null;
      return simpleLink(title, linkText, labelStart, close, text);
    }
  }

  let target = text.slice(start, j);
  if (target.indexOf('%') !== -1) target = rawUrlDecode(target).replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (target.charCodeAt(0) === 0x20) target = target.replace(/^ +/, '');
  if (target.indexOf(':') !== -1 || target.charCodeAt(0) === 0x2f) {
    if (protocolLength(target, 0) > 0) return null;
  }
  const forced = target.charCodeAt(0) === 0x3a;
  const linkText = forced ? target.slice(1) : target;

  let kind: WikilinkKind = 'page';
  let namespace = 0;
  let title = '';
  let fragment: string | undefined;
  let interwiki: string | undefined;
  if (isFragmentOnly(linkText)) {
    kind = 'self';
  } else {
    const parsed = parseTitleParts(linkText, ctx.namespaces, ctx.linkTitles);
    if (!parsed) return null;
    namespace = parsed.namespace;
    title = parsed.title;
    fragment = parsed.fragment;
    interwiki = parsed.interwiki;
    if (interwiki !== undefined) kind = !forced && ctx.languages.has(interwiki) ? 'langlink' : 'interwiki';
    else if (namespace === NS_MEDIA) kind = 'media';
    else if (namespace === NS_SPECIAL) kind = 'special';
    else if (!forced && namespace === NS_FILE) kind = 'file';
    else if (!forced && namespace === NS_CATEGORY) kind = 'category';
  }

  if (close === -1) {
    if (kind !== 'file') return null;
    close = findImageEnd(text, pieceEnd, search);
    if (close === -1) return null;
  }
  const link = simpleLink(title, linkText, labelStart, close, text);
  link.kind = kind;
  link.namespace = namespace;
  link.fragment = fragment;
  link.interwiki = interwiki;
  return link;
}

function simpleLink(
  title: string,
  linkText: string,
  labelStart: number,
  close: number,
  text: string,
): Wikilink {
  let labelEnd = labelStart === -1 ? -1 : close;
  let end = close + 2;
  // T1500: in [[File:X|[http://example.com a]]] the third ']' belongs to the caption.
  if (labelStart !== -1 && text.charCodeAt(end) === 0x5d && text.lastIndexOf('[', close) >= labelStart) {
    labelEnd += 1;
    end += 1;
  }
  return {
    kind: 'page',
    namespace: 0,
    title,
    fragment: undefined,
    interwiki: undefined,
    text: linkText,
    labelStart,
    labelEnd,
    end,
  };
}

function isFragmentOnly(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x23) return true;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a) return false;
  }
  return false;
}

/**
 * For a File link whose caption holds links: the next pieces are consumed while each has exactly one
 * `]]`; a piece with two closes the image at its second `]]`; a piece with none means no image, and
 * that piece is consumed too (search.swallowed): `[[File:A|[[b]] [[File:C|[[d]]]]` has no image.
 */
function findImageEnd(text: string, pieceStart: number, search: LinkSearch): number {
  let open = pieceStart;
  while (open !== -1 && open < text.length) {
    const from = open + 2;
    const next = search.opens.next(from);
    const end = next === -1 ? text.length : next;
    const first = search.closes.next(from);
    if (first === -1 || first + 2 > end) {
      search.swallowed = open;
      return -1;
    }
    const second = search.closes.next(first + 2);
    if (second !== -1 && second + 2 <= end) return second;
    open = next;
  }
  return -1;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
}

/** PHP rawurldecode over UTF-8 bytes; invalid UTF-8 becomes U+FFFD, as MediaWiki's cleanup does. */
export function rawUrlDecode(text: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(text)) return text;
  const src = encoder.encode(text);
  const out = new Uint8Array(src.length);
  let k = 0;
  for (let i = 0; i < src.length; i++) {
    const b = src[i] ?? 0;
    if (b === 0x25 && i + 2 < src.length) {
      const hi = hexValue(src[i + 1] ?? 0);
      const lo = hexValue(src[i + 2] ?? 0);
      if (hi >= 0 && lo >= 0) {
        out[k++] = hi * 16 + lo;
        i += 2;
        continue;
      }
    }
    out[k++] = b;
  }
  return decoder.decode(out.subarray(0, k));
}
