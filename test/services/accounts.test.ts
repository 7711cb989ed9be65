import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultNamespaces } from '../../src/core/domain/namespaces.ts';
import type { WikiInfo } from '../../src/core/domain/wiki.ts';
import { AccountService } from '../../src/core/accounts/accounts.ts';
import { hashPassword, verifyPassword } from '../../src/core/accounts/passwords.ts';
import { openTestStore } from '../factories/test-store.ts';
import type { Store } from '../../src/core/store/store.ts';
import { WikiRegistry } from '../../src/core/wikis/wiki-registry.ts';
import { createWikiSources } from '../../src/wiki-source/wiki-sources.ts';
import { anonymousActor, sitewideBlock, TEST_AUTH, userActor } from '../factories/actors.ts';

const WIKI = 'testwiki';
const START = 1_700_000_000;
const PASSWORD = 'correct horse battery';

let store: Store;
let close: () => Promise<void>;
let now: number;
let accounts: AccountService;

function wikiInfo(settings: Record<string, unknown> = {}): WikiInfo {
  return {
    id: WIKI,
    lang: 'en',
    sitename: 'Test Wiki',
    baseUrl: '',
    namespaces: defaultNamespaces(),
    isMediaRepo: false,
    source: 'local',
    settings,
  };
}

beforeEach(async () => {
  ({ store, close } = await openTestStore({ clock: () => now, migrate: true }));
  now = START;
  const clock = () => now;
  const wikis = new WikiRegistry(store.wikis);
  await wikis.upsert(wikiInfo(), now);
  accounts = new AccountService({
    store,
    clock,
    auth: TEST_AUTH,
    wikiSources: createWikiSources({ store, clock, wikis }),
  });
});

afterEach(async () => {
  await close();
});

/** Creates an account with `groups`, logs it in and returns its actor (with session). */
async function loggedIn(name: string, groups: string[] = []) {
  await accounts.createAccount(WIKI, name, PASSWORD, { groups });
  const { user, appId } = await accounts.login(WIKI, name, PASSWORD, '198.51.100.7');
  const session = await accounts.openSession(WIKI, user.id, appId);
  return accounts.actorFor(WIKI, session.id, '198.51.100.7');
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
  return 'no error';
}

describe('createAccount', () => {
  it('stores the canonical name, the registration time and no edits', async () => {
    const user = await accounts.createAccount(WIKI, 'new_user', PASSWORD, { email: 'n@example.org' });
    expect(user).toMatchObject({ wiki: WIKI, name: 'New user', registration: START, editCount: 0 });
    expect(await store.users.getByName(WIKI, 'New user')).toMatchObject({ id: user.id });
  });

  it('logs a self-registration as newusers/create by the new user', async () => {
    const user = await accounts.createAccount(WIKI, 'Newbie', PASSWORD, {
      creator: anonymousActor({ wiki: WIKI }),
    });
    const [entry] = await store.logs.list(WIKI, { type: 'newusers', dir: 'older', limit: 10 });
    expect(entry).toMatchObject({
      type: 'newusers',
      action: 'create',
      actorId: user.id,
      actorName: 'Newbie',
      namespace: 2,
      title: 'Newbie',
      timestamp: START,
      params: { userid: user.id },
    });
  });

  it('logs an account made by a logged-in user as newusers/create2 by the creator', async () => {
    const creator = await loggedIn('Creator');
    await accounts.createAccount(WIKI, 'Made for me', PASSWORD, { creator });
    const [entry] = await store.logs.list(WIKI, {
      type: 'newusers',
      action: 'create2',
      dir: 'older',
      limit: 10,
    });
    expect(entry).toMatchObject({ action: 'create2', actorName: 'Creator', title: 'Made_for_me' });
  });

  it('gives the requested starting groups', async () => {
    const user = await accounts.createAccount(WIKI, 'Admin', PASSWORD, { groups: ['sysop', 'bureaucrat'] });
    expect((await store.users.groups(WIKI, user.id, now)).sort()).toEqual(['bureaucrat', 'sysop']);
  });

  it('rejects names that cannot be registered', async () => {
    expect(await code(accounts.createAccount(WIKI, 'Bad|name', PASSWORD))).toBe('invalid-username');
    expect(await code(accounts.createAccount(WIKI, 'Foo@bar', PASSWORD))).toBe('invalid-username');
    expect(await code(accounts.createAccount(WIKI, '203.0.113.9', PASSWORD))).toBe('invalid-username');
  });

  it('rejects a name that is taken in any spelling of its canonical form', async () => {
    await accounts.createAccount(WIKI, 'Taken name', PASSWORD);
    expect(await code(accounts.createAccount(WIKI, 'taken_name', PASSWORD))).toBe('userexists');
  });

  it('writes nothing when the name is taken', async () => {
    await accounts.createAccount(WIKI, 'Taken', PASSWORD);
    await code(accounts.createAccount(WIKI, 'Taken', PASSWORD));
    expect(await store.logs.list(WIKI, { type: 'newusers', dir: 'older', limit: 10 })).toHaveLength(1);
  });

  it('rejects passwords shorter than 8 characters', async () => {
    expect(await code(accounts.createAccount(WIKI, 'Shorty', 'seven77'))).toBe('passwordtooshort');
  });

  it('refuses creators without createaccount and creators blocked from creating', async () => {
    const noRight = { ...anonymousActor({ wiki: WIKI }), rights: new Set<string>() };
    expect(await code(accounts.createAccount(WIKI, 'Someone', PASSWORD, { creator: noRight }))).toBe(
      'permissiondenied',
    );
    const blocked = anonymousActor({
      wiki: WIKI,
      block: sitewideBlock({ targetAddress: '192.0.2.1', noCreate: true }),
    });
    expect(await code(accounts.createAccount(WIKI, 'Someone', PASSWORD, { creator: blocked }))).toBe(
      'createaccount-nocreate',
    );
  });
});

