import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, escapeHtmlElementText } from '../../src/core/domain/html.ts';
import { ApiClient, buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';

/** Outputs of PHP's `htmlspecialchars( $text, ENT_QUOTES )`, which MediaWiki uses for HTML text. */
const PHP_HTMLSPECIALCHARS_ENT_QUOTES: [string, string][] = [
  [`Rock 'n' roll`, 'Rock &#039;n&#039; roll'],
  ['"quoted"', '&quot;quoted&quot;'],
  ['<b>a & b</b>', '&lt;b&gt;a &amp; b&lt;/b&gt;'],
  ['&amp; stays escaped once more', '&amp;amp; stays escaped once more'],
  ['Zürich – ünïcode', 'Zürich – ünïcode'],
  ['', ''],
];

describe('escapeHtml (htmlspecialchars with ENT_QUOTES)', () => {
  it.each(PHP_HTMLSPECIALCHARS_ENT_QUOTES)('escapes %j as PHP does', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('escapeHtmlElementText (Html::element content)', () => {
  it('escapes only & and <, leaving quotes and > as written', () => {
    expect(escapeHtmlElementText(`{"a": "<b> & 'c'"}`)).toBe(`{"a": "&lt;b> &amp; 'c'"}`);
  });
});

describe('HTML the service writes escapes an apostrophe as &#039;', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp();
    await t.createUser('Writer', 'writer-password-1');
    const user = await t.services.store.users.getByName(TEST_WIKI, 'Writer');
    const session = await t.services.accounts.openSession(TEST_WIKI, user!.id);
    const actor = await t.services.accounts.actorFor(TEST_WIKI, session.id, '127.0.0.1');
    await t.services.wikiSources.for(TEST_WIKI).edit(actor, {
      title: `Rock 'n' roll`,
      text: `It's "loud" & <fast>.`,
      summary: `it's <new>`,
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('in the page view (title and text)', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/wiki/Rock_'n'_roll` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 id="firstHeading">Rock &#039;n&#039; roll</h1>');
    expect(res.body).toContain('It&#039;s &quot;loud&quot; &amp;');
  });

  it('in parsed edit summaries (list=recentchanges&rcprop=parsedcomment)', async () => {
    const res = await new ApiClient(t).get({
      action: 'query',
      list: 'recentchanges',
      rcprop: 'parsedcomment',
      formatversion: '2',
    });
    const changes = (res.json.query as { recentchanges: { parsedcomment: string }[] }).recentchanges;
    expect(changes.map((c) => c.parsedcomment)).toContain('it&#039;s &lt;new&gt;');
  });

  it('in errors rendered with errorformat=html', async () => {
    const res = await new ApiClient(t).get({
      action: 'query',
      list: 'logevents',
      letitle: `Rock 'n' <roll>`,
      errorformat: 'html',
      formatversion: '2',
    });
    const errors = res.json.errors as { code: string; html: string }[] | undefined;
    expect(errors?.[0]?.html).toContain('Rock &#039;n&#039; &lt;roll&gt;');
  });

  it('but not in the jsonfm result, which is element text as MediaWiki prints it', async () => {
    const res = await new ApiClient(t).get({
      action: 'query',
      titles: `Rock 'n' <roll>`,
      format: 'jsonfm',
    });
    expect(res.body).toContain(`"title": "Rock 'n' &lt;roll>"`);
  });
});
