import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, type ApiCall, type TestApp } from '../factories/app.ts';

/**
 * How sessions are kept (issue 10, item 14): the store holds the SHA-256 of a session id, never the
 * id; a session cookie ends with the browser unless the login asked to be remembered (clientlogin
 * `rememberMe`, MediaWiki's $wgCookieExpiration of 30 days); action=login has no rememberMe.
 */
let t: TestApp;
afterEach(async () => {
  await t.close();
});

const PASSWORD = 'correct horse battery';

function sessionCookie(res: ApiCall): string {
  const all = res.headers['set-cookie'];
  const found = (Array.isArray(all) ? all : [String(all)]).find((c) => c.startsWith('wikiqueue_session='));
  if (!found) throw new Error('no session cookie set');
  return found;
}

async function clientLogin(api: ApiClient, extra: Record<string, string> = {}): Promise<ApiCall> {
  const tokens = await api.get({ action: 'query', meta: 'tokens', type: 'login' });
  const logintoken = (tokens.json.query as { tokens: { logintoken: string } }).tokens.logintoken;
  return api.post({
    action: 'clientlogin',
    username: 'Alice',
    password: PASSWORD,
    loginreturnurl: 'http://localhost/',
    logintoken,
    ...extra,
  });
}

describe('session storage', () => {
  it('stores the SHA-256 of the session id, not the id', async () => {
    t = await buildTestApp();
    await t.createUser('Alice', PASSWORD);
    const api = new ApiClient(t);
    await api.login('Alice', PASSWORD);
    const id = api.cookie!;
    const sessions = t.services.store.sessions;
    expect(await sessions.get(id, t.now())).toBeUndefined();
    const hash = createHash('sha256').update(id).digest('hex');
    expect(await sessions.get(hash, t.now())).toMatchObject({ idHash: hash, userId: 1 });
  });

  it('gives action=login a cookie that ends with the browser', async () => {
    t = await buildTestApp();
    await t.createUser('Alice', PASSWORD);
    const api = new ApiClient(t);
    const first = await api.post({ action: 'login', lgname: 'Alice', lgpassword: PASSWORD });
    const lgtoken = (first.json.login as { token: string }).token;
    const res = await api.post({ action: 'login', lgname: 'Alice', lgpassword: PASSWORD, lgtoken });
    expect(res.json.login).toMatchObject({ result: 'Success' });
    expect(sessionCookie(res)).not.toMatch(/Max-Age|Expires/i);
  });

  it('remembers a clientlogin session for 30 days only when rememberMe is given', async () => {
    t = await buildTestApp({ auth: { sessionTtl: 3600 } });
    await t.createUser('Alice', PASSWORD);
    const plainApi = new ApiClient(t);
    const plain = await clientLogin(plainApi);
    expect(plain.json.clientlogin).toMatchObject({ status: 'PASS' });
    expect(sessionCookie(plain)).not.toMatch(/Max-Age|Expires/i);

    const api = new ApiClient(t);
    const remembered = await clientLogin(api, { rememberMe: '1' });
    expect(remembered.json.clientlogin).toMatchObject({ status: 'PASS' });
    expect(sessionCookie(remembered)).toMatch(/Max-Age=2592000/);
    // Not used for 29 days: the remembered session lives on, the other one has ended.
    t.advance(29 * 86400);
    const whoami = async (client: ApiClient) =>
      ((await client.get({ action: 'query', meta: 'userinfo' })).json.query as { userinfo: { name: string } })
        .userinfo.name;
    expect(await whoami(api)).toBe('Alice');
    expect(await whoami(plainApi)).toBe('127.0.0.1');
  });
});
