import { existsSync, readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../factories/app.ts';
import { addMediaRepo, bitmap, MEDIA_REPO, svgDrawing, uploadFiles } from '../../factories/media.ts';
import type { MediaFile } from '../../../src/core/domain/wiki.ts';
import { MediaFileStore } from '../../../src/core/media/media-file-store.ts';

let t: TestApp;
let photo: MediaFile;
let drawing: MediaFile;
let photoBytes: Buffer;

const path = (url: string) => new URL(url, 'http://x').pathname;
const thumbOf = (f: MediaFile, width: number, suffix = '') =>
  `${path(f.url).replace(`/images/${MEDIA_REPO}/`, `/images/${MEDIA_REPO}/thumb/`)}/${width}px-${encodeURIComponent(f.name)}${suffix}`;

beforeAll(async () => {
  t = await buildTestApp();
  await addMediaRepo(t);
  photoBytes = await bitmap(1200, 800, 'jpeg');
  [photo, drawing] = (await uploadFiles(t, [
    { name: 'Red_blue_gradient.jpg', bytes: photoBytes },
    { name: 'Green_circle.svg', bytes: svgDrawing(300, 200) },
  ])) as [MediaFile, MediaFile];
});

afterAll(async () => {
  await t?.close();
});

describe('/images originals', () => {
  it('serves the stored bytes with their type, ETag, Last-Modified, immutable caching and nosniff', async () => {
    expect(photo.url).toMatch(/^\/images\/commonswiki\/[0-9a-f]\/[0-9a-f]{2}\/Red_blue_gradient\.jpg$/);
    const res = await t.app.inject({ method: 'GET', url: photo.url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.rawPayload.equals(photoBytes)).toBe(true);
    expect(res.headers.etag).toBe(`"${photo.sha1}"`);
    expect(res.headers['last-modified']).toBe(new Date(photo.timestamp * 1000).toUTCString());
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: photo.url,
      headers: { 'if-none-match': `"${photo.sha1}"` },
    });
    expect(res.statusCode).toBe(304);
    expect(res.body).toBe('');
  });

  it('serves SVG originals as image/svg+xml with a sandboxing Content-Security-Policy', async () => {
    const res = await t.app.inject({ method: 'GET', url: drawing.url });
    expect(res.headers['content-type']).toBe('image/svg+xml');
    expect(res.headers['content-security-policy']).toContain('sandbox');
  });
});

describe('/images thumbnails', () => {
  it('renders a JPEG rendition of the requested width with sharp and keeps it on disk', async () => {
    const url = thumbOf(photo, 320);
    const files = new MediaFileStore(t.services.config.media.dir);
    const cached = files.thumbnailFile(MEDIA_REPO, photo.name, `320px-${photo.name}`);
    expect(existsSync(cached)).toBe(false);
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(res.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 320, 213]);
    expect(res.headers.etag).toBe(`"${photo.sha1}-320"`);
    expect(readFileSync(cached).equals(res.rawPayload)).toBe(true);
  });

  it('serves a second request for the rendition from the disk cache', async () => {
    const url = thumbOf(photo, 250);
    const first = await t.app.inject({ method: 'GET', url });
    const files = new MediaFileStore(t.services.config.media.dir);
    const cached = files.thumbnailFile(MEDIA_REPO, photo.name, `250px-${photo.name}`);
    // Replace the cached file: a second answer that is the replacement came from the cache.
    const marker = await sharp({ create: { width: 250, height: 10, channels: 3, background: '#000' } })
      .jpeg()
      .toBuffer();
    await files.writeAtomic(cached, marker);
    const second = await t.app.inject({ method: 'GET', url });
    expect(first.rawPayload.equals(marker)).toBe(false);
    expect(second.rawPayload.equals(marker)).toBe(true);
  });

  it('does not keep renditions of widths outside the standard steps', async () => {
    const res = await t.app.inject({ method: 'GET', url: thumbOf(photo, 321) });
    expect((await sharp(res.rawPayload).metadata()).width).toBe(321);
    const files = new MediaFileStore(t.services.config.media.dir);
    expect(existsSync(files.thumbnailFile(MEDIA_REPO, photo.name, `321px-${photo.name}`))).toBe(false);
  });

  it('never scales a bitmap up: a width at or beyond the original gets the original', async () => {
    for (const width of [1200, 3000]) {
      const res = await t.app.inject({ method: 'GET', url: thumbOf(photo, width) });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(photoBytes)).toBe(true);
    }
  });

  it('rasterizes an SVG to a PNG of the requested width', async () => {
    const res = await t.app.inject({ method: 'GET', url: thumbOf(drawing, 120, '.png') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    const meta = await sharp(res.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 120, 80]);
  });
});

describe('/images errors', () => {
  const problem = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url });
    return {
      status: res.statusCode,
      type: (res.json() as { type: string }).type,
      contentType: res.headers['content-type'],
    };
  };

  it.each([
    ['0px', 'media-badwidth'],
    ['4097px', 'media-badwidth'],
    ['0320px', 'media-badwidth'],
    ['99999999999px', 'media-badwidth'],
  ])('refuses width %s with %s (400)', async (width, type) => {
    const url = thumbOf(photo, 1).replace('/1px-', `/${width}-`);
    expect(await problem(url)).toMatchObject({
      status: 400,
      type,
      contentType: 'application/problem+json; charset=utf-8',
    });
  });

  it('refuses a thumbnail name that is not the file name, and an SVG thumbnail without .png', async () => {
    expect(await problem(thumbOf(photo, 100).replace(/px-.*$/, 'px-Other.jpg'))).toMatchObject({
      status: 400,
      type: 'media-badthumbname',
    });
    expect(await problem(thumbOf(drawing, 100))).toMatchObject({ status: 400, type: 'media-badthumbname' });
  });

  it('answers 404 media-nosuchfile for an unknown file and for a wrong hash directory', async () => {
    expect(await problem('/images/commonswiki/0/00/No_such_file.jpg')).toMatchObject({
      status: 404,
      type: 'media-nosuchfile',
    });
    const wrongHash = path(photo.url).replace(/\/[0-9a-f]\/[0-9a-f]{2}\//, '/z/zz/');
    expect(await problem(wrongHash)).toMatchObject({ status: 404, type: 'media-nosuchfile' });
  });

  it.each([
    '/images/commonswiki/a/ab/..%2F..%2F..%2Fetc%2Fpasswd',
    '/images/commonswiki/a/ab/%2E%2E',
    '/images/commonswiki/a/ab/..',
    '/images/..%2F..%2Fetc/a/ab/passwd.txt',
    '/images/commonswiki/thumb/a/ab/..%2Fwikiqueue.sqlite/10px-..%2Fwikiqueue.sqlite',
    '/images/commonswiki/a/ab/Name.jpg/extra',
    '/images/commonswiki/a/ab/.hidden.jpg',
    '/images/commonswiki/a/ab/Nul%00.jpg',
  ])('refuses the path traversal or malformed path %s with media-badpath (400)', async (url) => {
    expect(await problem(url)).toMatchObject({ status: 400, type: 'media-badpath' });
  });

  it('keeps files outside the media directory out of reach even with a normalized ../ path', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/images/commonswiki/../../etc/passwd' });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.body).not.toContain('root:');
  });
});
