import type { Actor } from '../core/domain/actor.ts';
import type { Title } from '../core/domain/titles.ts';
import type { Page, Revision } from '../core/domain/wiki.ts';

/**
 * The wiki-source port: every write to a wiki and every read a write is decided on goes through
 * one `WikiSource`, chosen per wiki by its `WikiInfo.source` (`CoreServices.wikiSources.for(wiki)`,
 * src/wiki-source/wiki-sources.ts). The embedded wiki — wikis created here and wikis imported from
 * dumps, editable as in MediaWiki — is the first implementation (src/wiki-source/local); a real
 * MediaWiki followed over its Action API is the second (src/wiki-source/mediawiki).
 *
 * The shape follows the Action API so that a remote implementation is a thin client: every
 * operation is async; every write names who performs it (an `Actor`, whose wiki must be the
 * source's wiki); parameters and results are those of the matching API module (ApiEditPage,
 * ApiMove, ApiDelete, ApiUndelete, ApiProtect, ApiBlock, ApiUnblock, ApiPatrol); refusals are
 * catalogued errors (src/errors.ts) with MediaWiki's codes.
 *
 * Transactions: a write is one transaction of its own. Called while the caller has a store
 * transaction open (in the same async context), the local source joins it, so that a subsystem's
 * own rows (a review status) and the wiki's rows (its patrol mark and log entry) commit together
 * or not at all. A remote source cannot join: its write happens when it is called, so a caller
 * makes remote-visible writes last.
 *
 * Reads — which belong here and which to the store's read model:
 * - Here: what a write is decided on, one item at a time, as the source has it now (each maps to
 *   one API query): a page by title or id (prop=info), its current text (prop=revisions with
 *   content), a revision with its text (revids=), and the page's creation — the first revision,
 *   with the creator's id and name (rvdir=newer&rvlimit=1). Users: edit's undo and redirect
 *   resolution, the page id of action modules, review's page, creator and revision checks before
 *   it reviews, tags or flags.
 * - The store's read model (src/core/store): everything that lists, counts, compiles or renders —
 *   recent changes, logs, link tables, categories, users, blocks, revision counts, change tags,
 *   the review compiler's batched reads, the queue's event handlers and maintenance, the query
 *   modules. Those tables are the wiki as this service sees it: the local source writes them in
 *   the operation's transaction (with its outbox event), and a MediaWiki source will fill them
 *   from the wiki's recent changes. Batched and indexed, they serve a list of 200 pages in a few
 *   queries, which no remote API could.
 */
export interface WikiSource {
  /** The wiki's id (WikiInfo.id). */
  readonly wiki: string;
  /** Whether writes to the wiki go through this source (false: each write is refused). */
  readonly writable: boolean;
  /**
   * Whether a write joins the caller's store transaction (the embedded wiki). A remote wiki's
   * write happens when it is made, whatever the caller's transaction does next: a caller makes it
   * before its own transaction, which then records what the wiki did.
   */
  readonly joinsTransactions: boolean;

  /**
   * Checks a login on the wiki itself — only on a source whose wiki keeps its own accounts (a
   * followed MediaWiki), absent where the accounts are the store's. The password is passed on and
   * never kept. Records the account as the wiki has it (id, name, groups, edit count, registration,
   * block) and answers its id, its rights on the wiki (those of its groups there, narrowed by a bot
   * password's grants) and the wiki's session after the login (`credential`, opaque), which the
   * caller keeps sealed with its own session and hands back as `Actor.sessionId`'s. A wrong
   * password is `wrongpassword`, the wiki's throttle `login-throttled`, a login step that cannot be
   * relayed (a second factor) `wiki-login-unsupported`. Designed so that an OAuth 2.0 source's
   * token fits `credential` the same way.
   */
  readonly authenticate?: (login: WikiLogin) => Promise<WikiLoginResult>;
  /** Logs the session `sessionId` (one `authenticate` opened) out of the wiki (action=logout). */
  readonly endSession?: (sessionId: string) => Promise<void>;