describe('login', () => {
  it('accepts the right password and answers with the user', async () => {
    const created = await accounts.createAccount(WIKI, 'Alice', PASSWORD);
    const { user, appId } = await accounts.login(WIKI, 'alice', PASSWORD, '198.51.100.1');
    expect(user.id).toBe(created.id);
    expect(appId).toBe('');
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    await accounts.createAccount(WIKI, 'Alice', PASSWORD);
    expect(await code(accounts.login(WIKI, 'Alice', 'wrong password', '198.51.100.1'))).toBe('wrongpassword');
    expect(await code(accounts.login(WIKI, 'Nobody', PASSWORD, '198.51.100.2'))).toBe('wrongpassword');
  });

  const [{ count: LIMIT, seconds: WINDOW }] = TEST_AUTH.passwordAttemptThrottle as [
    { count: number; seconds: number },
  ];

  it('throttles a user name from an address after the limit, even with the right password', async () => {
    await accounts.createAccount(WIKI, 'Alice', PASSWORD);
    for (let i = 0; i < LIMIT; i++) {
      await code(accounts.login(WIKI, 'Alice', 'wrong password', '198.51.100.1'));
    }
    expect(await code(accounts.login(WIKI, 'Alice', PASSWORD, '198.51.100.1'))).toBe('login-throttled');
  });

  it('lets the user in again once the throttle window has passed', async () => {
    await accounts.createAccount(WIKI, 'Alice', PASSWORD);
    for (let i = 0; i < LIMIT; i++) {
      await code(accounts.login(WIKI, 'Alice', 'wrong password', '198.51.100.1'));
    }
    now += WINDOW + 1;
    expect((await accounts.login(WIKI, 'Alice', PASSWORD, '198.51.100.1')).user.name).toBe('Alice');
  });

  it('clears the counts of the name and address on success', async () => {
    await accounts.createAccount(WIKI, 'Alice', PASSWORD);
    const failUpToTheLimit = async () => {
      for (let i = 0; i < LIMIT - 1; i++)
        await code(accounts.login(WIKI, 'Alice', 'wrong password', '198.51.100.1'));
    };
    await failUpToTheLimit();
    await accounts.login(WIKI, 'Alice', PASSWORD, '198.51.100.1');
    await failUpToTheLimit();
    expect((await accounts.login(WIKI, 'Alice', PASSWORD, '198.51.100.1')).user.name).toBe('Alice');
  });
});

