import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';

/**
 * $wgAccountCreationThrottle (MediaWiki's default: 6 accounts per address per day,
 * ThrottlePreAuthenticationProvider): the 7th action=createaccount from one address within a day is
 * refused with `acct_creation_throttle_hit`; other addresses and the `noratelimit` right are not.
 */

const DAY = 86400;

let t: TestApp;
afterEach(async () => t.close());

async function create(api: ApiClient, username: string): Promise<Record<string, unknown>> {
  const res = await api.post({
    action: 'createaccount',
    username,
    password: 'a long enough password',
    retype: 'a long enough password',
    createreturnurl: 'http://example.org/',
    createtoken: await api.token('createaccount'),
  });
  return res.json.createaccount as Record<string, unknown>;
}

describe('account creation throttle', () => {
  it('allows six accounts per address per day and refuses the seventh with MediaWiki’s message', async () => {
    t = await buildTestApp();
    const api = new ApiClient(t, '/w/api.php', '198.51.100.7');
    for (let i = 1; i <= 6; i++) expect(await create(api, `Sock ${i}`)).toMatchObject({ status: 'PASS' });

    expect(await create(api, 'Sock 7')).toEqual({
      status: 'FAIL',
      messagecode: 'acct_creation_throttle_hit',
      message:
        'Visitors to this wiki using your IP address have created 6 accounts in the last 1 day, which is the ' +
        'maximum allowed in this time period. As a result, visitors using this IP address cannot create any ' +
        'more accounts at the moment.',
    });
    expect(await t.services.store.users.getByName(TEST_WIKI, 'Sock 7')).toBeUndefined();

    expect(await create(new ApiClient(t, '/w/api.php', '203.0.113.9'), 'Elsewhere')).toMatchObject({
      status: 'PASS',
    });
    t.advance(DAY);
    expect(await create(api, 'Sock 7')).toMatchObject({ status: 'PASS' });
  });

  it('counts parallel requests exactly: 20 at once from one address create 6 accounts', async () => {
    t = await buildTestApp();
    const clients = Array.from({ length: 20 }, () => new ApiClient(t, '/w/api.php', '198.51.100.8'));
    const results = await Promise.all(clients.map((api, i) => create(api, `Parallel ${i}`)));
    expect(results.filter((r) => r.status === 'PASS')).toHaveLength(6);
    expect(results.filter((r) => r.messagecode === 'acct_creation_throttle_hit')).toHaveLength(14);
  });

  it('does not throttle a creator with the noratelimit right (a sysop creating accounts)', async () => {
    t = await buildTestApp();
    await t.createUser('Admin', 'admin password 1', ['sysop']);
    const api = new ApiClient(t, '/w/api.php', '198.51.100.10');
    await api.login('Admin', 'admin password 1');
    for (let i = 1; i <= 8; i++) expect(await create(api, `Created ${i}`)).toMatchObject({ status: 'PASS' });
  });

  it('follows the configured windows (auth.accountCreationThrottle)', async () => {
    t = await buildTestApp({ config: { auth: { accountCreationThrottle: [{ count: 2, seconds: 60 }] } } });
    const api = new ApiClient(t, '/w/api.php', '198.51.100.11');
    expect(await create(api, 'One')).toMatchObject({ status: 'PASS' });
    expect(await create(api, 'Two')).toMatchObject({ status: 'PASS' });
    expect(await create(api, 'Three')).toMatchObject({
      status: 'FAIL',
      messagecode: 'acct_creation_throttle_hit',
    });
    t.advance(60);
    expect(await create(api, 'Three')).toMatchObject({ status: 'PASS' });
  });
});
