import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runJobsUntilIdle } from '../../src/core/jobs/jobs-cli.ts';
import { createWorker } from '../../src/create-worker.ts';
import { datasetIdAt } from '../../src/suggestions/domain/image-suggestion.ts';
import type { NewSuggestion } from '../../src/suggestions/suggestions-service.ts';
import { ApiClient, buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';
import { userActor } from '../factories/actors.ts';
import { runCli } from '../factories/cli.ts';
import { openPageQueueStore } from '../../src/pagequeue/store/pagequeue-store.ts';
import { addMediaRepo, bitmap, MEDIA_REPO, uploadFiles } from '../factories/media.ts';
import { newSuggestion } from '../factories/suggestions.ts';

/**
 * The lead-image page queue (image-suggestions-and-page-queue.md §3, issue 14) over its REST
 * routes, on purpose-built pages of the default wiki: articles with suggested images on the media
 * repository, linked to from a known number of other articles (the default importance), and
 * pages that must never be queued — an article whose only suggestion is a file the repository
 * does not have, an article that has a lead image, a user page, a redirect.
 */
let t: TestApp;
const ids: Record<string, number> = {};
/** Queued articles and the number of articles linking to each (the oracle of the order). */
const inbound: Record<string, number> = {};
const QUEUED = 12;
const PASSWORD = 'a-long-test-password';

const suggestion = (image: string, confidence = 0.8): NewSuggestion => newSuggestion(image, { confidence });

async function suggest(title: string, rows: NewSuggestion[]): Promise<void> {
  await t.services.suggestions.replacePageSuggestions(
    TEST_WIKI,
    ids[title]!,
    datasetIdAt(Date.now(), randomBytes(10)),
    rows,
  );
}

let worker: ReturnType<typeof createWorker>;
async function runJobs(): Promise<void> {
  await runJobsUntilIdle(worker, { print: () => {} });
}

async function get(query: Record<string, string> = {}, headers: Record<string, string> = {}, wiki = '') {
  const q = new URLSearchParams(query).toString();
  const res = await t.app.inject({
    method: 'GET',
    url: `${wiki === '' ? '' : `/${wiki}`}/page-queue${q === '' ? '' : `?${q}`}`,
    headers,
  });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

type Page = { id: number; title: string; key: string; lead_image_candidates: Candidate[] };
type Candidate = {
  title: string;
  license: string;
  preferred: { mediatype: string; width: number; height: number; size: number | null; url: string };
};
const pagesOf = (body: Record<string, unknown>) => body.pages as Page[];
const titles = (body: Record<string, unknown>) => pagesOf(body).map((p) => p.title);

/** Every queued title, in the order the oracle gives: more inbound links first, then higher page id. */
const expectedOrder = () =>
  Object.keys(inbound).sort((a, b) => inbound[b]! - inbound[a]! || ids[b]! - ids[a]!);

async function edit(title: string, text: string): Promise<number> {
  const actor = await t.services.accounts.actorFor(TEST_WIKI, undefined, '127.0.0.1');
  const saved = await t.services.wikiSources.for(TEST_WIKI).edit(actor, { title, text });
  ids[title] = saved.pageid;
  return saved.pageid;
}

beforeEach(async () => {
  t = await buildTestApp({ config: { rateLimits: { 'pagequeue-lease': null } }, sharedStore: true });
  worker = createWorker(t.services);
  await addMediaRepo(t);
  const files = [];
  for (let i = 0; i < QUEUED; i++)
    files.push({ name: `Photo_${i}.jpg`, bytes: await bitmap(800 + i, 600, 'jpeg') });
  files.push({ name: 'Small_map.png', bytes: await bitmap(320, 200, 'png') });
  await uploadFiles(t, files);
  for (let i = 0; i < QUEUED; i++) {
    await edit(`Article ${i}`, `Article ${i} is a place.`);
    // Article i is linked to from (i * 5) % 7 other articles: several ties, none in page-id order.
    inbound[`Article ${i}`] = (i * 5) % 7;
  }
  for (let l = 0; l < 7; l++) {
    const links = Object.keys(inbound)
      .filter((title) => inbound[title]! > l)
      .map((title) => `[[${title}]]`)
      .join(' ');
    await edit(`Linker ${l}`, `A page about links: ${links}`);
  }
  // Never queued: its only suggestion is not on the repository; it has a lead image; it is not an article.
  await edit('Ghost', 'Ghost is a place.');
  await edit('Illustrated', '[[File:Photo 0.jpg|thumb|Shown]] Illustrated is a place.');
  await edit('User:Someone', 'A user page.');
  // The generator's own (empty) datasets for the new pages first; then the suggestions, newer.
  await runJobs();
  for (let i = 0; i < QUEUED; i++)
    await suggest(`Article ${i}`, [suggestion(`Photo_${i}.jpg`, 0.9), suggestion('Small_map.png', 0.4)]);
  await suggest('Ghost', [suggestion('Not_uploaded.jpg')]);
  await suggest('Illustrated', [suggestion('Photo_1.jpg')]);
  await suggest('User:Someone', [suggestion('Photo_2.jpg')]);
  await runJobs();
  await t.createUser('Contributor', PASSWORD);
  await t.createUser('Other contributor', PASSWORD);
});
afterEach(() => t.close());

describe('GET /page-queue', () => {
  it('lists the articles that need a lead image, each with candidates on the media repository, most linked first', async () => {
    const res = await get({ limit: '50' });
    expect(res.status).toBe(200);
    expect(titles(res.body)).toEqual(expectedOrder());
    expect(res.body.continue).toBeUndefined();
    for (const page of pagesOf(res.body)) {
      expect(page.key).toBe(page.title.replace(/ /g, '_'));
      expect(page.id).toBe(ids[page.title]);
      const i = page.title.split(' ')[1];
      expect(page.lead_image_candidates.map((c) => c.title)).toEqual([`Photo ${i}.jpg`, 'Small map.png']);
      for (const c of page.lead_image_candidates) {
        expect(c.preferred.url).toMatch(new RegExp(`/images/${MEDIA_REPO}/`));
        expect(c.license).toBe('CC BY-SA 4.0');
        expect(c.preferred.mediatype).toBe('BITMAP');
      }
    }
  });

  it("gives each candidate a real medium rendition: 640 px wide when scaled, the original's bytes when not", async () => {
    const page = pagesOf((await get({ limit: '1' })).body)[0]!;
    const [photo, map] = page.lead_image_candidates as [Candidate, Candidate];
    expect(photo.preferred).toMatchObject({ width: 640, size: null });
    expect(photo.preferred.url).toMatch(/\/thumb\/.+\/640px-Photo_\d+\.jpg$/);
    const scaled = await t.app.inject({ method: 'GET', url: new URL(photo.preferred.url).pathname });
    expect(scaled.statusCode).toBe(200);
    expect(scaled.headers['content-type']).toBe('image/jpeg');
    // The map is narrower than 640 px: its original, with its size.
    expect(map.preferred).toMatchObject({ width: 320, height: 200 });
    const original = await t.app.inject({ method: 'GET', url: new URL(map.preferred.url).pathname });
    expect(original.statusCode).toBe(200);
    expect(map.preferred.size).toBe(original.rawPayload.length);
  });

  it('serves each wiki at /{wiki}/page-queue, the default wiki at /page-queue', async () => {
    expect(titles((await get({ limit: '50' }, {}, TEST_WIKI)).body)).toEqual(expectedOrder());
  });

  it('walks the whole queue with continue, each page once, even while pages leave it', async () => {
    const seen: string[] = [];
    let cont: string | undefined;
    let step = 0;
    do {
      const res = await get({ limit: '5', ...(cont === undefined ? {} : { continue: cont }) });
      expect(res.status).toBe(200);
      seen.push(...titles(res.body));
      cont = res.body.continue as string | undefined;
      if (++step === 1) {
        // A page not yet reached gets a lead image: it leaves the queue, and the walk goes on.
        const last = expectedOrder().at(-1)!;
        await edit(last, `[[File:Photo 3.jpg|thumb]] ${last} now has a picture.`);
      }
    } while (cont !== undefined);
    const expected = expectedOrder().slice(0, -1);
    expect(seen).toEqual(expected);
  });

  it('leaves out, at once, a page that got a lead image through action=edit', async () => {
    const first = pagesOf((await get({ limit: '1' })).body)[0]!;
    const api = new ApiClient(t);
    await api.login('Contributor', PASSWORD);
    const saved = await api.post({
      action: 'edit',
      title: first.title,
      text: `[[File:${first.lead_image_candidates[0]!.title}|thumb|A picture]] ${first.title} is a place.`,
      token: await api.token(),
    });
    expect((saved.json.edit as { result: string }).result).toBe('Success');
    expect(titles((await get({ limit: '50' })).body)).not.toContain(first.title);
    // And once the event log is followed, the queue no longer holds it.
    await runJobs();
    expect(await t.services.pagequeue.count(TEST_WIKI)).toBe(QUEUED - 1);
  });

  it('a read that meets pages no longer needing an image has a job take them out of the queue', async () => {
    for (const title of expectedOrder().slice(0, 3))
      await edit(title, `[[File:Photo 5.jpg|thumb]] ${title}.`);
    // No job has run: the queue still holds them, the read leaves them out and queues their refresh.
    expect(await t.services.pagequeue.count(TEST_WIKI)).toBe(QUEUED);
    expect(titles((await get({ limit: '1' })).body)).toEqual([expectedOrder()[3]]);
    await runJobs();
    expect(await t.services.pagequeue.count(TEST_WIKI)).toBe(QUEUED - 3);
  });

  it('follows the pages: a new suggestion queues an article, a move out of the articles and a deletion remove one', async () => {
    await edit('Newcomer', 'Newcomer is a place.');
    await runJobs();
    await suggest('Newcomer', [suggestion('Photo_4.jpg')]);
    await runJobs();
    expect(titles((await get({ limit: '50' })).body)).toContain('Newcomer');
    const sysop = userActor({ wiki: TEST_WIKI, userId: 900, name: 'Admin', groups: ['sysop'] });
    await t.services.wikiSources
      .for(TEST_WIKI)
      .move(sysop, { from: 'Article 0', to: 'User:Someone/Article 0', noRedirect: true, reason: 'draft' });
    await t.services.wikiSources.for(TEST_WIKI).delete(sysop, { title: 'Article 1', reason: 'gone' });
    await runJobs();
    const after = titles((await get({ limit: '50' })).body);
    expect(after).not.toContain('Article 0');
    expect(after).not.toContain('User:Someone/Article 0');
    expect(after).not.toContain('Article 1');
    expect(await t.services.pagequeue.count(TEST_WIKI)).toBe(QUEUED - 2 + 1);
  });

  it('refuses a bad limit, a bad continue value, a bad client id and an unknown wiki, each with its code', async () => {
    for (const limit of ['0', '51', 'ten', '-1', '1.5'])
      expect((await get({ limit })).body).toMatchObject({ status: 400, type: 'pagequeue-badlimit' });
    for (const cont of ['abc', '1|', '|5', '1|0', '1|2|3'])
      expect((await get({ continue: cont })).body).toMatchObject({
        status: 400,
        type: 'pagequeue-badcontinue',
      });
    expect((await get({}, { 'x-client-id': 'short' })).body).toMatchObject({ type: 'pagequeue-badclientid' });
    expect((await get({ client: 'app-one-1234' }, { 'x-client-id': 'app-two-1234' })).body).toMatchObject({
      type: 'pagequeue-badclientid',
    });
    const unknown = await get({}, {}, 'nosuchwiki');
    expect(unknown).toMatchObject({ status: 404, body: { type: 'nosuchwiki' } });
    expect((await get({}, {}, MEDIA_REPO)).body).toMatchObject({
      status: 404,
      type: 'pagequeue-unavailable',
    });
  });
});

describe('leases', () => {
  it('hands the pages of one contributor to no other until the lease ends', async () => {
    const a = titles((await get({ limit: '4' }, { 'x-client-id': 'app-install-a' })).body);
    const b = titles((await get({ limit: '4', client: 'app-install-b' })).body);
    expect(a).toEqual(expectedOrder().slice(0, 4));
    expect(b).toEqual(expectedOrder().slice(4, 8));
    // A request without a client id leases nothing and sees none of the leased pages.
    expect(titles((await get({ limit: '50' })).body)).toEqual(expectedOrder().slice(8));
    // The same contributor asking again gets its own pages back.
    expect(titles((await get({ limit: '4' }, { 'x-client-id': 'app-install-a' })).body)).toEqual(a);
    // Five minutes later the leases have ended, without any job having run.
    t.advance(5 * 60 + 1);
    expect(titles((await get({ limit: '4', client: 'app-install-b' })).body)).toEqual(a);
  });

  it('does not extend a lease when its holder asks again: it ends 5 minutes after the page was handed out', async () => {
    const a = titles((await get({ limit: '1' }, { 'x-client-id': 'app-install-a' })).body);
    t.advance(4 * 60);
    expect(titles((await get({ limit: '1' }, { 'x-client-id': 'app-install-a' })).body)).toEqual(a);
    t.advance(60 + 1);
    expect(titles((await get({ limit: '1' }, { 'x-client-id': 'app-install-b' })).body)).toEqual(a);
  });

  it('caps the live leases of anonymous apps from one address; accounts are not counted there', async () => {
    await t.services.wikis.setSetting(TEST_WIKI, 'pagequeue.maxLeasesPerAddress', 50, t.now());
    for (let i = 0; i < 5; i++)
      expect((await get({ limit: '10' }, { 'x-client-id': `app-install-${i}` })).status).toBe(200);
    // Five apps asked for 10 each (only 12 pages are queued, so fewer were leased): the address
    // holds 12 leases, and another 50 would pass the cap.
    const refused = await get({ limit: '50' }, { 'x-client-id': 'app-install-x' });
    expect(refused).toMatchObject({ status: 429, body: { type: 'pagequeue-toomanyleases' } });
    const api = new ApiClient(t);
    await api.login('Contributor', PASSWORD);
    expect((await get({ limit: '50' }, { cookie: `wikiqueue_session=${api.cookie!}` })).status).toBe(200);
  });

  it('leases to a logged-in user by the session, whatever client id it sends', async () => {
    const api = new ApiClient(t);
    await api.login('Contributor', PASSWORD);
    const cookie = { cookie: `wikiqueue_session=${api.cookie!}` };
    const mine = titles((await get({ limit: '3' }, { ...cookie, 'x-client-id': 'app-install-a' })).body);
    const theirs = titles((await get({ limit: '3' }, { 'x-client-id': 'app-install-a' })).body);
    expect(mine).toEqual(expectedOrder().slice(0, 3));
    expect(theirs).toEqual(expectedOrder().slice(3, 6));
  });

  it('gives 50 contributors asking at once pairwise disjoint pages', async () => {
    // 50 contributors need 50 pages: 40 more articles with suggestions.
    for (let i = 0; i < 40; i++) await edit(`Extra ${i}`, `Extra ${i} is a place.`);
    await runJobs();
    for (let i = 0; i < 40; i++) await suggest(`Extra ${i}`, [suggestion(`Photo_${i % QUEUED}.jpg`)]);
    await runJobs();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, c) => get({ limit: '1' }, { 'x-client-id': `contributor-${c}` })),
    );
    const handed = answers.flatMap((r) => titles(r.body));
    expect(handed).toHaveLength(50);
    expect(new Set(handed).size).toBe(50);
  });

  it('a skip releases the page to others and keeps it from the contributor who skipped it', async () => {
    const headers = { 'x-client-id': 'app-install-a' };
    const [first] = pagesOf((await get({ limit: '1' }, headers)).body);
    const skipped = await t.app.inject({
      method: 'POST',
      url: `/${TEST_WIKI}/page-queue/${first!.id}/skip`,
      headers,
    });
    expect(skipped.statusCode).toBe(200);
    expect(titles((await get({ limit: '1' }, headers)).body)).toEqual([expectedOrder()[1]]);
    expect(titles((await get({ limit: '1' }, { 'x-client-id': 'app-install-b' })).body)).toEqual([
      first!.title,
    ]);
    const nobody = await t.app.inject({ method: 'POST', url: `/page-queue/${first!.id}/skip` });
    expect(nobody.json()).toMatchObject({ status: 400, type: 'pagequeue-noholder' });
    const notQueued = await t.app.inject({
      method: 'POST',
      url: `/page-queue/${ids['Linker 0']!}/skip`,
      headers,
    });
    expect(notQueued.json()).toMatchObject({ status: 404, type: 'pagequeue-nosuchpage' });
  });
});

