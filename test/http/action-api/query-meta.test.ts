import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, TEST_WIKI, buildTestApp, type TestApp } from '../../factories/app.ts';

let t: TestApp;
let api: ApiClient;

beforeEach(async () => {
  t = await buildTestApp();
  api = new ApiClient(t);
});
afterEach(async () => {
  await t.close();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('meta=siteinfo', () => {
  it('answers mwn-style init (general|namespaces|namespacealiases) in formatversion 2', async () => {
    const res = (
      await api.get({
        action: 'query',
        meta: 'siteinfo',
        siprop: 'general|namespaces|namespacealiases',
        formatversion: '2',
      })
    ).json as Json;
    const { general, namespaces, namespacealiases } = res.query;
    expect(general).toMatchObject({
      mainpage: 'Main Page',
      sitename: `Wiki ${TEST_WIKI}`,
      generator: 'MediaWiki 1.45.0 (wikiqueue)',
      case: 'first-letter',
      lang: 'en',
      wikiid: TEST_WIKI,
      articlepath: '/wiki/$1',
      scriptpath: '/w',
      script: '/w/index.php',
      time: '2023-11-14T22:13:20Z',
    });
    expect(typeof general.legaltitlechars).toBe('string');
    expect(namespaces['1']).toEqual({
      id: 1,
      case: 'first-letter',
      name: 'Talk',
      subpages: true,
      canonical: 'Talk',
      content: false,
      nonincludable: false,
    });
    expect(namespaces['0']).toMatchObject({ id: 0, name: '', content: true });
    expect(namespacealiases).toContainEqual({ id: 6, alias: 'Image' });
  });

  it('prints namespace names under * and true flags as "" in formatversion 1', async () => {
    const res = (await api.get({ action: 'query', meta: 'siteinfo', siprop: 'namespaces|namespacealiases' }))
      .json as Json;
    expect(res.query.namespaces['0']).toEqual({ id: 0, case: 'first-letter', '*': '', content: '' });
    expect(res.query.namespaces['2']).toMatchObject({ '*': 'User', subpages: '', canonical: 'User' });
    expect(res.query.namespacealiases).toContainEqual({ id: 6, '*': 'Image' });
  });

  it('serves non-default wikis under /{wiki}/ paths', async () => {
    await t.close();
    t = await buildTestApp({ wikis: [TEST_WIKI, 'dewiki'] });
    const de = new ApiClient(t, '/dewiki/w/api.php');
    const res = (await de.get({ action: 'query', meta: 'siteinfo', formatversion: '2' })).json as Json;
    expect(res.query.general).toMatchObject({
      articlepath: '/dewiki/wiki/$1',
      scriptpath: '/dewiki/w',
      wikiid: 'dewiki',
    });
  });

  it('reports statistics and user groups with their rights', async () => {
    await t.createUser('Amy', 'secret-password-1', ['sysop']);
    const res = (
      await api.get({
        action: 'query',
        meta: 'siteinfo',
        siprop: 'statistics|usergroups',
        formatversion: '2',
      })
    ).json as Json;
    expect(res.query.statistics).toMatchObject({ pages: 0, users: 1, admins: 1 });
    const sysop = (res.query.usergroups as Json[]).find((g) => g.name === 'sysop');
    expect(sysop?.rights).toContain('delete');
  });
});

describe('meta=tokens', () => {
  it('gives a visitor the +\\ csrf token by default', async () => {
    const res = (await api.get({ action: 'query', meta: 'tokens', formatversion: '2' })).json as Json;
    expect(res.query.tokens).toEqual({ csrftoken: '+\\' });
  });

  it('opens a visitor session for a login token, and the token is accepted by the session', async () => {
    const res = (await api.get({ action: 'query', meta: 'tokens', type: 'login|csrf', formatversion: '2' }))
      .json as Json;
    expect(api.cookie).toBeDefined();
    expect(res.query.tokens.logintoken).toMatch(/^[0-9a-f]{64}\+\\$/);
    expect(await api.token('login')).toBe(res.query.tokens.logintoken);
  });

  it('gives a logged-in user its session-bound csrf token', async () => {
    await t.createUser('Amy', 'secret-password-1');
    await api.login('Amy', 'secret-password-1');
    const res = (await api.get({ action: 'query', meta: 'tokens', formatversion: '2' })).json as Json;
    expect(res.query.tokens.csrftoken).toBe(await api.token('csrf'));
    expect(res.query.tokens.csrftoken).not.toBe('+\\');
  });
});

describe('meta=userinfo', () => {
  it('describes a visitor by IP with anon', async () => {
    const res = (
      await api.get({ action: 'query', meta: 'userinfo', uiprop: 'groups|rights', formatversion: '2' })
    ).json as Json;
    expect(res.query.userinfo).toMatchObject({ id: 0, name: '127.0.0.1', anon: true, groups: ['*'] });
    expect(res.query.userinfo.rights).toContain('read');
    expect(res.query.userinfo.rights).not.toContain('move');
  });

  it('describes a logged-in user with groups, edit count and registration', async () => {
    await t.createUser('Amy', 'secret-password-1', ['sysop']);
    await api.login('Amy', 'secret-password-1');
    const res = (
      await api.get({
        action: 'query',
        meta: 'userinfo',
        uiprop: 'groups|implicitgroups|editcount|registrationdate|changeablegroups',
        formatversion: '2',
      })
    ).json as Json;
    const info = res.query.userinfo;
    expect(info.name).toBe('Amy');
    expect(info.id).toBeGreaterThan(0);
    expect(info.anon).toBeUndefined();
    expect(info.groups).toEqual(expect.arrayContaining(['sysop', '*', 'user']));
    expect(info.implicitgroups).not.toContain('sysop');
    expect(info.editcount).toBe(0);
    expect(info.registrationdate).toBe('2023-11-14T22:13:20Z');
    expect(info.changeablegroups.add).toEqual([]);
  });
});
