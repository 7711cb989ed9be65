import { escapeHtml } from '../../../domain/html.ts';
import { searchWords } from '../../../domain/search-words.ts';
import type { SearchPhrase } from '../../../store/repositories/search-index.ts';

/**
 * `srsearch` read as MediaWiki's database search backends read it (SearchDatabase's term
 * parsing): every term must match (AND); `"a b"` is a phrase, its words next to each other and in
 * order; `intitle:x` and `intitle:"a b"` must match in the title. A term that normalization splits
 * (`foo-bar`, `C++11`) is a phrase of its words. Terms match whole words, case- and
 * width-insensitively (search-words.ts); nothing is stemmed.
 */
export function parseSearchQuery(query: string, field: SearchPhrase['field']): SearchPhrase[] {
  const phrases: SearchPhrase[] = [];
  const token = /(intitle:)?(?:"([^"]*)"?|(\S+))/gi;
  for (const m of query.matchAll(token)) {
    const words = searchWords(m[2] ?? m[3] ?? '');
    if (words.length === 0) continue;
    phrases.push({ field: m[1] === undefined ? field : 'title', words });
  }
  return phrases;
}

/** Every word of the query, for highlighting. */
export function queryWords(phrases: readonly SearchPhrase[]): Set<string> {
  return new Set(phrases.flatMap((p) => p.words));
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * `text` as HTML with each word the query searched for in `<span class="searchmatch">`, as
 * MediaWiki's SearchHighlighter marks matches.
 */
export function highlight(text: string, words: ReadonlySet<string>): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const w = m[0];
    if (!words.has(w.normalize('NFKC').toLowerCase())) continue;
    out += escapeHtml(text.slice(last, m.index)) + `<span class="searchmatch">${escapeHtml(w)}</span>`;
    last = m.index + w.length;
  }
  return out + escapeHtml(text.slice(last));
}

/** Lines with a match, at most this many (SearchHighlighter's contextlines). */
const CONTEXT_LINES = 2;
/** Characters kept on each side of a line's first match (contextchars). */
const CONTEXT_CHARS = 75;

/**
 * A text snippet as SearchHighlighter::highlightSimple cuts one: up to two lines that contain a
 * match, each cut to 75 characters around its first match (at word boundaries where there are
 * some), joined by newlines; the start of the text when no line matches (a title-only match).
 */
export function textSnippet(text: string, words: ReadonlySet<string>): string {
  const picked: string[] = [];
  for (const line of text.split('\n')) {
    if (picked.length === CONTEXT_LINES) break;
    const at = firstMatch(line, words);
    if (at === -1) continue;
    picked.push(highlight(around(line, at.index, at.length), words));
  }
  if (picked.length > 0) return picked.join('\n');
  return escapeHtml(cutAtWord(text.replace(/\n/g, ' '), 2 * CONTEXT_CHARS));
}

function firstMatch(line: string, words: ReadonlySet<string>): { index: number; length: number } | -1 {
  for (const m of line.matchAll(WORD)) {
    if (words.has(m[0].normalize('NFKC').toLowerCase())) return { index: m.index, length: m[0].length };
  }
  return -1;
}

function around(line: string, index: number, length: number): string {
  let start = Math.max(0, index - CONTEXT_CHARS);
  let end = Math.min(line.length, index + length + CONTEXT_CHARS);
  if (start > 0) {
    const space = line.indexOf(' ', start);
    if (space !== -1 && space < index) start = space + 1;
  }
  if (end < line.length) {
    const space = line.lastIndexOf(' ', end);
    if (space > index + length) end = space;
  }
  return line.slice(start, end);
}

function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const space = text.lastIndexOf(' ', max);
  return text.slice(0, space > 0 ? space : max);
}
