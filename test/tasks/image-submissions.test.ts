import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetIdAt } from '../../src/suggestions/domain/image-suggestion.ts';
import { runJobsUntilIdle } from '../../src/core/jobs/jobs-cli.ts';
import { createWorker, type Worker } from '../../src/create-worker.ts';
import { ApiClient, buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';
import { addMediaRepo, bitmap, MEDIA_REPO, uploadFiles } from '../factories/media.ts';
import { newSuggestion } from '../factories/suggestions.ts';

/**
 * Submissions of image tasks through action=edit's plugins and the invalidation module, over the
 * real app (suggested-edits-reference.md §5–6; §8 AddImageSubmissionHandlerTest,
 * ApiInvalidateImageRecommendationTest, ImageRecommendationFilterTest): what the page, its log,
 * its change tags, the suggestion tags, the feedback rows and events and the task pool show
 * afterwards.
 */
let t: TestApp;
let worker: Worker;
let newcomer: ApiClient;
let ids: Record<string, number>;
const DAY = 86_400;
/** Newer than the (empty) datasets the generator made of the pages when they were saved. */
const dataset = () => datasetIdAt(Date.now(), randomBytes(10));

const suggestion = newSuggestion;

const ARTICLES: [string, string][] = [
  ['Accepted', '{{Short description|A town}}\n<!-- hidden -->\nAccepted is a town.\n== History ==\nOld.'],
  ['Rejected', 'Rejected is a town.'],
  ['Undecided', 'Undecided is a town.'],
  ['Sectioned', 'Sectioned is a town.\n== Geography ==\nHills.\n== History ==\nOld.'],
  ['Invalidated', 'Invalidated is a town.'],
  ['Client text', 'Client text is a town.'],
];

async function runJobs(): Promise<void> {
  await runJobsUntilIdle(worker, { print: () => {} });
}

async function text(title: string): Promise<string> {
  return (await t.services.wikiSources.for(TEST_WIKI).getPageText(title))!.text;
}

async function taskTitles(tasktypes: string): Promise<string[]> {
  const r = await newcomer.get({
    action: 'query',
    list: 'growthtasks',
    gttasktypes: tasktypes,
    gtlimit: '50',
    formatversion: '2',
  });
  const g = (r.json.query as { growthtasks: { suggestions: { title: string }[] } }).growthtasks;
  return g.suggestions.map((s) => s.title).sort();
}

async function submit(
  client: ApiClient,
  title: string,
  data: Record<string, unknown>,
  extra: Record<string, string> = {},
  plugin = 'ge-task-image-recommendation',
) {
  // Past the edit rate limit of new accounts.
  t.advance(61);
  return client.post({
    action: 'edit',
    title,
    plugins: plugin,
    [`data-${plugin}`]: JSON.stringify(data),
    token: await client.token(),
    formatversion: '2',
    ...extra,
  });
}

const accept = (filename: string, caption: string) => ({
  taskType: 'image-recommendation',
  filename,
  accepted: true,
  reasons: [],
  caption,
  sectionTitle: null,
  sectionNumber: null,
});

const reject = (filename: string, reasons: string[]) => ({
  ...accept(filename, ''),
  accepted: false,
  reasons,
});

async function feedbackEvents() {
  const events = await t.services.store.outbox.readAfter(0, 10_000);
  return events.filter((e) => e.stream === 'mediawiki.image_suggestions_feedback').map((e) => e.payload);
}

async function logEntries(title: string) {
  return t.services.store.logs.list(TEST_WIKI, { type: 'growthexperiments', title, dir: 'older', limit: 50 });
}

beforeAll(async () => {
  t = await buildTestApp();
  worker = createWorker(t.services);
  await addMediaRepo(t);
  await uploadFiles(t, [
    { name: 'Wide.jpg', bytes: await bitmap(800, 600, 'jpeg') },
    { name: 'Other.jpg', bytes: await bitmap(640, 480, 'jpeg') },
    { name: 'Hills.jpg', bytes: await bitmap(500, 400, 'jpeg') },
  ]);
  ids = await t.savePages(ARTICLES);
  await runJobs();
  const s = t.services.suggestions;
  const DATASET = dataset();
  for (const [title] of ARTICLES)
    await s.replacePageSuggestions(TEST_WIKI, ids[title]!, DATASET, [
      suggestion('Wide.jpg'),
      suggestion('Other.jpg', { confidence: 0.5 }),
    ]);
  await s.replacePageSuggestions(TEST_WIKI, ids.Sectioned!, DATASET, [
    suggestion('Hills.jpg', {
      section_heading: 'Geography',
      section_index: 1,
      kind: ['istype-section-alignment'],
    }),
  ]);
  t.advance(2 * DAY);
  await runJobs();
  await t.createUser('Newcomer', 'newcomer password 1');
  newcomer = new ApiClient(t);
  await newcomer.login('Newcomer', 'newcomer password 1');
  await activateSuggestedEdits(newcomer);
});

/** Seed 001's first step: the two preferences, through action=options. */
async function activateSuggestedEdits(client: ApiClient) {
  const r = await client.post({
    action: 'options',
    change: 'growthexperiments-homepage-enable=1|growthexperiments-homepage-suggestededits-activated=1',
    token: await client.token(),
    formatversion: '2',
  });
  expect(r.json).toMatchObject({ options: 'success' });
  expect(r.json.warnings).toBeUndefined();
}
afterAll(() => t.close());

describe('accepting an image with action=edit and the task plugin', () => {
  it('inserts the image after the leading templates and comments, logs, tags and takes the task away', async () => {
    expect(await taskTitles('image-recommendation')).toContain('Accepted');
    const r = await submit(newcomer, 'Accepted', accept('Wide.jpg', '  A town seen from the hill  '));
    const edit = r.json.edit as Record<string, unknown>;
    expect(edit.result).toBe('Success');
    expect(edit.gelogid).toEqual(expect.any(Number));
    expect(edit.gewarnings).toEqual([]);

    expect(await text('Accepted')).toBe(
      '{{Short description|A town}}\n<!-- hidden -->\n[[File:Wide.jpg|thumb|A town seen from the hill]]\nAccepted is a town.\n== History ==\nOld.',
    );
    const [entry] = await logEntries('Accepted');
    expect(entry).toMatchObject({
      id: edit.gelogid,
      action: 'addimage',
      actorName: 'Newcomer',
      params: { '4::section': '', accepted: true, associated_rev_id: edit.newrevid },
    });
    const tags = await t.services.store.changeTags.forRevisions(TEST_WIKI, [edit.newrevid as number]);
    expect([...(tags.get(edit.newrevid as number) ?? [])].sort()).toEqual([
      'newcomer task',
      'newcomer task image suggestion',
    ]);
    expect(
      (await t.services.suggestions.tagsOf(TEST_WIKI, [ids.Accepted!])).get(ids.Accepted!),
    ).toBeUndefined();
    expect(await t.services.suggestions.feedback(TEST_WIKI, ids.Accepted!)).toEqual([
      expect.objectContaining({
        filename: 'Wide.jpg',
        is_accepted: true,
        is_rejected: false,
        origin_wiki: MEDIA_REPO,
      }),
    ]);
    const [event] = (await feedbackEvents()).filter((e) => e.page_id === ids.Accepted);
    expect(event).toMatchObject({
      $schema: '/mediawiki/page/image-suggestions-feedback/2.1.0',
      wiki: TEST_WIKI,
      filename: 'Wide.jpg',
      is_accepted: true,
      is_rejected: false,
      origin_wiki: MEDIA_REPO,
    });
    expect(event).not.toHaveProperty('rejection_reasons');
    expect((event!.meta as { uri: string }).uri).toMatch(/\/wiki\/Accepted$/);
    await runJobs();
    expect(await taskTitles('image-recommendation')).not.toContain('Accepted');
  });

  it("checks md5 against the client's text, not the text with the image the server added", async () => {
    const own = 'Client text is a town with a long history.';
    const md5 = createHash('md5').update(own, 'utf8').digest('hex');
    const r = await submit(newcomer, 'Client text', accept('Wide.jpg', 'The client caption'), {
      text: own,
      md5,
    });
    expect((r.json.edit as { result: string }).result).toBe('Success');
    expect(await text('Client text')).toBe(`[[File:Wide.jpg|thumb|The client caption]]\n${own}`);
  });

  it('keeps the text a client wrote with the image in it', async () => {
    const own = '[[File:Wide.jpg|thumb|left|Made by the client]]\nClient text is a town.';
    const r = await submit(newcomer, 'Client text', accept('Wide.jpg', 'Made by the client'), { text: own });
    expect((r.json.edit as { result: string }).result).toBe('Success');
    expect(await text('Client text')).toBe(own);
  });

  it('puts a section image right under its heading', async () => {
    const data = {
      ...accept('Hills.jpg', 'The hills in spring'),
      taskType: 'section-image-recommendation',
      sectionTitle: 'Geography',
      sectionNumber: 1,
    };
    const r = await submit(newcomer, 'Sectioned', data, {}, 'ge-task-section-image-recommendation');
    expect((r.json.edit as { result: string }).result).toBe('Success');
    expect(await text('Sectioned')).toBe(
      'Sectioned is a town.\n== Geography ==\n[[File:Hills.jpg|thumb|The hills in spring]]\nHills.\n== History ==\nOld.',
    );
    const [entry] = await logEntries('Sectioned');
    expect(entry).toMatchObject({
      action: 'addsectionimage',
      params: { '4::section': 'Geography', accepted: true },
    });
  });
});

describe('rejecting an image', () => {
  it('saves nothing to the text, logs the rejection and records the reasons', async () => {
    const before = await text('Rejected');
    const r = await submit(newcomer, 'Rejected', reject('Wide.jpg', ['notrelevant', 'noinfo']));
    const edit = r.json.edit as Record<string, unknown>;
    expect(edit).toMatchObject({ result: 'Success', nochange: true });
    expect(await text('Rejected')).toBe(before);
    const [entry] = await logEntries('Rejected');
    expect(entry).toMatchObject({ id: edit.gelogid, action: 'addimage', params: { accepted: false } });
    expect(await t.services.suggestions.feedback(TEST_WIKI, ids.Rejected!)).toEqual([
      expect.objectContaining({
        filename: 'Wide.jpg',
        is_rejected: true,
        rejection_reasons: ['noinfo', 'notrelevant'],
      }),
    ]);
    const [event] = (await feedbackEvents()).filter((e) => e.page_id === ids.Rejected);
    expect(event).toMatchObject({
      is_accepted: false,
      is_rejected: true,
      rejection_reasons: ['notrelevant', 'noinfo'],
    });
    await runJobs();
    expect(await taskTitles('image-recommendation')).not.toContain('Rejected');
  });

  it('is not suggested again for that page when its suggestions are made anew', async () => {
    await t.services.suggestions.regeneratePages(TEST_WIKI, [ids.Rejected!]);
    const images = (await t.services.suggestions.suggestions(TEST_WIKI, ids.Rejected!)).map((r) => r.image);
    expect(images).not.toContain('Wide.jpg');
  });

  it('leaves the task for someone else when the newcomer could not judge the image', async () => {
    const r = await submit(newcomer, 'Undecided', reject('Wide.jpg', ['unfamiliar', 'foreignlanguage']));
    expect((r.json.edit as { result: string }).result).toBe('Success');
    expect((await logEntries('Undecided'))[0]).toMatchObject({
      action: 'addimage',
      params: { accepted: false },
    });
    expect((await feedbackEvents()).some((e) => e.page_id === ids.Undecided)).toBe(false);
    await runJobs();
    expect(await taskTitles('image-recommendation')).toContain('Undecided');
  });
});

describe('checking a submission (AddImageSubmissionHandlerTest), nothing saved on failure', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['no accepted', {}, 'growthexperiments-addimage-handler-accepted-missing'],
    ['accepted null', { accepted: null }, 'growthexperiments-addimage-handler-accepted-wrongtype'],
    ['no reasons', { accepted: false }, 'growthexperiments-addimage-handler-reason-missing'],
    [
      'a number as reason',
      { accepted: false, reasons: [1] },
      'growthexperiments-addimage-handler-reason-invaliditem',
    ],
    [
      'an unknown reason',
      { accepted: false, reasons: ['invalid-reason'] },
      'growthexperiments-addimage-handler-reason-invaliditem',
    ],
    ['a short caption', accept('Wide.jpg', 'fail'), 'growthexperiments-addimage-caption-warning-tooshort'],
    // Four characters in eight bytes: the reference counted bytes and let it pass.
    ['four Czech letters', accept('Wide.jpg', 'Žluť'), 'growthexperiments-addimage-caption-warning-tooshort'],
    [
      'a section title on an article task',
      { ...accept('Wide.jpg', 'Long enough'), sectionTitle: 1337 },
      'growthexperiments-addimage-handler-section-title-wrongtype',
    ],
    [
      'a section number on an article task',
      { ...accept('Wide.jpg', 'Long enough'), sectionNumber: 1337 },
      'growthexperiments-addimage-handler-section-number-wrongtype',
    ],
  ];
  it.each(cases)('%s', async (_name, data, code) => {
    const before = await text('Invalidated');
    const r = await submit(newcomer, 'Invalidated', data);
    expect((r.json.error as { code: string }).code).toBe(code);
    expect(await text('Invalidated')).toBe(before);
    expect(await logEntries('Invalidated')).toEqual([]);
  });

  it('answers badvalue, and saves nothing, for data that is not JSON', async () => {
    const before = await text('Invalidated');
    const r = await newcomer.post({
      action: 'edit',
      title: 'Invalidated',
      plugins: 'ge-task-image-recommendation',
      'data-ge-task-image-recommendation': '{not json',
      token: await newcomer.token(),
      formatversion: '2',
    });
    expect(r.json.error).toMatchObject({ code: 'badvalue' });
    expect((r.json.error as { info: string }).info).toContain('data-ge-task-image-recommendation');
    expect(await text('Invalidated')).toBe(before);
  });

  it('checks section tasks for a heading and a number', async () => {
    const section = (over: Record<string, unknown>) => ({
      ...accept('Hills.jpg', 'Long enough'),
      taskType: 'section-image-recommendation',
      ...over,
    });
    const code = async (data: Record<string, unknown>) =>
      (
        (await submit(newcomer, 'Invalidated', data, {}, 'ge-task-section-image-recommendation')).json
          .error as {
          code: string;
        }
      ).code;
    expect(await code(section({ sectionTitle: null, sectionNumber: 1 }))).toBe(
      'growthexperiments-addsectionimage-handler-section-title-wrongtype',
    );
    expect(await code(section({ sectionTitle: 'History', sectionNumber: 'wrongtype' }))).toBe(
      'growthexperiments-addsectionimage-handler-section-number-wrongtype',
    );
    // A section the page does not have: the image has nowhere to go.
    expect(await code(section({ sectionTitle: 'Economy', sectionNumber: 3 }))).toBe(
      'growthexperiments-addimage-section-not-found',
    );
  });

  it('accepts a caption of five characters in any script', async () => {
    const r = await submit(newcomer, 'Client text', accept('Other.jpg', '日本語です'));
    expect((r.json.edit as { result: string }).result).toBe('Success');
    // One word (no space) could be an image option in some language: its first letter is a character reference.
    expect(await text('Client text')).toContain('[[File:Other.jpg|thumb|&#26085;本語です]]');
  });

  it('uses the task data only when suggested edits are activated (seed 001)', async () => {
    await t.createUser('Casual', 'casual password 12');
    const casual = new ApiClient(t);
    await casual.login('Casual', 'casual password 12');
    const r = await submit(casual, 'Client text', accept('Wide.jpg', 'Plain edit'), { text: 'Casual edit.' });
    expect((r.json.edit as { result: string }).result).toBe('Success');
    expect(JSON.stringify(r.json.warnings)).toContain('Suggested edits are not activated for this account');
    expect(r.json.edit).not.toHaveProperty('gelogid');
    expect((await logEntries('Client text')).filter((e) => e.actorName === 'Casual')).toEqual([]);
    const options = await casual.get({
      action: 'query',
      meta: 'userinfo',
      uiprop: 'options',
      formatversion: '2',
    });
    expect(
      (options.json.query as { userinfo: { options: Record<string, unknown> } }).userinfo.options,
    ).toMatchObject({
      'growthexperiments-homepage-enable': 0,
      'growthexperiments-homepage-suggestededits-activated': 0,
    });
  });

  it("keeps the suggested-edits filters as the user's preferences (GrowthExperiments' names)", async () => {
    await t.createUser('Filterer', 'filterer password 12');
    const filterer = new ApiClient(t);
    await filterer.login('Filterer', 'filterer password 12');
    const change = [
      'growthexperiments-homepage-se-filters=["image-recommendation","copyedit"]',
      'growthexperiments-homepage-se-ores-topic-filters=["europe"]',
      'growthexperiments-homepage-se-topic-filters-mode=AND',
    ].join('|');
    const saved = await filterer.post({
      action: 'options',
      change,
      token: await filterer.token(),
      formatversion: '2',
    });
    expect(saved.json).toMatchObject({ options: 'success' });
    expect(saved.json.warnings).toBeUndefined();
    const options = await filterer.get({
      action: 'query',
      meta: 'userinfo',
      uiprop: 'options',
      formatversion: '2',
    });
    expect(
      (options.json.query as { userinfo: { options: Record<string, unknown> } }).userinfo.options,
    ).toMatchObject({
      'growthexperiments-homepage-se-filters': '["image-recommendation","copyedit"]',
      'growthexperiments-homepage-se-ores-topic-filters': '["europe"]',
      'growthexperiments-homepage-se-topic-filters-mode': 'AND',
    });
  });

  it('is for named users only', async () => {
    const anon = new ApiClient(t);
    const r = await submit(anon, 'Invalidated', reject('Wide.jpg', ['noinfo']));
    expect((r.json.error as { code: string }).code).toBe('growthexperiments-structuredtask-anonuser');
  });
});

