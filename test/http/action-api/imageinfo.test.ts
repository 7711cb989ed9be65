import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, type TestApp } from '../../factories/app.ts';
import { addMediaRepo, bitmap, descriptionPage, svgDrawing, uploadFiles } from '../../factories/media.ts';
import type { MediaFile } from '../../../src/core/domain/wiki.ts';
import { runJobsUntilIdle } from '../../../src/core/jobs/jobs-cli.ts';
import { createWorker } from '../../../src/create-worker.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let photo: MediaFile;
let drawing: MediaFile;
let api: ApiClient;
let commons: ApiClient;
const server = () => t.services.config.server;

beforeAll(async () => {
  t = await buildTestApp();
  await addMediaRepo(t);
  [photo, drawing] = (await uploadFiles(t, [
    {
      name: 'Prague_castle.jpg',
      bytes: await bitmap(1000, 750, 'jpeg'),
      page: descriptionPage({
        description: "Prague Castle from the [[Charles Bridge|bridge]] & '''river'''",
        author: '[[User:Photographer|Photographer]]',
        license: '{{self|cc-by-sa-4.0}}',
        categories: ['Prague Castle', 'Views_from_Charles_Bridge'],
      }),
      timestamp: 1_704_110_400,
    },
    { name: 'Logo.svg', bytes: svgDrawing(400, 200) },
  ])) as [MediaFile, MediaFile];
  api = new ApiClient(t);
  commons = new ApiClient(t, '/commonswiki/w/api.php');
});

afterAll(async () => {
  await t?.close();
});

