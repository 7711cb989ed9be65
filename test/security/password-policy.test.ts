import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WikiqueueError } from '../../src/errors.ts';
import { ApiClient, buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';

/**
 * MediaWiki's default $wgPasswordPolicy on account creation (action=createaccount) and on setting
 * a password: MinimalPasswordLength 8 (10 for sysop, bureaucrat, interface-admin and bot),
 * MaximalPasswordLength 4096, PasswordCannotBeSubstringInUsername, PasswordCannotMatchDefaults,
 * PasswordNotInCommonList — each refused with MediaWiki's message key and text.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

let clients = 0;

/** action=createaccount, each from its own address (so the account creation throttle stays out of the way). */
async function create(username: string, password: string): Promise<Record<string, unknown>> {
  const api = new ApiClient(t, '/w/api.php', `198.51.100.${++clients}`);
  const res = await api.post({
    action: 'createaccount',
    username,
    password,
    retype: password,
    createreturnurl: 'http://example.org/',
    createtoken: await api.token('createaccount'),
  });
  return res.json.createaccount as Record<string, unknown>;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof WikiqueueError) return e.code;
    throw e;
  }
}

describe('password policy on action=createaccount', () => {
  it('refuses a password shorter than 8 bytes (passwordtooshort)', async () => {
    expect(await create('Short Pass', 'k3#Vq9!')).toEqual({
      status: 'FAIL',
      messagecode: 'passwordtooshort',
      message: 'Passwords must be at least 8 characters.',
    });
  });

  it('counts bytes as MediaWiki does: four two-byte letters are long enough', async () => {
    expect(await create('Byte Counter', 'éßøñ')).toMatchObject({ status: 'PASS' });
  });

  it('refuses a password longer than 4096 bytes (passwordtoolong)', async () => {
    expect(await create('Long Pass', 'xQ7!'.repeat(1025))).toEqual({
      status: 'FAIL',
      messagecode: 'passwordtoolong',
      message: 'Passwords cannot be longer than 4096 characters.',
    });
  });

  it('refuses a password that appears within the user name, in any case (password-substring-username-match)', async () => {
    expect(await create('Wikipedia Lover', 'PEDIA LOVER')).toEqual({
      status: 'FAIL',
      messagecode: 'password-substring-username-match',
      message: 'Your password cannot appear within your username.',
    });
  });

  it('refuses MediaWiki’s old default logins and this service’s old demo password (password-login-forbidden)', async () => {
    expect(await create('Useruser', 'Passpass')).toMatchObject({
      status: 'FAIL',
      messagecode: 'password-login-forbidden',
      message: 'The use of this username and password has been forbidden.',
    });
    expect(await create('Someone New', 'wikiqueue-demo')).toMatchObject({
      messagecode: 'password-login-forbidden',
    });
    expect(await create('Another New', 'ExamplePassword')).toMatchObject({
      messagecode: 'password-login-forbidden',
    });
  });

  it('refuses very common passwords (passwordincommonlist)', async () => {
    for (const common of ['password1', 'qwertyuiop', '12345678', 'iloveyou'])
      expect(await create(`Common ${common.length}${common[0]}`, common)).toEqual({
        status: 'FAIL',
        messagecode: 'passwordincommonlist',
        message:
          'The password entered is in a list of very commonly used passwords. Please choose a more unique password.',
      });
    expect(await t.services.store.users.getByName(TEST_WIKI, 'Common 9p')).toBeUndefined();
  });

  it('accepts a password that passes every check', async () => {
    expect(await create('Careful User', 'correct horse battery staple')).toMatchObject({ status: 'PASS' });
  });
});

describe('password policy of privileged groups', () => {
  it('needs 10 bytes for a sysop or bot account (MinimalPasswordLength 10)', async () => {
    const accounts = t.services.accounts;
    expect(
      await codeOf(accounts.createAccount(TEST_WIKI, 'New Admin', 'k3#Vq9!zP', { groups: ['sysop'] })),
    ).toBe('passwordtooshort');
    expect(await codeOf(accounts.createAccount(TEST_WIKI, 'New Bot', 'k3#Vq9!zP', { groups: ['bot'] }))).toBe(
      'passwordtooshort',
    );
    expect(
      await codeOf(accounts.createAccount(TEST_WIKI, 'New Admin', 'k3#Vq9!zP4', { groups: ['sysop'] })),
    ).toBe('ok');
  });

  it('applies the account’s groups when its password is changed', async () => {
    const accounts = t.services.accounts;
    await accounts.createAccount(TEST_WIKI, 'Old Admin', 'a long admin password', { groups: ['bureaucrat'] });
    expect(await codeOf(accounts.setPassword(TEST_WIKI, 'Old Admin', 'k3#Vq9!zP'))).toBe('passwordtooshort');
    expect(await codeOf(accounts.setPassword(TEST_WIKI, 'Old Admin', 'qwertyuiop'))).toBe(
      'passwordincommonlist',
    );
    expect(await codeOf(accounts.setPassword(TEST_WIKI, 'Old Admin', 'another long admin password'))).toBe(
      'ok',
    );
  });
});