  /** The page, or undefined when there is none. An invalid title is `invalidtitle`. */
  getPage(ref: PageRef): Promise<Page | undefined>;
  /** The page's parsed title, the page and its current text, or undefined when there is no such page. */
  getPageText(title: string): Promise<PageText | undefined>;
  /** A revision of any page, with its text, or undefined. */
  getRevision(revId: number): Promise<Revision | undefined>;
  /** The page's first revision (its creator), or undefined when the page has none. */
  getCreation(pageId: number): Promise<Revision | undefined>;

  /**
   * action=edit. `hooks.afterSave` runs in the store transaction that records the edit (the
   * embedded wiki: the edit's own; a remote wiki: the one recording what it answered), after the
   * revision is saved or found unchanged: what it writes commits with the edit, and its throw
   * undoes the edit.
   */
  edit(actor: Actor, params: EditParams, hooks?: EditHooks): Promise<EditResult>;
  /**
   * action=rollback (RollbackPage): the latest consecutive edits of `user` are reverted to the last
   * revision by someone else, as one edit tagged `mw-rollback`.
   */
  rollback(actor: Actor, params: RollbackParams): Promise<RollbackResult>;
  /**
   * action=purge (ApiPurge, WikiPage::doPurge): marks the pages touched; with `linkUpdate` re-runs
   * their link update from the latest revision (LinksUpdate, with its links-update event), with
   * `recursive` also of the pages that transclude them. Answers the pages purged, in order.
   */
  purge(actor: Actor, params: PurgeParams): Promise<PurgeResult[]>;
  /** action=move. */
  move(actor: Actor, params: MoveParams): Promise<MoveResult>;
  /** action=delete. */
  delete(actor: Actor, params: DeleteParams): Promise<DeleteResult>;
  /** action=undelete. */
  undelete(actor: Actor, params: UndeleteParams): Promise<UndeleteResult>;
  /** action=protect. */
  protect(actor: Actor, params: ProtectParams): Promise<ProtectResult>;
  /** action=block. */
  block(actor: Actor, params: BlockParams): Promise<BlockResult>;
  /** action=unblock. */
  unblock(actor: Actor, params: UnblockParams): Promise<UnblockResult>;
  /**
   * action=patrol (RecentChange::markPatrolled): the permission checks, the patrol mark, the patrol
   * log entry and the page-patrol event that other consumers follow.
   */
  patrol(actor: Actor, params: PatrolParams): Promise<PatrolResult>;
  /**
   * Marks the recent change of `revId` patrolled on behalf of another operation that made its own
   * checks and is its own event — PageTriage marking a page reviewed (RecentChange::
   * reallyMarkPatrolled and PatrolLog::record): the `patrol/patrol` log entry with `tags`, no
   * permission checks and no page-patrol event. Answers null when there is nothing to mark (no
   * recent change, or it is patrolled already).
   */
  markPatrolled(
    performer: LogPerformer,
    params: { revId: number; tags: string[] },
  ): Promise<PatrolResult | null>;
  /**
   * Writes a log entry (ManualLogEntry::insert, then publish): the log row, its change tags, and
   * with `recentChange` its recent-changes row. This is how subsystems log their own actions
   * (`pagetriage-curation`, `pagetriage-copyvio`) and how the core logs accounts and rights.
   */
  writeLog(performer: LogPerformer, entry: NewLogEntry): Promise<LoggedEntry>;
}

/**
 * The wiki sources of this process (`CoreServices.wikiSources`): `for(wiki)` answers the port of the
 * wiki's `WikiInfo.source` — `nosuchwiki` for a wiki not served here, `readonly` for a source this
 * build has no implementation of. A followed MediaWiki's port reads the store and makes writes on
 * the wiki in the name of a user who signed in through it.
 */