describe('action=growthinvalidateimagerecommendation (ApiInvalidateImageRecommendationTest)', () => {
  const invalidate = async (params: Record<string, string>) =>
    newcomer.post({
      action: 'growthinvalidateimagerecommendation',
      token: await newcomer.token(),
      formatversion: '2',
      ...params,
    });

  it('holds the task out of the pool for ten minutes and sends an event with neither flag', async () => {
    expect(await taskTitles('image-recommendation')).toContain('Invalidated');
    const r = await invalidate({ title: 'Invalidated', filename: 'Wide.jpg' });
    expect(r.json).toMatchObject({ growthinvalidateimagerecommendation: { status: 'ok' } });
    expect(await taskTitles('image-recommendation')).not.toContain('Invalidated');
    const [event] = (await feedbackEvents()).filter((e) => e.page_id === ids.Invalidated);
    expect(event).toMatchObject({ filename: 'Wide.jpg', is_accepted: false, is_rejected: false });
    // No judgement: no feedback row, the file may be suggested again.
    expect(await t.services.suggestions.feedback(TEST_WIKI, ids.Invalidated!)).toEqual([]);

    // The suggestions come back (a new dataset): still held out until the ten minutes are over.
    await t.services.suggestions.replacePageSuggestions(TEST_WIKI, ids.Invalidated!, dataset(), [
      suggestion('Wide.jpg'),
    ]);
    await runJobs();
    expect(await taskTitles('image-recommendation')).not.toContain('Invalidated');
    t.advance(601);
    await runJobs();
    expect(await taskTitles('image-recommendation')).toContain('Invalidated');
  });

  it('answers invalidtitle for a missing page and missingparam without title or filename', async () => {
    const code = async (params: Record<string, string>) =>
      ((await invalidate(params)).json.error as { code: string }).code;
    expect(await code({ title: 'No such page', filename: 'Wide.jpg' })).toBe('invalidtitle');
    expect(await code({ filename: 'Wide.jpg' })).toBe('missingparam');
    expect(await code({ title: 'Invalidated' })).toBe('missingparam');
  });

  it('is for named users only (the anonymous token is public)', async () => {
    const anon = new ApiClient(t);
    const r = await anon.post({
      action: 'growthinvalidateimagerecommendation',
      title: 'Invalidated',
      filename: 'Wide.jpg',
      token: await anon.token(),
      formatversion: '2',
    });
    expect((r.json.error as { code: string }).code).toBe('mustbeloggedin-generic');
  });
});

