import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, type TestApp } from '../factories/app.ts';

/**
 * The login throttle (issue 10, items 3 and 4), against MediaWiki's $wgPasswordAttemptThrottle:
 * by default 5 attempts in 300 s and 150 in 48 h, each counted per (user name, address) before the
 * password is checked, so parallel guesses cannot outrun it and nobody can lock an account out
 * from another address.
 */
const PASSWORD = 'correct horse battery';
const THROTTLED = 'You have made too many recent login attempts. Please wait 5 minutes before trying again.';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

/** A client from `address` holding a login token (action=login's NeedToken step). */
async function loginClient(address: string): Promise<{ api: ApiClient; token: string }> {
  const api = new ApiClient(t, '/w/api.php', address);
  const first = await api.post({ action: 'login', lgname: 'Admin', lgpassword: 'x' });
  return { api, token: (first.json.login as { token: string }).token };
}

async function attempt(c: { api: ApiClient; token: string }, password: string) {
  const res = await c.api.post({ action: 'login', lgname: 'Admin', lgpassword: password, lgtoken: c.token });
  return res.json.login as { result: string; reason?: string };
}

describe('password attempt throttle', () => {
  it('checks at most 5 passwords of 40 parallel guesses from one address', async () => {
    t = await buildTestApp();
    await t.createUser('Admin', PASSWORD, ['sysop']);
    const c = await loginClient('198.51.100.66');
    const guesses = Array.from({ length: 40 }, (_, i) => (i === 39 ? PASSWORD : `guess number ${i}`));
    const answers = await Promise.all(guesses.map((g) => attempt(c, g)));
    const throttled = answers.filter((a) => a.result === 'Failed' && a.reason === THROTTLED);
    // Every attempt past the fifth is refused before its password is looked at.
    expect(answers.length - throttled.length).toBe(5);
    expect(answers.filter((a) => a.result === 'Success').length).toBeLessThanOrEqual(1);
  });

  it('lets the owner log in from another address while a stranger is throttled', async () => {
    t = await buildTestApp();
    await t.createUser('Admin', PASSWORD, ['sysop']);
    const stranger = await loginClient('198.51.100.66');
    for (let i = 0; i < 5; i++) expect((await attempt(stranger, `wrong ${i}`)).result).toBe('Failed');
    expect(await attempt(stranger, PASSWORD)).toEqual({ result: 'Failed', reason: THROTTLED });

    const owner = await loginClient('203.0.113.7');
    expect(await attempt(owner, PASSWORD)).toMatchObject({ result: 'Success', lgusername: 'Admin' });
  });

  it('keeps the long-term limit of 150 attempts in 48 hours per name and address', async () => {
    t = await buildTestApp();
    await t.createUser('Admin', PASSWORD);
    const c = await loginClient('198.51.100.66');
    // 30 rounds of 5 attempts, each after the short window: 150 attempts in 30 × 301 s < 48 h.
    for (let round = 0; round < 30; round++) {
      for (let i = 0; i < 5; i++)
        expect((await attempt(c, `wrong ${round}/${i}`)).reason).not.toBe(THROTTLED);
      t.advance(301);
    }
    expect((await attempt(c, PASSWORD)).reason).toBe(
      'You have made too many recent login attempts. Please wait 2 days before trying again.',
    );
    t.advance(48 * 3600);
    expect((await attempt(c, PASSWORD)).result).toBe('Success');
  });

  it('takes the conditions from auth.passwordAttemptThrottle, per address alone with allNames', async () => {
    t = await buildTestApp({
      auth: { passwordAttemptThrottle: [{ count: 3, seconds: 60, allNames: true }] },
    });
    await t.createUser('Admin', PASSWORD);
    const api = new ApiClient(t, '/w/api.php', '198.51.100.66');
    const first = await api.post({ action: 'login', lgname: 'x', lgpassword: 'x' });
    const token = (first.json.login as { token: string }).token;
    const tryName = async (name: string, password: string) =>
      (await api.post({ action: 'login', lgname: name, lgpassword: password, lgtoken: token })).json
        .login as { result: string; reason?: string };
    for (const name of ['Alpha', 'Beta', 'Gamma'])
      expect((await tryName(name, 'wrong')).result).toBe('Failed');
    expect((await tryName('Admin', PASSWORD)).reason).toBe(
      'You have made too many recent login attempts. Please wait 1 minute before trying again.',
    );
    const elsewhere = new ApiClient(t, '/w/api.php', '203.0.113.7');
    expect(await elsewhere.login('Admin', PASSWORD)).toMatchObject({ result: 'Success' });
  });
});
