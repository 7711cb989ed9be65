import { decodeHtmlEntities } from '../core/domain/html-entities.ts';
import { escapeHtml } from '../core/domain/html.ts';
import { protocolLength } from './links.ts';

/**
 * What page text may put in the reading renderer's HTML (render-html.ts), after MediaWiki's
 * Sanitizer: the HTML elements wikitext may write, the attributes each may carry, and how text,
 * attribute values, URLs and anchors are escaped. The lists are narrower than MediaWiki's on
 * purpose: no `style` (there is no CSS sanitizer here), no URL-valued attributes (`cite`,
 * `itemid`), no `data-*`, no `<a>`, `<img>` or `<source>` from page text.
 */

/** Elements page text may write as HTML; everything else is shown as escaped text. */
export const ALLOWED_ELEMENTS: ReadonlySet<string> = new Set(
  (
    'b i u s del ins sub sup small big code kbd var samp tt span div p br hr wbr blockquote cite q abbr dfn ' +
    'mark ruby rb rt rp rtc h1 h2 h3 h4 h5 h6 ol ul li dl dt dd table tr td th caption thead tbody tfoot ' +
    'center font strike em strong bdi bdo data time'
  ).split(' '),
);

/** Elements without content (`<br>`, `<br/>` and `</br>` are all a line break, as in MediaWiki). */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set(['br', 'hr', 'wbr']);

const COMMON_ATTRIBUTES = ['class', 'id', 'title', 'lang', 'dir'];
const BLOCK_ATTRIBUTES = [...COMMON_ATTRIBUTES, 'align'];
const TABLE_CELL_ATTRIBUTES = [
  ...BLOCK_ATTRIBUTES,
  'abbr',
  'axis',
  'headers',
  'scope',
  'rowspan',
  'colspan',
  'nowrap',
  'width',
  'height',
  'bgcolor',
  'valign',
];

const ELEMENT_ATTRIBUTES: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({
    div: BLOCK_ATTRIBUTES,
    p: BLOCK_ATTRIBUTES,
    center: COMMON_ATTRIBUTES,
    h1: BLOCK_ATTRIBUTES,
    h2: BLOCK_ATTRIBUTES,
    h3: BLOCK_ATTRIBUTES,
    h4: BLOCK_ATTRIBUTES,
    h5: BLOCK_ATTRIBUTES,
    h6: BLOCK_ATTRIBUTES,
    br: [...COMMON_ATTRIBUTES, 'clear'],
    hr: COMMON_ATTRIBUTES,
    ol: [...COMMON_ATTRIBUTES, 'type', 'start', 'reversed'],
    ul: [...COMMON_ATTRIBUTES, 'type'],
    li: [...COMMON_ATTRIBUTES, 'type', 'value'],
    table: [
      ...BLOCK_ATTRIBUTES,
      'summary',
      'width',
      'border',
      'frame',
      'rules',
      'cellspacing',
      'cellpadding',
      'bgcolor',
    ],
    caption: BLOCK_ATTRIBUTES,
    thead: [...BLOCK_ATTRIBUTES, 'valign'],
    tbody: [...BLOCK_ATTRIBUTES, 'valign'],
    tfoot: [...BLOCK_ATTRIBUTES, 'valign'],
    tr: [...BLOCK_ATTRIBUTES, 'bgcolor', 'valign'],
    td: TABLE_CELL_ATTRIBUTES,
    th: TABLE_CELL_ATTRIBUTES,
    font: [...COMMON_ATTRIBUTES, 'size', 'color', 'face'],
    abbr: COMMON_ATTRIBUTES,
    dfn: COMMON_ATTRIBUTES,
    bdo: COMMON_ATTRIBUTES,
    data: [...COMMON_ATTRIBUTES, 'value'],
    time: [...COMMON_ATTRIBUTES, 'datetime'],
  }).map(([name, list]) => [name, new Set(list)]),
);
const COMMON_SET: ReadonlySet<string> = new Set(COMMON_ATTRIBUTES);

