import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, type TestApp } from '../factories/app.ts';

/**
 * Sessions of visitors (issue 10, item 6): a visitor asking for a login or createaccount token
 * stores nothing (the token is bound to its cookie's random value), so requests without a cookie
 * cannot fill the session table; login sessions end after auth.sessionTtl without use.
 */
let t: TestApp;
afterEach(async () => {
  await t.close();
});

/** Every session row, counted by deleting them all (nothing is valid after the end of time). */
async function sessionRows(): Promise<number> {
  return t.services.store.sessions.deleteExpired(Number.MAX_SAFE_INTEGER);
}

describe('visitor sessions', () => {
  it('stores no session for 200 cookie-less login token requests', async () => {
    t = await buildTestApp();
    for (let i = 0; i < 200; i++) {
      const res = await new ApiClient(t).get({
        action: 'query',
        meta: 'tokens',
        type: 'login|createaccount',
      });
      expect((res.json.query as { tokens: { logintoken: string } }).tokens.logintoken).toMatch(
        /^[0-9a-f]{64}\+\\$/,
      );
    }
    expect(await sessionRows()).toBe(0);
  });

  it('logs in with a login token bound to the visitor cookie, and refuses it with another cookie', async () => {
    t = await buildTestApp();
    await t.createUser('Alice', 'correct horse battery');
    const api = new ApiClient(t);
    const res = await api.get({ action: 'query', meta: 'tokens', type: 'login' });
    const token = (res.json.query as { tokens: { logintoken: string } }).tokens.logintoken;
    expect(String(res.headers['set-cookie'])).toMatch(/wikiqueue_session=[^;]+;.*Max-Age=3600/);

    const other = new ApiClient(t);
    await other.get({ action: 'query', meta: 'tokens', type: 'login' });
    const params = { action: 'login', lgname: 'Alice', lgpassword: 'correct horse battery', lgtoken: token };
    expect((await other.post(params)).json.login).toEqual({ result: 'WrongToken' });
    expect((await api.post(params)).json.login).toMatchObject({ result: 'Success', lgusername: 'Alice' });
    expect(await sessionRows()).toBe(1);
  });

  it('ends a login session after sessionTtl without use, and renews it on use', async () => {
    t = await buildTestApp({ auth: { sessionTtl: 3600 } });
    await t.createUser('Alice', 'correct horse battery');
    const api = new ApiClient(t);
    await api.login('Alice', 'correct horse battery');
    const whoami = async () =>
      ((await api.get({ action: 'query', meta: 'userinfo' })).json.query as { userinfo: { name: string } })
        .userinfo.name;
    // Used every 50 minutes: renewed each time, alive after three hours.
    for (let i = 0; i < 4; i++) {
      t.advance(3000);
      expect(await whoami()).toBe('Alice');
    }
    t.advance(3601);
    expect(await whoami()).toBe('127.0.0.1');
  });
});
