import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_WIKI, type TestApp } from '../../factories/app.ts';
import { DATASETS } from '../../factories/suggestions.ts';

/** The data gateway's reads over HTTP (image-suggestions-and-page-queue.md §1), through app.inject. */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ wikis: [TEST_WIKI, 'cswiki'] });
  const s = t.services.suggestions;
  const suggestion = {
    origin_wiki: 'commonswiki',
    found_on: null,
    kind: ['istype-commons-category'],
    page_rev: 20265888,
    section_heading: null,
    section_index: null,
    page_qid: null,
  };
  await s.replacePageSuggestions('cswiki', 311675, DATASETS.april2022, [
    { ...suggestion, image: 'Old_dataset.jpg', confidence: 0.99 },
  ]);
  await s.replacePageSuggestions('cswiki', 311675, DATASETS.jan2023, [
    { ...suggestion, image: 'Babis_Tsertos.jpg', confidence: 0.4 },
    {
      ...suggestion,
      image: 'Anestis_Delias_rebetiko_musician_about_1933.jpg',
      confidence: 0.8,
      found_on: ['enwiki'],
    },
    {
      ...suggestion,
      image: 'Section.jpg',
      confidence: 0.6,
      kind: ['istype-section-alignment'],
      section_heading: 'Život',
      section_index: 1,
      page_qid: 'Q12345',
    },
  ]);
  await s.recordFeedback({
    wiki: 'cswiki',
    page_id: 311675,
    filename: 'Babis_Tsertos.jpg',
    id: DATASETS.june2024,
    origin_wiki: 'commonswiki',
    user_id: 3,
    is_accepted: false,
    is_rejected: true,
    rejection_reasons: ['notrelevant'],
  });
  await s.cacheTitle({ wiki: 'cswiki', title: 'Řecká_hudba', page_id: 311675, page_rev: 20265888 });
  await s.cacheInstanceOf({ wiki: 'cswiki', page_id: 311675, page_rev: 20265888, instance_of: ['Q5'] });
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('GET /public/image_suggestions/suggestions/{wiki}/{page_id}', () => {
  it("answers the newest dataset's rows by confidence, with the gateway's field names", async () => {
    const res = await get('/public/image_suggestions/suggestions/cswiki/311675');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const { rows } = res.json<{ rows: Record<string, unknown>[] }>();
    expect(rows.map((r) => r.image)).toEqual([
      'Anestis_Delias_rebetiko_musician_about_1933.jpg',
      'Section.jpg',
      'Babis_Tsertos.jpg',
    ]);
    expect(rows[0]).toEqual({
      wiki: 'cswiki',
      page_id: 311675,
      id: DATASETS.jan2023,
      image: 'Anestis_Delias_rebetiko_musician_about_1933.jpg',
      origin_wiki: 'commonswiki',
      confidence: 0.8,
      found_on: ['enwiki'],
      kind: ['istype-commons-category'],
      page_rev: 20265888,
      section_heading: null,
      section_index: null,
      page_qid: null,
    });
    expect(rows[1]).toMatchObject({ section_heading: 'Život', section_index: 1, page_qid: 'Q12345' });
  });

  it("serves the same rows under the reference's /private/ path", async () => {
    const pub = await get('/public/image_suggestions/suggestions/cswiki/311675');
    const priv = await get('/private/image_suggestions/suggestions/cswiki/311675');
    expect(priv.statusCode).toBe(200);
    expect(priv.json()).toEqual(pub.json());
  });

  it('answers an empty rows list for a page with no suggestions', async () => {
    const res = await get('/public/image_suggestions/suggestions/cswiki/42');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ rows: [] });
  });

  it('answers nosuchwiki (404) for a wiki this service does not serve', async () => {
    const res = await get('/public/image_suggestions/suggestions/plwiki/1');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 404, type: 'nosuchwiki', method: 'GET' });
  });

  it.each(['abc', '0', '-1', '1.5', '99999999999999999999'])(
    'answers badinteger (400) for page id %s',
    async (id) => {
      const res = await get(`/public/image_suggestions/suggestions/cswiki/${encodeURIComponent(id)}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ status: 400, type: 'badinteger' });
    },
  );

  it('answers invalid-wiki-id (400) for a wiki id no wiki can have', async () => {
    const res = await get('/public/image_suggestions/suggestions/CS-WIKI/1');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ type: 'invalid-wiki-id' });
  });
});

describe('the other reads', () => {
  it('feedback: the rows of the page', async () => {
    const res = await get('/public/image_suggestions/feedback/cswiki/311675');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      rows: [
        {
          wiki: 'cswiki',
          page_id: 311675,
          filename: 'Babis_Tsertos.jpg',
          id: DATASETS.june2024,
          origin_wiki: 'commonswiki',
          user_id: 3,
          is_accepted: false,
          is_rejected: true,
          rejection_reasons: ['notrelevant'],
        },
      ],
    });
    expect((await get('/public/image_suggestions/feedback/cswiki/1')).json()).toEqual({ rows: [] });
  });

  it('title_cache: a title in DB-key or display form finds its page', async () => {
    const expected = {
      rows: [{ wiki: 'cswiki', title: 'Řecká_hudba', page_id: 311675, page_rev: 20265888 }],
    };
    for (const title of ['Řecká_hudba', 'Řecká hudba'])
      expect(
        (await get(`/public/image_suggestions/title_cache/cswiki/${encodeURIComponent(title)}`)).json(),
      ).toEqual(expected);
    expect((await get('/private/image_suggestions/title_cache/cswiki/Jin%C3%A1')).json()).toEqual({
      rows: [],
    });
  });

  it('title_cache: a title that cannot be one is invalidtitle (400)', async () => {
    const res = await get(`/public/image_suggestions/title_cache/cswiki/${encodeURIComponent('A[b]')}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ type: 'invalidtitle' });
  });

  it('instanceof_cache: the classes of the page', async () => {
    expect((await get('/public/image_suggestions/instanceof_cache/cswiki/311675')).json()).toEqual({
      rows: [{ wiki: 'cswiki', page_id: 311675, page_rev: 20265888, instance_of: ['Q5'] }],
    });
    expect((await get('/public/image_suggestions/instanceof_cache/plwiki/311675')).statusCode).toBe(404);
  });
});

