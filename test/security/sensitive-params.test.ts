import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, type TestApp } from '../factories/app.ts';

/**
 * Secrets in the URL (issue 10, item 12): MediaWiki refuses passwords and tokens found in the query
 * string of a POST with `mustpostparams` (ApiBase::requirePostedParameters), and they never reach
 * the logs.
 */
const PASSWORD = 'correct horse battery';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

/** POSTs `query` in the URL and `body` in the form body, with the client's cookie. */
async function postSplit(api: ApiClient, query: Record<string, string>, body: Record<string, string>) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/w/api.php?${new URLSearchParams(query).toString()}`,
    payload: new URLSearchParams({ format: 'json', ...body }).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(api.cookie ? { cookie: `wikiqueue_session=${api.cookie}` } : {}),
    },
  });
  return JSON.parse(res.body) as { error?: { code: string; info: string }; login?: { result: string } };
}

describe('secrets in the query string', () => {
  it('refuses lgpassword and lgtoken in the query string of action=login', async () => {
    t = await buildTestApp();
    await t.createUser('Alice', PASSWORD);
    const api = new ApiClient(t);
    const lgtoken = await api.token('login');
    const res = await postSplit(api, { lgpassword: PASSWORD, lgtoken }, { action: 'login', lgname: 'Alice' });
    expect(res.error).toEqual(
      expect.objectContaining({
        code: 'mustpostparams',
        info: 'The following parameters were found in the query string, but must be in the POST body: lgpassword, lgtoken.',
      }),
    );
    expect(await t.services.store.sessions.deleteExpired(Number.MAX_SAFE_INTEGER)).toBe(0);
  });

  it('refuses a token in the query string of a write, and clientlogin’s password', async () => {
    t = await buildTestApp();
    await t.createUser('Alice', PASSWORD);
    const api = new ApiClient(t);
    await api.login('Alice', PASSWORD);
    const edit = await postSplit(
      api,
      { token: await api.token() },
      { action: 'edit', title: 'A', text: 'x' },
    );
    expect(edit.error).toMatchObject({
      code: 'mustpostparams',
      info: 'The following parameter was found in the query string, but must be in the POST body: token.',
    });

    const visitor = new ApiClient(t);
    const logintoken = await visitor.token('login');
    const login = await postSplit(
      visitor,
      { password: PASSWORD },
      { action: 'clientlogin', username: 'Alice', loginreturnurl: 'http://localhost/', logintoken },
    );
    expect(login.error).toMatchObject({ code: 'mustpostparams' });
    expect(login.error?.info).toMatch(/: password\.$/);
  });

  it('accepts the same parameters in the POST body', async () => {
    t = await buildTestApp();
    await t.createUser('Alice', PASSWORD);
    const api = new ApiClient(t);
    const lgtoken = await api.token('login');
    const res = await postSplit(api, {}, { action: 'login', lgname: 'Alice', lgpassword: PASSWORD, lgtoken });
    expect(res.login).toMatchObject({ result: 'Success' });
  });

  it('never writes a password or token from the URL to the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    t = await buildTestApp({ logger: pino({ level: 'trace' }, sink) });
    await t.createUser('Alice', PASSWORD);
    const api = new ApiClient(t);
    const lgtoken = await api.token('login');
    await postSplit(api, { lgpassword: PASSWORD, lgtoken }, { action: 'login', lgname: 'Alice' });
    await api.get({ action: 'query', meta: 'tokens', lgpassword: PASSWORD });
    const log = lines.join('');
    expect(log).toContain('lgpassword=%5Bredacted%5D');
    expect(log).not.toContain('horse');
    expect(log).not.toContain(lgtoken.slice(0, 20));
  });
});
