import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, TEST_WIKI, type TestApp } from '../../factories/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('Alice', 'correct horse battery');
});
afterAll(async () => {
  await t.close();
});

describe('action=login', () => {
  it('answers NeedToken with a token and a session cookie, then Success with the account', async () => {
    const api = new ApiClient(t);
    const first = await api.post({ action: 'login', lgname: 'Alice', lgpassword: 'correct horse battery' });
    const login = first.json.login as Record<string, string>;
    expect(login.result).toBe('NeedToken');
    expect(login.token).toMatch(/^[0-9a-f]{64}\+\\$/);
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toContain('wikiqueue_session=');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');

    const second = await api.post({
      action: 'login',
      lgname: 'Alice',
      lgpassword: 'correct horse battery',
      lgtoken: login.token!,
    });
    expect(second.json.login).toMatchObject({ result: 'Success', lgusername: 'Alice' });
    expect(typeof (second.json.login as { lguserid: unknown }).lguserid).toBe('number');

    const actor = await t.services.accounts.actorFor(TEST_WIKI, api.cookie, '127.0.0.1');
    expect(actor.name).toBe('Alice');
    expect((await api.get({ action: 'paraminfo', assert: 'user' })).json.error).toBeUndefined();
  });

  it('answers WrongToken for a token of another session', async () => {
    const api = new ApiClient(t);
    await api.post({ action: 'login', lgname: 'Alice', lgpassword: 'x' });
    const res = await api.post({
      action: 'login',
      lgname: 'Alice',
      lgpassword: 'correct horse battery',
      lgtoken: 'f'.repeat(64) + '+\\',
    });
    expect(res.json.login).toEqual({ result: 'WrongToken' });
  });

  it('answers Failed with the reason for a wrong password', async () => {
    const res = await new ApiClient(t).login('Alice', 'wrong password');
    expect(res).toEqual({
      result: 'Failed',
      reason: 'Incorrect username or password entered. Please try again.',
    });
  });

  it('logs in with a bot password Name@App', async () => {
    const password = await t.services.accounts.addBotPassword(TEST_WIKI, 'Alice', 'mybot', [
      'basic',
      'editpage',
    ]);
    const res = await new ApiClient(t).login('Alice@mybot', password);
    expect(res).toMatchObject({ result: 'Success', lgusername: 'Alice' });
  });

  it('requires POST', async () => {
    const res = await new ApiClient(t).get({ action: 'login', lgname: 'Alice', lgpassword: 'x' });
    expect(res.json.error).toMatchObject({ code: 'mustbeposted' });
  });
});

describe('action=logout', () => {
  it('ends the session and clears the cookie', async () => {
    const api = new ApiClient(t);
    await api.login('Alice', 'correct horse battery');
    const session = api.cookie;
    const res = await api.post({ action: 'logout', token: await api.token() });
    expect(res.json).toEqual({});
    expect(api.cookie).toBeUndefined();
    const actor = await t.services.accounts.actorFor(TEST_WIKI, session, '127.0.0.1');
    expect(actor.isAnonymous).toBe(true);
  });
});

describe('action=clientlogin', () => {
  it('answers PASS with the user name and opens the session', async () => {
    const api = new ApiClient(t);
    const res = await api.post({
      action: 'clientlogin',
      username: 'alice',
      password: 'correct horse battery',
      rememberMe: '1',
      loginreturnurl: 'http://example.org/',
      logintoken: await api.token('login'),
    });
    expect(res.json.warnings).toBeUndefined();
    expect(res.json.clientlogin).toEqual({ status: 'PASS', username: 'Alice' });
    const actor = await t.services.accounts.actorFor(TEST_WIKI, api.cookie, '127.0.0.1');
    expect(actor.name).toBe('Alice');
  });

  it('answers FAIL with message and messagecode for a wrong password', async () => {
    const api = new ApiClient(t);
    const res = await api.post({
      action: 'clientlogin',
      username: 'Alice',
      password: 'nope nope nope',
      loginreturnurl: 'http://example.org/',
      logintoken: await api.token('login'),
    });
    expect(res.json.clientlogin).toEqual({
      status: 'FAIL',
      message: 'Incorrect username or password entered. Please try again.',
      messagecode: 'wrongpassword',
    });
  });

  it('needs the login token in logintoken', async () => {
    const res = await new ApiClient(t).post({
      action: 'clientlogin',
      username: 'Alice',
      password: 'x',
      loginreturnurl: 'http://e/',
    });
    expect(res.json.error).toMatchObject({ code: 'notoken', info: 'The "token" parameter must be set.' });
  });
});

