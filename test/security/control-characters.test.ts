import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReviewApp, type ReviewTestApp } from '../factories/review.ts';

/**
 * Issue 10 item 11: request values reach the API as MediaWiki's WebRequest hands them over
 * (UtfNormal\Validator::cleanUp): C0 control characters other than tab, LF and CR — NUL above all,
 * which PostgreSQL refuses in text and SQLite's string functions cut at — become U+FFFD, text is
 * NFC, and a module that reads a changed value warns `badutf8` (ApiBase::handleParamNormalization).
 * No such value reaches the store; no request ends in an internal error.
 */
let t: ReviewTestApp;
beforeAll(async () => {
  t = await buildReviewApp();
  const writer = await t.user('Writer');
  await t.edit(writer, 'Keyword page', 'Some text about keywords.');
});
afterAll(async () => t.close());

async function get(params: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await t.app.inject({
    url: `/w/api.php?${new URLSearchParams({ format: 'json', formatversion: '2', errorformat: 'plaintext', ...params }).toString()}`,
    headers,
  });
  return { status: res.statusCode, json: res.json() as Record<string, unknown> };
}

const NUL = '\u0000';

describe('NUL and other control characters in parameters', () => {
  it('pagetriagelist: a keyword with NUL is searched for with U+FFFD and warns badutf8', async () => {
    const res = await get({ action: 'pagetriagelist', keyword: `key${NUL}word` });
    expect(res.json.error).toBeUndefined();
    expect(res.json.pagetriagelist).toMatchObject({ result: 'success', pages: [] });
    expect(res.json.warnings).toEqual([
      expect.objectContaining({ code: 'badutf8', module: 'pagetriagelist' }),
    ]);
  });

  it('pagetriagestats: a keyword with NUL counts nothing and warns badutf8', async () => {
    const res = await get({ action: 'pagetriagestats', keyword: `${NUL}` });
    expect(res.json.error).toBeUndefined();
    expect(JSON.stringify(res.json.warnings)).toContain('"badutf8"');
  });

  it.each([
    ['pagetriagelist username', { action: 'pagetriagelist', username: `A${NUL}` }],
    ['allusers from/prefix', { action: 'query', list: 'allusers', aufrom: NUL, auprefix: `x${NUL}` }],
    ['allpages from/prefix', { action: 'query', list: 'allpages', apfrom: NUL, apprefix: `x${NUL}` }],
    ['titles', { action: 'query', prop: 'info|revisions', titles: `Keyword${NUL}page` }],
    ['recentchanges user', { action: 'query', list: 'recentchanges', rcuser: `W${NUL}` }],
    ['logevents user and title', { action: 'query', list: 'logevents', leuser: NUL, letitle: `X${NUL}` }],
    ['a control character other than NUL', { action: 'pagetriagelist', keyword: 'a\u0007b\u001bc' }],
  ])('%s: no internal error', async (_what, params) => {
    const res = await get(params);
    expect(res.status).toBe(200);
    const error = res.json.error as { code: string } | undefined;
    expect(error?.code ?? '').not.toMatch(/^internal_api_error/);
    expect(JSON.stringify(res.json.warnings ?? {})).toContain('"badutf8"');
  });

  it('normalizes to NFC without losing the value (e + combining acute is é)', async () => {
    const res = await get({ action: 'query', titles: 'Caf\u0065\u0301' });
    const pages = (res.json.query as { pages: { title: string }[] }).pages;
    expect(pages[0]!.title).toBe('Café');
  });

  it('keeps tab, newline and carriage return as they are (no warning)', async () => {
    const res = await get({ action: 'pagetriagelist', keyword: 'a\tb' });
    expect(res.json.warnings).toBeUndefined();
  });

  it('treats a session cookie with NUL as no session, not as an error', async () => {
    const res = await get({ action: 'query', meta: 'userinfo' }, { cookie: 'wikiqueue_session=ab%00cd' });
    expect(res.status).toBe(200);
    expect(res.json.query).toMatchObject({ userinfo: { id: 0 } });
  });

  it.each(['/%00/w/api.php?action=query&format=json', '/%00/wiki/Foo', '/a%01b/wiki/Foo'])(
    'answers a wiki id with a control character (%s) as no such wiki',
    async (url) => {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBeLessThan(500);
      expect(res.body).toMatch(/nosuchwiki|no such wiki/i);
    },
  );
});