describe('prop=imageinfo', () => {
  it('answers url, size, mime, mediatype, sha1 and the uploader of a shared file, missing but known (fv2)', async () => {
    const res = (
      await api.get({
        action: 'query',
        prop: 'imageinfo',
        titles: 'File:Prague castle.jpg',
        iiprop: 'timestamp|user|url|size|mime|mediatype|sha1|bitdepth|canonicaltitle',
        formatversion: '2',
      })
    ).json as Json;
    const base = `${server()}/images/commonswiki/`;
    expect(res.query.pages).toEqual([
      {
        ns: 6,
        title: 'File:Prague castle.jpg',
        missing: true,
        known: true,
        imagerepository: 'shared',
        imageinfo: [
          {
            timestamp: '2024-01-01T12:00:00Z',
            user: 'Uploader',
            size: photo.size,
            width: 1000,
            height: 750,
            canonicaltitle: 'File:Prague castle.jpg',
            url: `${base}${photo.url.slice('/images/commonswiki/'.length)}`,
            descriptionurl: `${server()}/commonswiki/wiki/File:Prague_castle.jpg`,
            sha1: photo.sha1,
            mime: 'image/jpeg',
            mediatype: 'BITMAP',
            bitdepth: 8,
          },
        ],
      },
    ]);
    expect(photo.sha1).toMatch(/^[0-9a-f]{40}$/);
  });

  it('keys pages by pseudo-id and renders missing/known as empty strings in formatversion 1', async () => {
    const res = (
      await api.get({ action: 'query', prop: 'imageinfo', titles: 'File:Prague castle.jpg', iiprop: 'size' })
    ).json as Json;
    expect(res.query.pages['-1']).toMatchObject({
      ns: 6,
      missing: '',
      known: '',
      imagerepository: 'shared',
      imageinfo: [{ size: photo.size, width: 1000, height: 750 }],
    });
  });

  it('says "local" on the repository itself', async () => {
    const res = (
      await commons.get({
        action: 'query',
        prop: 'imageinfo',
        titles: 'File:Logo.svg',
        iiprop: 'mediatype|mime',
        formatversion: '2',
      })
    ).json as Json;
    expect(res.query.pages[0]).toMatchObject({
      imagerepository: 'local',
      imageinfo: [{ mediatype: 'DRAWING', mime: 'image/svg+xml' }],
    });
  });

  it('gives a file that exists nowhere imagerepository "" and no known', async () => {
    const res = (
      await api.get({
        action: 'query',
        prop: 'imageinfo',
        titles: 'File:Nothing here.jpg',
        formatversion: '2',
      })
    ).json as Json;
    expect(res.query.pages[0]).toEqual({
      ns: 6,
      title: 'File:Nothing here.jpg',
      missing: true,
      imagerepository: '',
    });
  });

  it('gives a thumbnail URL of the requested width, with 1.5x and 2x URLs, never wider than the original', async () => {
    const info = async (params: Record<string, string>) =>
      (
        (
          await api.get({
            action: 'query',
            prop: 'imageinfo',
            titles: 'File:Prague castle.jpg',
            iiprop: 'url',
            formatversion: '2',
            ...params,
          })
        ).json as Json
      ).query.pages[0].imageinfo[0];
    const thumbBase = `${server()}${photo.url.replace('/images/commonswiki/', '/images/commonswiki/thumb/')}`;
    expect(await info({ iiurlwidth: '320' })).toMatchObject({
      thumburl: `${thumbBase}/320px-Prague_castle.jpg`,
      thumbwidth: 320,
      thumbheight: 240,
      responsiveUrls: {
        '1.5': `${thumbBase}/480px-Prague_castle.jpg`,
        '2': `${thumbBase}/640px-Prague_castle.jpg`,
      },
    });
    expect(await info({ iiurlwidth: '600' })).toMatchObject({
      thumbwidth: 600,
      responsiveUrls: { '1.5': `${thumbBase}/900px-Prague_castle.jpg` },
    });
    const whole = await info({ iiurlwidth: '5000' });
    expect(whole).toMatchObject({ thumburl: whole.url, thumbwidth: 1000, thumbheight: 750 });
    expect(whole.responsiveUrls).toBeUndefined();
    expect(await info({ iiurlheight: '150' })).toMatchObject({ thumbwidth: 200, thumbheight: 150 });
  });

  it('renders SVG thumbnails as PNG URLs', async () => {
    const res = (
      await api.get({
        action: 'query',
        prop: 'imageinfo',
        titles: 'File:Logo.svg',
        iiprop: 'url|thumbmime',
        iiurlwidth: '100',
        formatversion: '2',
      })
    ).json as Json;
    expect(res.query.pages[0].imageinfo[0]).toMatchObject({
      thumburl: expect.stringMatching(/\/thumb\/[0-9a-f]\/[0-9a-f]{2}\/Logo\.svg\/100px-Logo\.svg\.png$/),
      thumbwidth: 100,
      thumbheight: 50,
      thumbmime: 'image/png',
    });
    expect(drawing.bitDepth).toBe(0);
  });

  it('reads extmetadata from the description page, as {value, source, hidden}, filtered by iiextmetadatafilter', async () => {
    const meta = async (formatversion: string, filter?: string) =>
      (
        (
          await api.get({
            action: 'query',
            prop: 'imageinfo',
            titles: 'File:Prague castle.jpg',
            iiprop: 'extmetadata',
            formatversion,
            ...(filter ? { iiextmetadatafilter: filter } : {}),
          })
        ).json as Json
      ).query.pages;
    const expected = {
      DateTime: { value: '2024-01-01 12:00:00', source: 'mediawiki-metadata', hidden: '' },
      ObjectName: { value: 'Prague castle', source: 'mediawiki-metadata' },
      Categories: {
        value: 'Prague Castle|Views from Charles Bridge',
        source: 'commons-categories',
        hidden: '',
      },
      ImageDescription: { value: 'Prague Castle from the bridge &amp; river', source: 'commons-desc-page' },
      Artist: { value: 'Photographer', source: 'commons-desc-page' },
      LicenseShortName: { value: 'CC BY-SA 4.0', source: 'commons-desc-page', hidden: '' },
    };
    expect((await meta('2'))[0].imageinfo[0].extmetadata).toEqual(expected);
    expect((await meta('1'))['-1'].imageinfo[0].extmetadata).toEqual(expected);
    expect((await meta('2', 'LicenseShortName|Artist'))[0].imageinfo[0].extmetadata).toEqual({
      Artist: expected.Artist,
      LicenseShortName: expected.LicenseShortName,
    });
  });

  it('follows an action=edit of the description page on the repository (after the jobs ran)', async () => {
    const meta = async () =>
      (
        (
          await api.get({
            action: 'query',
            prop: 'imageinfo',
            titles: 'File:Logo.svg',
            iiprop: 'extmetadata',
            iiextmetadatafilter: 'LicenseShortName|Artist|ImageDescription|Categories',
            formatversion: '2',
          })
        ).json as Json
      ).query.pages[0].imageinfo[0].extmetadata;
    expect(await meta()).toMatchObject({
      LicenseShortName: { value: 'CC BY-SA 4.0' },
      Artist: { value: 'Uploader' },
      ImageDescription: { value: 'A picture' },
    });
    const edit = await commons.post({
      action: 'edit',
      title: 'File:Logo.svg',
      text: descriptionPage({
        description: "The logo of the [[Project|project]] in '''bold'''",
        author: '[[User:Designer|Designer]]',
        license: '{{PD-textlogo}}',
        categories: ['Logos'],
      }),
      token: '+\\',
      formatversion: '2',
    });
    expect(edit.json).toMatchObject({ edit: { result: 'Success' } });
    await runJobsUntilIdle(createWorker(t.services), { print: () => {} });
    expect(await meta()).toEqual({
      Categories: { value: 'Logos', source: 'commons-categories', hidden: '' },
      ImageDescription: { value: 'The logo of the project in bold', source: 'commons-desc-page' },
      Artist: { value: 'Designer', source: 'commons-desc-page' },
      LicenseShortName: { value: 'Public domain', source: 'commons-desc-page', hidden: '' },
    });
  });
});
