import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runJobsUntilIdle } from '../../src/core/jobs/jobs-cli.ts';
import {
  backfillJobTypes,
  createWorker,
  followedNamespaces,
  mediaWikiMirror,
} from '../../src/create-worker.ts';
import { ApiClient, buildTestApp, type TestApp } from '../factories/app.ts';
import { bitmap } from '../factories/media.ts';
import {
  describeWithMediaWiki,
  startRealMediaWiki,
  type RealMediaWiki,
} from '../factories/real-mediawiki.ts';

/**
 * Image suggestions for a followed MediaWiki (issue 16 items 1–2): three real wikis — an English
 * one whose new article has no image, a German one with the article's counterpart, whose lead
 * image is a file on the third, a Commons-like media repository — followed side by side. The
 * article's suggestion is the counterpart's lead image, with the file's facts from the
 * repository's prop=imageinfo and its own URL. The oracle is the three wikis' APIs.
 */

describeWithMediaWiki(
  'image suggestions for a followed MediaWiki, from its siblings and its media repository',
  () => {
    let en: RealMediaWiki;
    let de: RealMediaWiki;
    let repo: RealMediaWiki;
    let t: TestApp;

    beforeAll(async () => {
      [en, de, repo] = await Promise.all([
        startRealMediaWiki(),
        startRealMediaWiki('', { lang: 'de' }),
        startRealMediaWiki(),
      ]);
      // The repository's file: a photograph-sized bitmap.
      const files = mkdtempSync(join(tmpdir(), 'wq-mw-files-'));
      writeFileSync(join(files, 'Town_square_view.png'), await bitmap(640, 480, 'png'));
      await repo.maintenance('importImages.php', [
        '--user=Admin',
        '--comment={{Information|description=A view of the town square|author=Ann Example}}\n{{cc-by-sa-4.0}}\n[[Category:Town squares]]',
        files,
      ]);
      // The German article shows it in its lead; the English one links to it and has no image.
      await de.save(
        'Admin',
        'Stadt',
        '[[File:Town square view.png|mini|Der Marktplatz]]\nDie Stadt liegt am Fluss.',
      );
      await en.maintenance('sql.php', [
        '--query',
        `INSERT INTO interwiki (iw_prefix, iw_url, iw_api, iw_wikiid, iw_local, iw_trans) VALUES ('de', '${de.server}/index.php?title=$1', '', '', 1, 0)`,
      ]);
      await en.save('Admin', 'Town', "'''Town''' is a town on a river.\n\n[[de:Stadt]]");

      t = await buildTestApp();
      t.advance(Math.floor(Date.now() / 1000) - t.now());
      const mirror = mediaWikiMirror(t.services);
      await mirror.connect({ id: 'repowiki', apiUrl: repo.apiUrl, mediaRepo: true });
      await mirror.connect({ id: 'dewikitest', apiUrl: de.apiUrl });
      await mirror.connect({ id: 'enwikitest', apiUrl: en.apiUrl });
      await mirror.backfill('enwikitest', {
        namespaces: followedNamespaces(t.services, 'enwikitest'),
        days: 1,
        backfillJobTypes: backfillJobTypes(t.services),
      });
      await runJobsUntilIdle(createWorker(t.services), { print: () => {} });
    }, 180_000);

    afterAll(async () => {
      await t?.close();
      await Promise.all([en?.close(), de?.close(), repo?.close()]);
    });

    it("brings in the counterpart on the sibling wiki and the file's facts from the repository's imageinfo", async () => {
      const stadt = await t.services.store.pages.getByTitle('dewikitest', 0, 'Stadt');
      expect(stadt).toBeDefined();
      const [onRepo] = (
        await repo.query({
          action: 'query',
          titles: 'File:Town square view.png',
          prop: 'imageinfo',
          iiprop: 'size|mime|url|sha1',
        })
      ).query.pages!;
      const info = (
        onRepo!.imageinfo as {
          size: number;
          width: number;
          height: number;
          mime: string;
          url: string;
          sha1: string;
        }[]
      )[0]!;
      const [file] = await t.services.store.media.getMany('repowiki', ['Town_square_view.png']);
      expect(file).toMatchObject({
        width: 640,
        height: 480,
        size: info.size,
        mime: 'image/png',
        mediaType: 'BITMAP',
        sha1: info.sha1,
        url: info.url,
        // From the description page: a plain MediaWiki has no CommonsMetadata extmetadata.
        license: 'CC BY-SA 4.0',
        author: 'Ann Example',
        description: 'A view of the town square',
        categories: ['Town_squares'],
      });
      expect(info.url.startsWith(repo.server)).toBe(true);
    });

    it("suggests the counterpart's lead image for the article without one, through the public read", async () => {
      const town = await t.services.store.pages.getByTitle('enwikitest', 0, 'Town');
      const res = await t.app.inject({
        method: 'GET',
        url: `/public/image_suggestions/suggestions/enwikitest/${town!.id}`,
      });
      const rows = (res.json() as { rows: Record<string, unknown>[] }).rows;
      expect(rows).toEqual([
        expect.objectContaining({
          image: 'Town_square_view.png',
          origin_wiki: 'repowiki',
          found_on: ['dewikitest'],
        }),
      ]);
      // The file as the followed wiki shows it: the repository's own URLs, a thumbnail in its layout.
      const api = new ApiClient(t, '/enwikitest/w/api.php');
      const shown = await api.get({
        action: 'query',
        titles: 'File:Town square view.png',
        prop: 'imageinfo',
        iiprop: 'url|size',
        iiurlwidth: '320',
        formatversion: '2',
      });
      const [page] = (shown.json.query as { pages: { imageinfo: Record<string, unknown>[] }[] }).pages;
      expect(page!.imageinfo[0]).toMatchObject({
        url: expect.stringMatching(new RegExp(`^${repo.server}/images/`)),
        thumburl: expect.stringMatching(
          new RegExp(`^${repo.server}/images/thumb/.+/320px-Town_square_view\\.png$`),
        ),
        width: 640,
      });
    });
  },
);
