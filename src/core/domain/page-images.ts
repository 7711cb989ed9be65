import type { NamespaceTable } from './namespaces.ts';
import { parseTitleParts, toDbKey } from './titles.ts';
import { NS_FILE } from './namespaces.ts';

/**
 * PageImages' choice of a page's lead image (image-suggestions-and-page-queue.md §2), with the
 * file metadata of the media repository: pure rules, no I/O.
 *
 * Every image rendered in the lead section is a candidate, in page order (the infobox's image
 * first: see wikitext/lead-image.ts). As MediaWiki renders them, files the repository does not
 * have, files on the wiki's bad image list (except on the pages the list allows) and files that
 * cannot render a picture (audio, …) are not images at all, so they take no position. Each
 * remaining one is scored (PageImages' getScore with the default $wgPageImagesScores):
 *
 * - the width it is rendered at: `Npx` or `NxMpx` → N; `xMpx` → the width that height gives;
 *   thumb/thumbnail/frameless → the default thumbnail width (250); else the file's own width
 *   (`upright` is ignored, as PageImages ignores it); ≤ 119 → -100, ≤ 400 → 10, ≤ 600 → 5, else 0.
 *   A gallery image has no rendered width: its file width scores ≤ 99 → -100, else 0;
 * - its position among the candidates: 8, 6, 4, 3 for the first four, 0 after;
 * - the file's aspect ratio, ⌊10·width/height⌋: ≤ 3 → -100 (very tall), ≤ 5 → 0, ≤ 20 → 5,
 *   ≤ 30 → 0, else -100 (very wide);
 * - a file on the PageImages denylist (`MediaWiki:Pageimages-denylist`) scores -1000.
 *
 * A file used twice keeps its best score. The page image is the file with the highest positive
 * score (the first of equals); the free page image the same among freely licensed files.
 */

/** What the rules need of a file from the media repository (a MediaFile fits). */
export interface PageImageFile {
  width: number;
  height: number;
  /** MediaWiki's media type: BITMAP, DRAWING, AUDIO, … */
  mediaType: string;
  /** extmetadata LicenseShortName; '' when the description page names no known licence. */
  license: string;
}

/** A file as the page renders it, in page order. */
export interface PageImageUse {
  /** Display or DB-key form, without namespace. */
  title: string;
  /** The link's options (`thumb|220px|Caption`), '' when none. */
  options: string;
  origin: 'infobox' | 'link' | 'gallery';
}

/** MediaWiki's bad image list: file DB key → the pages (`ns:DBkey`) it may be shown on. */
export type BadImageList = ReadonlyMap<string, ReadonlySet<string>>;

export interface PageImageExclusions {
  /** DB keys of files linked from `MediaWiki:Pageimages-denylist`. */
  denylist: ReadonlySet<string>;
  badImages: BadImageList;
}

export const NO_EXCLUSIONS: PageImageExclusions = { denylist: new Set(), badImages: new Map() };

/** The page properties PageImages writes: `page_image` only when it differs from the free one. */
export interface PageImageChoice {
  page_image_free?: string;
  page_image?: string;
}

/** $wgPageImagesNamespaces' default: only articles get a page image. */
export const PAGE_IMAGES_NAMESPACES: ReadonlySet<number> = new Set([0]);

/** Where the lead image and the bad image list live (their titles on every wiki, DB keys). */
export const PAGE_IMAGES_DENYLIST_PAGE = 'Pageimages-denylist';
export const BAD_IMAGE_LIST_PAGE = 'Bad_image_list';

/** The default thumbnail width ($wgThumbLimits[$wgDefaultUserOptions['thumbsize']]). */
export const DEFAULT_THUMB_WIDTH = 250;

const WIDTH_SCORES: ReadonlyArray<readonly [number, number]> = [
  [119, -100],
  [400, 10],
  [600, 5],
  [601, 0],
];
const GALLERY_WIDTH_SCORES: ReadonlyArray<readonly [number, number]> = [
  [99, -100],
  [100, 0],
];
const RATIO_SCORES: ReadonlyArray<readonly [number, number]> = [
  [3, -100],
  [5, 0],
  [20, 5],
  [30, 0],
  [31, -100],
];
const POSITION_SCORES = [8, 6, 4, 3];
const DENYLISTED = -1000;

/** Media types MediaWiki renders as a picture (File::canRender for the core handlers). */
const RENDERABLE = new Set(['BITMAP', 'DRAWING', 'VIDEO']);

/**
 * The page properties for a page at `page` (namespace, DB key) whose lead section renders `uses`,
 * with `files` the repository's files by DB key.
 */
export function choosePageImages(
  page: { namespace: number; dbKey: string },
  uses: readonly PageImageUse[],
  files: ReadonlyMap<string, PageImageFile>,
  exclusions: PageImageExclusions,
): PageImageChoice {
  if (!PAGE_IMAGES_NAMESPACES.has(page.namespace)) return {};
  const scores = new Map<string, number>();
  let position = 0;
  for (const use of uses) {
    const name = toDbKey(use.title);
    const file = files.get(name);
    if (!file || !RENDERABLE.has(file.mediaType)) continue;
    if (isBadImage(name, page, exclusions.badImages)) continue;
    const score = exclusions.denylist.has(name) ? DENYLISTED : scoreUse(use, file, position);
    position++;
    scores.set(name, Math.max(scores.get(name) ?? -1, score));
  }
  let best: string | undefined;
  let bestFree: string | undefined;
  for (const [name, score] of scores) {
    if (score <= 0) continue;
    if (best === undefined || score > scores.get(best)!) best = name;
    if ((bestFree === undefined || score > scores.get(bestFree)!) && isFreeLicense(files.get(name)!.license))
      bestFree = name;
  }
  const choice: PageImageChoice = {};
  if (bestFree !== undefined) choice.page_image_free = bestFree;
  if (best !== undefined && best !== bestFree) choice.page_image = best;
  return choice;
}

