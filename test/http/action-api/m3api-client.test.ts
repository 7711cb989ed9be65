import Session, { ApiErrors, set } from 'm3api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../factories/app.ts';
import { listeningAppWithBots } from '../../factories/listening-app.ts';

/**
 * The real MediaWiki client m3api 1.1.0 against a listening server, in both format versions:
 * bot-password login with its login token, `assert=user`, csrf-token edits, errors thrown as
 * ApiErrors with MediaWiki's codes, `requestAndContinue` paging through a whole list, and request
 * combining (two concurrent `titles` requests merged into one).
 */
let t: TestApp;
let apiUrl: string;
let botPassword: string;

beforeAll(async () => {
  // A bot account whose bot password has the highvolume grant, as a bot doing many edits has.
  const app = await listeningAppWithBots([
    {
      name: 'M3api user',
      groups: ['bot'],
      grants: ['basic', 'highvolume', 'editpage', 'createeditmovepage'],
    },
  ]);
  ({ t, apiUrl } = app);
  botPassword = app.passwords['M3api user']!;
});
afterAll(async () => {
  await t.close();
});

type Version = 1 | 2;

function session(formatversion: Version): Session {
  return new Session(
    apiUrl,
    { formatversion, errorformat: 'plaintext' },
    { userAgent: 'wikiqueue-tests (m3api)', warn: () => undefined, maxRetriesSeconds: 0 },
  );
}

async function loggedIn(formatversion: Version): Promise<Session> {
  const s = session(formatversion);
  const response = await s.request(
    { action: 'login', lgname: 'M3api user@tests', lgpassword: botPassword },
    { method: 'POST', tokenType: 'login', tokenName: 'lgtoken' },
  );
  expect(response.login).toMatchObject({ result: 'Success', lgusername: 'M3api user' });
  s.tokens.clear();
  s.defaultParams.assert = 'user';
  return s;
}

describe.each([1, 2] as const)('m3api in formatversion %i', (formatversion) => {
  it('logs in with a bot password and passes assert=user afterwards', async () => {
    const s = await loggedIn(formatversion);
    const response = await s.request({ action: 'query', meta: 'userinfo' });
    expect(response.query.userinfo.name).toBe('M3api user');
  });

  it('fails assert=user as a visitor with the assertuserfailed code', async () => {
    const s = session(formatversion);
    const error = await s
      .request({ action: 'query', meta: 'userinfo', assert: 'user' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiErrors);
    expect((error as ApiErrors).errors[0]).toMatchObject({ code: 'assertuserfailed' });
  });

  it('creates a page with a csrf token and reads its text back', async () => {
    const s = await loggedIn(formatversion);
    const title = `M3api page ${formatversion}`;
    const edit = await s.request(
      { action: 'edit', title, text: `Written by m3api in fv${formatversion}.`, createonly: true },
      { method: 'POST', tokenType: 'csrf' },
    );
    expect(edit.edit).toMatchObject({ result: 'Success', title });
    const read = await s.request({
      action: 'query',
      prop: 'revisions',
      titles: title,
      rvprop: set('content'),
      rvslots: 'main',
    });
    const page = Object.values(read.query.pages as Record<string, unknown>)[0] ?? read.query.pages[0];
    const revision = (page as { revisions: Record<string, unknown>[] }).revisions[0]!;
    const slot = (revision.slots as Record<string, Record<string, unknown>>).main!;
    expect(formatversion === 2 ? slot.content : slot['*']).toBe(`Written by m3api in fv${formatversion}.`);
  });

  it('throws ApiErrors with the articleexists code for createonly on an existing page', async () => {
    const s = await loggedIn(formatversion);
    const title = `M3api existing ${formatversion}`;
    await s.request({ action: 'edit', title, text: 'first' }, { method: 'POST', tokenType: 'csrf' });
    const error = await s
      .request(
        { action: 'edit', title, text: 'second', createonly: true },
        { method: 'POST', tokenType: 'csrf' },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiErrors);
    expect((error as ApiErrors).errors.map((e) => e.code)).toEqual(['articleexists']);
  });

  it('pages through a whole list with requestAndContinue, each title once', async () => {
    const s = await loggedIn(formatversion);
    const titles = Array.from({ length: 7 }, (_, i) => `M3api list ${formatversion} ${i}`);
    for (const title of titles) {
      await s.request({ action: 'edit', title, text: 'x' }, { method: 'POST', tokenType: 'csrf' });
    }
    const seen: string[] = [];
    let batches = 0;
    // m3api declares the generator's type as {}; it yields one response per request.
    const responses = s.requestAndContinue({
      action: 'query',
      list: 'allpages',
      apprefix: `M3api list ${formatversion}`,
      aplimit: 3,
    }) as AsyncIterable<{ query: { allpages: { title: string }[] } }>;
    for await (const response of responses) {
      batches++;
      for (const p of response.query.allpages) seen.push(p.title);
    }
    expect(batches).toBe(3);
    expect(seen).toEqual(titles);
  });

  it('combines two concurrent title requests into one and answers each', async () => {
    const s = await loggedIn(formatversion);
    const a = `M3api combined ${formatversion} A`;
    const b = `M3api combined ${formatversion} B`;
    await s.request({ action: 'edit', title: a, text: 'a' }, { method: 'POST', tokenType: 'csrf' });
    const [ra, rb] = await Promise.all([
      s.request({ action: 'query', prop: set('info'), titles: set(a) }),
      s.request({ action: 'query', prop: set('info'), titles: set(b) }),
    ]);
    const pagesOf = (r: { query: { pages: unknown } }): { title: string; missing?: unknown }[] =>
      Object.values(r.query.pages as Record<string, { title: string; missing?: unknown }>);
    // Combined, both answers carry both pages; the existing one has an id, the other is missing.
    for (const r of [ra, rb]) {
      const pages = pagesOf(r);
      expect(pages.map((p) => p.title).sort()).toEqual([a, b]);
      expect(pages.find((p) => p.title === b)?.missing).toBe(formatversion === 2 ? true : '');
      expect(pages.find((p) => p.title === a)?.missing).toBeUndefined();
    }
  });
});
