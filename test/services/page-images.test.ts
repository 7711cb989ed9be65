import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/domain/actor.ts';
import { TEST_WIKI } from '../factories/app.ts';
import { addMediaRepo, bitmap, descriptionPage, svgDrawing, uploadFiles } from '../factories/media.ts';
import { buildReviewApp, type ReviewTestApp, type ReviewUser } from '../factories/review.ts';
import { dumpDir } from '../factories/dumps.ts';
import { DumpImporter } from '../../src/wiki-source/local/dump-import.ts';

// Lead images chosen as PageImages chooses them (core/domain/page-images.ts), kept in the page
// properties by every links update and by the re-evaluation job.

let t: ReviewTestApp;
let editor: ReviewUser;
let admin: Actor;

const NON_FREE_PAGE = descriptionPage({
  description: 'A logo',
  author: 'Some company',
  license: '{{Non-free logo}}',
  categories: ['Logos'],
});

beforeAll(async () => {
  t = await buildReviewApp();
  await addMediaRepo(t);
  await uploadFiles(t, [
    { name: 'Infobox_portrait.jpg', bytes: await bitmap(600, 800, 'jpeg') },
    { name: 'Wide_later_view.jpg', bytes: await bitmap(1600, 1000, 'jpeg') },
    { name: 'Sixty_pixels.png', bytes: await bitmap(60, 60, 'png') },
    { name: 'Flag_of_Testland.svg', bytes: svgDrawing(600, 400) },
    { name: 'River_photo.jpg', bytes: await bitmap(800, 600, 'jpeg') },
    { name: 'Shocking.jpg', bytes: await bitmap(800, 600, 'jpeg') },
    { name: 'Company_logo.png', bytes: await bitmap(400, 300, 'png'), page: NON_FREE_PAGE },
    { name: 'Free_photo.jpg', bytes: await bitmap(800, 600, 'jpeg') },
  ]);
  editor = await t.user('Editor');
  const sysop = await t.user('Sysop', ['sysop']);
  admin = await sysop.actor();
});

afterAll(async () => {
  await t?.close();
});

async function props(pageId: number): Promise<Record<string, string>> {
  const all = (
    await t.services.store.links.pageProps(TEST_WIKI, [pageId], ['page_image_free', 'page_image'])
  ).get(pageId);
  return all ?? {};
}

describe('lead image choice', () => {
  it('prefers the infobox image to a larger image later in the lead', async () => {
    const id = await t.edit(
      editor,
      'Portrait article',
      '{{Infobox person\n|name=Someone\n|image=Infobox portrait.jpg\n}}\n' +
        "'''Someone''' is a person.\n[[File:Wide later view.jpg|350px|A view]]\n",
    );
    expect(await props(id)).toEqual({ page_image_free: 'Infobox_portrait.jpg' });
  });

  it('skips a 60 px image and a flag shown as an icon', async () => {
    const id = await t.edit(
      editor,
      'Testland river',
      '[[File:Sixty pixels.png]] [[File:Flag of Testland.svg|20px]] The river of Testland.\n' +
        '[[File:River photo.jpg|thumb|The river]]\n== History ==\n[[File:Wide later view.jpg|thumb]]',
    );
    expect(await props(id)).toEqual({ page_image_free: 'River_photo.jpg' });
  });

  it('takes nothing from after the lead section or from files the repository lacks', async () => {
    const id = await t.edit(
      editor,
      'Late images',
      'Text. [[File:Not uploaded.jpg|thumb]]\n== Section ==\n[[File:River photo.jpg|thumb]]',
    );
    expect(await props(id)).toEqual({});
  });

  it('gives a non-free file as page_image only, and the best free one as page_image_free', async () => {
    const only = await t.edit(
      editor,
      'Company',
      "'''Company''' makes things.\n[[File:Company logo.png|thumb]]",
    );
    expect(await props(only)).toEqual({ page_image: 'Company_logo.png' });
    const both = await t.edit(
      editor,
      'Company and river',
      '[[File:Company logo.png|thumb]] Text.\n[[File:Free photo.jpg|thumb]]',
    );
    expect(await props(both)).toEqual({ page_image: 'Company_logo.png', page_image_free: 'Free_photo.jpg' });
  });

  it('follows edits that add and remove the image', async () => {
    const id = await t.edit(editor, 'Growing article', 'Just text.');
    expect(await props(id)).toEqual({});
    await t.edit(editor, 'Growing article', '[[File:River photo.jpg|thumb]] Just text.');
    expect(await props(id)).toEqual({ page_image_free: 'River_photo.jpg' });
    await t.edit(editor, 'Growing article', 'Just text again.');
    expect(await props(id)).toEqual({});
  });

  it('gives no page image outside articles', async () => {
    const id = await t.edit(editor, 'User:Editor/Sandbox', '[[File:River photo.jpg|thumb]]');
    expect(await props(id)).toEqual({});
  });
});

