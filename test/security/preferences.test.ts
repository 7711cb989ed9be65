import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';

/**
 * Issue 10 item 17: action=options stores registered preferences and `userjs-` ones only, as
 * MediaWiki's ApiOptions does; any other name is not stored and warns `validationfailed`
 * ("not a valid preference").
 */
let t: TestApp;
let api: ApiClient;
beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('Alice', 'alice password');
  api = new ApiClient(t);
  await api.login('Alice', 'alice password');
});
afterAll(async () => t.close());

async function options(params: Record<string, string>) {
  const res = await api.post({
    action: 'options',
    errorformat: 'plaintext',
    formatversion: '2',
    token: await api.token(),
    ...params,
  });
  return res.json as { options?: string; warnings?: { code: string; module: string; text: string }[] };
}

async function stored(): Promise<Record<string, string>> {
  const actor = await t.services.accounts.actorFor(TEST_WIKI, api.cookie, '127.0.0.1');
  return t.services.accounts.getOptions(actor);
}

describe('action=options', () => {
  it('stores a registered preference and refuses an unknown name in the same change', async () => {
    const res = await options({ change: 'skin=vector|madeup=1|<b>x</b>=y' });
    expect(res.options).toBe('success');
    expect(res.warnings).toEqual([
      {
        code: 'validationfailed',
        module: 'options',
        text: 'Validation error for "madeup": not a valid preference.',
      },
      {
        code: 'validationfailed',
        module: 'options',
        text: 'Validation error for "<b>x</b>": not a valid preference.',
      },
    ]);
    const now = await stored();
    expect(now.skin).toBe('vector');
    expect(now).not.toHaveProperty('madeup');
    expect(now).not.toHaveProperty('<b>x</b>');
  });

  it('refuses an unknown optionname', async () => {
    const res = await options({ optionname: 'x'.repeat(300), optionvalue: 'y'.repeat(1000) });
    expect(res.warnings?.[0]?.code).toBe('validationfailed');
    expect(Object.keys(await stored())).not.toContain('x'.repeat(300));
  });

  it('stores userjs- preferences of letters, digits, _ and -, and refuses other characters', async () => {
    const res = await options({ change: 'userjs-my_tool-1=on|userjs-bad key=on' });
    expect(res.warnings).toEqual([
      expect.objectContaining({
        code: 'validationfailed',
        text: expect.stringContaining('invalid characters'),
      }),
    ]);
    const now = await stored();
    expect(now['userjs-my_tool-1']).toBe('on');
    expect(now).not.toHaveProperty('userjs-bad key');
  });
});