export interface WikiSources {
  for(wiki: string): WikiSource;
  /** Whether the wiki's source has an implementation here that writes to it (`WikiSource.writable`). */
  has(wiki: string): boolean;
}

/** A login to check on the wiki (`WikiSource.authenticate`). */
export interface WikiLogin {
  /** The name as typed; `Name@AppId` with a bot password. */
  name: string;
  password: string;
  /** A bot password (action=login) rather than the account's password (action=clientlogin). */
  botPassword: boolean;
  /** The login asked to be remembered (clientlogin's rememberMe), which the wiki is asked too. */
  remember?: boolean;
}

/** A login the wiki accepted (`WikiSource.authenticate`). */
export interface WikiLoginResult {
  userId: number;
  /** The account's rights on the wiki, as `meta=userinfo` lists them for the new session. */
  rights: string[];
  credential: string;
}

/** A page named by its title (as a user types it) or by its id. */
export type PageRef = { title: string } | { pageId: number };

export interface PageText {
  title: Title;
  page: Page;
  text: string;
}

/**
 * Who a log entry or patrol mark is recorded for: an `Actor` fits; an event's performer (id and
 * name) does too. `rights` decides whether a published recent change is autopatrolled.
 */
export interface LogPerformer {
  /** 0 for anonymous performers. */
  userId: number;
  name: string;
  rights?: ReadonlySet<string>;
  /** The performer's session (an `Actor`'s), through which a remote source acts in their name. */
  sessionId?: string;
}

export interface NewLogEntry {
  /** log_type and log_action: `pagetriage-curation`/`reviewed-article`, `newusers`/`create`… */
  type: string;
  action: string;
  /** The page the entry is about (namespace, DB key, page id 0 when there is none, e.g. a user page). */
  target: Pick<Page, 'namespace' | 'title' | 'id'>;
  comment: string;
  params: Record<string, unknown>;
  /** Change tags of the entry (and of its recent change). */
  tags: readonly string[];
  /**
   * Whether the entry is published to recent changes (ManualLogEntry::publish to 'rcandudp') or
   * only to the log ('udp': PatrolLog, PageTriage's curation log, account creation here).
   */
  recentChange: boolean;
}

/** The ids a log entry was written under; `rcid` only when it was published to recent changes. */
export interface LoggedEntry {
  logid: number;
  rcid?: number;
}

export interface EditParams {
  title: string;
  /** The new page text (or section text with `section`); ignored when appendText/prependText is given. */
  text?: string;
  appendText?: string;
  prependText?: string;
  /** A section number ("0", "2") or "new". */
  section?: string | number;
  sectionTitle?: string;
  summary?: string;
  minor?: boolean;
  /** Mark as a bot edit (only with the `bot` right). */
  bot?: boolean;
  createOnly?: boolean;
  noCreate?: boolean;
  /** The revision the edit was based on (edit-conflict detection). */
  baseRevId?: number;
  /** Timestamp of the base revision, when baseRevId is not given. */
  baseTimestamp?: number;
  /** When the editor started; a deletion after it stops a re-creation unless `recreate`. */
  startTimestamp?: number;
  recreate?: boolean;
  /** User-supplied change tags (need `applychangetags` and must be in the wiki's allowed list). */
  tags?: string[];
  /** Tags set by the software itself (other services), never checked against the allowed list. */
  systemTags?: string[];
  /** Accepted for API compatibility; there are no watchlists. */
  watch?: boolean;
}

export interface EditHooks {
  afterSave?(result: EditResult): Promise<void>;
}

export interface EditSaved {
  result: 'Success';
  pageid: number;
  title: string;
  contentmodel: string;
  oldrevid: number;
  newrevid: number;
  newtimestamp: string;
  new?: true;
}

export interface EditUnchanged {
  result: 'Success';
  pageid: number;
  title: string;
  contentmodel: string;
  nochange: true;
}

export type EditResult = EditSaved | EditUnchanged;

