import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaFile } from '../../../src/core/domain/wiki.ts';
import { ApiClient } from '../../factories/app.ts';
import { addMediaRepo, bitmap, descriptionPage, uploadFiles } from '../../factories/media.ts';
import { buildReviewApp, type ReviewTestApp } from '../../factories/review.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// prop=pageimages and prop=pageprops over page images chosen by real edits (core/domain/page-images.ts).

let t: ReviewTestApp;
let api: ApiClient;
let photo: MediaFile;
let logo: MediaFile;
const ids: Record<string, number> = {};
const images = () => `${t.services.config.server}/images/commonswiki/`;

beforeAll(async () => {
  t = await buildReviewApp();
  await addMediaRepo(t);
  [photo, logo] = (await uploadFiles(t, [
    { name: 'Castle.jpg', bytes: await bitmap(800, 600, 'jpeg') },
    {
      name: 'Brand.png',
      bytes: await bitmap(400, 300, 'png'),
      page: descriptionPage({
        description: 'A logo',
        author: 'A company',
        license: '{{Non-free logo}}',
        categories: [],
      }),
    },
  ])) as [MediaFile, MediaFile];
  const editor = await t.user('Editor');
  ids.castle = await t.edit(editor, 'Castle', '[[File:Castle.jpg|thumb|The castle]] A castle.');
  ids.brand = await t.edit(editor, 'Brand', '[[File:Brand.png|thumb]] A brand.');
  ids.both = await t.edit(editor, 'Brand castle', '[[File:Brand.png|thumb]] [[File:Castle.jpg|thumb]] Both.');
  ids.plain = await t.edit(editor, 'Plain', 'No image.');
  api = new ApiClient(t);
});

afterAll(async () => {
  await t?.close();
});

const thumbOf = (f: MediaFile, width: number) =>
  `${images()}thumb/${f.url.slice('/images/commonswiki/'.length)}/${width}px-${f.name}`;

describe('prop=pageimages', () => {
  it('gives the free image with a real thumbnail, its name and the original (fv2)', async () => {
    const res = (
      await api.get({
        action: 'query',
        prop: 'pageimages',
        titles: 'Castle|Brand|Plain',
        piprop: 'thumbnail|name|original',
        pithumbsize: '200',
        formatversion: '2',
      })
    ).json as Json;
    const byTitle = Object.fromEntries((res.query.pages as Json[]).map((p) => [p.title, p]));
    expect(byTitle.Castle).toEqual({
      pageid: ids.castle,
      ns: 0,
      title: 'Castle',
      thumbnail: { source: thumbOf(photo, 200), width: 200, height: 150 },
      original: {
        source: `${images()}${photo.url.slice('/images/commonswiki/'.length)}`,
        width: 800,
        height: 600,
      },
      pageimage: 'Castle.jpg',
    });
    expect(byTitle.Brand).toEqual({ pageid: ids.brand, ns: 0, title: 'Brand' });
    expect(byTitle.Plain).toEqual({ pageid: ids.plain, ns: 0, title: 'Plain' });
  });

  it('serves the thumbnail it names', async () => {
    const res = (
      await api.get({
        action: 'query',
        prop: 'pageimages',
        titles: 'Castle',
        pithumbsize: '120',
        formatversion: '2',
      })
    ).json as Json;
    const source = res.query.pages[0].thumbnail.source as string;
    const served = await t.app.inject({ method: 'GET', url: new URL(source).pathname });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
  });

  it('gives the non-free image with pilicense=any, the best one when a page has both (fv1)', async () => {
    const res = (
      await api.get({
        action: 'query',
        prop: 'pageimages',
        titles: 'Brand|Brand castle',
        piprop: 'name|thumbnail',
        pilicense: 'any',
        pithumbsize: '100',
      })
    ).json as Json;
    expect(res.query.pages[String(ids.brand)]).toMatchObject({
      pageimage: 'Brand.png',
      thumbnail: { source: thumbOf(logo, 100), width: 100, height: 75 },
    });
    expect(res.query.pages[String(ids.both)].pageimage).toBe('Brand.png');
    const free = (
      await api.get({ action: 'query', prop: 'pageimages', titles: 'Brand castle', piprop: 'name' })
    ).json as Json;
    expect(free.query.pages[String(ids.both)].pageimage).toBe('Castle.jpg');
  });

  it('answers a File page with its own file', async () => {
    const res = (
      await api.get({
        action: 'query',
        prop: 'pageimages',
        titles: 'File:Castle.jpg',
        piprop: 'name',
        formatversion: '2',
      })
    ).json as Json;
    expect(res.query.pages[0]).toMatchObject({
      title: 'File:Castle.jpg',
      missing: true,
      pageimage: 'Castle.jpg',
    });
  });

  it('continues by page id with pilimit, in both format versions', async () => {
    const sorted = [ids.castle!, ids.brand!, ids.both!, ids.plain!].sort((a, b) => a - b);
    for (const formatversion of ['1', '2']) {
      const seen: number[] = [];
      let cont: Record<string, string> = {};
      for (let round = 0; round < 5; round++) {
        const res = (
          await api.get({
            action: 'query',
            prop: 'pageimages',
            titles: 'Castle|Brand|Brand castle|Plain',
            piprop: 'name',
            pilicense: 'any',
            pilimit: '2',
            formatversion,
            ...cont,
          })
        ).json as Json;
        const pages: Json[] = formatversion === '2' ? res.query.pages : Object.values(res.query.pages);
        for (const p of pages) if (p.pageimage) seen.push(p.pageid as number);
        if (!res.continue) break;
        expect(res.continue.picontinue).toBe(sorted[2 * (round + 1)]);
        cont = Object.fromEntries(Object.entries(res.continue as Json).map(([k, v]) => [k, String(v)]));
      }
      expect(seen.sort((a, b) => a - b)).toEqual([ids.castle, ids.brand, ids.both].sort((a, b) => a! - b!));
    }
  });

  it('refuses a picontinue that names no page of the set', async () => {
    const res = (
      await api.get({
        action: 'query',
        prop: 'pageimages',
        titles: 'Castle',
        picontinue: '999999',
        formatversion: '2',
      })
    ).json as Json;
    expect(res.error.code).toBe('badcontinue');
  });
});

describe('prop=pageprops', () => {
  it('shows page_image_free and page_image', async () => {
    const res = (
      await api.get({ action: 'query', prop: 'pageprops', titles: 'Brand castle|Brand', formatversion: '2' })
    ).json as Json;
    const byTitle = Object.fromEntries((res.query.pages as Json[]).map((p) => [p.title, p.pageprops]));
    expect(byTitle['Brand castle']).toEqual({ page_image: 'Brand.png', page_image_free: 'Castle.jpg' });
    expect(byTitle.Brand).toEqual({ page_image: 'Brand.png' });
  });
});
