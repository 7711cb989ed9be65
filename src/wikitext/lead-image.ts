import { NS_FILE } from '../core/domain/namespaces.ts';
import type { ResolvedContext } from './context.ts';
import { STRIP_MARKER } from './preprocess.ts';
import { parseTitleParts } from '../core/domain/titles.ts';

/**
 * The images PageImages considers for a page (image-suggestions-and-page-queue.md §2), read from
 * the wikitext: the files rendered in the lead section (before the first heading of any level, as
 * with $wgPageImagesLeadSectionOnly), in the order they are scored by core/domain/page-images.ts,
 * which chooses among them with the files' metadata.
 *
 * 1. the image of each infobox (a template matching the infobox prefixes) starting in the lead:
 *    `|image = X.jpg`, `|image = File:X.jpg` or `|image = [[File:X.jpg|..]]` — first, because an
 *    infobox renders at the top of the article whatever text precedes its call;
 * 2. then the lead's files from `[[File:]]` links, `<gallery>` and `<imagemap>`, in text order, but
 *    not those inside a `{{...}}` other than an infobox (the template decides whether and how it
 *    renders them, and templates are not expanded here) nor inside `<ref>` (references render at
 *    the end of the page).
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

export function leadImageCandidates(
  infoboxImages: readonly LeadImageCandidate[],
  files: readonly LeadImageCandidate[],
  templates: readonly TemplateSpan[],
  leadEnd: number,
): LeadImageCandidate[] {
  const out = infoboxImages.filter((c) => c.position < leadEnd);
  for (const c of files) {
    if (c.position >= leadEnd) break;
    if (c.origin === 'link' && isInsideOtherTemplate(c.position, templates)) continue;
    out.push(c);
  }
  return out;
}

function isInsideOtherTemplate(position: number, templates: readonly TemplateSpan[]): boolean {
  for (const t of templates) {
    if (t.start < position && position < t.end && !t.isInfobox) return true;
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
