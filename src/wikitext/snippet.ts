import { resolveContext, type ResolvedContext, type WikitextContext } from './context.ts';
import { decodeHtmlEntities } from '../core/domain/html-entities.ts';
import { phpRtrim, phpTrim } from './php-trim.ts';
import { renderPlainText } from './plain-text.ts';
import { utf8Length } from '../core/domain/titles.ts';

/** PageTriage stores the snippet in a varbinary(255) tag value. */
export const SNIPPET_MAX_BYTES = 255;
const ELLIPSIS = '...';
const TEMPLATE_REMOVALS = 10;
/** Characters rendered before the rest of the page can no longer reach the snippet (re-run if wrong). */
const RENDER_LIMIT = 700;

/**
 * PageTriage's `snippet` tag (review-queue-reference.md §1.6):
 * 1. PHP strip_tags (tag text goes, content stays, so reference text is kept; comments go);
 * 2. up to 10 times, remove from the last `{{` before the first `}}` through that `}}` (just the `}}`
 *    when no `{{` precedes it);
 * 3. render as wikitext (plain-text.ts: what we can render without templates);
 * 4. strip HTML: decode entities, collapse runs of space/tab/CR/LF, trim;
 * 5. delete every `{`, `}` and literal `[edit]`;
 * 6. truncate to 255 UTF-8 bytes, ellipsis included, at a character boundary: MediaWiki's
 *    Language::truncateForDatabase cuts at 252 bytes, trims trailing whitespace and appends "...".
 * Also applied in step 3, as MediaWiki's parser does: a space before `?:;!%»` or after `«` becomes a
 * no-break space (French spacing).
 */
export function makeSnippet(text: string, ctx: WikitextContext): string {
  return snippetOf(text, resolveContext(ctx));
}

export function snippetOf(text: string, ctx: ResolvedContext): string {
  const source = removeInnermostTemplates(stripTags(text), TEMPLATE_REMOVALS);
  const partial = renderPlainText(source, ctx, RENDER_LIMIT);
  let snippet = finish(partial.text);
  if (!partial.complete && utf8Length(snippet) <= SNIPPET_MAX_BYTES) {
    snippet = finish(renderPlainText(source, ctx, Infinity).text);
  }
  return truncateToBytes(snippet, SNIPPET_MAX_BYTES);
}

function finish(rendered: string): string {
  const text = phpTrim(decodeHtmlEntities(armorFrenchSpaces(rendered)).replace(/(?:\r\n|[ \r\n\t])+/g, ' '));
  return text.replace(/[{}]/g, '').split('[edit]').join('');
}

function armorFrenchSpaces(text: string): string {
  return text.replace(/(?<=\S) (?=[?:;!%»])/g, '\u00A0').replace(/« /g, '«\u00A0');
}

/**
 * PHP's strip_tags state machine: `<` followed by whitespace is text; otherwise everything up to the
 * matching `>` goes, with quotes inside a tag hiding `>` and nested `<` counted; `<!--` runs to
 * `-->`; `<?` runs to `?>`; an unterminated tag swallows the rest of the text.
 */
export function stripTags(text: string): string {
  let lt = text.indexOf('<');
  if (lt === -1) return text;
  const out: string[] = [];
  let copyFrom = 0;
  const n = text.length;
  while (lt !== -1) {
    const next = text.charCodeAt(lt + 1);
    if (next === 0x20 || (next >= 0x09 && next <= 0x0d)) {
      lt = text.indexOf('<', lt + 1);
      continue;
    }
    out.push(text.slice(copyFrom, lt));
    let end: number;
    if (text.startsWith('!--', lt + 1)) {
      const close = text.indexOf('-->', lt + 2);
      end = close === -1 ? n : close + 3;
    } else if (next === 0x3f) {
      const close = text.indexOf('?>', lt + 2);
      end = close === -1 ? n : close + 2;
    } else {
      end = tagEnd(text, lt + 1);
    }
    copyFrom = end;
    lt = end >= n ? -1 : text.indexOf('<', end);
  }
  out.push(text.slice(copyFrom));
  return out.join('');
}

function tagEnd(text: string, from: number): number {
  let quote = 0;
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x27) {
      if (quote === 0) quote = c;
      else if (quote === c) quote = 0;
    } else if (quote !== 0) {
      continue;
    } else if (c === 0x3c) {
      const next = text.charCodeAt(i + 1);
      if (!(next === 0x20 || (next >= 0x09 && next <= 0x0d))) depth++;
    } else if (c === 0x3e) {
      if (depth > 0) depth--;
      else return i + 1;
    }
  }
  return text.length;
}

/**
 * Step 2: repeatedly removes the innermost `{{...}}` that closes first. The text is kept as a
 * processed `head` plus the untouched source after `pos`, so each removal costs only what it scans.
 */
export function removeInnermostTemplates(text: string, times: number): string {
  let head = '';
  let pos = 0;
  for (let k = 0; k < times; k++) {
    if (head.charCodeAt(head.length - 1) === 0x7d && text.charCodeAt(pos) === 0x7d) {
      // The first "}}" straddles head and source.
      const before = head.slice(0, -1);
      const open = before.lastIndexOf('{{');
      head = open === -1 ? before : before.slice(0, open);
      pos += 1;
      continue;
    }
    const close = text.indexOf('}}', pos);
    if (close === -1) break;
    const open = close - 2 >= pos ? text.lastIndexOf('{{', close - 2) : -1;
    if (open >= pos) {
      head += text.slice(pos, open);
    } else if (head.charCodeAt(head.length - 1) === 0x7b && text.charCodeAt(pos) === 0x7b) {
      head = head.slice(0, -1);
    } else {
      const inHead = head.lastIndexOf('{{');
      head = inHead === -1 ? head + text.slice(pos, close) : head.slice(0, inHead);
    }
    pos = close + 2;
  }
  return pos === 0 ? text : head + text.slice(pos);
}

/** Language::truncateForDatabase(text, maxBytes): bytes, ellipsis inside the limit. */
function truncateToBytes(text: string, maxBytes: number): string {
  const total = utf8Length(text);
  if (total <= maxBytes) return text;
  const budget = maxBytes - ELLIPSIS.length;
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i) ?? 0;
    const width = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes + width > budget) break;
    bytes += width;
    i += cp > 0xffff ? 2 : 1;
  }
  return phpRtrim(text.slice(0, i)) + ELLIPSIS;
}
