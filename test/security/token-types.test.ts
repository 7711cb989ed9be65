import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, type TestApp } from '../factories/app.ts';

/**
 * Token types (issue 10, item 16): each type of meta=tokens has its own salt, as in MediaWiki's
 * ApiQueryTokens (csrf '', watch, patrol, rollback, userrights, login, createaccount; CentralAuth's
 * deleteglobalaccount and setglobalaccountstatus), and a module takes only its own type. Bot
 * passwords log in through action=login only; clientlogin refuses them.
 */
const PASSWORD = 'correct horse battery';
const TYPES = [
  'createaccount',
  'csrf',
  'deleteglobalaccount',
  'login',
  'patrol',
  'rollback',
  'setglobalaccountstatus',
  'userrights',
  'watch',
];

let t: TestApp;
afterEach(async () => {
  await t.close();
});

async function tokens(api: ApiClient, types: string[]): Promise<Record<string, string>> {
  const res = await api.get({ action: 'query', meta: 'tokens', type: types.join('|') });
  return (res.json.query as { tokens: Record<string, string> }).tokens;
}

describe('token types', () => {
  it('gives each of the nine types its own token', async () => {
    t = await buildTestApp();
    await t.createUser('Alice', PASSWORD);
    const api = new ApiClient(t);
    await api.login('Alice', PASSWORD);
    const all = await tokens(api, TYPES);
    expect(Object.keys(all).sort()).toEqual(TYPES.map((type) => `${type}token`));
    expect(new Set(Object.values(all)).size).toBe(TYPES.length);
  });

  it('refuses the csrf token for patrol and userrights, and takes their own', async () => {
    t = await buildTestApp();
    await t.createUser('Crat', PASSWORD, ['bureaucrat', 'sysop']);
    await t.createUser('Bob', PASSWORD);
    const api = new ApiClient(t);
    await api.login('Crat', PASSWORD);
    const { csrftoken, userrightstoken, patroltoken } = await tokens(api, ['csrf', 'userrights', 'patrol']);

    const rights = { action: 'userrights', user: 'Bob', add: 'rollbacker' };
    expect((await api.post({ ...rights, token: csrftoken! })).json.error).toMatchObject({ code: 'badtoken' });
    expect((await api.post({ ...rights, token: patroltoken! })).json.error).toMatchObject({
      code: 'badtoken',
    });
    expect((await api.post({ ...rights, token: userrightstoken! })).json.userrights).toMatchObject({
      user: 'Bob',
      added: ['rollbacker'],
    });

    const patrol = { action: 'patrol', rcid: '1' };
    expect((await api.post({ ...patrol, token: csrftoken! })).json.error).toMatchObject({ code: 'badtoken' });
    const patrolled = await api.post({ ...patrol, token: patroltoken! });
    expect((patrolled.json.error as { code?: string } | undefined)?.code).not.toBe('badtoken');
  });

  it('refuses a bot password in clientlogin and takes it in action=login', async () => {
    t = await buildTestApp();
    await t.createUser('Owner', PASSWORD);
    const botPassword = await t.services.accounts.addBotPassword('testwiki', 'Owner', 'tool', ['basic']);
    const api = new ApiClient(t);
    const logintoken = await api.token('login');
    const client = await api.post({
      action: 'clientlogin',
      username: 'Owner@tool',
      password: botPassword,
      loginreturnurl: 'http://localhost/',
      logintoken,
    });
    expect(client.json.clientlogin).toMatchObject({ status: 'FAIL', messagecode: 'wrongpassword' });
    const asPassword = await api.post({
      action: 'clientlogin',
      username: 'Owner',
      password: `tool@${botPassword}`,
      loginreturnurl: 'http://localhost/',
      logintoken,
    });
    expect(asPassword.json.clientlogin).toMatchObject({ status: 'FAIL', messagecode: 'wrongpassword' });
    expect(await new ApiClient(t).login('Owner@tool', botPassword)).toMatchObject({ result: 'Success' });
  });
});
