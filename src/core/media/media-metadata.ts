import { createHash } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';
import { fail } from '../../errors.ts';

/** What is read from a media file's bytes (MediaWiki's File::getImageSize, getMimeType, sha1). */
export interface FileMetadata {
  width: number;
  height: number;
  size: number;
  mime: string;
  mediaType: 'BITMAP' | 'DRAWING';
  /** Bits per channel (MediaWiki's img_bits); 0 for SVG. */
  bitDepth: number;
  /** SHA-1 of the bytes, hex. */
  sha1: string;
}

const MIME_OF: Readonly<Record<string, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  tiff: 'image/tiff',
  svg: 'image/svg+xml',
};

const DEPTH_BITS: Readonly<Record<string, number>> = { uchar: 8, char: 8, ushort: 16, short: 16 };

/** Reads the metadata of an image file; a format other than those in MIME_OF is `media-unsupportedtype`. */
export async function readFileMetadata(bytes: Buffer): Promise<FileMetadata> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch {
    throw fail('media-unsupportedtype', 'unknown');
  }
  const mime = MIME_OF[meta.format];
  if (!mime || !meta.width || !meta.height) throw fail('media-unsupportedtype', meta.format);
  const drawing = meta.format === 'svg';
  return {
    width: meta.width,
    height: meta.height,
    size: bytes.length,
    mime,
    mediaType: drawing ? 'DRAWING' : 'BITMAP',
    bitDepth: drawing ? 0 : (meta.bitsPerSample ?? DEPTH_BITS[meta.depth ?? 'uchar'] ?? 8),
    sha1: createHash('sha1').update(bytes).digest('hex'),
  };
}
