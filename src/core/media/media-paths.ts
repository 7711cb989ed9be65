import { createHash } from 'node:crypto';
import { isWikiId } from '../../config.ts';
import { fail } from '../../errors.ts';

/**
 * The URL paths of the media files this service serves, laid out as MediaWiki's hashed upload
 * directories ($wgHashedUploadDirectory; `upload.wikimedia.org/wikipedia/commons/a/ab/Name.jpg`):
 * - original: `/images/{repo}/{h}/{hh}/{Name}`
 * - thumbnail: `/images/{repo}/thumb/{h}/{hh}/{Name}/{W}px-{Name}` (`…px-{Name}.png` for SVG)
 * where `hh` is the first two hex digits of the MD5 of the DB key and `h` its first.
 */
export const IMAGES_ROOT = '/images';

/** The widest thumbnail rendered (MediaWiki's $wgSVGMaxSize is 5120; wider bitmaps are served whole). */
export const MAX_THUMBNAIL_WIDTH = 4096;

/**
 * Widths whose renditions are kept on disk: Wikimedia's standard thumbnail steps and the widths
 * MediaWiki's own interfaces ask for. Other widths are rendered on each request, so a client
 * cannot fill the disk with one rendition per width.
 */
export const CACHED_THUMBNAIL_WIDTHS: ReadonlySet<number> = new Set([
  20, 40, 50, 60, 80, 100, 120, 150, 180, 200, 220, 250, 300, 320, 330, 400, 500, 640, 800, 960, 1024, 1280,
  1920, 2560, 3840,
]);

/** `[h, hh]` of MediaWiki's hashed upload path for a DB key. */
export function hashDirs(name: string): [string, string] {
  const md5 = createHash('md5').update(name, 'utf8').digest('hex');
  return [md5.slice(0, 1), md5.slice(0, 2)];
}

/**
 * Whether `name` can be a stored file's DB key: what MediaWiki accepts as a file name (no `/`, `\`
 * or `:` — $wgIllegalFileChars — no control characters, no spaces, at most 240 bytes) and no
 * leading dot, so it can never name a directory or climb out of one.
 */
export function isStorableFileName(name: string): boolean {
  return (
    name.length > 0 &&
    Buffer.byteLength(name, 'utf8') <= 240 &&
    !name.startsWith('.') &&
    // eslint-disable-next-line no-control-regex
    !/[/\\:\u0000-\u001f\u007f ]/.test(name) &&
    name.includes('.')
  );
}

/** The URL path of an original. */
export function originalPath(repo: string, name: string): string {
  const [h, hh] = hashDirs(name);
  return `${IMAGES_ROOT}/${repo}/${h}/${hh}/${encodeURIComponent(name)}`;
}

/** A thumbnail's file name: `320px-Name.jpg`; an SVG's is a PNG, `320px-Name.svg.png`. */
export function thumbnailName(name: string, mime: string, width: number): string {
  return `${width}px-${name}${mime === 'image/svg+xml' ? '.png' : ''}`;
}

/**
 * The URL of a rendition `width` pixels wide, from the original's URL in MediaWiki's layout (here or
 * on a Wikimedia-style upload server); null when the URL is not in that layout.
 */
export function thumbnailUrl(originalUrl: string, name: string, mime: string, width: number): string | null {
  const m = /^(.*\/)([0-9a-f])\/([0-9a-f]{2})\/([^/?#]+)$/.exec(originalUrl);
  if (!m) return null;
  const [, base, h, hh, file] = m as unknown as [string, string, string, string, string];
  return `${base}thumb/${h}/${hh}/${file}/${encodeURIComponent(thumbnailName(name, mime, width))}`;
}

/** What a path under /images asks for. */
export type ImageRequest =
  | { kind: 'original'; repo: string; name: string; hash: [string, string] }
  | {
      kind: 'thumbnail';
      repo: string;
      name: string;
      hash: [string, string];
      width: number;
      thumbName: string;
    };

/**
 * Reads the path after `/images/` (still percent-encoded). A path of another shape, a segment
 * that is not valid percent-encoding, a repository that is not a wiki id or a name that cannot be
 * a file's (`..`, a slash, a control character) is `media-badpath` (400); a thumbnail whose name does not
 * start with `{W}px-` and end with the file's name is `media-badthumbname`; a width out of range
 * is `media-badwidth`. The hash directories are returned as given: the caller compares them.
 */
export function parseImagePath(rawPath: string): ImageRequest {
  const segments = rawPath.split('/').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw fail('media-badpath', rawPath);
    }
  });
  const thumb = segments[1] === 'thumb';
  if (segments.length !== (thumb ? 6 : 4)) throw fail('media-badpath', rawPath);
  const [repo = '', ...rest] = thumb ? [segments[0], ...segments.slice(2)] : segments;
  const [h = '', hh = '', name = '', thumbName = ''] = rest;
  if (!isWikiId(repo) || !isStorableFileName(name)) throw fail('media-badpath', rawPath);
  if (!thumb) return { kind: 'original', repo, name, hash: [h, hh] };
  const m = /^(\d+)px-(.+)$/.exec(thumbName);
  if (!m || (m[2] !== name && m[2] !== `${name}.png`)) throw fail('media-badthumbname', thumbName, name);
  const digits = m[1] as string;
  const width = digits.length > 5 ? Infinity : Number(digits);
  if (!(width >= 1 && width <= MAX_THUMBNAIL_WIDTH) || digits.startsWith('0'))
    throw fail('media-badwidth', digits, MAX_THUMBNAIL_WIDTH);
  return { kind: 'thumbnail', repo, name, hash: [h, hh], width, thumbName };
}
