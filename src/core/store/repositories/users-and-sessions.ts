import type { Block, User } from '../../domain/wiki.ts';

export interface NewUser {
  wiki: string;
  id: number;
  name: string;
  passwordHash: string;
  registration: number | null;
  editCount?: number;
  email?: string;
}

export interface UserRepository {
  getById(wiki: string, userId: number): Promise<User | undefined>;
  getByName(wiki: string, name: string): Promise<User | undefined>;
  getManyByNames(wiki: string, names: string[]): Promise<User[]>;
  /** Users in id order, with the groups unexpired at `now` (default: the store's clock); unknown ids are left out. */
  getManyByIds(wiki: string, userIds: number[], now?: number): Promise<User[]>;
  getPasswordHash(wiki: string, userId: number): Promise<string | undefined>;
  insert(user: NewUser): Promise<void>;
  /** Inserts users that do not exist yet (by name); returns nothing, ignores existing ones. */
  insertManyIfMissing(users: NewUser[]): Promise<void>;
  /**
   * Makes the users' registration and edit count those given (a followed wiki's answer), adding
   * the users that are missing (without a password); the password and e-mail of existing ones stay.
   */
  upsertFacts(users: readonly NewUser[]): Promise<void>;
  setPasswordHash(wiki: string, userId: number, hash: string): Promise<void>;
  incrementEditCount(wiki: string, userId: number, by?: number): Promise<void>;
  /**
   * initEditCount.php: sets each account's edit count to its live plus archived (deleted)
   * revisions, for every account of the wiki or only `userIds`. Returns how many accounts were
   * looked at and how many counts changed.
   */
  recountEditCounts(wiki: string, userIds?: number[]): Promise<{ users: number; changed: number }>;
  /** Current (unexpired at `now`) groups. */
  groups(wiki: string, userId: number, now: number): Promise<string[]>;
  /** The groups of each account unexpired at `now`, with their expiry (null: never), by group name. */
  groupMemberships(
    wiki: string,
    userIds: number[],
    now: number,
  ): Promise<Map<number, { group: string; expiry: number | null }[]>>;
  addGroup(wiki: string, userId: number, group: string, expiry: number | null): Promise<void>;
  removeGroup(wiki: string, userId: number, group: string): Promise<void>;
  /** list=allusers, by name. */
  list(
    wiki: string,
    q: {
      from?: string;
      prefix?: string;
      groups?: string[];
      excludeGroups?: string[];
      withEditsOnly?: boolean;
      dir: 'ascending' | 'descending';
      limit: number;
      now: number;
    },
  ): Promise<User[]>;
  getOptions(wiki: string, userId: number): Promise<Record<string, string>>;
  setOptions(wiki: string, userId: number, options: Record<string, string | null>): Promise<void>;
  addBotPassword(
    wiki: string,
    userId: number,
    appId: string,
    passwordHash: string,
    grants: string[],
    now: number,
  ): Promise<void>;
  getBotPassword(
    wiki: string,
    userId: number,
    appId: string,
  ): Promise<{ passwordHash: string; grants: string[] } | undefined>;
}

export interface BlockRepository {
  insert(block: Block): Promise<void>;
  /** The active (unexpired at `now`) block on an account, if any. */
  activeForUser(wiki: string, userId: number, now: number): Promise<Block | undefined>;
  /** `activeForUser` for many accounts at once, by user id; accounts without an active block are absent. */
  activeForUsers(wiki: string, userIds: number[], now: number): Promise<Map<number, Block>>;
  /** The active block whose target is exactly this address or range (its canonical text). */
  activeForAddress(wiki: string, address: string, now: number): Promise<Block | undefined>;
  /**
   * The active address and range blocks that cover every address from hex `start` to hex `end`
   * (ip-ranges.ts; start = end for one address), the narrowest range first, then the newest
   * (DatabaseBlockStore's range condition and chooseMostSpecificBlock), on the range index.
   */
  activeCovering(wiki: string, range: { start: string; end: string }, now: number): Promise<Block[]>;
  /**
   * `activeForUser` and `activeCovering` (without a range: none) in one read: the blocks a
   * signed-in request is checked against.
   */
  activeAgainst(
    wiki: string,
    userId: number,
    range: { start: string; end: string } | undefined,
    now: number,
  ): Promise<{ user: Block | undefined; covering: Block[] }>;
  /**
   * Blocks for list=blocks, newest first (timestamp, then id, descending), from the position
   * `from` on (inclusive), limited to `ids`, `userIds` or those covering `range`
   * when given; expired ones are left out.
   */
  list(
    wiki: string,
    opts: {
      now: number;
      limit: number;
      ids?: number[];
      userIds?: number[];
      range?: { start: string; end: string };
      from?: { timestamp: number; id: number };
    },
  ): Promise<Block[]>;
  delete(wiki: string, blockId: number): Promise<void>;
  get(wiki: string, blockId: number): Promise<Block | undefined>;
}

/** A login session as stored: by the SHA-256 (hex) of its id, which only the client's cookie holds. */
export interface AuthSession {
  idHash: string;
  wiki: string;
  userId: number;
  csrfSecret: string;
  appId: string;
  /** Whether the login asked to be remembered (which lifetime the session is renewed to). */
  remember: boolean;
  createdAt: number;
  expiresAt: number;
  /**
   * For a login relayed to a followed MediaWiki: the wiki's session, sealed by the CredentialVault
   * (with the id hash as its context). '' (or absent) for a login checked here.
   */
  wikiCredential?: string;
  /** The rights the wiki gave the account at a relayed login: the session's rights. */
  wikiRights?: string[];
}

export interface SessionRepository {
  insert(session: AuthSession): Promise<void>;
  /** The session if it has not expired at `now` (a session is valid while now < expiresAt). */
  get(idHash: string, now: number): Promise<AuthSession | undefined>;
  /**
   * `get` with the session's account (its groups unexpired at `now`; undefined when the account is
   * gone) in one read: what every signed-in request looks up first.
   */
  getWithUser(
    idHash: string,
    now: number,
  ): Promise<{ session: AuthSession; user: User | undefined } | undefined>;
  /** Moves a session's expiry (renewal on use). */
  extend(idHash: string, expiresAt: number): Promise<void>;
  delete(idHash: string): Promise<void>;
  deleteExpired(now: number): Promise<number>;
}

export interface ThrottleRepository {
  /** Counts one hit on `key` in a fixed window of `windowSeconds` and returns the count so far. */
  hit(key: string, windowSeconds: number, now: number): Promise<number>;
  /** The current count without adding a hit. */
  peek(key: string, windowSeconds: number, now: number): Promise<number>;
  reset(key: string): Promise<void>;
  /** Deletes the counters whose window ended at or before `now` (a hit then opens a new one anyway). */
  deleteExpired(now: number): Promise<number>;
}
