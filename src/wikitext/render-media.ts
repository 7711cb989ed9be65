import { escapeHtml } from '../core/domain/html.ts';
import { cleanExternalUrl } from './html-sanitizer.ts';

/**
 * File links (`[[File:X.jpg|thumb|right|upright|220px|alt=…|link=…|caption]]`) as MediaWiki's
 * Parser::makeImage reads their options and its media HTML (the `<figure typeof="mw:File/Thumb">`
 * structure of MediaWiki 1.40+, $wgParserEnableLegacyMediaDOM off) shows them. Option keywords
 * are recognised in English, German, Czech and Arabic at once (the `img_*` magic words of
 * MessagesDe.php, MessagesCs.php and MessagesAr.php), since the renderer does not know the wiki's
 * language; the last part that is no option is the caption.
 */

/** What the media repository answers for a file at a wanted size (MediaTransformOutput). */
export interface FileRendition {
  url: string;
  width: number;
  height: number;
}

/** The box a file is scaled into; both absent means the original size. */
export interface FileBox {
  width?: number;
  height?: number;
}

/** MediaWiki's default thumbnail width ($wgThumbLimits[$wgDefaultUserOptions['thumbsize']]). */
export const DEFAULT_THUMB_WIDTH = 220;
/** `upright` alone scales the default width by this ($wgThumbUpright). */
const DEFAULT_UPRIGHT = 0.75;

type Frame = 'thumb' | 'frame' | 'frameless' | 'none';
type Align = 'left' | 'right' | 'center' | 'none';

export interface FileOptions {
  frame: Frame;
  align: Align | undefined;
  border: boolean;
  width: number | undefined;
  height: number | undefined;
  upright: number | undefined;
  alt: string | undefined;
  /** Undefined: the file page; '': no link; else the link= value as written. */
  link: string | undefined;
  /** The caption's wikitext, or undefined. */
  caption: string | undefined;
}

const keywords = (words: string): Set<string> => new Set(words.split(' '));
const THUMB = keywords('thumb thumbnail mini miniatur náhled تصغير');
const FRAME = keywords('frame framed enframed gerahmt rám إطار بإطار');
const FRAMELESS = keywords('frameless rahmenlos bezrámu لاإطار');
const BORDER = keywords('border rand okraj حدود');
const ALIGN: ReadonlyMap<string, Align> = new Map([
  ['left', 'left'],
  ['links', 'left'],
  ['vlevo', 'left'],
  ['يسار', 'left'],
  ['right', 'right'],
  ['rechts', 'right'],
  ['vpravo', 'right'],
  ['يمين', 'right'],
  ['center', 'center'],
  ['centre', 'center'],
  ['zentriert', 'center'],
  ['střed', 'center'],
  ['مركز', 'center'],
  ['none', 'none'],
  ['ohne', 'none'],
  ['žádné', 'none'],
  ['بدون', 'none'],
  ['بلا', 'none'],
]);
const VALIGN = keywords(
  'baseline middle sub super sup top text-top bottom text-bottom' +
    ' grundlinie mitte hoch tief oben text-oben unten text-unten' +
    ' خط_أساسي وسط فرعي سوبر سب أعلى نص_أعلى أسفل نص_أسفل',
);
const UPRIGHT = keywords('upright hochkant معدول');
/** Units of a size option (`$1px`; Arabic `$1بك`, `$1عن`). */
const SIZE = /^(\d*)(?:x(\d+))?\s*(?:px|بك|عن)$/;
const IGNORED_NAMED = keywords('page seite class lang thumbtime start end صفحة رتبة لغة');
const ALT = keywords('alt بديل');
const LINK = keywords('link verweis odkaz وصلة رابط');

/** Reads the options after the file name (each part as written, with the renderer's tokens). */
export function readFileOptions(parts: readonly string[]): FileOptions {
  const options: FileOptions = {
    frame: 'none',
    align: undefined,
    border: false,
    width: undefined,
    height: undefined,
    upright: undefined,
    alt: undefined,
    link: undefined,
    caption: undefined,
  };
  for (const part of parts) {
    const word = part.trim();
    const lower = word.toLowerCase();
    const size = SIZE.exec(lower);
    const eq = word.indexOf('=');
    const key = eq === -1 ? '' : word.slice(0, eq).trim().toLowerCase();
    const value = eq === -1 ? '' : word.slice(eq + 1).trim();
    if (THUMB.has(lower)) options.frame = 'thumb';
    else if (FRAME.has(lower)) options.frame = 'frame';
    else if (FRAMELESS.has(lower)) options.frame = 'frameless';
    else if (BORDER.has(lower)) options.border = true;
    else if (ALIGN.has(lower)) options.align = ALIGN.get(lower);
    else if (VALIGN.has(lower)) continue;
    else if (UPRIGHT.has(lower)) options.upright = DEFAULT_UPRIGHT;
    else if (size && (size[1] !== '' || size[2] !== undefined)) {
      if (size[1] !== '') options.width = Number(size[1]);
      if (size[2] !== undefined) options.height = Number(size[2]);
    } else if (UPRIGHT.has(key) && /^\d*\.?\d+$/.test(value)) options.upright = Number(value);
    else if (ALT.has(key)) options.alt = value;
    else if (LINK.has(key)) options.link = value;
    else if (IGNORED_NAMED.has(key)) continue;
    else options.caption = part;
  }
  return options;
}