/** `name`, `name=value`, `name="value"` or `name='value'` (Sanitizer::getAttribsRegex, simplified). */
// eslint-disable-next-line no-control-regex -- a name holds no control character
const ATTRIBUTE = /([^\s/>="'`\x00-\x1f\x7f]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'`=<>]+)))?/g;

/**
 * The attributes of `element` written in `source`, kept when allowed and rendered as
 * ` name="value"` with the value's character references decoded and the result escaped; a later
 * duplicate wins, as in MediaWiki. `id` values are made valid ids (spaces to `_`).
 */
export function sanitizeAttributes(source: string, element: string): string {
  const allowed = ELEMENT_ATTRIBUTES.get(element) ?? COMMON_SET;
  const kept = new Map<string, string>();
  for (const m of source.matchAll(ATTRIBUTE)) {
    const name = (m[1] ?? '').toLowerCase();
    if (!allowed.has(name)) continue;
    let value = decodeHtmlEntities(m[2] ?? m[3] ?? m[4] ?? '');
    // eslint-disable-next-line no-control-regex
    value = value.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '').trim();
    if (name === 'id') value = escapeId(value);
    if (name === 'id' && value === '') continue;
    kept.set(name, value);
  }
  let out = '';
  for (const [name, value] of kept) out += ` ${name}="${escapeHtml(value)}"`;
  return out;
}

/** Every attribute written in `source`, names lowercased, values with character references decoded. */
export function readAttributes(source: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of source.matchAll(ATTRIBUTE))
    found.set((m[1] ?? '').toLowerCase(), decodeHtmlEntities(m[2] ?? m[3] ?? m[4] ?? '').trim());
  return found;
}

/**
 * Text as element content: character references MediaWiki knows are decoded and everything
 * escaped again, so `&lt;`, `&#60;` and `<` all end as `&lt;`; an `&` that starts no reference is
 * `&amp;`. Control characters are dropped.
 */
export function escapeText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return escapeHtml(decodeHtmlEntities(text).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, ''));
}

/**
 * Whether `url` (character references already decoded) starts with one of the wiki's URL
 * protocols (links.ts: $wgUrlProtocols, which holds no `javascript:`, `vbscript:` or `data:`)
 * or is protocol-relative.
 */
export function isSafeUrl(url: string): boolean {
  return protocolLength(url, 0) > 0;
}

/**
 * An external link's URL as an attribute value: character references decoded (Sanitizer::cleanUrl),
 * then characters a URL cannot hold %-encoded; null when the result has no allowed protocol.
 */
export function cleanExternalUrl(url: string): string | null {
  const decoded = decodeHtmlEntities(url).replace(
    // eslint-disable-next-line no-control-regex
    /[\x00-\x20\x7f"<>[\]`{}|\\^]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return isSafeUrl(decoded) ? decoded : null;
}

/**
 * An id as MediaWiki's Sanitizer::escapeIdForAttribute makes it in its HTML5 mode: whitespace runs
 * become one `_`, leading and trailing ones go; every other character stays (escaped on output).
 */
export function escapeId(text: string): string {
  return text.trim().replace(/\s+/g, '_');
}

/**
 * The ids of a page's headings, as Parser::finalizeHeadings gives them: the heading's id, and a
 * repeat (compared case-insensitively) gets the first free `_2`, `_3`… — so a later heading
 * written "History_2" after two "History" headings becomes `History_2_2`, never a duplicate id.
 */
export class HeadingAnchors {
  readonly #taken = new Set<string>();

  /** The anchor of the next heading whose plain text is `text`. */
  next(text: string): string {
    const base = escapeId(text) || '_';
    const key = base.toLowerCase();
    if (!this.#taken.has(key)) {
      this.#taken.add(key);
      return base;
    }
    let i = 2;
    while (this.#taken.has(`${key}_${i}`)) i++;
    this.#taken.add(`${key}_${i}`);
    return `${base}_${i}`;
  }
}

/** A fragment for `href="#…"` (Sanitizer::escapeIdForLink): the id, with `%XX` kept literal. */
export function fragmentHref(text: string): string {
  return '#' + escapeId(text).replace(/%([0-9A-Fa-f]{2})/g, '%25$1');
}
