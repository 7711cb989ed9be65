import sharp from 'sharp';
import { defaultNamespaces } from '../../src/core/domain/namespaces.ts';
import type { MediaFile } from '../../src/core/domain/wiki.ts';
import type { TestApp } from './app.ts';

export const MEDIA_REPO = 'commonswiki';

/** A description page as Commons writes one. */
export function descriptionPage(f: {
  description: string;
  author: string;
  license: string;
  categories: string[];
}): string {
  return (
    `== {{int:filedesc}} ==\n{{Information\n|description={{en|1=${f.description}}}\n|date=2024-01-01\n` +
    `|source={{own}}\n|author=${f.author}\n}}\n\n== {{int:license-header}} ==\n${f.license}\n\n` +
    f.categories.map((c) => `[[Category:${c}]]`).join('\n')
  );
}

/** A real JPEG or PNG of a gradient, `width` × `height`. */
export function bitmap(width: number, height: number, format: 'jpeg' | 'png'): Promise<Buffer> {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<defs><linearGradient id="g"><stop offset="0" stop-color="#c33"/><stop offset="1" stop-color="#33c"/></linearGradient></defs>` +
    `<rect width="${width}" height="${height}" fill="url(#g)"/></svg>`;
  return sharp(Buffer.from(svg))[format]().toBuffer();
}

export function svgDrawing(width: number, height: number): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 3}" fill="#3a3"/></svg>`,
  );
}

/** Adds the media repository wiki `commonswiki` to a test app. */
export async function addMediaRepo(t: TestApp): Promise<void> {
  await t.services.wikis.upsert(
    {
      id: MEDIA_REPO,
      lang: 'en',
      sitename: 'Commons',
      baseUrl: '',
      namespaces: defaultNamespaces(),
      isMediaRepo: true,
      source: 'local',
      settings: {},
    },
    t.now(),
  );
}

/** Uploads files to the test app's media repository; returns them as stored. */
export async function uploadFiles(
  t: TestApp,
  files: { name: string; bytes: Buffer; page?: string; timestamp?: number }[],
): Promise<MediaFile[]> {
  return t.services.media.upload(
    files.map((f) => ({
      repo: MEDIA_REPO,
      name: f.name,
      bytes: f.bytes,
      descriptionPage:
        f.page ??
        descriptionPage({
          description: 'A picture',
          author: '[[User:Uploader|Uploader]]',
          license: '{{self|cc-by-sa-4.0}}',
          categories: ['Pictures'],
        }),
      uploader: 'Uploader',
      timestamp: f.timestamp ?? 1_700_000_000,
    })),
  );
}
