import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, type TestApp } from '../factories/app.ts';

/**
 * Issue 10 item 11: an expiry no timestamp can hold (after 9999-12-31, MediaWiki's 14-digit
 * timestamps) is `invalidexpiry`, MediaWiki's code for block, protect and userrights — not an
 * internal error from a date out of range.
 */
let t: TestApp;
let api: ApiClient;
let token: string;
beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('Admin', 'admin password', ['sysop', 'bureaucrat']);
  await t.createUser('Target', 'target password');
  api = new ApiClient(t);
  await api.login('Admin', 'admin password');
  token = await api.token();
  await api.post({ action: 'edit', title: 'Protected page', text: 'x', token });
});
afterAll(async () => t.close());

const tooLate = ['99999999999 years', '9999999999999', '10000-01-01T00:00:00Z', `${'9'.repeat(30)} seconds`];

describe('expiries beyond the year 9999', () => {
  it.each(tooLate)('block: %s is invalidexpiry', async (expiry) => {
    const res = await api.post({ action: 'block', user: 'Target', expiry, token });
    expect(res.json.error).toMatchObject({ code: 'invalidexpiry', info: `Invalid expiry time "${expiry}".` });
  });

  it.each(tooLate)('protect: %s is invalidexpiry', async (expiry) => {
    const res = await api.post({
      action: 'protect',
      title: 'Protected page',
      protections: 'edit=sysop',
      expiry,
      token,
    });
    expect(res.json.error).toMatchObject({ code: 'invalidexpiry' });
  });

  it('userrights: 99999999999 years is invalidexpiry', async () => {
    const res = await api.post({
      action: 'userrights',
      user: 'Target',
      add: 'sysop',
      expiry: '99999999999 years',
      token: await api.token('userrights'),
    });
    expect(res.json.error).toMatchObject({ code: 'invalidexpiry' });
  });

  it('still takes the last second of 9999 and a long relative expiry', async () => {
    const res = await api.post({
      action: 'block',
      user: 'Target',
      expiry: '9999-12-31T23:59:59Z',
      token,
      formatversion: '2',
    });
    expect(res.json.block).toMatchObject({ expiry: '9999-12-31T23:59:59Z' });
  });
});
