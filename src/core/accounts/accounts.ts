import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.ts';
import { hasRight, type Actor } from '../domain/actor.ts';
import type { Clock } from '../domain/clock.ts';
import { toIsoTimestamp } from '../domain/clock.ts';
import { NS_USER } from '../domain/namespaces.ts';
import {
  DEFAULT_AUTOCONFIRM,
  implicitGroups,
  isAssignableGroup,
  isKnownGrant,
  rightsForGrants,
  rightsForGroups,
} from '../domain/rights.ts';
import {
  isCreatableUserName,
  normalizeUserName,
  parseBotPasswordLogin,
  userNameToDbKey,
} from '../domain/user-names.ts';
import type { Block, User } from '../domain/wiki.ts';
import { ipToHex } from '../domain/ip-addresses.ts';
import { coreSettingsOf } from '../domain/wiki-settings.ts';
import { fail } from '../../errors.ts';
import type { AuthSession } from '../store/repositories/users-and-sessions.ts';
import type { Store } from '../store/store.ts';
import type { WikiSources } from '../../wiki-source/wiki-source.ts';
import { checkPasswordPolicy } from './password-policy.ts';
import { hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import { PasswordAttemptThrottler } from './password-attempt-throttle.ts';
import { hashSessionId, type WikiCredentials } from './wiki-credentials.ts';
import { formatDuration } from '../domain/durations.ts';

/** Token types of meta=tokens (MediaWiki ApiQueryTokens, with CentralAuth's two). */
export type TokenType =
  | 'createaccount'
  | 'csrf'
  | 'deleteglobalaccount'
  | 'login'
  | 'patrol'
  | 'rollback'
  | 'setglobalaccountstatus'
  | 'userrights'
  | 'watch';

/**
 * HMAC salt per token type: ApiQueryTokens::getTokenTypeSalts (and CentralAuth's
 * onApiQueryTokensRegisterTypes), so a token of one type is refused where another is needed.
 * `login` and `createaccount` are session tokens that exist for visitors too; the others are
 * edit tokens, `+\` for every visitor (LoggedOutEditToken).
 */
const TOKEN_SALTS: Readonly<Record<TokenType, string>> = {
  createaccount: 'createaccount',
  csrf: '',
  deleteglobalaccount: 'deleteglobalaccount',
  login: 'login',
  patrol: 'patrol',
  rollback: 'rollback',
  setglobalaccountstatus: 'setglobalaccountstatus',
  userrights: 'userrights',
  watch: 'watch',
};

export const TOKEN_TYPES = Object.keys(TOKEN_SALTS) as readonly TokenType[];

/** Token types a visitor gets a real token of, bound to its cookie; the rest are `+\` for visitors. */
const VISITOR_TOKEN_TYPES: ReadonlySet<TokenType> = new Set(['login', 'createaccount']);

/** MediaWiki's Token::SUFFIX; on its own it is the token of a visitor without a session. */
export const TOKEN_SUFFIX = '+\\';

/**
 * The session cookie to set: `maxAge` in seconds, or undefined for a browser-session cookie (one
 * that ends with the browser).
 */
export interface SessionCookie {
  value: string;
  maxAge: number | undefined;
}

/** A session just opened: what is stored, and the cookie that carries its id. */
export interface OpenedSession extends AuthSession {
  id: string;
  cookie: SessionCookie;
}

export interface GroupChange {
  group: string;
  /** Unix seconds, or null for no expiry. */
  expiry: number | null;
}

export interface CreateAccountOptions {
  email?: string;
  /** Who creates the account: a logged-in creator makes it `newusers/create2`, else `create`. */
  creator?: Actor;
  /** Explicit groups to start with (bootstrap, like createAndPromote.php: no rights log entry). */
  groups?: string[];
}

const BOT_PASSWORD_ALPHABET = '0123456789abcdefghijklmnopqrstuv';
const MAX_APP_ID_LENGTH = 32;

/**
 * Accounts, logins, sessions, tokens, groups and preferences, with MediaWiki's semantics.
 *
 * Actors built by actorFor carry their session's CSRF secret privately; token functions work on
 * those actors (an actor built elsewhere, e.g. in a test, has no secret: a visitor still gets
 * `+\`, an account gets no valid token). Sessions are stored by the SHA-256 of their id, and only
 * for logins: a visitor's login and createaccount tokens are derived from its cookie's random
 * value, so a visitor asking for a token stores nothing.
 */
export class AccountService {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #auth: Config['auth'];
  readonly #wikiSources: Pick<WikiSources, 'for'>;
  readonly #secrets = new WeakMap<Actor, string>();
  readonly #throttle: PasswordAttemptThrottler;
  readonly #credentials: WikiCredentials | undefined;
  #dummyHash: Promise<string> | undefined;

  /**
   * `wikiSources` writes the `newusers` and `rights` log entries (the wiki's one log writer) and
   * checks the logins of a wiki that keeps its own accounts (a followed MediaWiki), whose wiki
   * sessions `credentials` keeps sealed with the local ones.
   */
  constructor({
    store,
    clock,
    auth,
    wikiSources,
    credentials,
  }: {
    store: Store;
    clock: Clock;
    auth: Config['auth'];
    wikiSources: Pick<WikiSources, 'for'>;
    credentials?: WikiCredentials;
  }) {
    this.#credentials = credentials;
    this.#store = store;
    this.#clock = clock;
    this.#auth = auth;
    this.#wikiSources = wikiSources;
    this.#throttle = new PasswordAttemptThrottler(store, clock, auth.passwordAttemptThrottle);
  }

  /**
   * initEditCount.php: every account's edit count becomes its live plus deleted (archived)
   * revisions on the wiki, in one transaction. `nosuchwiki` for an unknown wiki.
   */
  async recountEditCounts(wiki: string): Promise<{ users: number; changed: number }> {
    if (!(await this.#store.wikis.get(wiki))) throw fail('nosuchwiki', wiki);
    return this.#store.transaction((tx) => tx.users.recountEditCounts(wiki));
  }

  /**
   * Registers an account: `invalid-username` for names that cannot be registered, `userexists`,
   * and the password policy's errors (password-policy.ts, for the account's `groups`); a creator
   * needs `createaccount` and no block that prevents creation, and counts against the account
   * creation throttle of its address (`acct_creation_throttle_hit`) unless it has `noratelimit`.
   * Allocates the user id, inserts the user and writes the `newusers` log entry in one transaction.
   */
  async createAccount(
    wiki: string,
    name: string,
    password: string,
    opts: CreateAccountOptions = {},
  ): Promise<User> {
    // A wiki that keeps its own accounts (a followed MediaWiki) makes them itself.
    if (this.#wikiSources.for(wiki).authenticate) throw fail('wiki-accounts-remote', wiki);
    const canonical = normalizeUserName(name);
    if (canonical === null || !isCreatableUserName(canonical)) throw fail('invalid-username', name);
    const creator = opts.creator;
    if (creator) {
      if (!hasRight(creator, 'createaccount')) throw fail('permissiondenied', 'create new user accounts');
      if (creator.block?.noCreate) throw fail('createaccount-nocreate');
      await this.#throttleAccountCreation(creator);
    }
    checkPasswordPolicy(canonical, password, opts.groups);
    for (const g of opts.groups ?? []) if (!isAssignableGroup(g)) throw fail('badvalue', 'groups', g);
    const passwordHash = await hashPassword(password, this.#auth.scryptCost);
    const now = this.#clock();
    return this.#store.transaction(async (tx) => {
      if (await tx.users.getByName(wiki, canonical)) throw fail('userexists');
      const id = await tx.ids.next(wiki, 'user');
      await tx.users.insert({
        wiki,
        id,
        name: canonical,
        passwordHash,
        registration: now,
        email: opts.email ?? '',
      });
      for (const g of new Set(opts.groups ?? [])) await tx.users.addGroup(wiki, id, g, null);
      const byOther = creator !== undefined && !creator.isAnonymous;
      await this.#wikiSources.for(wiki).writeLog(byOther ? creator : { userId: id, name: canonical }, {
        type: 'newusers',
        action: byOther ? 'create2' : 'create',
        target: { namespace: NS_USER, title: userNameToDbKey(canonical), id: 0 },
        comment: '',
        params: { userid: id },
        tags: [],
        recentChange: false,
      });
      const user = await tx.users.getById(wiki, id);
      if (!user) throw new Error(`user ${id} vanished after insert on ${wiki}`);
      return user;
    });
  }

  /** Sets a new password for an existing account (CLI `user password`). */
  async setPassword(wiki: string, name: string, password: string): Promise<void> {
    const user = await this.#requireUser(wiki, name);
    checkPasswordPolicy(user.name, password, await this.#store.users.groups(wiki, user.id, this.#clock()));
    const hash = await hashPassword(password, this.#auth.scryptCost);
    await this.#store.transaction((tx) => tx.users.setPasswordHash(wiki, user.id, hash));
  }

  /**
   * Checks credentials. Every attempt is counted first (config.auth.passwordAttemptThrottle, per
   * user name and address: PasswordAttemptThrottler); one past a limit is refused with
   * `login-throttled` before the password is looked at. A wrong password, an unknown or invalid
   * name all give `wrongpassword` (MediaWiki does not tell them apart). Success clears the counts
   * of the name. "Name@AppId" with a bot password (or "AppId@password" as the password) logs in
   * with that bot password and returns its appId; otherwise appId is ''. `botPasswords: false`
   * (clientlogin: MediaWiki takes bot passwords through action=login only) reads every name and
   * password as an account's main ones.
   */
  async login(
    wiki: string,
    name: string,
    password: string,
    ip: string,
    opts: { botPasswords?: boolean; remember?: boolean } = {},
  ): Promise<{ user: User; appId: string; wikiCredential?: string; wikiRights?: string[] }> {
    const bot = opts.botPasswords === false ? null : parseBotPasswordLogin(name, password);
    const canonical = normalizeUserName(bot ? bot.userName : name);
    const type = bot ? 'botpassword' : 'password';
    await this.#throttle.countAttempt(type, wiki, canonical, ip);

    const source = this.#wikiSources.for(wiki);
    if (source.authenticate) {
      // The wiki keeps its accounts: it checks the password (which is passed on, never kept).
      const remote = await source.authenticate({
        name,
        password,
        botPassword: bot !== null,
        remember: opts.remember === true,
      });
      const user = await this.#store.users.getById(wiki, remote.userId);
      if (!user) throw new Error(`the account ${remote.userId} of ${wiki} was not recorded at its login`);
      await this.#throttle.clear(type, wiki, user.name, ip);
      return {
        user,
        appId: bot ? bot.appId : '',
        wikiCredential: remote.credential,
        wikiRights: remote.rights,
      };
    }

    const user = canonical === null ? undefined : await this.#store.users.getByName(wiki, canonical);
    let storedHash: string | undefined;
    if (user && bot)
      storedHash = (await this.#store.users.getBotPassword(wiki, user.id, bot.appId))?.passwordHash;
    else if (user) storedHash = await this.#store.users.getPasswordHash(wiki, user.id);
    const ok = await this.#verify(bot ? bot.password : password, storedHash);
    if (!user || storedHash === undefined || !ok) throw fail('wrongpassword');
    await this.#throttle.clear(type, wiki, user.name, ip);
    if (!bot && needsRehash(storedHash, this.#auth.scryptCost)) await this.#rehash(wiki, user.id, password);
    return { user, appId: bot ? bot.appId : '' };
  }

  /**
   * Opens a login session. `remember` (clientlogin's rememberMe) makes it last
   * auth.rememberedSessionTtl with a cookie of that Max-Age; otherwise it lasts auth.sessionTtl,
   * renewed on use, with a browser-session cookie.
   */
  async openSession(
    wiki: string,
    userId: number,
    appId = '',
    opts: { remember?: boolean; wikiCredential?: string | undefined; wikiRights?: string[] | undefined } = {},
  ): Promise<OpenedSession> {
    const now = this.#clock();
    const remember = opts.remember === true;
    const id = randomBytes(32).toString('base64url');
    const ttl = remember ? this.#auth.rememberedSessionTtl : this.#auth.sessionTtl;
    const idHash = hashSessionId(id);
    const session: AuthSession = {
      idHash,
      wiki,
      userId,
      csrfSecret: randomBytes(32).toString('base64url'),
      appId,
      remember,
      createdAt: now,
      expiresAt: now + ttl,
    };
    if (opts.wikiCredential !== undefined) {
      if (!this.#credentials) throw new Error('a relayed login needs the wiki credentials store');
      session.wikiCredential = this.#credentials.seal(idHash, opts.wikiCredential);
      if (opts.wikiRights) session.wikiRights = opts.wikiRights;
    }
    await this.#store.sessions.insert(session);
    const { wikiCredential: _sealed, wikiRights: _rights, ...opened } = session;
    return { ...opened, id, cookie: { value: id, maxAge: remember ? ttl : undefined } };
  }

  /** The live session, or undefined when unknown or expired. */
  getSession(sessionId: string): Promise<AuthSession | undefined> {
    return this.#store.sessions.get(hashSessionId(sessionId), this.#clock());
  }

  /**
   * Ends a session. One that came from a login relayed to a followed MediaWiki is logged out on
   * the wiki first (WikiSource.endSession); a wiki that cannot be reached then keeps its session
   * until it expires there, and the session here ends all the same.
   */
  async closeSession(sessionId: string): Promise<void> {
    const session = await this.getSession(sessionId);
    if (session?.wikiCredential) {
      try {
        await this.#wikiSources.for(session.wiki).endSession?.(sessionId);
      } catch {
        // The wiki is unreachable or the wiki gone from here: nothing more can be done there.
      }
    }
    await this.#store.sessions.delete(hashSessionId(sessionId));
  }

  /**
   * Who is behind a request. A live session of this wiki with an account gives that account with
   * its effective groups (explicit unexpired ones, then `*`, `user`, and `autoconfirmed` by the
   * wiki's `settings.autoconfirm`) and their rights; a bot-password session keeps only the rights
   * its grants allow (and becomes a visitor if the bot password is gone). Anything else is a visitor
   * named by IP, keeping the session when there is one (it holds the login token). `block` is the
   * active block on the account, or on the IP for a visitor; blocked actors keep their rights, and
   * services check `actor.block`. `withBlock: false` skips that look-up (block is null), for
   * callers that never read it. A visitor's cookie (no stored session) becomes its `sessionId`, the
   * secret its login and createaccount tokens are derived from. A session that did not ask to be
   * remembered is renewed to auth.sessionTtl once half of that has passed (MediaWiki's
   * SessionBackend::renew), so it ends after that long without use.
   */
  async actorFor(
    wiki: string,
    sessionId: string | undefined,
    ip: string,
    opts: { withBlock?: boolean } = {},
  ): Promise<Actor> {
    const withBlock = opts.withBlock ?? true;
    const now = this.#clock();
    // The session and its account (with its groups at `now`) in one read.
    const found = sessionId
      ? await this.#store.sessions.getWithUser(hashSessionId(sessionId), now)
      : undefined;
    const session = found?.session.wiki === wiki ? found.session : undefined;
    if (session && !session.remember && session.expiresAt - now < this.#auth.sessionTtl / 2) {
      session.expiresAt = now + this.#auth.sessionTtl;
      await this.#store.sessions.extend(session.idHash, session.expiresAt);
    }
    const user = session && session.userId > 0 ? found?.user : undefined;
    let grants: string[] | null = null;
    // A bot password of a relayed login is the wiki's: the wiki applies its grants.
    if (user && session?.appId && !session.wikiCredential) {
      grants = (await this.#store.users.getBotPassword(wiki, user.id, session.appId))?.grants ?? null;
    }
    if (!user || !session || (session.appId && !session.wikiCredential && grants === null)) {
      const actor: Actor = {
        wiki,
        userId: 0,
        name: ip,
        ip,
        isAnonymous: true,
        groups: ['*'],
        rights: rightsForGroups(['*']),
        block: withBlock ? ((await this.#addressBlocks(wiki, ip, now))[0] ?? null) : null,
        sessionId: sessionId ?? '',
        appId: '',
        editCount: 0,
        registration: null,
      };
      if (sessionId) this.#secrets.set(actor, sessionId);
      return actor;
    }
    const actor = await this.#accountActor(wiki, user, ip, now, sessionId, session, grants, {
      withBlock,
      groups: user.groups,
    });
    this.#secrets.set(actor, session.csrfSecret);
    return actor;
  }

  /**
   * The actor of a known account without a session (the demo loader, jobs, tests): the groups,
   * rights and block actorFor would give it now. It gets no tokens. `nosuchuser` for an unknown id.
   */
  async actorForUser(wiki: string, userId: number, ip = '127.0.0.1'): Promise<Actor> {
    const user = await this.#store.users.getById(wiki, userId);
    if (!user) throw fail('nosuchuser', `#${userId}`);
    return this.#accountActor(wiki, user, ip, this.#clock(), undefined, undefined, null);
  }

  /**
   * An account's actor: effective groups, their rights (narrowed to `grants` when given), its block.
   * `opts.groups`: its explicit groups at `now`, when the caller read them with its session.
   */
  async #accountActor(
    wiki: string,
    user: User,
    ip: string,
    now: number,
    sessionId: string | undefined,
    session: AuthSession | undefined,
    grants: string[] | null,
    opts: { withBlock: boolean; groups?: string[] } = { withBlock: true },
  ): Promise<Actor> {
    const { withBlock } = opts;
    // Independent look-ups: on PostgreSQL they run side by side on pooled connections. The
    // account's own block and those on its address are one read.
    const hex = ipToHex(ip);
    const [wikiInfo, explicit, blocks] = await Promise.all([
      this.#store.wikis.get(wiki),
      opts.groups ?? this.#store.users.groups(wiki, user.id, now),
      withBlock
        ? this.#store.blocks.activeAgainst(
            wiki,
            user.id,
            hex === null ? undefined : { start: hex, end: hex },
            now,
          )
        : undefined,
    ]);
    const userBlock = blocks?.user;
    const addressBlocks = blocks?.covering ?? [];
    const groups = [
      ...explicit,
      ...implicitGroups(
        user,
        now,
        wikiInfo ? coreSettingsOf(wikiInfo).autoconfirm : DEFAULT_AUTOCONFIRM,
      ).filter((g) => !explicit.includes(g)),
    ];
    let rights = rightsForGroups(groups);
    if (grants !== null) {
      const allowed = rightsForGrants(grants);
      rights = new Set([...rights].filter((r) => allowed.has(r)));
    }
    // A login relayed to a followed MediaWiki: the rights are those the wiki listed for it.
    if (session?.wikiRights) rights = new Set(session.wikiRights);
    // BlockManager::getUserBlock: the account's own block, else a block on the address it edits
    // from that is not for logged-out users only, unless the account is exempt from IP blocks.
    const block =
      userBlock ?? (rights.has('ipblock-exempt') ? undefined : addressBlocks.find((b) => !b.anonOnly));
    return {
      wiki,
      userId: user.id,
      name: user.name,
      ip,
      isAnonymous: false,
      groups,
      rights,
      block: block ?? null,
      sessionId: session ? (sessionId ?? '') : '',
      appId: session?.appId ?? '',
      editCount: user.editCount,
      registration: user.registration,
    };
  }

  /** The active address and range blocks covering `ip`, narrowest first (none for a non-address). */
  async #addressBlocks(wiki: string, ip: string, now: number): Promise<Block[]> {
    const hex = ipToHex(ip);
    return hex === null ? [] : this.#store.blocks.activeCovering(wiki, { start: hex, end: hex }, now);
  }

  /**
   * Makes sure a visitor has a cookie its login and createaccount tokens are bound to: a visitor
   * without one gets a new random value, which is stored nowhere. `cookie` (when given) is the
   * cookie the HTTP layer sets, lasting auth.visitorCookieTtl.
   */
  ensureSession(actor: Actor): { actor: Actor; cookie?: SessionCookie } {
    if (this.#secrets.has(actor)) return { actor };
    if (!actor.isAnonymous) throw new Error(`account actor ${actor.name} was not built by actorFor`);
    const value = randomBytes(32).toString('base64url');
    const visitor: Actor = { ...actor, sessionId: value };
    this.#secrets.set(visitor, value);
    return { actor: visitor, cookie: { value, maxAge: this.#auth.visitorCookieTtl } };
  }

  /** The CSRF token (meta=tokens type=csrf): `+\` for a visitor, else HMAC hex + `+\`. */
  csrfToken(actor: Actor): string {
    return this.token(actor, 'csrf');
  }

  /**
   * The token of `type` for this actor: HMAC-SHA256 of the type's salt under the session's secret,
   * hex, + `+\`. A visitor's edit tokens are `+\` (MediaWiki's LoggedOutEditToken); login and
   * createaccount tokens need the visitor's cookie (see ensureSession) and throw without one, as
   * does any token of an account actor not built by actorFor.
   */
  token(actor: Actor, type: TokenType): string {
    if (actor.isAnonymous && !VISITOR_TOKEN_TYPES.has(type)) return TOKEN_SUFFIX;
    const secret = this.#secrets.get(actor);
    if (secret === undefined)
      throw new Error(`no session secret for ${actor.name}: ${type} token needs a session`);
    return createHmac('sha256', secret).update(TOKEN_SALTS[type]).digest('hex') + TOKEN_SUFFIX;
  }

  /** Whether `token` is this actor's token of `type`; compares in constant time. */
  verifyToken(actor: Actor, type: TokenType, token: string): boolean {
    let expected: string;
    try {
      expected = this.token(actor, type);
    } catch {
      return false;
    }
    const a = Buffer.from(expected, 'utf8');
    const b = Buffer.from(token, 'utf8');
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /**
   * action=userrights: adds (or re-dates) and removes explicit groups of `targetName`. Needs
   * `userrights` and no sitewide block. Writes `rights/rights` with params {oldgroups, newgroups}
   * in the same transaction; nothing is written when nothing changes. Re-adding a held group sets
   * its new expiry and counts as added. (MediaWiki also logs old/new expiry metadata; the store
   * does not expose a group's current expiry, so it is left out.)
   */
  async setGroups(
    actor: Actor,
    targetName: string,
    add: GroupChange[],
    remove: string[],
    reason: string,
  ): Promise<{ user: User; added: GroupChange[]; removed: string[] }> {
    // The groups of a followed wiki's accounts are the wiki's (the follower keeps them).
    if (this.#wikiSources.for(actor.wiki).authenticate)
      throw fail('wiki-writes-unavailable', actor.wiki, 'change user groups');
    if (!hasRight(actor, 'userrights')) throw fail('permissiondenied', 'edit all user rights');
    if (actor.block?.sitewide) throw fail('blocked');
    const now = this.#clock();
    for (const { group, expiry } of add) {
      if (!isAssignableGroup(group)) throw fail('badvalue', 'add', group);
      if (expiry !== null && expiry <= now) throw fail('badvalue', 'expiry', toIsoTimestamp(expiry));
    }
    for (const group of remove) if (!isAssignableGroup(group)) throw fail('badvalue', 'remove', group);
    const wiki = actor.wiki;
    const target = await this.#requireUser(wiki, targetName);
    return this.#store.transaction(async (tx) => {
      const old = await tx.users.groups(wiki, target.id, now);
      const removed = [...new Set(remove)].filter((g) => old.includes(g) && !add.some((a) => a.group === g));
      const added = dedupeByGroup(add);
      if (added.length === 0 && removed.length === 0) return { user: target, added, removed };
      for (const g of removed) await tx.users.removeGroup(wiki, target.id, g);
      for (const { group, expiry } of added) await tx.users.addGroup(wiki, target.id, group, expiry);
      const newGroups = await tx.users.groups(wiki, target.id, now);
      await this.#writeRightsLog(actor, target, reason, { oldgroups: old, newgroups: newGroups });
      const user = (await tx.users.getById(wiki, target.id)) ?? target;
      return { user, added, removed };
    });
  }

  /**
   * Creates a bot password "Name@appId" with `grants` (core grant names; `basic` is implied) and
   * returns the generated 32-character password, shown once.
   */
  async addBotPassword(wiki: string, userName: string, appId: string, grants: string[]): Promise<string> {
    const user = await this.#requireUser(wiki, userName);
    const app = appId.trim();
    if (app === '' || app.length > MAX_APP_ID_LENGTH || app.includes('@'))
      throw fail('badvalue', 'appid', appId);
    for (const g of grants) if (!isKnownGrant(g)) throw fail('badvalue', 'grants', g);
    const password = randomBotPassword();
    const hash = await hashPassword(password, this.#auth.scryptCost);
    const now = this.#clock();
    await this.#store.transaction((tx) =>
      tx.users.addBotPassword(wiki, user.id, app, hash, [...new Set(grants)], now),
    );
    return password;
  }

  /** action=options: `null` resets an option to its default. Needs an account and `editmyoptions`. */
  async setOptions(actor: Actor, changes: Record<string, string | null>): Promise<void> {
    if (actor.isAnonymous) throw fail('mustbeloggedin', 'edit your preferences');
    if (!hasRight(actor, 'editmyoptions')) throw fail('permissiondenied', 'edit your preferences');
    if (Object.keys(changes).length === 0) return;
    await this.#store.transaction((tx) => tx.users.setOptions(actor.wiki, actor.userId, changes));
  }

  /** The options the account has set (defaults are the caller's); a visitor has none. */
  async getOptions(actor: Actor): Promise<Record<string, string>> {
    if (actor.isAnonymous) return {};
    return this.#store.users.getOptions(actor.wiki, actor.userId);
  }

  async #requireUser(wiki: string, name: string): Promise<User> {
    const canonical = normalizeUserName(name);
    const user = canonical === null ? undefined : await this.#store.users.getByName(wiki, canonical);
    if (!user) throw fail('nosuchuser', name);
    return user;
  }

  async #writeRightsLog(
    actor: Actor,
    target: User,
    reason: string,
    params: Record<string, unknown>,
  ): Promise<void> {
    await this.#wikiSources.for(actor.wiki).writeLog(actor, {
      type: 'rights',
      action: 'rights',
      target: { namespace: NS_USER, title: userNameToDbKey(target.name), id: 0 },
      comment: reason,
      params,
      tags: [],
      recentChange: false,
    });
  }

  /**
   * Checks `password` against `stored` (undefined: no such account or bot password). A check costs
   * at least one derivation at the current parameters whatever it is against — an unknown name, or
   * a hash made with weaker parameters (the demo's, or made before scryptCost was raised) — so the
   * time a failed login takes does not tell which names exist.
   */
  async #verify(password: string, stored: string | undefined): Promise<boolean> {
    const ok = stored !== undefined && (await verifyPassword(password, stored));
    if (stored === undefined || needsRehash(stored, this.#auth.scryptCost))
      await verifyPassword(password, await this.#getDummyHash());
    return ok;
  }

  /** Replaces a verified password's hash with one made with the current parameters. */
  async #rehash(wiki: string, userId: number, password: string): Promise<void> {
    const hash = await hashPassword(password, this.#auth.scryptCost);
    await this.#store.transaction((tx) => tx.users.setPasswordHash(wiki, userId, hash));
  }

  /**
   * $wgAccountCreationThrottle (ThrottlePreAuthenticationProvider): counts the creation against
   * each configured window for the creator's address, across wikis, one atomic upsert each.
   */
  async #throttleAccountCreation(creator: Actor): Promise<void> {
    if (hasRight(creator, 'noratelimit')) return;
    const now = this.#clock();
    for (const { count, seconds } of this.#auth.accountCreationThrottle) {
      const key = `acctcreate:${seconds}:ip:${creator.ip}`;
      if ((await this.#store.throttles.hit(key, seconds, now)) > count)
        throw fail('acct_creation_throttle_hit', count, formatDuration(seconds));
    }
  }

  /** A hash to verify against when the account does not exist, so timing does not reveal it. */
  #getDummyHash(): Promise<string> {
    this.#dummyHash ??= hashPassword(randomBytes(16).toString('hex'), this.#auth.scryptCost);
    return this.#dummyHash;
  }
}

function dedupeByGroup(changes: GroupChange[]): GroupChange[] {
  const byGroup = new Map<string, GroupChange>();
  for (const c of changes) byGroup.set(c.group, c);
  return [...byGroup.values()];
}

/** Core's bot passwords: 32 base-32 digits. */
function randomBotPassword(): string {
  return [...randomBytes(32)].map((b) => BOT_PASSWORD_ALPHABET[b & 31]).join('');
}