/** PageImages' score of one rendered file at `position` (0-based) among the candidates. */
export function scoreUse(use: PageImageUse, file: PageImageFile, position: number): number {
  const width = use.origin === 'gallery' ? 0 : renderedWidth(use, file);
  let score =
    width > 0 ? scoreFromTable(width, WIDTH_SCORES) : scoreFromTable(file.width, GALLERY_WIDTH_SCORES);
  score += POSITION_SCORES[position] ?? 0;
  const ratio = file.width > 0 && file.height > 0 ? Math.trunc((file.width / file.height) * 10) : 0;
  return score + scoreFromTable(ratio, RATIO_SCORES);
}

const SIZE_OPTION = /^(\d*)(?:x(\d+))?\s*px$/;
/**
 * The `img_thumbnail` and `img_frameless` magic words: English, which every wiki understands, and
 * the localized ones of the languages whose wikis this project knows (MessagesDe.php,
 * MessagesCs.php, MessagesAr.php, …), accepted everywhere as the redirect words are
 * (wikitext/magic-words.ts): a German `mini` is a thumbnail, so its width is the default one.
 */
const THUMB_OPTIONS = new Set([
  'thumb',
  'thumbnail',
  'frameless',
  'mini',
  'miniatur',
  'rahmenlos',
  'náhled',
  'bezrámu',
  'تصغير',
  'مصغر',
  'vignette',
  'miniatura',
  'miniaturadeimagen',
  'miniaturadaimagem',
  'miniatuur',
  'mały',
  'náhľad',
]);

/**
 * The width a file is shown at (PageImages' calcWidth): the declared width, else the width a
 * declared height gives, else the default thumbnail width for thumb/frameless (and for an infobox,
 * whose template shows its image frameless), else the file's width.
 */
export function renderedWidth(use: PageImageUse, file: PageImageFile): number {
  let width: number | undefined;
  let height: number | undefined;
  let thumb = use.origin === 'infobox';
  for (const raw of use.options === '' ? [] : use.options.split('|')) {
    const option = raw.trim();
    const m = SIZE_OPTION.exec(option);
    if (m && (m[1] || m[2])) {
      if (m[1]) width = Number(m[1]);
      if (m[2]) height = Number(m[2]);
    } else if (THUMB_OPTIONS.has(option)) thumb = true;
  }
  if (width !== undefined) return width;
  if (height !== undefined && file.height > 0) return (file.width * height) / file.height;
  return thumb ? DEFAULT_THUMB_WIDTH : file.width;
}

/** PageImages' scoreFromTable: the score of the first band whose upper bound holds `value`, else the last. */
function scoreFromTable(value: number, table: ReadonlyArray<readonly [number, number]>): number {
  let last = 0;
  for (const [bound, score] of table) {
    last = score;
    if (value <= bound) break;
  }
  return last;
}

const NON_FREE = /\bNC\b|\bND\b|non-?free|fair use|all rights reserved|copyrighted/i;

/**
 * Whether a licence is free (Commons' accepted licences: CC0, CC BY, CC BY-SA, public domain,
 * GFDL, …). A file whose description names no known licence is not counted free.
 */
export function isFreeLicense(license: string): boolean {
  return license.trim() !== '' && !NON_FREE.test(license);
}

function isBadImage(name: string, page: { namespace: number; dbKey: string }, list: BadImageList): boolean {
  const exceptions = list.get(name);
  return exceptions !== undefined && !exceptions.has(`${page.namespace}:${page.dbKey}`);
}

const LIST_LINK = /\[\[:?(.*?)\]\]/g;

/**
 * MediaWiki's bad image list (`MediaWiki:Bad image list`, BadFileLookup): on each line starting
 * with `*`, the first link names the file (by its DB key, whatever its namespace), the following
 * ones the pages where it may be shown (`* [[:File:X.jpg]] except on [[Page]]`). A link that is
 * not a valid title (`[[:File:X.jpg|label]]` is not) is skipped; when it is the first, the line
 * names no file.
 */
export function parseBadImageList(text: string, namespaces: NamespaceTable): Map<string, Set<string>> {
  const list = new Map<string, Set<string>>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('*')) continue;
    let file: string | undefined;
    const exceptions = new Set<string>();
    let first = true;
    for (const m of line.matchAll(LIST_LINK)) {
      const t = parseTitleParts(m[1] ?? '', namespaces);
      const valid = t !== null && t.interwiki === undefined && t.title !== '';
      if (first) {
        if (valid) file = toDbKey(t.title);
        first = false;
      } else if (valid) exceptions.add(`${t.namespace}:${toDbKey(t.title)}`);
    }
    if (file !== undefined) list.set(file, exceptions);
  }
  return list;
}

/** The files a denylist page names: its links to files (`[[:File:X.jpg]]`), as DB keys. */
export function parseDenylist(text: string, namespaces: NamespaceTable): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(LIST_LINK)) {
    const target = (m[1] ?? '').split('|')[0] ?? '';
    const t = parseTitleParts(target, namespaces);
    if (t && t.interwiki === undefined && t.namespace === NS_FILE && t.title !== '')
      out.add(toDbKey(t.title));
  }
  return out;
}