/** The box to ask the repository for: thumbnails default to 220 px, scaled by `upright`. */
export function fileBox(options: FileOptions): FileBox {
  if (options.frame === 'frame') return {};
  const box: FileBox = {};
  if (options.width !== undefined && options.width > 0) box.width = options.width;
  if (options.height !== undefined && options.height > 0) box.height = options.height;
  if (box.width === undefined && (options.frame === 'thumb' || options.frame === 'frameless')) {
    const factor = options.upright ?? 1;
    box.width = Math.max(10, Math.round((DEFAULT_THUMB_WIDTH * factor) / 10) * 10);
  }
  return box;
}

/** Where a file's image links: the file page, a page, an external URL, or nowhere. */
export type FileLinkTarget = { href: string; external: boolean } | null;

/** The pieces of a file's HTML the renderer has already made (escaped HTML or its tokens). */
export interface FileParts {
  /** `File:X.jpg` as shown, for titles and missing files. */
  fileTitle: string;
  /** `X.jpg`, the title without its namespace: the alt text of an image with nothing better. */
  fileName: string;
  rendition: FileRendition | null;
  target: FileLinkTarget;
  /** The file page's URL and whether it exists, for a file the repository cannot show. */
  filePage: { href: string; exists: boolean };
  /** The caption as HTML (or a token), '' for none. */
  captionHtml: string;
  /** The caption as plain text, for `alt`/`title` of inline images. */
  captionText: string;
}

/** The HTML of a file use. Every value in it is escaped here or came escaped in `parts`. */
export function fileHtml(options: FileOptions, parts: FileParts): { html: string; block: boolean } {
  const framed = options.frame === 'thumb' || options.frame === 'frame';
  const block = framed || options.align !== undefined;
  const type =
    options.frame === 'thumb'
      ? 'mw:File/Thumb'
      : options.frame === 'frame'
        ? 'mw:File/Frame'
        : options.frame === 'frameless'
          ? 'mw:File/Frameless'
          : 'mw:File';
  const classes: string[] = [];
  const sized = options.width !== undefined || options.height !== undefined;
  if ((framed || options.frame === 'frameless') && !sized) classes.push('mw-default-size');
  if (options.align !== undefined) classes.push(`mw-halign-${options.align}`);
  if (options.border) classes.push('mw-image-border');
  const classAttr = classes.length > 0 ? ` class="${classes.join(' ')}"` : '';

  let media: string;
  if (parts.rendition === null) {
    const page = parts.filePage;
    media =
      `<a href="${escapeHtml(page.href)}"${page.exists ? '' : ' class="new"'} title="${escapeHtml(parts.fileTitle)}">` +
      `<span class="mw-file-element mw-broken-media">${escapeHtml(parts.fileTitle)}</span></a>`;
  } else {
    const r = parts.rendition;
    // Parser::makeImage: a framed image's caption is shown below it, so it is not repeated as alt
    // text; any other image takes its caption as alt text; without a caption, the file's name.
    const alt = options.alt ?? (parts.captionText === '' ? parts.fileName : framed ? '' : parts.captionText);
    const img =
      `<img alt="${escapeHtml(alt)}" src="${escapeHtml(r.url)}" decoding="async"` +
      ` width="${Math.round(r.width)}" height="${Math.round(r.height)}" class="mw-file-element">`;
    if (parts.target === null) {
      media = img;
    } else {
      // The caption is the link's title. MediaWiki leaves a framed image's link without one, which
      // leaves it nameless to a screen reader when alt is empty (WCAG link-name); we name it.
      const named = parts.captionText !== '' && (!framed || alt === '');
      const title = named ? ` title="${escapeHtml(parts.captionText)}"` : '';
      const rel = parts.target.external ? ' rel="nofollow"' : '';
      media = `<a href="${escapeHtml(parts.target.href)}" class="mw-file-description"${rel}${title}>${img}</a>`;
    }
  }
  const errorType = parts.rendition === null ? `mw:Error ${type}` : type;
  if (!block) return { html: `<span${classAttr} typeof="${errorType}">${media}</span>`, block: false };
  const caption = framed ? parts.captionHtml : '';
  return {
    html: `<figure${classAttr} typeof="${errorType}">${media}<figcaption>${caption}</figcaption></figure>`,
    block: true,
  };
}

/** `link=` as a target: empty is none, a URL with an allowed protocol is external, else a title. */
export function linkOption(
  value: string,
  pageHref: (title: string) => string | null,
): FileLinkTarget | 'file-page' {
  if (value === '') return null;
  const url = cleanExternalUrl(value);
  if (url !== null) return { href: url, external: true };
  const href = pageHref(value);
  return href === null ? 'file-page' : { href, external: false };
}