describe('bot passwords', () => {
  it('generates a 32-character base-32 password', async () => {
    await accounts.createAccount(WIKI, 'Botowner', PASSWORD);
    const password = await accounts.addBotPassword(WIKI, 'Botowner', 'tool', ['editpage']);
    expect(password).toMatch(/^[0-9a-v]{32}$/);
  });

  it('logs in as Name@AppId with the bot password and reports the app id', async () => {
    const owner = await accounts.createAccount(WIKI, 'Botowner', PASSWORD);
    const password = await accounts.addBotPassword(WIKI, 'Botowner', 'tool', ['editpage']);
    const { user, appId } = await accounts.login(WIKI, 'Botowner@tool', password, '198.51.100.1');
    expect(user.id).toBe(owner.id);
    expect(appId).toBe('tool');
  });

  it('does not accept the main password for Name@AppId', async () => {
    await accounts.createAccount(WIKI, 'Botowner', PASSWORD);
    await accounts.addBotPassword(WIKI, 'Botowner', 'tool', ['editpage']);
    expect(await code(accounts.login(WIKI, 'Botowner@tool', PASSWORD, '198.51.100.1'))).toBe('wrongpassword');
  });

  it('limits a bot-password session to the rights its grants allow', async () => {
    await accounts.createAccount(WIKI, 'Sysop bot', PASSWORD, { groups: ['sysop'] });
    const password = await accounts.addBotPassword(WIKI, 'Sysop bot', 'edits', ['editpage']);
    const { user, appId } = await accounts.login(WIKI, 'Sysop bot@edits', password, '198.51.100.1');
    const session = await accounts.openSession(WIKI, user.id, appId);
    const actor = await accounts.actorFor(WIKI, session.id, '198.51.100.1');
    expect(actor.appId).toBe('edits');
    expect(actor.groups).toContain('sysop');
    expect(actor.rights.has('edit')).toBe(true);
    expect(actor.rights.has('read')).toBe(true);
    expect(actor.rights.has('delete')).toBe(false);
    expect(actor.rights.has('block')).toBe(false);
  });

  it('rejects unknown grants and bad app ids', async () => {
    await accounts.createAccount(WIKI, 'Botowner', PASSWORD);
    expect(await code(accounts.addBotPassword(WIKI, 'Botowner', 'tool', ['everything']))).toBe('badvalue');
    expect(await code(accounts.addBotPassword(WIKI, 'Botowner', 'a@b', ['editpage']))).toBe('badvalue');
    expect(await code(accounts.addBotPassword(WIKI, 'Nobody', 'tool', ['editpage']))).toBe('nosuchuser');
  });
});

describe('setPassword', () => {
  it('replaces the password used to log in', async () => {
    await accounts.createAccount(WIKI, 'Alice', PASSWORD);
    await accounts.setPassword(WIKI, 'Alice', 'a brand new password');
    expect(await code(accounts.login(WIKI, 'Alice', PASSWORD, '198.51.100.1'))).toBe('wrongpassword');
    expect((await accounts.login(WIKI, 'Alice', 'a brand new password', '198.51.100.1')).user.name).toBe(
      'Alice',
    );
  });
});

describe('sessions', () => {
  it('finds an open session until it expires', async () => {
    const session = await accounts.openSession(WIKI, 0);
    expect(session.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.expiresAt).toBe(START + TEST_AUTH.sessionTtl);
    expect(await accounts.getSession(session.id)).toMatchObject({ idHash: session.idHash, userId: 0 });
    now += TEST_AUTH.sessionTtl + 1;
    expect(await accounts.getSession(session.id)).toBeUndefined();
  });

  it('forgets a closed session', async () => {
    const session = await accounts.openSession(WIKI, 0);
    await accounts.closeSession(session.id);
    expect(await accounts.getSession(session.id)).toBeUndefined();
  });

  it('turns an expired login session back into a visitor', async () => {
    const actor = await loggedIn('Alice');
    now += TEST_AUTH.sessionTtl + 1;
    const later = await accounts.actorFor(WIKI, actor.sessionId, '198.51.100.7');
    expect(later).toMatchObject({ isAnonymous: true, userId: 0, name: '198.51.100.7' });
  });

  it('ignores a session of another wiki', async () => {
    const actor = await loggedIn('Alice');
    const elsewhere = await accounts.actorFor('otherwiki', actor.sessionId, '198.51.100.7');
    expect(elsewhere.isAnonymous).toBe(true);
  });
});

