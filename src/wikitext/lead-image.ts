import { NS_FILE } from '../core/domain/namespaces.ts';
import type { ResolvedContext } from './context.ts';
import { STRIP_MARKER } from './preprocess.ts';
import { parseTitleParts } from '../core/domain/titles.ts';

/**
 * The lead image, approximating PageImages (image-suggestions-and-page-queue.md §2) without file
 * metadata. PageImages scores the images rendered before the first section edit link, i.e. before
 * the first heading of any level. We pick:
 *
 * 1. the first infobox (a template matching the infobox prefixes) starting in the lead whose image
 *    parameter names a file: `|image = X.jpg`, `|image = File:X.jpg` or `|image = [[File:X.jpg|..]]`;
 * 2. else the first file in the lead, from a `[[File:]]` link, `<gallery>` or `<imagemap>`, that is
 *    not inside a `{{...}}` other than an infobox (icons and flags come from templates), and not inside
 *    `<ref>` (references render at the end of the page).
 *
 * Either way a candidate is skipped when PageImages would score it out: a declared width (`20px`,
 * `20x30px`, or `x30px` read as a square) of 119 px or less, which PageImages scores -100. `upright`
 * is ignored, as PageImages gives thumbnails the default thumb width whatever their upright factor.
 * Also skipped by name: "Flag of ....svg" files (denylisted on most wikis) and audio files
 * (.ogg .oga .mp3 .wav .flac .opus .mid .midi), which cannot render a thumbnail.
 */

export interface LeadImageCandidate {
  title: string;
  /** Position in the top-level preprocessed text. */
  position: number;
  /** The link's options (`thumb|220px|Caption`), '' when none. */
  options: string;
  origin: 'infobox' | 'link' | 'gallery';
}

export interface TemplateSpan {
  start: number;
  end: number;
  isInfobox: boolean;
}

export function pickLeadImage(
  infoboxImages: readonly LeadImageCandidate[],
  files: readonly LeadImageCandidate[],
  templates: readonly TemplateSpan[],
  leadEnd: number,
): string | null {
  for (const c of infoboxImages) {
    if (c.position < leadEnd && isEligibleFile(c.title)) return c.title;
  }
  for (const c of files) {
    if (c.position >= leadEnd) break;
    if (!isEligibleFile(c.title) || isTooSmall(c.options)) continue;
    if (c.origin === 'link' && isInsideOtherTemplate(c.position, templates)) continue;
    return c.title;
  }
  return null;
}

const UNRENDERABLE = /\.(?:ogg|oga|mp3|wav|flac|opus|midi?)$/i;

function isEligibleFile(title: string): boolean {
  if (UNRENDERABLE.test(title)) return false;
  return !(title.startsWith('Flag of ') && /\.svg$/i.test(title));
}

function isInsideOtherTemplate(position: number, templates: readonly TemplateSpan[]): boolean {
  for (const t of templates) {
    if (t.start < position && position < t.end && !t.isInfobox) return true;
  }
  return false;
}

const WIDTH = /^(\d*)(?:x(\d+))?\s*px$/;

/** Whether the options declare a width (or, lacking one, a height) under 120 px. */
function isTooSmall(options: string): boolean {
  if (options.indexOf('px') === -1) return false;
  for (const raw of options.split('|')) {
    const m = WIDTH.exec(raw.trim());
    if (!m) continue;
    const size = m[1] ? Number(m[1]) : m[2] ? Number(m[2]) : NaN;
    if (size <= 119) return true;
  }
  return false;
}

const FILE_EXTENSION = /\.[A-Za-z0-9]{2,5}$/;

/**
 * The file an infobox parameter value names, in display form, or null. Accepts a bare name with a
 * file extension ("X.jpg"), a prefixed name in any File alias ("Datei:X.jpg"), or a file link.
 */
export function fileFromParameterValue(value: string, ctx: ResolvedContext): string | null {
  let v = value.indexOf(STRIP_MARKER) === -1 ? value : value.split(STRIP_MARKER).join('');
  v = v.trim();
  if (v === '') return null;
  if (v.startsWith('[[')) {
    const end = v.search(/[|\]]/);
    if (end === -1) return null;
    const t = parseTitleParts(v.slice(2, end), ctx.namespaces);
    return t && t.namespace === NS_FILE && t.interwiki === undefined ? t.title : null;
  }
  if (/[{}[\]|<>\n]/.test(v) || v.indexOf('://') !== -1) return null;
  const t = parseTitleParts(v, ctx.namespaces, { defaultNamespace: NS_FILE });
  if (!t || t.namespace !== NS_FILE || !FILE_EXTENSION.test(t.title)) return null;
  return t.title;
}
