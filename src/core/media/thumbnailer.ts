import sharp from 'sharp';
import type { MediaFile } from '../domain/wiki.ts';
import { fail } from '../../errors.ts';
import { CACHED_THUMBNAIL_WIDTHS, thumbnailName } from './media-paths.ts';
import type { MediaFileStore } from './media-file-store.ts';

/** A rendition ready to send. */
export interface Rendition {
  bytes: Buffer;
  contentType: string;
  /** Whether it came from the disk cache. */
  cached: boolean;
}

/** The format of a file's renditions: JPEG stays JPEG, WebP WebP, everything else (SVG too) is PNG. */
function renditionFormat(mime: string): { format: 'jpeg' | 'png' | 'webp'; contentType: string } {
  if (mime === 'image/jpeg') return { format: 'jpeg', contentType: 'image/jpeg' };
  if (mime === 'image/webp') return { format: 'webp', contentType: 'image/webp' };
  return { format: 'png', contentType: 'image/png' };
}

/**
 * Width-scaled renditions of stored originals, made with sharp (libvips) on first request. At most
 * `maxConcurrent` renders run at once and at most `maxQueued` requests wait for one (beyond that
 * `media-busy`), so clients cannot take every core; requests for a rendition being rendered wait
 * for that render. Renditions of CACHED_THUMBNAIL_WIDTHS are kept on disk (atomic write).
 * The caller decides the width (MediaService.rendition never asks to upscale a bitmap).
 */
export class Thumbnailer {
  readonly #files: MediaFileStore;
  readonly #gate: RenderGate;
  readonly #inFlight = new Map<string, Promise<Rendition>>();

  constructor(opts: { files: MediaFileStore; maxConcurrent: number; maxQueued: number }) {
    this.#files = opts.files;
    this.#gate = new RenderGate(opts.maxConcurrent, opts.maxQueued);
  }

  async render(file: MediaFile, width: number): Promise<Rendition> {
    const { format, contentType } = renditionFormat(file.mime);
    const path = this.#files.thumbnailFile(file.repo, file.name, thumbnailName(file.name, file.mime, width));
    const stored = await this.#files.read(path);
    if (stored) return { bytes: stored, contentType, cached: true };
    const running = this.#inFlight.get(path);
    if (running) return running;
    const job = this.#gate
      .run(async () => {
        const original = this.#files.originalFile(file.repo, file.name);
        // SVGs are rasterized at the density that makes them `width` wide, not scaled from 72 dpi.
        const density = file.mime === 'image/svg+xml' ? Math.max(1, (72 * width) / file.width) : undefined;
        const bytes = await sharp(original, { density, limitInputPixels: 200_000_000 })
          .resize({ width })
          .toFormat(format, format === 'jpeg' ? { quality: 82, mozjpeg: true } : {})
          .toBuffer();
        if (CACHED_THUMBNAIL_WIDTHS.has(width)) await this.#files.writeAtomic(path, bytes);
        return { bytes, contentType, cached: false };
      })
      .finally(() => this.#inFlight.delete(path));
    this.#inFlight.set(path, job);
    return job;
  }
}

/** A counting semaphore with a bounded queue; a slot passes straight from one holder to the next. */
class RenderGate {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(
    private readonly max: number,
    private readonly maxQueued: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.max) {
      if (this.#waiting.length >= this.maxQueued) throw fail('media-busy');
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running++;
    }
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}