describe('writing a dataset', () => {
  it('an older dataset does not replace a newer one', async () => {
    const r = await t.services.suggestions.replacePageSuggestions('cswiki', 311675, DATASETS.april2022, []);
    expect(r).toBe('stale');
    expect((await get('/public/image_suggestions/suggestions/cswiki/311675')).json().rows).toHaveLength(3);
  });

  it('a newer empty dataset leaves the page without suggestions', async () => {
    await t.services.suggestions.replacePageSuggestions('cswiki', 7, DATASETS.april2022, [
      {
        image: 'X.jpg',
        origin_wiki: 'commonswiki',
        confidence: 0.5,
        found_on: null,
        kind: ['istype-depicts'],
        page_rev: null,
        section_heading: null,
        section_index: null,
        page_qid: null,
      },
    ]);
    expect(await t.services.suggestions.replacePageSuggestions('cswiki', 7, DATASETS.june2024, [])).toBe(
      'replaced',
    );
    expect((await get('/public/image_suggestions/suggestions/cswiki/7')).json()).toEqual({ rows: [] });
  });
});

describe('/metrics', () => {
  it('counts requests by route pattern, method and status, and times them per route', async () => {
    await get('/public/image_suggestions/suggestions/cswiki/311675');
    await get('/public/image_suggestions/suggestions/cswiki/abc');
    const text = (await get('/metrics')).body;
    const route = '/public/image_suggestions/suggestions/:wiki/:page_id';
    expect(text).toMatch(
      new RegExp(`wikiqueue_http_requests_total\\{route="${route}",method="GET",status="200"\\} [1-9]`),
    );
    expect(text).toMatch(
      new RegExp(`wikiqueue_http_requests_total\\{route="${route}",method="GET",status="400"\\} [1-9]`),
    );
    expect(text).toContain(`wikiqueue_http_request_duration_seconds_count{route="${route}",method="GET"}`);
  });
});
