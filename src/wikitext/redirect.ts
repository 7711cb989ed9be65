import type { ResolvedContext } from './context.ts';
import { rawUrlDecode } from './links.ts';
import { phpLtrim } from './php-trim.ts';
import { parseTitle } from './titles.ts';

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
  if (source.indexOf('#') === -1) return null;
  const text = phpLtrim(source);
  if (text.charCodeAt(0) !== 0x23) return null;
  const head = text.slice(0, 64).toLowerCase();
  for (const word of ctx.redirectWords) {
    if (!head.startsWith(word.toLowerCase())) continue;
    const target = readTarget(text.slice(word.length));
    if (target === null) continue;
    const decoded = target.indexOf('%') === -1 ? target : rawUrlDecode(target.replace(/^:+/, ''));
    const title = parseTitle(decoded, ctx.namespaces, ctx.linkTitles);
    if (!title || title.namespace < 0) return null;
    return title;
  }
  return null;
}

/** `^\s*:?\s*\[\[(.*?)(?:\|.*?)?\]\]`, with `.` not crossing a newline. */
function readTarget(rest: string): string | null {
  const m = /^\s*:?\s*\[\[/.exec(rest);
  if (!m) return null;
  const from = m[0].length;
  let lineEnd = rest.indexOf('\n', from);
  if (lineEnd === -1) lineEnd = rest.length;
  const close = rest.indexOf(']]', from);
  if (close === -1 || close + 2 > lineEnd) return null;
  const pipe = rest.indexOf('|', from);
  return rest.slice(from, pipe !== -1 && pipe < close ? pipe : close);
}