describe('actorFor', () => {
  it('makes a visitor without a session an anonymous actor named by IP', async () => {
    const actor = await accounts.actorFor(WIKI, undefined, '203.0.113.5');
    expect(actor).toMatchObject({
      userId: 0,
      name: '203.0.113.5',
      isAnonymous: true,
      groups: ['*'],
      sessionId: '',
    });
    expect(actor.rights.has('edit')).toBe(true);
    expect(actor.rights.has('move')).toBe(false);
  });

  it('gives a new account its explicit groups then * and user, without autoconfirmed', async () => {
    const actor = await loggedIn('Patrolling newbie', ['patroller']);
    expect(actor.groups).toEqual(['patroller', '*', 'user']);
    expect(actor.rights.has('patrol')).toBe(true);
    expect(actor.rights.has('autoconfirmed')).toBe(false);
  });

  it('adds autoconfirmed by the wiki settings', async () => {
    await store.wikis.upsert(wikiInfo({ autoconfirm: { minEdits: 0, minAgeSeconds: 60 } }), now);
    const actor = await loggedIn('Alice');
    expect(actor.groups).not.toContain('autoconfirmed');
    now += 60;
    const later = await accounts.actorFor(WIKI, actor.sessionId, actor.ip);
    expect(later.groups).toContain('autoconfirmed');
    expect(later.rights.has('editsemiprotected')).toBe(true);
  });

  it('drops groups whose expiry has passed', async () => {
    const admin = await loggedIn('Crat', ['bureaucrat']);
    await accounts.createAccount(WIKI, 'Temp', PASSWORD);
    await accounts.setGroups(admin, 'Temp', [{ group: 'rollbacker', expiry: now + 100 }], [], 'trial');
    const { user } = await accounts.login(WIKI, 'Temp', PASSWORD, '198.51.100.8');
    const session = await accounts.openSession(WIKI, user.id);
    expect((await accounts.actorFor(WIKI, session.id, '198.51.100.8')).groups).toContain('rollbacker');
    now += 101;
    expect((await accounts.actorFor(WIKI, session.id, '198.51.100.8')).groups).not.toContain('rollbacker');
  });

  it('carries the active block on the account, keeping its rights', async () => {
    const actor = await loggedIn('Vandal');
    await store.blocks.insert(
      sitewideBlock({ wiki: WIKI, id: 7, targetUserId: actor.userId, timestamp: now }),
    );
    const blocked = await accounts.actorFor(WIKI, actor.sessionId, actor.ip);
    expect(blocked.block).toMatchObject({ id: 7, sitewide: true });
    expect(blocked.rights.has('edit')).toBe(true);
  });

  it('carries an IP block for a visitor', async () => {
    await store.blocks.insert(
      sitewideBlock({ wiki: WIKI, id: 8, targetAddress: '203.0.113.5', timestamp: now }),
    );
    expect((await accounts.actorFor(WIKI, undefined, '203.0.113.5')).block).toMatchObject({ id: 8 });
    expect((await accounts.actorFor(WIKI, undefined, '203.0.113.6')).block).toBeNull();
  });
});

describe('actorForUser', () => {
  it('gives a known account the groups, rights and block a session would, without a session', async () => {
    const created = await accounts.createAccount(WIKI, 'Bob', PASSWORD, { groups: ['sysop'] });
    await store.blocks.insert(sitewideBlock({ wiki: WIKI, id: 9, targetUserId: created.id, timestamp: now }));
    const actor = await accounts.actorForUser(WIKI, created.id);
    expect(actor).toMatchObject({ userId: created.id, name: 'Bob', isAnonymous: false, sessionId: '' });
    expect(actor.groups).toEqual(['sysop', '*', 'user']);
    expect(actor.rights.has('delete')).toBe(true);
    expect(actor.block).toMatchObject({ id: 9 });
  });

  it('earns implicit groups by the wiki settings at the clock time', async () => {
    await store.wikis.upsert(wikiInfo({ autoconfirm: { minEdits: 0, minAgeSeconds: 60 } }), now);
    const created = await accounts.createAccount(WIKI, 'Carol', PASSWORD);
    expect((await accounts.actorForUser(WIKI, created.id)).groups).not.toContain('autoconfirmed');
    now += 60;
    expect((await accounts.actorForUser(WIKI, created.id)).groups).toContain('autoconfirmed');
  });

  it('gives the actor no tokens', async () => {
    const created = await accounts.createAccount(WIKI, 'Dave', PASSWORD);
    const actor = await accounts.actorForUser(WIKI, created.id);
    expect(() => accounts.csrfToken(actor)).toThrow();
  });

  it('refuses an unknown user id with nosuchuser', async () => {
    expect(await code(accounts.actorForUser(WIKI, 999))).toBe('nosuchuser');
  });
});

