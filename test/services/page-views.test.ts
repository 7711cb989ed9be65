import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/domain/actor.ts';
import { runJobsUntilIdle } from '../../src/core/jobs/jobs-cli.ts';
import { PageViews } from '../../src/core/wikis/page-views.ts';
import { createWorker } from '../../src/create-worker.ts';
import { buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';

/**
 * PageViews (the reading view's service) over the real app's services and the subsystems' own
 * robots policies, and the `/wiki/{title}` route that renders it.
 */
let t: TestApp;
let views: PageViews;
let writer: Actor;
let drain: () => Promise<void>;

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('Writer', 'writer-password-1');
  const user = await t.services.store.users.getByName(TEST_WIKI, 'Writer');
  const session = await t.services.accounts.openSession(TEST_WIKI, user!.id);
  writer = await t.services.accounts.actorFor(TEST_WIKI, session.id, '127.0.0.1');
  const worker = createWorker(t.services);
  drain = async () => {
    await runJobsUntilIdle(worker, { print: () => {} });
  };
  views = new PageViews({
    store: t.services.store,
    wikis: t.services.wikis,
    media: t.services.media,
    defaultWiki: TEST_WIKI,
    robotsPolicies: t.services.started.flatMap((s) => (s.parts.robotsPolicy ? [s.parts.robotsPolicy] : [])),
  });
});
afterAll(async () => t.close());

async function save(title: string, text: string): Promise<void> {
  await t.services.wikiSources.for(TEST_WIKI).edit(writer, { title, text });
  await drain();
}

describe('PageViews.read', () => {
  it('gives the latest text as reading HTML, with footnotes and entities as a reader sees them', async () => {
    await save('Viewed page', 'First version.');
    await save(
      'Viewed page',
      'Rivers flow.<ref>{{cite web|title=Rivers}}</ref> Fish&nbsp;swim.\n\n\nSecond <!-- note -->part.',
    );
    expect(await views.read(TEST_WIKI, 'Viewed_page')).toEqual({
      kind: 'page',
      title: 'Viewed page',
      lang: 'en',
      content: {
        html:
          '<div class="mw-parser-output"><p>Rivers flow.<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup> Fish\u00a0swim.\n' +
          '</p><p><br>\nSecond part.</p>\n' +
          '<div class="mw-references-wrap"><ol class="references">\n' +
          '<li id="cite_note-1"><span class="mw-cite-backlink"><a href="#cite_ref-1">↑</a></span> ' +
          '<span class="reference-text"><cite class="citation"><i>Rivers</i>.</cite></span></li>\n' +
          '</ol></div></div>',
        headings: [],
        imageUrls: [],
      },
      noindex: false,
    });
  });

  it('is noindex when a subsystem asks for it (a new page carrying __NOINDEX__)', async () => {
    await save('Hidden view', 'Not for search engines. __NOINDEX__');
    expect(await views.read(TEST_WIKI, 'Hidden view')).toMatchObject({ kind: 'page', noindex: true });
  });

  it('tells a missing page, a bad title and an unknown wiki apart', async () => {
    expect(await views.read(TEST_WIKI, 'talk:never written')).toEqual({
      kind: 'missing',
      title: 'Talk:Never written',
      lang: 'en',
    });
    expect(await views.read(TEST_WIKI, 'Bad[title')).toEqual({ kind: 'badtitle', input: 'Bad[title' });
    expect(await views.read('nosuchwiki', 'Anything')).toEqual({ kind: 'nosuchwiki' });
  });
});

describe('GET /wiki/{title}', () => {
  it('renders the view as HTML with the robots decision in the meta tag and the header', async () => {
    await save('Served "quoted" page', 'A & B.\n\nNo index here. __NOINDEX__');
    const res = await t.app.inject({
      method: 'GET',
      url: `/wiki/${encodeURIComponent('Served_"quoted"_page')}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-robots-tag']).toBe('noindex,nofollow');
    expect(res.body).toContain('<meta name="robots" content="noindex,nofollow">');
    expect(res.body).toContain('<h1 id="firstHeading">Served &quot;quoted&quot; page</h1>');
    expect(res.body).toContain(
      '<div class="mw-parser-output"><p>A &amp; B.\n</p><p>No index here. </p></div>',
    );
  });

  it('answers 404 for a missing page and an unknown wiki, 400 for a bad title', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/wiki/Not_there' });
    expect([missing.statusCode, missing.headers['x-robots-tag']]).toEqual([404, 'noindex,nofollow']);
    expect((await t.app.inject({ method: 'GET', url: '/nosuchwiki/wiki/Anything' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/wiki/Bad%5Btitle' })).statusCode).toBe(400);
  });
});