export interface PurgeParams {
  pageIds: number[];
  linkUpdate?: boolean;
  recursive?: boolean;
}

export interface PurgeResult {
  pageId: number;
  /** Whether the page's links were updated. */
  linkUpdate: boolean;
}

export interface RollbackParams {
  title: string;
  /** The user whose edits are rolled back: a user name or an address. */
  user: string;
  /** The summary; `$1`…`$6` are filled as MediaWiki fills them. Default: the wiki's `revertpage` message (MediaWiki:Revertpage, else i18n/). */
  summary?: string;
  /** Mark the rollback and the reverted edits as bot edits (needs `markbotedits` or `bot`). */
  markBot?: boolean;
  tags?: string[];
}

/** As ApiRollback answers. */
export interface RollbackResult {
  title: string;
  pageid: number;
  summary: string;
  /** The rollback's revision. */
  revid: number;
  /** The latest revision before the rollback (the last edit rolled back). */
  old_revid: number;
  /** The revision restored. */
  last_revid: number;
}

export interface MoveParams {
  from: string;
  to: string;
  reason?: string;
  noRedirect?: boolean;
  moveTalk?: boolean;
  tags?: string[];
}

export interface MoveResult {
  from: string;
  to: string;
  reason: string;
  redirectcreated: boolean;
  talkfrom?: string;
  talkto?: string;
  /** Why the talk page was not moved, when moveTalk was asked for and it could not be. */
  'talkmove-errors'?: { code: string; type: 'error' }[];
}

export interface DeleteParams {
  title?: string;
  pageId?: number;
  reason?: string;
  tags?: string[];
}

export interface DeleteResult {
  title: string;
  reason: string;
  logid: number;
}

export interface UndeleteParams {
  title: string;
  reason?: string;
  tags?: string[];
}

export interface UndeleteResult {
  title: string;
  revisions: number;
  fileversions: 0;
  reason: string;
}

/** `create` protects a title that has no page (MediaWiki's protected_titles). */
export type ProtectionType = 'edit' | 'move' | 'create';
export type ProtectionLevel = 'all' | 'autoconfirmed' | 'sysop';

export interface ProtectParams {
  title: string;
  protections: { type: ProtectionType; level: ProtectionLevel; expiry: number | null }[];
  reason?: string;
  tags?: string[];
}

export interface ProtectResult {
  title: string;
  reason: string;
  /** As ApiProtect: one entry per requested type, `{ edit: 'sysop', expiry: 'infinite' }`. */
  protections: Record<string, string>[];
}

export interface BlockParams {
  /** A user name, an IP address or a CIDR range. */
  target: string;
  /** Unix seconds, or null for an indefinite block. */
  expiry: number | null;
  reason?: string;
  /** An address or range block that spares logged-in users (default: it stops them too). */
  anonOnly?: boolean;
  noCreate?: boolean;
  noEmail?: boolean;
  /** MediaWiki's API default is false: the blocked user cannot edit their own talk page. */
  allowUserTalk?: boolean;
  reblock?: boolean;
  /** A partial block: it prevents nothing sitewide (restrictions are not stored yet). */
  partial?: boolean;
  tags?: string[];
}

export interface BlockResult {
  user: string;
  userID: number;
  expiry: string;
  id: number;
  reason: string;
  anononly: boolean;
  nocreate: boolean;
  autoblock: boolean;
  noemail: boolean;
  hidename: boolean;
  allowusertalk: boolean;
  watchuser: boolean;
  partial: boolean;
}

export interface UnblockParams {
  target?: string;
  blockId?: number;
  reason?: string;
  tags?: string[];
}

export interface UnblockResult {
  id: number;
  user: string;
  userid: number;
  reason: string;
}

export interface PatrolParams {
  rcId?: number;
  revId?: number;
  tags?: string[];
}

export interface PatrolResult {
  rcid: number;
  ns: number;
  title: string;
}
