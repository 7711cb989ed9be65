import type { ResolvedContext } from './context.ts';
import { rawUrlDecode } from './links.ts';
import { phpLtrim } from './php-trim.ts';
import { parseTitleParts } from '../core/domain/titles.ts';

export interface RedirectTarget {
  namespace: number;
  title: string;
  fragment?: string;
  /** Set when the redirect points to another wiki ("#REDIRECT [[wikt:word]]"). */
  interwiki?: string;
}

/**
 * The redirect target, as WikitextContent::getRedirectTarget reads it from the raw text: after leading
 * whitespace, a redirect magic word (any case), optional whitespace and one colon, then the first
 * `[[target]]` or `[[target|...]]` on that line. A `%XX` target is URL-decoded. Comments are not
 * skipped: `<!-- x -->#REDIRECT [[A]]` is not a redirect. Special pages and fragment-only targets are
 * not valid redirect targets.
 */
export function parseRedirect(source: string, ctx: ResolvedContext): RedirectTarget | null {
  return readRedirect(source, ctx)?.target ?? null;
}

/**
 * The redirect target and where the redirect (magic word through the link's `]]`) ends in `source`.
 * WikitextContentHandler parses a redirect page without that part and records the target as a plain
 * page link (ParserOutput::addLink), so `#REDIRECT [[Category:X]]` links to the category page
 * instead of categorizing the redirect.
 */
export function readRedirect(
  source: string,
  ctx: ResolvedContext,
): { target: RedirectTarget; start: number; end: number } | null {
  if (source.indexOf('#') === -1) return null;
  const text = phpLtrim(source);
  if (text.charCodeAt(0) !== 0x23) return null;
  const start = source.length - text.length;
  const head = text.slice(0, 64).toLowerCase();
  for (const word of ctx.redirectWords) {
    if (!head.startsWith(word.toLowerCase())) continue;
    const link = readTarget(text, word.length);
    if (link === null) continue;
    const target = link.target;
    const decoded = target.indexOf('%') === -1 ? target : rawUrlDecode(target.replace(/^:+/, ''));
    const title = parseTitleParts(decoded, ctx.namespaces, ctx.linkTitles);
    if (!title || title.namespace < 0) return null;
    return { target: title, start, end: start + link.end };
  }
  return null;
}

/**
 * `^\s*:?\s*\[\[(.*?)(?:\|.*?)?\]\]` from `at`, with `.` not crossing a newline: the target and
 * the offset just after `]]`.
 */
function readTarget(text: string, at: number): { target: string; end: number } | null {
  const opening = /\s*:?\s*\[\[/y;
  opening.lastIndex = at;
  if (!opening.test(text)) return null;
  const from = opening.lastIndex;
  let lineEnd = text.indexOf('\n', from);
  if (lineEnd === -1) lineEnd = text.length;
  const close = text.indexOf(']]', from);
  if (close === -1 || close + 2 > lineEnd) return null;
  const pipe = text.indexOf('|', from);
  return { target: text.slice(from, pipe !== -1 && pipe < close ? pipe : close), end: close + 2 };
}