describe('tokens', () => {
  it('gives a visitor without a session the token +\\, which verifies', async () => {
    const actor = await accounts.actorFor(WIKI, undefined, '203.0.113.5');
    expect(accounts.csrfToken(actor)).toBe('+\\');
    expect(accounts.verifyToken(actor, 'csrf', '+\\')).toBe(true);
  });

  it('gives a logged-in user an HMAC token ending in +\\ that verifies', async () => {
    const actor = await loggedIn('Alice');
    const token = accounts.csrfToken(actor);
    expect(token).toMatch(/^[0-9a-f]{64}\+\\$/);
    expect(accounts.verifyToken(actor, 'csrf', token)).toBe(true);
  });

  it('refuses +\\ and other sessions’ tokens for a logged-in user', async () => {
    const alice = await loggedIn('Alice');
    const bob = await loggedIn('Bob');
    expect(accounts.verifyToken(alice, 'csrf', '+\\')).toBe(false);
    expect(accounts.verifyToken(alice, 'csrf', accounts.csrfToken(bob))).toBe(false);
    expect(accounts.verifyToken(alice, 'csrf', '')).toBe(false);
  });

  it('gives watch, patrol, rollback and userrights tokens of their own, +\\ for a visitor', async () => {
    const actor = await loggedIn('Alice');
    const csrf = accounts.csrfToken(actor);
    const visitor = await accounts.actorFor(WIKI, undefined, '203.0.113.5');
    for (const type of ['watch', 'patrol', 'rollback', 'userrights'] as const) {
      const token = accounts.token(actor, type);
      expect(token).not.toBe(csrf);
      expect(accounts.verifyToken(actor, type, token)).toBe(true);
      expect(accounts.verifyToken(actor, type, csrf)).toBe(false);
      expect(accounts.token(visitor, type)).toBe('+\\');
    }
  });

  it('keeps login and createaccount tokens apart from the csrf token', async () => {
    const actor = await loggedIn('Alice');
    const login = accounts.token(actor, 'login');
    expect(login).not.toBe(accounts.csrfToken(actor));
    expect(login).not.toBe(accounts.token(actor, 'createaccount'));
    expect(accounts.verifyToken(actor, 'login', login)).toBe(true);
    expect(accounts.verifyToken(actor, 'csrf', login)).toBe(false);
  });

  it('binds a visitor login token to a new cookie and keeps +\\ as its csrf token', async () => {
    const visitor = await accounts.actorFor(WIKI, undefined, '203.0.113.5');
    expect(accounts.verifyToken(visitor, 'login', '+\\')).toBe(false);
    const { actor, cookie } = accounts.ensureSession(visitor);
    expect(cookie).toEqual({ value: actor.sessionId, maxAge: TEST_AUTH.visitorCookieTtl });
    expect(actor).toMatchObject({ isAnonymous: true, userId: 0 });
    expect(actor.sessionId).not.toBe('');
    const login = accounts.token(actor, 'login');
    expect(login).toMatch(/^[0-9a-f]{64}\+\\$/);
    const again = await accounts.actorFor(WIKI, actor.sessionId, '203.0.113.5');
    expect(accounts.verifyToken(again, 'login', login)).toBe(true);
    expect(accounts.csrfToken(again)).toBe('+\\');
    expect(accounts.ensureSession(again).cookie).toBeUndefined();
  });

  it('gives no token to an account actor that did not come from a session', () => {
    const actor = userActor({ wiki: WIKI });
    expect(() => accounts.csrfToken(actor)).toThrow();
    expect(accounts.verifyToken(actor, 'csrf', '+\\')).toBe(false);
  });
});

