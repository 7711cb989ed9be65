import { escapeHtml } from '../core/domain/html.ts';
import { cleanExternalUrl } from './html-sanitizer.ts';

/**
 * The templates the reading renderer shows without a template store: infoboxes as a two-column
 * table and citation templates as a short citation. Parameter values are wikitext; `inline`
 * renders one to HTML (escaped, or the renderer's tokens).
 */

export interface TemplateCall {
  /** The template's title without namespace, as written after normalization ("Infobox person"). */
  name: string;
  /** Named parameters in order (name trimmed, value trimmed), later duplicates winning. */
  named: Map<string, string>;
  /** Positional parameters (values as written). */
  positional: string[];
}

/**
 * Splits the inside of `{{…}}` at the `|` that are not inside nested `{{…}}`, `[[…]]` or the
 * renderer's tokens; a part's first `=` at that level names it (MediaWiki's preprocessor rules).
 */
export function splitTemplate(inner: string): {
  name: string;
  named: Map<string, string>;
  positional: string[];
} {
  const parts: { text: string; equals: number }[] = [];
  let depthBraces = 0;
  let depthBrackets = 0;
  let start = 0;
  let equals = -1;
  for (let i = 0; i < inner.length; i++) {
    const c = inner.charCodeAt(i);
    if (c === 0x7b && inner.charCodeAt(i + 1) === 0x7b) {
      depthBraces++;
      i++;
    } else if (c === 0x7d && inner.charCodeAt(i + 1) === 0x7d && depthBraces > 0) {
      depthBraces--;
      i++;
    } else if (c === 0x5b && inner.charCodeAt(i + 1) === 0x5b) {
      depthBrackets++;
      i++;
    } else if (c === 0x5d && inner.charCodeAt(i + 1) === 0x5d && depthBrackets > 0) {
      depthBrackets--;
      i++;
    } else if (depthBraces === 0 && depthBrackets === 0) {
      if (c === 0x7c) {
        parts.push({ text: inner.slice(start, i), equals: equals === -1 ? -1 : equals - start });
        start = i + 1;
        equals = -1;
      } else if (c === 0x3d && equals === -1) {
        equals = i;
      }
    }
  }
  parts.push({ text: inner.slice(start), equals: equals === -1 ? -1 : equals - start });
  const named = new Map<string, string>();
  const positional: string[] = [];
  const [first, ...rest] = parts;
  for (const part of rest) {
    if (part.equals === -1) positional.push(part.text);
    else named.set(part.text.slice(0, part.equals).trim(), part.text.slice(part.equals + 1).trim());
  }
  return { name: first?.text ?? '', named, positional };
}

const CAPTION_PARAMS = ['name', 'title', 'název', 'nazev', 'titel', 'jméno', 'název_obce'];

