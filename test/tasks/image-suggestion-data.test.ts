import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewSuggestion } from '../../src/suggestions/suggestions-service.ts';
import { ApiClient, buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';
import {
  addMediaRepo,
  bitmap,
  descriptionPage,
  MEDIA_REPO,
  svgDrawing,
  uploadFiles,
} from '../factories/media.ts';

/**
 * prop=growthimagesuggestiondata and the REST routes of suggested edits over the real app: the
 * suggestions subsystem's store holds the rows, the media repository real files (suggested-edits-
 * reference.md §4.3–4.6, §5.2; §8 ApiQueryImageSuggestionDataTest, ServiceImageRecommendationProviderTest,
 * ImageRecommendationMetadataProviderTest).
 */
let t: TestApp;
let alice: ApiClient;
let ids: Record<string, number>;
const DATASET = '0190a8b0-0000-7000-8000-000000000001';
const UPLOADED = 1_700_000_000; // 2023-11-14 22:13:20 UTC

const suggestion = (image: string, confidence: number, over: Partial<NewSuggestion> = {}): NewSuggestion => ({
  image,
  origin_wiki: MEDIA_REPO,
  confidence,
  found_on: null,
  kind: [],
  page_rev: null,
  section_heading: null,
  section_index: null,
  page_qid: null,
  ...over,
});

beforeAll(async () => {
  t = await buildTestApp();
  await addMediaRepo(t);
  const page = (categories: string[]) =>
    descriptionPage({
      description: 'A picture of Alpha & Beta',
      author: '[[User:Uploader|Uploader]]',
      license: '{{self|cc-by-sa-4.0}}',
      categories,
    });
  await uploadFiles(t, [
    { name: 'Wide.jpg', bytes: await bitmap(800, 600, 'jpeg'), page: page(['Towns', 'Files_by_Uploader']) },
    { name: 'Narrow.png', bytes: await bitmap(99, 80, 'png') },
    { name: 'Drawing.svg', bytes: svgDrawing(400, 400) },
    { name: 'Old_town.svg', bytes: svgDrawing(300, 200) },
  ]);
  // A sound file (the embedded repository stores images only, so it is written as a row).
  const [wide] = await t.services.media.getFiles(MEDIA_REPO, ['Wide.jpg']).then((m) => [...m.values()]);
  await t.services.store.media.upsertMany([
    { ...wide!, name: 'Sound.ogg', mime: 'application/ogg', mediaType: 'AUDIO', url: '/images/x/Sound.ogg' },
  ]);
  // "Files by Uploader" is a hidden category on the repository.
  const visitor = await t.services.accounts.actorFor(MEDIA_REPO, undefined, '127.0.0.1');
  await t.services.wikiSources
    .for(MEDIA_REPO)
    .edit(visitor, { title: 'Category:Files by Uploader', text: '__HIDDENCAT__ Maintenance.' });

  ids = await t.savePages([
    ['Alpha', 'Alpha is a town.\n== History ==\nOld.'],
    ['Beta', 'Beta is a town.'],
    ['Gamma', 'Gamma is a town.'],
    ['Delta', 'Delta is a town.'],
  ]);
  const s = t.services.suggestions;
  await s.replacePageSuggestions(TEST_WIKI, ids.Alpha!, DATASET, [
    suggestion('Wide.jpg', 0.9, { kind: ['istype-lead-image'], found_on: ['cswiki', 'dewiki'] }),
    suggestion('Drawing.svg', 0.5, { kind: ['istype-commons-category'] }),
    suggestion('Old_town.svg', 0.8, {
      kind: ['istype-section-topics', 'istype-section-alignment'],
      found_on: ['dewiki', 'frwiki', 'plwiki'],
      section_heading: 'History',
      section_index: 1,
    }),
  ]);
  await s.replacePageSuggestions(TEST_WIKI, ids.Beta!, DATASET, [
    suggestion('Narrow.png', 0.9),
    suggestion('Missing.jpg', 0.8),
    suggestion('Wide.jpg', 0.7, { kind: ['istype-lead-image'], found_on: ['cswiki'] }),
  ]);
  await s.replacePageSuggestions(TEST_WIKI, ids.Gamma!, DATASET, [
    suggestion('Narrow.png', 0.9),
    suggestion('Sound.ogg', 0.8),
  ]);
  await t.createUser('Alice', 'Alice password 1234');
  alice = new ApiClient(t);
  await alice.login('Alice', 'Alice password 1234');
});
afterAll(() => t.close());

type Pages = Record<string, Record<string, unknown>>;
async function pagesOf(client: ApiClient, params: Record<string, string>): Promise<Record<string, unknown>> {
  const res = await client.get({
    action: 'query',
    prop: 'growthimagesuggestiondata',
    formatversion: '2',
    ...params,
  });
  const query = res.json.query as { pages: Record<string, unknown>[] } | undefined;
  if (!query) return res.json;
  return Object.fromEntries(query.pages.map((p) => [p.title as string, p])) as Pages;
}

describe('prop=growthimagesuggestiondata', () => {
  it('is for named users only', async () => {
    const res = await new ApiClient(t).get({
      action: 'query',
      prop: 'growthimagesuggestiondata',
      titles: 'Alpha',
    });
    expect((res.json.error as { code: string }).code).toBe('mustbeloggedin-generic');
  });

  it("answers a page's best suggestion with its file metadata and the reason", async () => {
    const pages = (await pagesOf(alice, { titles: 'Alpha' })) as Pages;
    const data = pages.Alpha!.growthimagesuggestiondata as Record<string, unknown>[];
    expect(data).toHaveLength(1);
    expect(data[0]).toEqual({
      titleNamespace: 0,
      titleText: 'Alpha',
      datasetId: DATASET,
      images: [
        {
          image: 'Wide.jpg',
          displayFilename: 'Wide.jpg',
          source: 'wikipedia',
          projects: ['cswiki', 'dewiki'],
          sectionNumber: null,
          sectionTitle: null,
          metadata: {
            descriptionUrl: expect.stringMatching(/\/commonswiki\/wiki\/File:Wide\.jpg$/),
            thumbUrl: expect.stringMatching(/\/images\/commonswiki\/thumb\/.+\/Wide\.jpg\/120px-Wide\.jpg$/),
            fullUrl: expect.stringMatching(/^https?:\/\/.+\/images\/commonswiki\/.+\/Wide\.jpg$/),
            originalWidth: 800,
            originalHeight: 600,
            mustRender: false,
            isVectorized: false,
            mediaType: 'BITMAP',
            description: 'A picture of Alpha &amp; Beta',
            author: 'Uploader',
            license: 'CC BY-SA 4.0',
            date: '2023-11-14 22:13:20',
            caption: null,
            categories: ['Towns'],
            reason: 'This image is used in 2 other languages: Czech and German.',
            contentLanguageName: 'English',
          },
        },
      ],
    });
    expect(UPLOADED).toBe(Date.UTC(2023, 10, 14, 22, 13, 20) / 1000);
  });

  it('gives the reason in the uselang language when there are messages for it', async () => {
    const pages = (await pagesOf(alice, { titles: 'Alpha', uselang: 'de' })) as Pages;
    const [rec] = pages.Alpha!.growthimagesuggestiondata as {
      images: { metadata: Record<string, unknown> }[];
    }[];
    expect(rec!.images[0]!.metadata.reason).toBe(
      'Dieses Bild wird in 2 anderen Sprachen verwendet: Tschechisch und Deutsch.',
    );
    expect(rec!.images[0]!.metadata.contentLanguageName).toBe('Englisch');
    const unknown = (await pagesOf(alice, { titles: 'Alpha', uselang: 'xx' })) as Pages;
    const [en] = unknown.Alpha!.growthimagesuggestiondata as {
      images: { metadata: Record<string, unknown> }[];
    }[];
    expect(en!.images[0]!.metadata.reason).toMatch(/^This image is used in 2 other languages/);
  });

  it('answers the section type from the section rows (sections numbered from 1, the intersection source)', async () => {
    const pages = (await pagesOf(alice, {
      titles: 'Alpha',
      gisdtasktype: 'section-image-recommendation',
    })) as Pages;
    const [rec] = pages.Alpha!.growthimagesuggestiondata as { images: Record<string, unknown>[] }[];
    expect(rec!.images).toHaveLength(1);
    expect(rec!.images[0]).toMatchObject({
      image: 'Old_town.svg',
      displayFilename: 'Old town.svg',
      source: 'wikidata-section-intersection',
      projects: ['dewiki', 'frwiki', 'plwiki'],
      sectionNumber: 1,
      sectionTitle: 'History',
      metadata: {
        mustRender: true,
        isVectorized: true,
        mediaType: 'DRAWING',
        thumbUrl: expect.stringMatching(/\/120px-Old_town\.svg\.png$/),
        reason:
          'This image is used in the same section in German Wikipedia and 2 more languages, and is connected in Wikidata to a topic this section links to.',
      },
    });
  });

  it('walks past suggestions whose file is missing or too narrow, to keep one good image', async () => {
    const pages = (await pagesOf(alice, { titles: 'Beta' })) as Pages;
    const [rec] = pages.Beta!.growthimagesuggestiondata as { images: Record<string, unknown>[] }[];
    expect(rec!.images.map((i) => i.image)).toEqual(['Wide.jpg']);
    expect((rec!.images[0]!.metadata as Record<string, unknown>).reason).toBe(
      'This image is used in Czech Wikipedia.',
    );
    expect(pages.Beta!.growthimagesuggestiondataerrors).toBeUndefined();
  });

  it('lists the errors when no suggestion can be used, and nothing for a page without suggestions', async () => {
    const pages = (await pagesOf(alice, { titles: 'Gamma|Delta', errorformat: 'plaintext' })) as Pages;
    expect(pages.Gamma!.growthimagesuggestiondata).toBeUndefined();
    expect(pages.Gamma!.growthimagesuggestiondataerrors).toEqual([
      {
        code: 'growthexperiments-image-too-narrow',
        text: 'Invalid file Narrow.png in article Gamma. Filtered because not wide enough: 99 (minimum 100)',
      },
      {
        code: 'growthexperiments-image-invalid-media-type',
        text: 'Invalid file Sound.ogg in article Gamma. Filtered because AUDIO is not valid mime type (BITMAP, DRAWING)',
      },
    ]);
    expect(Object.keys(pages.Delta!).sort()).toEqual(['ns', 'pageid', 'title']);
  });

  it('continues from <ns>|<title> in title order', async () => {
    const pages = (await pagesOf(alice, { titles: 'Alpha|Beta', gisdcontinue: '0|Beta' })) as Pages;
    expect(pages.Alpha!.growthimagesuggestiondata).toBeUndefined();
    expect(pages.Beta!.growthimagesuggestiondata).toHaveLength(1);
    const bad = await pagesOf(alice, { titles: 'Alpha', gisdcontinue: 'nonsense' });
    expect((bad.error as { code: string }).code).toBe('badcontinue');
  });
});

describe('prop=growthimagesuggestiondata on a wiki with suggested edits off', () => {
  it('is moduledisabled, and the REST route too', async () => {
    const { info } = await t.services.wikis.load(TEST_WIKI);
    await t.services.wikis.upsert(
      { ...info, settings: { ...info.settings, tasks: { enabled: false } } },
      t.now(),
    );
    try {
      const res = await pagesOf(alice, { titles: 'Alpha' });
      expect(res.error).toMatchObject({ code: 'moduledisabled' });
      const rest = await t.app.inject({
        method: 'GET',
        url: `/tasks/v0/image-suggestion/${TEST_WIKI}/Alpha`,
      });
      expect([rest.statusCode, rest.json().type]).toEqual([403, 'moduledisabled']);
    } finally {
      await t.services.wikis.upsert(info, t.now());
    }
  });
});

describe('prop=growthimagesuggestiondata on a wiki without media, and its rate limit', () => {
  it('is not-in-config without a media repository; over the limit it is ratelimited', async () => {
    const bare = await buildTestApp({
      config: { rateLimits: { 'growthexperiments-apiqueryimagesuggestiondata': { user: [1, 86400] } } },
    });
    try {
      await bare.createUser('Bob', 'Bob password 1234');
      const bob = new ApiClient(bare);
      await bob.login('Bob', 'Bob password 1234');
      await bare.savePages([['Alpha', 'Alpha.']]);
      const first = await pagesOf(bob, { titles: 'Alpha', gisdtasktype: 'section-image-recommendation' });
      expect(first.error).toMatchObject({ code: 'not-in-config' });
      const second = await pagesOf(bob, { titles: 'Alpha' });
      expect(second.error).toMatchObject({ code: 'ratelimited' });
    } finally {
      await bare.close();
    }
  });
});

describe('GET /tasks/v0/image-suggestion/{wiki}/{title}', () => {
  const get = (path: string) => t.app.inject({ method: 'GET', url: path });

  it('answers the recommendation prop=growthimagesuggestiondata gives, the reason in uselang', async () => {
    const res = await get(`/tasks/v0/image-suggestion/${TEST_WIKI}/Alpha?uselang=cs`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const pages = (await pagesOf(alice, { titles: 'Alpha', uselang: 'cs' })) as Pages;
    expect(body).toEqual((pages.Alpha!.growthimagesuggestiondata as unknown[])[0]);
    // Czech keeps the conjunction on the next word's line (a no-break space after "a").
    expect(body.images[0].metadata.reason).toBe(
      'Tento obrázek je použit v 2 dalších jazycích: čeština a\u00a0němčina.',
    );
    const section = await get(
      `/tasks/v0/image-suggestion/${TEST_WIKI}/Alpha?tasktype=section-image-recommendation`,
    );
    expect(section.json().images[0]).toMatchObject({ sectionNumber: 1, sectionTitle: 'History' });
  });

  it('is a problem for a page without suggestions, unusable suggestions, a missing page or a bad title', async () => {
    const problem = async (path: string) => {
      const res = await get(path);
      return [res.statusCode, res.json().type, String(res.headers['content-type']).split(';')[0]];
    };
    expect(await problem(`/tasks/v0/image-suggestion/${TEST_WIKI}/Delta`)).toEqual([
      404,
      'growthexperiments-no-recommendation-found',
      'application/problem+json',
    ]);
    expect(await problem(`/tasks/v0/image-suggestion/${TEST_WIKI}/Gamma`)).toEqual([
      422,
      'growthexperiments-image-too-narrow',
      'application/problem+json',
    ]);
    expect((await problem(`/tasks/v0/image-suggestion/${TEST_WIKI}/Nowhere`)).slice(0, 2)).toEqual([
      404,
      'missingtitle',
    ]);
    expect((await problem(`/tasks/v0/image-suggestion/${TEST_WIKI}/A%7CB`)).slice(0, 2)).toEqual([
      400,
      'invalidtitle',
    ]);
    expect((await problem(`/tasks/v0/image-suggestion/${MEDIA_REPO}/Alpha`)).slice(0, 2)).toEqual([
      400,
      'not-in-config',
    ]);
  });
});

describe('GET /tasks/v0/task-types/{wiki}', () => {
  it('lists the types the wiki offers with their difficulty, daily limit and caption minimum', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/tasks/v0/task-types/${TEST_WIKI}` });
    expect(res.statusCode).toBe(200);
    const types = (res.json() as { taskTypes: Record<string, unknown>[] }).taskTypes;
    expect(types.find((x) => x.id === 'image-recommendation')).toEqual({
      id: 'image-recommendation',
      difficulty: 'medium',
      maxTasksPerDay: 25,
      minimumCaptionCharacterLength: 5,
    });
    expect(types.find((x) => x.id === 'copyedit')).toEqual({ id: 'copyedit', difficulty: 'easy' });
    // Switched off for want of a model: not offered.
    expect(types.map((x) => x.id)).not.toContain('link-recommendation');
    expect(types.map((x) => x.id)).toEqual([
      'copyedit',
      'links',
      'references',
      'update',
      'expand',
      'image-recommendation',
      'section-image-recommendation',
    ]);
  });
});

describe('GET /tasks/v0/topics/{wiki}', () => {
  type Topics = {
    lang: string;
    groups: { id: string; label: string; topics: { id: string; label: string }[] }[];
  };
  const topics = async (query = '') =>
    (await t.app.inject({ method: 'GET', url: `/tasks/v0/topics/${TEST_WIKI}${query}` })).json() as Topics;

  it('lists the 39 topics by group, named and ordered in the reader language', async () => {
    const de = await topics('?uselang=de');
    expect(de.lang).toBe('de');
    expect(de.groups.map((g) => [g.id, g.label])).toEqual([
      ['culture', 'Kultur'],
      ['history-and-society', 'Geschichte und Gesellschaft'],
      ['science-technology-and-math', 'Wissenschaft, Technik und Mathematik'],
      ['geography', 'Geographie'],
    ]);
    expect(de.groups.flatMap((g) => g.topics)).toHaveLength(39);
    // §2.4's geography group, in German alphabetical order.
    expect(de.groups[3]!.topics).toEqual([
      { id: 'africa', label: 'Afrika' },
      { id: 'asia', label: 'Asien' },
      { id: 'europe', label: 'Europa' },
      { id: 'central-america', label: 'Mittelamerika' },
      { id: 'north-america', label: 'Nordamerika' },
      { id: 'oceania', label: 'Ozeanien' },
      { id: 'south-america', label: 'Südamerika' },
    ]);
    const en = await topics();
    expect(en.lang).toBe('en');
    expect(en.groups[0]!.topics.slice(0, 3)).toEqual([
      { id: 'architecture', label: 'Architecture' },
      { id: 'art', label: 'Art' },
      { id: 'comics-and-anime', label: 'Comics and anime' },
    ]);
  });

  it('lists none where the wiki offers no suggested edits', async () => {
    await t.services.wikis.setSetting(TEST_WIKI, 'tasks.enabled', false, t.now());
    try {
      expect(await topics()).toEqual({ lang: 'en', groups: [] });
    } finally {
      await t.services.wikis.unsetSetting(TEST_WIKI, 'tasks.enabled', t.now());
    }
  });
});

describe('GET /tasks/v0/rejection-reasons/{wiki}', () => {
  it('lists the reasons with labels in the reader language, the undecided ones and their task types', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/tasks/v0/rejection-reasons/${TEST_WIKI}?uselang=de`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      lang: string;
      reasons: { id: string; label: string; undecided: boolean; taskTypes: string[] }[];
    };
    expect(body.lang).toBe('de');
    expect(body.reasons.map((r) => r.id)).toEqual([
      'notrelevant',
      'sectionnotappropriate',
      'noinfo',
      'offensive',
      'lowquality',
      'unfamiliar',
      'foreignlanguage',
      'other',
    ]);
    expect(body.reasons.filter((r) => r.undecided).map((r) => r.id)).toEqual([
      'unfamiliar',
      'foreignlanguage',
    ]);
    expect(body.reasons.find((r) => r.id === 'sectionnotappropriate')!.taskTypes).toEqual([
      'section-image-recommendation',
    ]);
    expect(body.reasons.find((r) => r.id === 'other')!.taskTypes).toEqual([
      'image-recommendation',
      'section-image-recommendation',
    ]);
    expect(body.reasons.find((r) => r.id === 'other')!.label).toBe('Anderer Grund');
    const cs = await t.app.inject({
      method: 'GET',
      url: `/tasks/v0/rejection-reasons/${TEST_WIKI}?uselang=cs`,
    });
    expect(cs.json().reasons.at(-1).label).toBe('Jiný důvod');
    const en = await t.app.inject({ method: 'GET', url: `/tasks/v0/rejection-reasons/${TEST_WIKI}` });
    expect(en.json().lang).toBe('en');
    expect(en.json().reasons[0]).toMatchObject({
      id: 'notrelevant',
      label: 'The image is not relevant to this article',
    });
  });

  it("takes a wiki's own text of a label (its MediaWiki: page)", async () => {
    await t.createUser('Admin', 'Admin password 1234', ['sysop']);
    const admin = new ApiClient(t);
    await admin.login('Admin', 'Admin password 1234');
    const edit = await admin.post({
      action: 'edit',
      title: 'MediaWiki:Growthexperiments-addimage-rejectiondialog-reasons-other',
      text: 'Something else',
      token: await admin.token(),
    });
    expect(edit.json.edit).toMatchObject({ result: 'Success' });
    const res = await t.app.inject({ method: 'GET', url: `/tasks/v0/rejection-reasons/${TEST_WIKI}` });
    expect(res.json().reasons.at(-1)).toEqual({
      id: 'other',
      label: 'Something else',
      undecided: false,
      taskTypes: ['image-recommendation', 'section-image-recommendation'],
    });
  });
});