describe('PUT /w/rest.php/growthexperiments/v0/suggestions/addimage/feedback/{title}', () => {
  const put = async (client: ApiClient | null, title: string, body: Record<string, unknown>) => {
    t.advance(61);
    const res = await t.app.inject({
      method: 'PUT',
      url: `/w/rest.php/growthexperiments/v0/suggestions/addimage/feedback/${encodeURIComponent(title)}`,
      headers: client?.cookie ? { cookie: `wikiqueue_session=${client.cookie}` } : {},
      payload: { ...body, ...(client ? { token: await client.token() } : {}) },
    });
    return { status: res.statusCode, json: res.json() as Record<string, unknown> };
  };

  it('records a rejection made outside the edit path', async () => {
    await t.savePages([['Feedback', 'Feedback is a town.']]);
    const r = await put(newcomer, 'Feedback', {
      filename: 'Other.jpg',
      accepted: false,
      reasons: ['lowquality'],
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ success: true, logId: expect.any(Number), warnings: [] });
    const [entry] = await logEntries('Feedback');
    expect(entry).toMatchObject({ id: r.json.logId, action: 'addimage', params: { accepted: false } });
    const pageId = (await t.services.store.pages.getByTitle(TEST_WIKI, 0, 'Feedback'))!.id;
    expect(await t.services.suggestions.feedback(TEST_WIKI, pageId)).toEqual([
      expect.objectContaining({
        filename: 'Other.jpg',
        is_rejected: true,
        rejection_reasons: ['lowquality'],
      }),
    ]);
  });

  it('checks an accept against its edit, and refuses anonymous callers', async () => {
    const accepted = (await t.services.store.pages.getByTitle(TEST_WIKI, 0, 'Accepted'))!;
    const base = { filename: 'Wide.jpg', accepted: true, caption: 'A caption here' };
    const code = async (
      body: Record<string, unknown>,
      title = 'Feedback',
      client: ApiClient | null = newcomer,
    ) => ((await put(client, title, body)).json as { type: string }).type;
    expect(await code(base)).toBe('growthexperiments-addimage-feedback-accepted-editrevid');
    expect(await code({ ...base, accepted: false, editRevId: 1 })).toBe(
      'growthexperiments-addimage-feedback-rejected-editrevid',
    );
    expect(await code({ ...base, editRevId: 999_999 })).toBe(
      'growthexperiments-addimage-feedback-revid-nonexistent',
    );
    expect(await code({ ...base, editRevId: accepted.latestRevId })).toBe(
      'growthexperiments-addimage-feedback-invalid-revid-wrong-page',
    );
    expect(await code({ ...base, editRevId: accepted.latestRevId }, 'No such page')).toBe(
      'rest-nonexistent-title',
    );
    expect(await code({ ...base, editRevId: accepted.latestRevId }, 'Accepted', null)).toBe(
      'rest-permission-denied-anon',
    );
    const ok = await put(newcomer, 'Accepted', { ...base, editRevId: accepted.latestRevId });
    expect(ok.json).toMatchObject({ success: true });
  });
});

