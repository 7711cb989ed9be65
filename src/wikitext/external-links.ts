import { decodeHtmlEntities } from '../core/domain/html-entities.ts';
import { protocolLength } from './links.ts';

/**
 * External links as MediaWiki's Parser records them for the externallinks table:
 * - bracketed, `[URL label]` (Parser::handleExternalLinks): a URL with any protocol of
 *   $wgUrlProtocols, protocol-relative `//host` included, up to a space, `]` or a character URLs
 *   cannot hold; a bracket whose URL runs into a newline or `[` is no link;
 * - free, a bare `https://…` (Parser::handleMagicLinks): any protocol except `//`, starting at a
 *   word boundary, outside HTML tags and bracketed links; trailing `,;.:!?` are not part of it,
 *   nor `)` when the URL has no `(` (makeFreeExternalLink).
 * Character references in a URL are decoded (Sanitizer::cleanUrl). The analysis does not expand
 * templates, so a URL also ends at `|`, `{` and `}`: inside a template parameter
 * (`{{cite web|url=https://x|title=…}}`) they delimit the value the template would link.
 */
export function findExternalLinks(text: string): string[] {
  const found: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === LBRACKET) {
      const end = bracketedLink(text, i + 1, found);
      i = end > i ? end : i + 1;
      continue;
    }
    if (c === LT) {
      const close = htmlTagEnd(text, i);
      if (close !== -1) {
        i = close + 1;
        continue;
      }
    }
    if (isAsciiLetter(c) && !isWordChar(text.charCodeAt(i - 1))) {
      const proto = protocolLength(text, i);
      if (proto > 0 && text.charCodeAt(i) !== SLASH) {
        const end = freeLink(text, i, proto, found);
        if (end > i) {
          i = end;
          continue;
        }
      }
    }
    i++;
  }
  return found;
}

const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LT = 0x3c;
const SLASH = 0x2f;

/** A URL ends at `[]<>"`, whitespace and controls (Parser::EXT_LINK_URL_CLASS), and at `|{}`. */
function isUrlChar(c: number): boolean {
  if (c <= 0x20 || c === 0x7f || c === 0xfffd || Number.isNaN(c)) return false;
  switch (c) {
    case 0x5b:
    case 0x5d:
    case 0x3c:
    case 0x3e:
    case 0x22:
    case 0x7c:
    case 0x7b:
    case 0x7d:
    case 0xa0:
    case 0x1680:
    case 0x202f:
    case 0x205f:
    case 0x3000:
      return false;
  }
  return !(c >= 0x2000 && c <= 0x200a);
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** PCRE's `\w` in Unicode mode, for the `\b` before a free link. */
function isWordChar(c: number): boolean {
  if (Number.isNaN(c)) return false;
  if (c < 0x80) return isAsciiLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
  return /[\p{L}\p{N}_]/u.test(String.fromCharCode(c));
}

/** `[` at `start - 1`: records the link and returns the position after `]`, or -1 when it is none. */
function bracketedLink(text: string, start: number, found: string[]): number {
  const proto = protocolLength(text, start);
  if (proto === 0) return -1;
  let j = start + proto;
  while (j < text.length && isUrlChar(text.charCodeAt(j))) j++;
  if (j === start + proto) return -1;
  const url = text.slice(start, j);
  // The label runs to `]`; a newline or other control character first means no link.
  let k = j;
  while (k < text.length) {
    const c = text.charCodeAt(k);
    if (c === RBRACKET) break;
    if ((c < 0x20 && c !== 0x09) || c === 0xfffd) return -1;
    k++;
  }
  if (k >= text.length) return -1;
  found.push(cleanUrl(url));
  return k + 1;
}

/** A free URL from `at`; returns where it ends, or -1 when nothing but the protocol is there. */
function freeLink(text: string, at: number, proto: number, found: string[]): number {
  let j = at + proto;
  while (j < text.length && isUrlChar(text.charCodeAt(j))) j++;
  let url = text.slice(at, j);
  const trailing = url.includes('(') ? /[,;.:!?]+$/ : /[,;.:!?)]+$/;
  url = url.replace(trailing, '');
  if (url.length <= proto) return -1;
  found.push(cleanUrl(url));
  return at + url.length;
}

/** `<tag …>` or `</tag>` at `at`: the position of its `>`, or -1 when `<` starts no tag. */
function htmlTagEnd(text: string, at: number): number {
  const next = text.charCodeAt(at + 1);
  if (!isAsciiLetter(next) && next !== SLASH) return -1;
  const close = text.indexOf('>', at);
  if (close === -1) return -1;
  const newline = text.indexOf('\n', at);
  return newline !== -1 && newline < close ? -1 : close;
}

/** Decodes character references; what decoding brings in that a URL cannot hold is %-encoded. */
function cleanUrl(url: string): string {
  const decoded = decodeHtmlEntities(url);
  if (decoded === url) return url;
  let out = '';
  for (const ch of decoded) out += isUrlChar(ch.charCodeAt(0)) || ch === '|' ? ch : encodeURIComponent(ch);
  return out;
}