describe('other links updates', () => {
  it('chooses for imported pages', async () => {
    const dumps = dumpDir();
    try {
      const file = dumps.write('pages.xml', {
        dbname: 'importwiki',
        pages: [
          {
            title: 'Imported river',
            id: 1,
            revisions: [
              { id: 1, timestamp: '2024-01-01T00:00:00Z', text: '[[File:River photo.jpg|thumb]] Text.' },
            ],
          },
        ],
      });
      const result = await new DumpImporter(t.services).import(file);
      const page = await t.services.store.pages.getByTitle(result.wiki, 0, 'Imported_river');
      const stored = await t.services.store.links.pageProps(result.wiki, [page!.id]);
      expect(stored.get(page!.id)).toEqual({ page_image_free: 'River_photo.jpg' });
    } finally {
      dumps.remove();
    }
  });

  it('chooses again for an undeleted page', async () => {
    const id = await t.edit(editor, 'Deleted river', '[[File:River photo.jpg|thumb]] Text.');
    const source = t.services.wikiSources.for(TEST_WIKI);
    await source.delete(admin, { title: 'Deleted river' });
    expect(await props(id)).toEqual({});
    const restored = await source.undelete(admin, { title: 'Deleted river' });
    const page = await t.services.store.pages.getByTitle(TEST_WIKI, 0, 'Deleted_river');
    expect(restored).toBeDefined();
    expect(await props(page!.id)).toEqual({ page_image_free: 'River_photo.jpg' });
  });
});