/** Normalized parameter name: case-insensitive, space and underscore alike. */
function normalized(name: string): string {
  return name
    .replace(/[_\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

export interface InfoboxRendering {
  /** The infobox prefix (lowercase) the name starts with. */
  prefix: string;
  inline: (wikitext: string) => string;
  /** An image for a parameter value that names a file, or null when it names none. */
  image: (value: string) => string | null;
  /** Whether a parameter holds an image (its value may name a file). */
  isImageParam: (name: string) => boolean;
}

/**
 * An infobox as `<table class="infobox">`: the caption is the `name`/`title`/`název` parameter,
 * else the template's name after its infobox prefix ("Infobox settlement" → "settlement", Czech
 * "Infobox - osobnost" → "osobnost"); then one row per named parameter with a value: the
 * parameter name (`_` as space) and the value rendered inline, a file name shown as its image.
 */
export function infoboxHtml(call: TemplateCall, r: InfoboxRendering): string {
  let captionParam: string | undefined;
  for (const [name, value] of call.named) {
    if (value !== '' && CAPTION_PARAMS.includes(normalized(name))) {
      captionParam = name;
      break;
    }
  }
  const fallback =
    call.name
      .slice(r.prefix.length)
      .replace(/^[\s\-–—:/]+/, '')
      .trim() || call.name;
  const caption =
    captionParam === undefined ? escapeHtml(fallback) : r.inline(call.named.get(captionParam) ?? '');
  const rows: string[] = [];
  for (const [name, value] of call.named) {
    if (name === captionParam || value === '') continue;
    const label = escapeHtml(name.replace(/_/g, ' '));
    const image = r.isImageParam(name) ? r.image(value) : null;
    if (image !== null) {
      rows.push(`<tr><td colspan="2" class="infobox-image">${image}</td></tr>`);
      continue;
    }
    rows.push(
      `<tr><th scope="row" class="infobox-label">${label}</th><td class="infobox-data">${r.inline(value)}</td></tr>`,
    );
  }
  return `<table class="infobox"><caption class="infobox-title">${caption}</caption><tbody>${rows.join('')}</tbody></table>`;
}

const CITATION_PREFIXES = ['cite', 'citation', 'citace', 'استشهاد'];

/**
 * Citation templates: names starting with cite/citation/citace/استشهاد (Arabic Wikipedia's), or one
 * of `extra` (case-insensitive).
 */
export function isCitationTemplate(name: string, extra: ReadonlySet<string>): boolean {
  const lower = normalized(name);
  return CITATION_PREFIXES.some((p) => lower.startsWith(p)) || extra.has(lower);
}

export const DEFAULT_CITATION_TEMPLATE_NAMES: readonly string[] = [
  'literatur',
  'internetquelle',
  'webarchiv',
];

const AUTHOR_PARAMS = ['author', 'authors', 'author1', 'autor', 'autoři', 'hrsg', 'editor', 'مؤلف', 'المؤلف'];
const LAST_PARAMS = ['last', 'last1', 'surname', 'surname1', 'příjmení', 'příjmení1', 'الأخير', 'الأخير1'];
const FIRST_PARAMS = ['first', 'first1', 'given', 'given1', 'jméno', 'jméno1', 'الأول', 'الأول1'];
const TITLE_PARAMS = ['title', 'titel', 'název', 'chapter', 'kapitel', 'عنوان', 'العنوان'];
const WORK_PARAMS = [
  'work',
  'website',
  'journal',
  'newspaper',
  'magazine',
  'periodical',
  'werk',
  'sammelwerk',
  'periodikum',
  'عمل',
  'موقع',
  'صحيفة',
  'مجلة',
];
const PUBLISHER_PARAMS = ['publisher', 'verlag', 'vydavatel', 'hrsg.', 'ناشر', 'الناشر'];
const DATE_PARAMS = ['date', 'year', 'datum', 'jahr', 'rok', 'تاريخ', 'التاريخ', 'سنة'];
const URL_PARAMS = ['url', 'online', 'مسار'];

/**
 * A citation template as a short plain citation: `Author (date). Title. Work. Publisher.`, the
 * title linking to `url` when that is an external URL with an allowed protocol.
 */
export function citationHtml(call: TemplateCall, inline: (wikitext: string) => string): string {
  const params = new Map<string, string>();
  for (const [name, value] of call.named) if (value !== '') params.set(normalized(name), value);
  const pick = (names: readonly string[]) => {
    for (const n of names) {
      const v = params.get(n);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const parts: string[] = [];
  const last = pick(LAST_PARAMS);
  const first = pick(FIRST_PARAMS);
  const author =
    pick(AUTHOR_PARAMS) ?? (last !== undefined ? (first ? `${last}, ${first}` : last) : undefined);
  const date = pick(DATE_PARAMS);
  if (author !== undefined) parts.push(inline(author) + (date !== undefined ? ` (${inline(date)})` : ''));
  const title = pick(TITLE_PARAMS) ?? call.positional[0];
  const urlValue = pick(URL_PARAMS);
  const url = urlValue === undefined ? null : cleanExternalUrl(urlValue);
  if (title !== undefined && title.trim() !== '') {
    const text = inline(title);
    parts.push(
      url !== null
        ? `<a rel="nofollow" class="external text" href="${escapeHtml(url)}">${text}</a>`
        : `<i>${text}</i>`,
    );
  } else if (url !== null) {
    parts.push(`<a rel="nofollow" class="external free" href="${escapeHtml(url)}">${escapeHtml(url)}</a>`);
  }
  const work = pick(WORK_PARAMS);
  if (work !== undefined) parts.push(`<i>${inline(work)}</i>`);
  const publisher = pick(PUBLISHER_PARAMS);
  if (publisher !== undefined) parts.push(inline(publisher));
  if (author === undefined && date !== undefined) parts.push(inline(date));
  if (parts.length === 0) return '';
  return `<cite class="citation">${parts.join('. ')}.</cite>`;
}
