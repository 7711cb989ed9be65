import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, type TestApp } from '../factories/app.ts';

/**
 * Issue 10 item 10: `/wiki/{title}` decodes the URL once, as MediaWiki reads the path: a title
 * with `%` in it is a page like any other, and an escape that does not decode is a client error,
 * never HTTP 500.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('Writer', 'writer password', ['sysop']);
  const api = new ApiClient(t);
  await api.login('Writer', 'writer password');
  const token = await api.token();
  for (const title of ['100% pure', 'Ab%zz'])
    await api.post({ action: 'edit', title, text: `Text of ${title}.`, token });
});
afterAll(async () => t.close());

const view = (path: string) => t.app.inject({ method: 'GET', url: path });

describe('/wiki/{title} with % in the title', () => {
  it('shows a page whose title has a percent sign (escaped as %25)', async () => {
    const res = await view('/wiki/100%25_pure');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Text of 100% pure.');
  });

  it('shows a page whose title has % followed by letters, on other wikis too', async () => {
    const res = await view('/testwiki/wiki/Ab%25zz');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Text of Ab%zz.');
  });

  it('answers a missing page for %25 that no page has, not an error', async () => {
    expect((await view('/wiki/Nothing_100%25')).statusCode).toBe(404);
  });

  it('answers "Bad title" for a title that is itself a %-escape (%2541 is "%41")', async () => {
    const res = await view('/wiki/A%2541');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Bad title');
  });

  it('answers 400 for a lone % that is no escape', async () => {
    for (const path of ['/wiki/100%', '/wiki/%zz', '/wiki/%E0%A4%A']) {
      const res = await view(path);
      expect(res.statusCode, path).toBe(400);
    }
  });
});
