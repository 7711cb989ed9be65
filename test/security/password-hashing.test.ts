import type * as crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AccountService } from '../../src/core/accounts/accounts.ts';
import { WikiqueueError } from '../../src/errors.ts';
import { TEST_AUTH } from '../factories/actors.ts';
import { buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';

/**
 * Password hashes made with weaker scrypt parameters (the demo loader's cost 64, or before
 * `auth.scryptCost` was raised) are replaced at the next successful login; and a failed login
 * costs at least one derivation at the current parameters whether the name exists or not, so its
 * time does not reveal which names exist. The derivations are observed by recording the cost N of
 * every scrypt call (node:crypto is wrapped, not replaced).
 */
const observed = vi.hoisted(() => ({ costs: [] as number[] }));
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof crypto>();
  const scrypt = ((...args: Parameters<typeof actual.scrypt>) => {
    const options = args[3];
    if (typeof options === 'object') observed.costs.push(options.N ?? 0);
    return (actual.scrypt as (...a: unknown[]) => void)(...args);
  }) as typeof actual.scrypt;
  return { ...actual, scrypt, default: { ...actual, scrypt } };
});

const CURRENT = 1024; // test/factories/app.ts's scryptCost
const WEAK = 64; // the demo loader's
let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
  // An account hashed with the demo loader's weak cost, created as the loader does.
  const weak = new AccountService({
    store: t.services.store,
    clock: () => t.now(),
    auth: { ...TEST_AUTH, scryptCost: WEAK },
    wikiSources: t.services.wikiSources,
  });
  await weak.createAccount(TEST_WIKI, 'Demo Admin', 'a random demo password', { groups: ['sysop'] });
});
afterAll(async () => t.close());

async function storedCost(name: string): Promise<number> {
  const user = await t.services.store.users.getByName(TEST_WIKI, name);
  const hash = await t.services.store.users.getPasswordHash(TEST_WIKI, user!.id);
  return Number(hash!.split('$')[1]);
}

async function failedLoginCosts(name: string, ip: string): Promise<number[]> {
  observed.costs.length = 0;
  const error = await t.services.accounts
    .login(TEST_WIKI, name, 'not the password', ip)
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WikiqueueError);
  expect((error as WikiqueueError).code).toBe('wrongpassword');
  return [...observed.costs];
}

describe('password hashing', () => {
  it('derives at the current cost for a failed login, whether the name is unknown or has a weak hash', async () => {
    expect(Math.max(...(await failedLoginCosts('Nobody Here', '192.0.2.31')))).toBe(CURRENT);
    expect(Math.max(...(await failedLoginCosts('Demo Admin', '192.0.2.32')))).toBe(CURRENT);
  });

  it('replaces a weak hash with a current one at the next successful login', async () => {
    expect(await storedCost('Demo Admin')).toBe(WEAK);
    await t.services.accounts.login(TEST_WIKI, 'Demo Admin', 'a random demo password', '192.0.2.33');
    expect(await storedCost('Demo Admin')).toBe(CURRENT);
    const again = await t.services.accounts.login(
      TEST_WIKI,
      'Demo Admin',
      'a random demo password',
      '192.0.2.34',
    );
    expect(again.user.name).toBe('Demo Admin');
  });

  it('keeps a current hash as it is', async () => {
    await t.createUser('Current User', 'a current password');
    const before = await t.services.store.users.getPasswordHash(
      TEST_WIKI,
      (await t.services.store.users.getByName(TEST_WIKI, 'Current User'))!.id,
    );
    await t.services.accounts.login(TEST_WIKI, 'Current User', 'a current password', '192.0.2.35');
    const after = await t.services.store.users.getPasswordHash(
      TEST_WIKI,
      (await t.services.store.users.getByName(TEST_WIKI, 'Current User'))!.id,
    );
    expect(after).toBe(before);
  });
});