describe('action=createaccount', () => {
  it('creates the account and answers PASS without logging in', async () => {
    const api = new ApiClient(t);
    const res = await api.post({
      action: 'createaccount',
      username: 'Newcomer',
      password: 'a good long password',
      retype: 'a good long password',
      createreturnurl: 'http://example.org/',
      createtoken: await api.token('createaccount'),
    });
    expect(res.json.createaccount).toEqual({ status: 'PASS', username: 'Newcomer' });
    expect(await t.services.store.users.getByName(TEST_WIKI, 'Newcomer')).toBeDefined();
    const actor = await t.services.accounts.actorFor(TEST_WIKI, api.cookie, '127.0.0.1');
    expect(actor.isAnonymous).toBe(true);
  });

  it('answers FAIL userexists for a taken name and badretype for mismatched passwords', async () => {
    const api = new ApiClient(t);
    const token = await api.token('createaccount');
    const base = { action: 'createaccount', createreturnurl: 'http://example.org/', createtoken: token };
    const taken = await api.post({
      ...base,
      username: 'Alice',
      password: 'another long password',
      retype: 'another long password',
    });
    expect(taken.json.createaccount).toMatchObject({ status: 'FAIL', messagecode: 'userexists' });
    const mismatch = await api.post({
      ...base,
      username: 'Bob',
      password: 'another long password',
      retype: 'different',
    });
    expect(mismatch.json.createaccount).toEqual({
      status: 'FAIL',
      message: 'The passwords you entered do not match.',
      messagecode: 'badretype',
    });
  });

  it('answers FAIL missingparam naming the missing field', async () => {
    const api = new ApiClient(t);
    const res = await api.post({
      action: 'createaccount',
      createreturnurl: 'http://example.org/',
      createtoken: await api.token('createaccount'),
      username: 'Carol',
    });
    expect(res.json.createaccount).toEqual({
      status: 'FAIL',
      message: 'The "password" parameter must be set.',
      messagecode: 'missingparam',
    });
  });
});

describe('action=options and action=userrights', () => {
  it('stores options for the logged-in user', async () => {
    const api = new ApiClient(t);
    await api.login('Alice', 'correct horse battery');
    const res = await api.post({
      action: 'options',
      change: 'skin=vector|gender=female',
      optionname: 'language',
      optionvalue: 'de',
      token: await api.token(),
    });
    expect(res.json.options).toBe('success');
    const actor = await t.services.accounts.actorFor(TEST_WIKI, api.cookie, '127.0.0.1');
    expect(await t.services.accounts.getOptions(actor)).toMatchObject({
      skin: 'vector',
      gender: 'female',
      language: 'de',
    });
  });

  it('lets a bureaucrat add and remove groups, with the userrights token', async () => {
    await t.createUser('Crat', 'bureaucrat password', ['bureaucrat']);
    await t.createUser('Target', 'target password');
    const api = new ApiClient(t);
    await api.login('Crat', 'bureaucrat password');
    const res = await api.post({
      action: 'userrights',
      user: 'Target',
      add: 'bot|sysop',
      expiry: 'infinite',
      reason: 'test',
      token: await api.token('userrights'),
    });
    expect(res.json.userrights).toMatchObject({ user: 'Target', added: ['bot', 'sysop'], removed: [] });
    const removed = await api.post({
      action: 'userrights',
      user: 'Target',
      remove: 'bot',
      token: await api.token('userrights'),
    });
    expect(removed.json.userrights).toMatchObject({ added: [], removed: ['bot'] });
  });

  it('refuses userrights to a user without the right', async () => {
    const api = new ApiClient(t);
    await api.login('Alice', 'correct horse battery');
    const res = await api.post({
      action: 'userrights',
      user: 'Target',
      add: 'bot',
      token: await api.token('userrights'),
    });
    expect(res.json.error).toMatchObject({ code: 'permissiondenied' });
  });
});