describe('choosing a lead image', () => {
  async function loggedIn(name: string) {
    const api = new ApiClient(t);
    await api.login(name, PASSWORD);
    return { api, cookie: `wikiqueue_session=${api.cookie!}`, token: await api.token() };
  }

  const choose = (pageId: number, body: Record<string, unknown>, cookie?: string) =>
    t.app.inject({
      method: 'POST',
      url: `/${TEST_WIKI}/page-queue/${pageId}/lead-image`,
      payload: body,
      headers: cookie ? { cookie } : {},
    });

  it("saves the candidate at the top of the article in the wiki's syntax, and the page leaves the queue", async () => {
    const me = await loggedIn('Contributor');
    const [page] = pagesOf((await get({ limit: '1' }, { cookie: me.cookie })).body);
    const file = page!.lead_image_candidates[0]!.title;
    const res = await choose(page!.id, { file, caption: 'A view', token: me.token }, me.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ result: 'Success', pageid: page!.id });
    const text = await t.services.wikiSources.for(TEST_WIKI).getPageText(page!.title);
    expect(text!.text).toBe(`[[File:${file}|thumb|A view]]\n${page!.title} is a place.`);
    expect(text!.page.latestRevId).toBe(res.json().newrevid);
    expect(titles((await get({ limit: '50' })).body)).not.toContain(page!.title);
  });

  it('lets an app that leased a page under its client id save it after logging in', async () => {
    const [page] = pagesOf((await get({ limit: '1' }, { 'x-client-id': 'app-install-a' })).body);
    const me = await loggedIn('Contributor');
    const file = page!.lead_image_candidates[0]!.title;
    const without = await choose(page!.id, { file, token: me.token }, me.cookie);
    expect(without.json()).toMatchObject({ status: 409, type: 'pagequeue-leased' });
    const withClient = await choose(page!.id, { file, token: me.token, client: 'app-install-a' }, me.cookie);
    expect(withClient.statusCode).toBe(200);
  });

  it('writes the caption as text: markup and option words stay in the caption', async () => {
    const me = await loggedIn('Contributor');
    const [page] = pagesOf((await get({ limit: '1' }, { cookie: me.cookie })).body);
    const file = page!.lead_image_candidates[0]!.title;
    await choose(page!.id, { file, caption: 'link=https://evil.example/ <!--', token: me.token }, me.cookie);
    const text = await t.services.wikiSources.for(TEST_WIKI).getPageText(page!.title);
    expect(text!.text).toBe(
      `[[File:${file}|thumb|&#108;ink=https://evil.example/ &#60;!--]]\n${page!.title} is a place.`,
    );
  });

  it('refuses a file that is not a candidate, and writes nothing', async () => {
    const me = await loggedIn('Contributor');
    const [page] = pagesOf((await get({ limit: '1' }, { cookie: me.cookie })).body);
    const before = await t.services.wikiSources.for(TEST_WIKI).getPageText(page!.title);
    const other = `Photo_${(Number(page!.title.split(' ')[1]) + 1) % QUEUED}.jpg`;
    const res = await choose(page!.id, { file: other, token: me.token }, me.cookie);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ type: 'pagequeue-not-a-candidate' });
    const after = await t.services.wikiSources.for(TEST_WIKI).getPageText(page!.title);
    expect(after!.page.latestRevId).toBe(before!.page.latestRevId);
    // Still queued, and still leased to the contributor.
    expect(titles((await get({ limit: '50' }, { cookie: me.cookie })).body)).toContain(page!.title);
    expect(titles((await get({ limit: '50' })).body)).not.toContain(page!.title);
  });

  it('refuses a page another contributor holds, an anonymous request and a missing token', async () => {
    const me = await loggedIn('Contributor');
    const other = await loggedIn('Other contributor');
    const [page] = pagesOf((await get({ limit: '1' }, { cookie: other.cookie })).body);
    const file = page!.lead_image_candidates[0]!.title;
    const held = await choose(page!.id, { file, token: me.token }, me.cookie);
    expect(held.statusCode).toBe(409);
    expect(held.json()).toMatchObject({ type: 'pagequeue-leased' });
    expect((await choose(page!.id, { file })).json()).toMatchObject({
      status: 401,
      type: 'rest-permission-denied-anon',
    });
    expect((await choose(page!.id, { file }, me.cookie)).json()).toMatchObject({ type: 'notoken' });
    expect((await choose(page!.id, { file, token: 'bad+\\' }, me.cookie)).json()).toMatchObject({
      type: 'badtoken',
    });
    expect((await choose(page!.id, { token: me.token }, me.cookie)).json()).toMatchObject({
      type: 'missingparam',
    });
    expect((await choose(ids['Illustrated']!, { file, token: me.token }, me.cookie)).json()).toMatchObject({
      type: 'pagequeue-page-done',
    });
  });
});