describe('setGroups', () => {
  it('adds a group and logs rights/rights with the old and new groups', async () => {
    const crat = await loggedIn('Crat', ['bureaucrat']);
    const target = await accounts.createAccount(WIKI, 'Candidate', PASSWORD, { groups: ['rollbacker'] });
    const result = await accounts.setGroups(
      crat,
      'candidate',
      [{ group: 'sysop', expiry: null }],
      [],
      'RfA passed',
    );
    expect(result.added).toEqual([{ group: 'sysop', expiry: null }]);
    expect((await store.users.groups(WIKI, target.id, now)).sort()).toEqual(['rollbacker', 'sysop']);
    const [entry] = await store.logs.list(WIKI, { type: 'rights', dir: 'older', limit: 10 });
    expect(entry).toMatchObject({
      action: 'rights',
      actorName: 'Crat',
      namespace: 2,
      title: 'Candidate',
      comment: 'RfA passed',
      timestamp: START,
    });
    expect((entry?.params.oldgroups as string[]).sort()).toEqual(['rollbacker']);
    expect((entry?.params.newgroups as string[]).sort()).toEqual(['rollbacker', 'sysop']);
  });

  it('removes a group', async () => {
    const crat = await loggedIn('Crat', ['bureaucrat']);
    const target = await accounts.createAccount(WIKI, 'Former', PASSWORD, { groups: ['sysop'] });
    const result = await accounts.setGroups(crat, 'Former', [], ['sysop'], 'resigned');
    expect(result.removed).toEqual(['sysop']);
    expect(await store.users.groups(WIKI, target.id, now)).toEqual([]);
  });

  it('writes nothing when nothing changes', async () => {
    const crat = await loggedIn('Crat', ['bureaucrat']);
    await accounts.createAccount(WIKI, 'Plain', PASSWORD);
    const result = await accounts.setGroups(crat, 'Plain', [], ['sysop'], '');
    expect(result).toMatchObject({ added: [], removed: [] });
    expect(await store.logs.list(WIKI, { type: 'rights', dir: 'older', limit: 10 })).toHaveLength(0);
  });

  it('needs the userrights right', async () => {
    const sysop = await loggedIn('Sysop', ['sysop']);
    await accounts.createAccount(WIKI, 'Plain', PASSWORD);
    expect(await code(accounts.setGroups(sysop, 'Plain', [{ group: 'bot', expiry: null }], [], ''))).toBe(
      'permissiondenied',
    );
  });

  it('rejects unknown or implicit groups, past expiries and unknown users', async () => {
    const crat = await loggedIn('Crat', ['bureaucrat']);
    await accounts.createAccount(WIKI, 'Plain', PASSWORD);
    expect(await code(accounts.setGroups(crat, 'Plain', [{ group: 'god', expiry: null }], [], ''))).toBe(
      'badvalue',
    );
    expect(await code(accounts.setGroups(crat, 'Plain', [{ group: 'user', expiry: null }], [], ''))).toBe(
      'badvalue',
    );
    expect(await code(accounts.setGroups(crat, 'Plain', [{ group: 'bot', expiry: now - 1 }], [], ''))).toBe(
      'badvalue',
    );
    expect(await code(accounts.setGroups(crat, 'Nobody', [{ group: 'bot', expiry: null }], [], ''))).toBe(
      'nosuchuser',
    );
  });
});

describe('options', () => {
  it('stores options and resets them with null', async () => {
    const actor = await loggedIn('Alice');
    await accounts.setOptions(actor, { language: 'de', skin: 'vector' });
    expect(await accounts.getOptions(actor)).toEqual({ language: 'de', skin: 'vector' });
    await accounts.setOptions(actor, { skin: null });
    expect(await accounts.getOptions(actor)).toEqual({ language: 'de' });
  });

  it('refuses visitors', async () => {
    const visitor = await accounts.actorFor(WIKI, undefined, '203.0.113.5');
    expect(await code(accounts.setOptions(visitor, { language: 'de' }))).toBe('mustbeloggedin');
    expect(await accounts.getOptions(visitor)).toEqual({});
  });
});

describe('password hashes', () => {
  it('are scrypt with their parameters, a 16-byte salt and a 32-byte hash', async () => {
    const hash = await hashPassword(PASSWORD, 1024);
    const [scheme, n, r, p, salt, key] = hash.split('$');
    expect([scheme, n, r, p]).toEqual(['scrypt', '1024', '8', '1']);
    expect(Buffer.from(salt ?? '', 'base64')).toHaveLength(16);
    expect(Buffer.from(key ?? '', 'base64')).toHaveLength(32);
  });

  it('salt every hash differently', async () => {
    expect(await hashPassword(PASSWORD, 1024)).not.toBe(await hashPassword(PASSWORD, 1024));
  });

  it('verify the right password only', async () => {
    const hash = await hashPassword(PASSWORD, 1024);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    expect(await verifyPassword('correct horse battery!', hash)).toBe(false);
  });

  it('never verify against a malformed hash', async () => {
    expect(await verifyPassword(PASSWORD, '')).toBe(false);
    expect(await verifyPassword(PASSWORD, 'scrypt$1000$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword(PASSWORD, 'bcrypt$x')).toBe(false);
  });
});
