import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/domain/actor.ts';
import { runJobsUntilIdle } from '../../src/core/jobs/jobs-cli.ts';
import { REFRESH_FILE_DESCRIPTION_JOB } from '../../src/core/media/file-description-refresh.ts';
import { createWorker, type Worker } from '../../src/create-worker.ts';
import { buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';
import { addMediaRepo, bitmap, descriptionPage, MEDIA_REPO, uploadFiles } from '../factories/media.ts';

// A media repository's stored file metadata (licence, author, description, categories) follows
// edits of the files' description pages (core/media/file-description-refresh.ts), through the event
// log and a job; the page images of the pages using a file follow a change of its licence.

let t: TestApp;
let worker: Worker;
let commonsAdmin: Actor;
let localAdmin: Actor;

const drain = () => runJobsUntilIdle(worker, { print: () => {} });

beforeAll(async () => {
  t = await buildTestApp();
  await addMediaRepo(t);
  worker = createWorker(t.services);
  await uploadFiles(t, [
    {
      name: 'Harbour.jpg',
      bytes: await bitmap(800, 600, 'jpeg'),
      page: descriptionPage({
        description: 'The harbour',
        author: 'Sailor',
        license: '{{self|cc-by-sa-4.0}}',
        categories: ['Harbours'],
      }),
    },
    {
      name: 'Brand.png',
      bytes: await bitmap(400, 300, 'png'),
      page: descriptionPage({
        description: 'A brand',
        author: 'A company',
        license: '{{Non-free logo}}',
        categories: ['Logos'],
      }),
    },
  ]);
  const accounts = t.services.accounts;
  const commons = await accounts.createAccount(MEDIA_REPO, 'Curator', 'curator password 1', {
    groups: ['sysop'],
  });
  commonsAdmin = await accounts.actorForUser(MEDIA_REPO, commons.id);
  const local = await accounts.createAccount(TEST_WIKI, 'Local admin', 'local admin password 1', {
    groups: ['sysop'],
  });
  localAdmin = await accounts.actorForUser(TEST_WIKI, local.id);
});

afterAll(async () => {
  await t?.close();
});

const stored = async (name: string) => (await t.services.store.media.getMany(MEDIA_REPO, [name]))[0];
const commons = () => t.services.wikiSources.for(MEDIA_REPO);

async function editCommons(title: string, text: string): Promise<void> {
  await commons().edit(commonsAdmin, { title, text });
  await drain();
}

describe('description page edits', () => {
  it('replace the licence, author, description and categories, and nothing read from the bytes', async () => {
    const before = await stored('Harbour.jpg');
    await editCommons(
      'File:Harbour.jpg',
      descriptionPage({
        description: "The [[harbour]] at '''dawn'''",
        author: '[[User:Painter|A painter]]',
        license: '{{cc-zero}}',
        categories: ['Harbours at dawn', 'Boats'],
      }),
    );
    expect(await stored('Harbour.jpg')).toEqual({
      ...before,
      license: 'CC0',
      author: 'A painter',
      description: 'The harbour at dawn',
      categories: ['Harbours_at_dawn', 'Boats'],
    });
  });

  it('are re-read from the latest text, so a repeated job changes nothing', async () => {
    const current = await stored('Harbour.jpg');
    await t.services.jobs.enqueue({
      type: REFRESH_FILE_DESCRIPTION_JOB,
      wiki: MEDIA_REPO,
      payload: { name: 'Harbour.jpg' },
    });
    const summary = await drain();
    expect(summary).toMatchObject({ done: 1, failed: 0, dead: 0 });
    expect(await stored('Harbour.jpg')).toEqual(current);
  });

  it('of a page whose file the repository lacks store nothing', async () => {
    await editCommons(
      'File:Not uploaded.jpg',
      descriptionPage({ description: 'x', author: 'y', license: '{{cc0}}', categories: [] }),
    );
    expect(await stored('Not_uploaded.jpg')).toBeUndefined();
    expect(
      await t.services.store.jobs.list({ type: REFRESH_FILE_DESCRIPTION_JOB, status: 'dead', limit: 10 }),
    ).toEqual([]);
  });

  it('on a wiki that is no media repository queue no job', async () => {
    const queued = async () =>
      (await t.services.store.jobs.list({ type: REFRESH_FILE_DESCRIPTION_JOB, limit: 1000 })).length;
    const count = await queued();
    await t.services.wikiSources.for(TEST_WIKI).edit(localAdmin, {
      title: 'File:Harbour.jpg',
      text: descriptionPage({ description: 'Local', author: 'Local', license: '{{gfdl}}', categories: [] }),
    });
    await drain();
    expect(await queued()).toBe(count);
    expect(await stored('Harbour.jpg')).toMatchObject({ license: 'CC0', author: 'A painter' });
  });

  it('re-evaluate the lead images of the pages using the file when its licence changes', async () => {
    await t.services.wikiSources.for(TEST_WIKI).edit(localAdmin, {
      title: 'Brand article',
      text: "'''Brand''' is a brand.\n[[File:Brand.png|thumb]]",
    });
    await drain();
    const page = await t.services.store.pages.getByTitle(TEST_WIKI, 0, 'Brand_article');
    const props = async () =>
      (await t.services.store.links.pageProps(TEST_WIKI, [page!.id], ['page_image_free', 'page_image'])).get(
        page!.id,
      ) ?? {};
    expect(await props()).toEqual({ page_image: 'Brand.png' });
    await editCommons(
      'File:Brand.png',
      descriptionPage({
        description: 'A brand',
        author: 'A company',
        license: '{{PD-textlogo}}',
        categories: [],
      }),
    );
    expect(await stored('Brand.png')).toMatchObject({ license: 'Public domain', categories: [] });
    expect(await props()).toEqual({ page_image_free: 'Brand.png' });
  });
});

describe('deleting and undeleting a description page', () => {
  it('keeps the metadata when the page is deleted, and reads the restored text on undeletion', async () => {
    await editCommons(
      'File:Harbour.jpg',
      descriptionPage({
        description: 'The harbour at night',
        author: 'Night owl',
        license: '{{cc-by-4.0}}',
        categories: ['Night'],
      }),
    );
    const kept = await stored('Harbour.jpg');
    expect(kept).toMatchObject({ license: 'CC BY 4.0', author: 'Night owl', categories: ['Night'] });

    await commons().delete(commonsAdmin, { title: 'File:Harbour.jpg' });
    await drain();
    expect(await stored('Harbour.jpg')).toEqual(kept);

    // A new version is uploaded with other description text while the page is deleted; the
    // undeleted page's text is what the metadata is read from again.
    const [uploaded] = await uploadFiles(t, [
      {
        name: 'Harbour.jpg',
        bytes: await bitmap(640, 480, 'jpeg'),
        page: descriptionPage({
          description: 'Other',
          author: 'Uploader',
          license: '{{gfdl}}',
          categories: [],
        }),
        timestamp: 1_700_000_500,
      },
    ]);
    await drain();
    expect(await stored('Harbour.jpg')).toMatchObject({ license: 'GFDL', author: 'Uploader', width: 640 });
    await commons().undelete(commonsAdmin, { title: 'File:Harbour.jpg' });
    await drain();
    expect(await stored('Harbour.jpg')).toEqual({
      ...uploaded,
      license: 'CC BY 4.0',
      author: 'Night owl',
      description: 'The harbour at night',
      categories: ['Night'],
    });
  });
});