describe('the daily limit', () => {
  it('warns on the last task of the day and refuses the next one, until the next local day', async () => {
    const gates = await newcomer.get({ action: 'query', list: 'growthtasks', formatversion: '2' });
    const done = (
      gates.json.query as {
        growthtasks: { qualityGateConfig: Record<string, { dailyCount: number }> };
      }
    ).growthtasks.qualityGateConfig['image-recommendation']!.dailyCount;
    expect(done).toBeGreaterThan(0);
    await t.services.wikis.setSetting(
      TEST_WIKI,
      'tasks.types.image-recommendation.maxTasksPerDay',
      done + 2,
      t.now(),
    );
    const undecided = () => submit(newcomer, 'Undecided', reject('Other.jpg', ['unfamiliar']));
    expect(((await undecided()).json.edit as { gewarnings: unknown }).gewarnings).toEqual([]);
    expect(((await undecided()).json.edit as { gewarnings: unknown }).gewarnings).toEqual([
      { geimagerecommendationdailytasksexceeded: true },
    ]);
    const refused = await undecided();
    expect((refused.json.error as { code: string }).code).toBe('growthexperiments-dailylimit-exceeded');
    t.advance(DAY);
    expect(((await undecided()).json.edit as { result: string }).result).toBe('Success');
  });

  /** A mentor (no edit rate limit, so the clock stays put) doing image tasks. */
  async function mentorClient(name: string): Promise<ApiClient> {
    await t.createUser(name, 'mentor password 123', ['sysop']);
    const client = new ApiClient(t);
    await client.login(name, 'mentor password 123');
    await activateSuggestedEdits(client);
    return client;
  }
  const dailyCount = async (client: ApiClient) =>
    (
      (await client.get({ action: 'query', list: 'growthtasks', formatversion: '2' })).json.query as {
        growthtasks: { qualityGateConfig: Record<string, { dailyCount: number }> };
      }
    ).growthtasks.qualityGateConfig['image-recommendation']!.dailyCount;
  const rejectNow = async (client: ApiClient) =>
    client.post({
      action: 'edit',
      title: 'Undecided',
      plugins: 'ge-task-image-recommendation',
      'data-ge-task-image-recommendation': JSON.stringify(reject('Other.jpg', ['unfamiliar'])),
      token: await client.token(),
      formatversion: '2',
    });

  it("shows in the task list's counts at once after the user's own submission", async () => {
    const mentor = await mentorClient('Mentor one');
    expect(await dailyCount(mentor)).toBe(0);
    expect(((await rejectNow(mentor)).json.edit as { result: string }).result).toBe('Success');
    expect(await dailyCount(mentor)).toBe(1);
    expect(((await rejectNow(mentor)).json.edit as { result: string }).result).toBe('Success');
    expect(await dailyCount(mentor)).toBe(2);
  });

  it("starts again from nothing at the user's next local midnight", async () => {
    const mentor = await mentorClient('Mentor two');
    await rejectNow(mentor);
    // Five seconds before the next midnight (UTC: the mentor has no time correction).
    t.advance(DAY - (t.now() % DAY) - 5);
    expect(await dailyCount(mentor)).toBe(1);
    t.advance(10);
    expect(await dailyCount(mentor)).toBe(0);
  });

  it('refuses the second of two submissions checked against the same count, made at once', async () => {
    await mentorClient('Mentor three');
    const userId = (await t.services.store.users.getByName(TEST_WIKI, 'Mentor three'))!.id;
    const actor = await t.services.accounts.actorForUser(TEST_WIKI, userId);
    const wiki = await t.services.wikis.load(TEST_WIKI);
    const page = (await t.services.store.pages.getByTitle(TEST_WIKI, 0, 'Undecided'))!;
    await t.services.wikis.setSetting(
      TEST_WIKI,
      'tasks.types.image-recommendation.maxTasksPerDay',
      1,
      t.now(),
    );
    const feedback = t.services.tasks.imageFeedback;
    const data = reject('Other.jpg', ['unfamiliar']);
    // Both pass the check before either is recorded: each sees the other's count as it was.
    const checks = [
      await feedback.check(wiki, actor, 'image-recommendation', data),
      await feedback.check(wiki, actor, 'image-recommendation', data),
    ];
    const outcomes = await Promise.allSettled(
      checks.map((checked) =>
        t.services.store.transaction(() => feedback.record(wiki, actor, page, 'https://x', checked, null)),
      ),
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o) => o.status === 'rejected')!;
    expect((refused.reason as { code: string }).code).toBe('growthexperiments-dailylimit-exceeded');
    const entries = await t.services.store.logs.list(TEST_WIKI, {
      type: 'growthexperiments',
      actorName: 'Mentor three',
      dir: 'older',
      limit: 50,
    });
    expect(entries).toHaveLength(1);
  });
});
