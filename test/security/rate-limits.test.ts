import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigOverrides } from '../../src/config.ts';
import { ApiClient, buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';
import { buildReviewApp, postAction, type ReviewUser } from '../factories/review.ts';

/**
 * $wgRateLimits on Action API writes, with MediaWiki's defaults (MainConfigSchema RateLimits):
 * `edit` 8 per minute per address for visitors and newcomers ("ip", "newbie"), 90 for other
 * accounts; `move` 2 per 2 minutes for newcomers. Over a limit the API answers MediaWiki's
 * `ratelimited` error; the `noratelimit` right (sysop, bot) is exempt.
 */

let t: TestApp;
afterEach(async () => t.close());

async function setUp(config: ConfigOverrides = {}): Promise<void> {
  t = await buildTestApp({ config });
}

async function edit(api: ApiClient, title: string, text: string): Promise<Record<string, unknown>> {
  return (await api.post({ action: 'edit', title, text, token: await api.token() })).json;
}

async function loggedIn(name: string, groups: string[] = [], ip = '198.51.100.20'): Promise<ApiClient> {
  await t.createUser(name, `${name} has a password`, groups);
  const api = new ApiClient(t, '/w/api.php', ip);
  await api.login(name, `${name} has a password`);
  return api;
}

describe('edit rate limit', () => {
  it('refuses a visitor’s 9th edit within a minute from one address with ratelimited, and allows it after', async () => {
    await setUp();
    const anon = new ApiClient(t, '/w/api.php', '198.51.100.1');
    for (let i = 1; i <= 8; i++)
      expect((await edit(anon, `Flood ${i}`, 'spam')).edit).toMatchObject({ result: 'Success' });

    const refused = await edit(anon, 'Flood 9', 'spam');
    expect(refused.error).toMatchObject({
      code: 'ratelimited',
      info: "You've exceeded your rate limit. Please wait some time and try again.",
    });
    expect(await t.services.wikiSources.for(TEST_WIKI).getPageText('Flood 9')).toBeUndefined();

    const other = new ApiClient(t, '/w/api.php', '203.0.113.1');
    expect((await edit(other, 'Other address', 'fine')).edit).toMatchObject({ result: 'Success' });
    t.advance(60);
    expect((await edit(anon, 'Flood 9', 'later')).edit).toMatchObject({ result: 'Success' });
  });

  it('counts parallel edits exactly: 20 at once from one address save 8', async () => {
    await setUp();
    const anon = new ApiClient(t, '/w/api.php', '198.51.100.2');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => edit(anon, `Parallel ${i}`, 'text')),
    );
    expect(results.filter((r) => r.edit !== undefined)).toHaveLength(8);
    expect(results.filter((r) => (r.error as { code?: string })?.code === 'ratelimited')).toHaveLength(12);
  });

  it('limits a newcomer’s account to 8 edits a minute (newbie)', async () => {
    await setUp();
    const api = await loggedIn('Newcomer');
    for (let i = 1; i <= 8; i++)
      expect((await edit(api, `Newcomer ${i}`, 'x')).edit).toMatchObject({ result: 'Success' });
    expect((await edit(api, 'Newcomer 9', 'x')).error).toMatchObject({ code: 'ratelimited' });
  });

  it('gives an account the most generous of its user and group limits', async () => {
    await setUp({ rateLimits: { edit: { ip: null, newbie: null, user: [2, 60], patroller: [4, 60] } } });
    const plain = await loggedIn('Plain', [], '198.51.100.30');
    const patroller = await loggedIn('Patrolling', ['patroller'], '198.51.100.31');
    for (let i = 1; i <= 2; i++) await edit(plain, `Plain ${i}`, 'x');
    expect((await edit(plain, 'Plain 3', 'x')).error).toMatchObject({ code: 'ratelimited' });
    for (let i = 1; i <= 4; i++)
      expect((await edit(patroller, `Patrol ${i}`, 'x')).edit).toMatchObject({ result: 'Success' });
    expect((await edit(patroller, 'Patrol 5', 'x')).error).toMatchObject({ code: 'ratelimited' });
  });

  it('does not limit the noratelimit right (sysop)', async () => {
    await setUp();
    const admin = await loggedIn('Admin', ['sysop']);
    for (let i = 1; i <= 12; i++)
      expect((await edit(admin, `Admin ${i}`, 'x')).edit).toMatchObject({ result: 'Success' });
  });

  it('limits every visitor together with an "anon" limit', async () => {
    await setUp({ rateLimits: { edit: { ip: null, anon: [3, 60] } } });
    for (let i = 1; i <= 3; i++)
      await edit(new ApiClient(t, '/w/api.php', `198.51.100.${40 + i}`), `Anon ${i}`, 'x');
    const fourth = await edit(new ApiClient(t, '/w/api.php', '198.51.100.50'), 'Anon 4', 'x');
    expect(fourth.error).toMatchObject({ code: 'ratelimited' });
  });
});

describe('move rate limit', () => {
  it('lets a newcomer move two pages per two minutes (MediaWiki’s newbie move limit)', async () => {
    await setUp({ rateLimits: { edit: null } });
    const admin = await loggedIn('Creator', ['sysop']);
    for (let i = 1; i <= 3; i++) await edit(admin, `Movable ${i}`, 'x');
    const api = await loggedIn('Mover', [], '198.51.100.60');
    const move = async (i: number) =>
      (
        await api.post({
          action: 'move',
          from: `Movable ${i}`,
          to: `Moved ${i}`,
          token: await api.token(),
        })
      ).json;
    expect((await move(1)).move).toBeDefined();
    expect((await move(2)).move).toBeDefined();
    expect((await move(3)).error).toMatchObject({ code: 'ratelimited' });
    t.advance(120);
    expect((await move(3)).move).toBeDefined();
  });
});

describe('review rate limits (PageTriage’s pagetriage-mark-action)', () => {
  it('lets a patroller mark one page per 3 seconds (the preset’s 1 per 3 s), and a sysop any number', async () => {
    const r = await buildReviewApp();
    try {
      const patroller = await r.user('Patroller', ['patroller']);
      const sysop = await r.user('Admin', ['sysop']);
      const creator = await r.user('Creator');
      const ids = [];
      for (let i = 1; i <= 4; i++) ids.push(await r.edit(creator, `Review me ${i}`, 'x'));
      r.advance(5);
      const mark = (who: ReviewUser, id: number) =>
        postAction(who.api, 'pagetriageaction', { pageid: String(id), reviewed: '1' });
      expect((await mark(patroller, ids[0]!)).json).toEqual({ pagetriageaction: { result: 'success' } });
      expect((await mark(patroller, ids[1]!)).json.error).toMatchObject({ code: 'ratelimited' });
      r.advance(3);
      expect((await mark(patroller, ids[1]!)).json).toEqual({ pagetriageaction: { result: 'success' } });
      expect((await mark(sysop, ids[2]!)).json).toEqual({ pagetriageaction: { result: 'success' } });
      expect((await mark(sysop, ids[3]!)).json).toEqual({ pagetriageaction: { result: 'success' } });
    } finally {
      await r.close();
    }
  });
});