describe('bad image list and denylist', () => {
  it('skips a listed file except on the pages its line allows, and re-evaluates users when the list changes', async () => {
    const elsewhere = await t.edit(editor, 'Shock article', '[[File:Shocking.jpg|thumb]] Text.');
    const allowed = await t.edit(editor, 'Allowed article', '[[File:Shocking.jpg|thumb]] Text.');
    expect(await props(elsewhere)).toEqual({ page_image_free: 'Shocking.jpg' });

    await t.edit(
      admin,
      'MediaWiki:Bad image list',
      '* [[:File:Shocking.jpg]] except on [[Allowed article]]\n',
    );
    expect(await props(elsewhere)).toEqual({});
    expect(await props(allowed)).toEqual({ page_image_free: 'Shocking.jpg' });

    // A new page using it is checked at save time.
    const later = await t.edit(editor, 'Another shock', '[[File:Shocking.jpg|thumb]] Text.');
    expect(await props(later)).toEqual({});

    await t.edit(admin, 'MediaWiki:Bad image list', 'Nothing listed.\n');
    expect(await props(elsewhere)).toEqual({ page_image_free: 'Shocking.jpg' });
    expect(await props(later)).toEqual({ page_image_free: 'Shocking.jpg' });
  });

  it('lets the next image win when the first is on the PageImages denylist', async () => {
    const id = await t.edit(
      editor,
      'Denied first',
      '[[File:Free photo.jpg|thumb]] [[File:River photo.jpg|thumb]] Text.',
    );
    expect(await props(id)).toEqual({ page_image_free: 'Free_photo.jpg' });
    await t.edit(admin, 'MediaWiki:Pageimages-denylist', '* [[:File:Free photo.jpg]]\n');
    expect(await props(id)).toEqual({ page_image_free: 'River_photo.jpg' });
    await t.edit(admin, 'MediaWiki:Pageimages-denylist', '');
    expect(await props(id)).toEqual({ page_image_free: 'Free_photo.jpg' });
  });

  it('re-evaluates the users of the listed files when a list page is deleted or undeleted', async () => {
    const source = t.services.wikiSources.for(TEST_WIKI);
    await t.edit(admin, 'MediaWiki:Bad image list', '* [[:File:Shocking.jpg]]\n');
    const id = await t.edit(editor, 'Listed shock', '[[File:Shocking.jpg|thumb]] Text.');
    expect(await props(id)).toEqual({});

    await source.delete(admin, { title: 'MediaWiki:Bad image list' });
    await t.drain();
    expect(await props(id)).toEqual({ page_image_free: 'Shocking.jpg' });

    await source.undelete(admin, { title: 'MediaWiki:Bad image list' });
    await t.drain();
    expect(await props(id)).toEqual({});

    // The denylist too: the first image is skipped while the list is there.
    const denied = await t.edit(
      editor,
      'Denylisted first',
      '[[File:Free photo.jpg|thumb]] [[File:River photo.jpg|thumb]] Text.',
    );
    await t.edit(admin, 'MediaWiki:Pageimages-denylist', '* [[:File:Free photo.jpg]]\n');
    expect(await props(denied)).toEqual({ page_image_free: 'River_photo.jpg' });
    await source.delete(admin, { title: 'MediaWiki:Pageimages-denylist' });
    await t.drain();
    expect(await props(denied)).toEqual({ page_image_free: 'Free_photo.jpg' });
    await source.undelete(admin, { title: 'MediaWiki:Pageimages-denylist' });
    await t.drain();
    expect(await props(denied)).toEqual({ page_image_free: 'River_photo.jpg' });

    await t.edit(admin, 'MediaWiki:Bad image list', '');
    await t.edit(admin, 'MediaWiki:Pageimages-denylist', '');
  });

  it('re-evaluates on a move, since "except on" goes by title', async () => {
    await t.edit(admin, 'MediaWiki:Bad image list', '* [[:File:Shocking.jpg]] except on [[Moved shock]]\n');
    const id = await t.edit(editor, 'Unmoved shock', '[[File:Shocking.jpg|thumb]] Text.');
    expect(await props(id)).toEqual({});
    await t.services.wikiSources.for(TEST_WIKI).move(admin, {
      from: 'Unmoved shock',
      to: 'Moved shock',
      reason: 'test',
      noRedirect: true,
    });
    await t.drain();
    expect(await props(id)).toEqual({ page_image_free: 'Shocking.jpg' });
    await t.edit(admin, 'MediaWiki:Bad image list', '');
  });
});

describe('media metadata changes', () => {
  it('re-evaluates the pages using a file when it is uploaded or its size changes', async () => {
    const id = await t.edit(editor, 'Awaiting upload', '[[File:Coming soon.jpg]] Text.');
    expect(await props(id)).toEqual({});
    await uploadFiles(t, [{ name: 'Coming_soon.jpg', bytes: await bitmap(300, 200, 'jpeg') }]);
    await t.drain();
    expect(await props(id)).toEqual({ page_image_free: 'Coming_soon.jpg' });
    // A new version 90 px wide is shown at its own width: too small.
    await uploadFiles(t, [
      { name: 'Coming_soon.jpg', bytes: await bitmap(90, 60, 'jpeg'), timestamp: 1_700_000_100 },
    ]);
    await t.drain();
    expect(await props(id)).toEqual({});
  });
});