describe('importance by page views', () => {
  it('orders the queue by imported page views, desktop and mobile summed, a redirect counted for its target', async () => {
    await edit('Redirect to 7', '#REDIRECT [[Article 7]]');
    const dir = mkdtempSync(join(tmpdir(), 'wq-pageviews-'));
    try {
      const file = join(dir, 'pageviews-20261201-000000');
      writeFileSync(
        file,
        [
          'en Article_3 500 0',
          'en.m Article_3 100 0',
          'en Article_7 200 0',
          'en Redirect_to_7 450 0',
          'de Article_5 9000 0',
          'en Article_5 50 0',
          'en No_such_article 70 0',
          'en.m Article_9 120 0',
          'this line is not one',
          '',
        ].join('\n'),
      );
      await t.services.wikis.setSetting(TEST_WIKI, 'pagequeue.importance', 'views', t.now());
      const summary = await t.services.pagequeue.importPageviews(TEST_WIKI, file);
      expect(summary).toMatchObject({ counted: 6, otherDomains: 1, unknownTitles: 1, bad: 1, pages: 4 });
      await t.services.pagequeue.build(TEST_WIKI, { restart: true });
      expect(titles((await get({ limit: '4' })).body)).toEqual([
        'Article 7',
        'Article 3',
        'Article 9',
        'Article 5',
      ]);
      // Imported again: nothing changes.
      const again = await t.services.pagequeue.importPageviews(TEST_WIKI, file);
      expect(again).toMatchObject({ importedBefore: true });
      expect(again.pages).toBeUndefined();
      // A file that is not there, or a folder, is refused by name and changes nothing.
      for (const bad of [join(dir, 'missing'), dir])
        await expect(t.services.pagequeue.importPageviews(TEST_WIKI, bad)).rejects.toMatchObject({
          code: 'import-unreadable',
        });
      expect(titles((await get({ limit: '4' })).body)).toEqual([
        'Article 7',
        'Article 3',
        'Article 9',
        'Article 5',
      ]);
      // A file with no line of this wiki keeps the views.
      const german = join(dir, 'pageviews-de');
      writeFileSync(german, 'de Artikel_1 5 0\n');
      expect(await t.services.pagequeue.importPageviews(TEST_WIKI, german)).toMatchObject({ counted: 0 });
      await t.services.pagequeue.build(TEST_WIKI, { restart: true });
      expect(titles((await get({ limit: '4' })).body)).toEqual([
        'Article 7',
        'Article 3',
        'Article 9',
        'Article 5',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the operator commands', () => {
  it('`wikiqueue pagequeue import-pageviews` and `build` report what they did; a media repository has no queue', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wq-pagequeue-cli-'));
    try {
      const config = join(dir, 'server.config.json');
      writeFileSync(config, JSON.stringify({ databaseUrl: t.databaseUrl }));
      const views = join(dir, 'pageviews');
      writeFileSync(views, 'en Article_2 40 0\nen.m Article_2 2 0\nfr Article_2 9 0\nnot a line\n');
      const imported = await runCli(
        ['--config', config, 'pagequeue', 'import-pageviews', views, '--wiki', TEST_WIKI],
        { cwd: dir },
      );
      expect(imported.status).toBe(0);
      expect(imported.stderr).toContain('line 4: has 3 fields, not 4');
      expect(imported.stdout).toBe(
        `pagequeue import-pageviews: ${TEST_WIKI}: 2 lines counted, 0 of no content page, 1 of other wikis, 1 bad, of 4 lines; 1 page has views\n`,
      );
      const built = await runCli(
        ['--config', config, 'pagequeue', 'build', '--wiki', TEST_WIKI, '--restart'],
        {
          cwd: dir,
        },
      );
      expect(built.status).toBe(0);
      expect(built.stdout).toMatch(
        new RegExp(
          `^pagequeue build: ${TEST_WIKI}: ${QUEUED} of 15 pages with suggestions queued in \\d+\\.\\d s\n$`,
        ),
      );
      const refused = await runCli(['--config', config, 'pagequeue', 'build', '--wiki', MEDIA_REPO], {
        cwd: dir,
      });
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('pagequeue-unavailable');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('building the queue', () => {
  it('a full build removes queued pages that are no longer eligible, which no event reported', async () => {
    // Article 2's suggestions go (with no job run, the queue still holds it).
    await t.services.suggestions.replacePageSuggestions(
      TEST_WIKI,
      ids['Article 2']!,
      datasetIdAt(Date.now(), randomBytes(10)),
      [],
    );
    expect(await t.services.pagequeue.count(TEST_WIKI)).toBe(QUEUED);
    t.advance(1);
    expect(await t.services.pagequeue.build(TEST_WIKI, { restart: true })).toMatchObject({
      queued: QUEUED - 1,
      swept: 1,
    });
    expect(titles((await get({ limit: '50' })).body)).not.toContain('Article 2');
  });

  it("a slower build that started earlier cannot undo a later build's stamps (two builds at once)", async () => {
    // Build B (later) has stamped every page; build A (earlier, slower) then writes its batch.
    const queue = openPageQueueStore(t.services.store).pageQueue;
    const later = t.now() * 1000 + 5000;
    const rows = [{ pageId: ids['Article 3']!, importance: 9 }];
    await queue.upsert(TEST_WIKI, rows, later);
    await queue.upsert(TEST_WIKI, rows, later - 1000);
    // B's sweep removes the pages stamped before it started: not this one.
    expect(await queue.builtBefore(TEST_WIKI, later, 100)).not.toContain(ids['Article 3']);
  });

  it('a full build queues what the events did, nothing more', async () => {
    const before = titles((await get({ limit: '50' })).body);
    const built = await t.services.pagequeue.build(TEST_WIKI, { restart: true });
    expect(built).toMatchObject({ queued: QUEUED, swept: 0 });
    expect(titles((await get({ limit: '50' })).body)).toEqual(before);
  });
});

describe('the lease rate limit', () => {
  it('refuses a leasing request past 30 a minute from one address; reading without a client id is not limited', async () => {
    const fresh = await buildTestApp();
    try {
      await addMediaRepo(fresh);
      const ask = (headers: Record<string, string>) =>
        fresh.app.inject({ method: 'GET', url: '/page-queue', headers });
      for (let i = 0; i < 30; i++)
        expect((await ask({ 'x-client-id': `app-install-${i}` })).statusCode).toBe(200);
      const refused = await ask({ 'x-client-id': 'app-install-31' });
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ type: 'ratelimited' });
      expect((await ask({})).statusCode).toBe(200);
      fresh.advance(61);
      expect((await ask({ 'x-client-id': 'app-install-31' })).statusCode).toBe(200);
    } finally {
      await fresh.close();
    }
  });
});
