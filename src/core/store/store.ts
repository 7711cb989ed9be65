import type {
  Block,
  LogEntry,
  MediaFile,
  Notification,
  Page,
  PageLinksData,
  PageRedirect,
  RecentChange,
  Revision,
  User,
  WikiInfo,
} from '../domain/wiki.ts';
import type { MigrationFactory } from './migrations/migration-provider.ts';
import type { SqlContext } from './sql/sql-context.ts';

/**
 * The one storage interface. Two backends implement it (store/sqlite, store/postgres) with the
 * same shared SQL (store/sql) and pass the same contract suite (test/contract). Nothing outside
 * `store/` knows which database it talks to.
 *
 * The store is a set of small repositories; services take only the ones they use. `transaction`
 * runs a function against a Store bound to one database transaction: everything it writes commits
 * together or not at all.
 */
export interface Store extends Repositories {
  readonly backend: 'sqlite' | 'postgres';
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /**
   * Applies pending migrations: the core's and `extra` (the subsystems'), in the order of their
   * names; safe to call on every start.
   */
  migrate(extra?: Readonly<Record<string, MigrationFactory>>): Promise<void>;
  /**
   * A subsystem's own repositories over this store's database, bound as the core ones are: a call
   * made inside `transaction` (in the same async context) runs in that transaction. Only a
   * subsystem's `store/` folder builds these (it is SQL); everything else receives the result.
   */
  repositories<R, DB = unknown>(make: (ctx: SqlContext<DB>) => R): R;
  close(): Promise<void>;
}

export interface Repositories {
  wikis: WikiRepository;
  ids: IdRepository;
  pages: PageRepository;
  revisions: RevisionRepository;
  archive: ArchiveRepository;
  users: UserRepository;
  blocks: BlockRepository;
  logs: LogRepository;
  recentChanges: RecentChangeRepository;
  changeTags: ChangeTagRepository;
  links: LinksRepository;
  restrictions: RestrictionRepository;
  redirects: RedirectRepository;
  media: MediaRepository;
  sessions: SessionRepository;
  throttles: ThrottleRepository;
  outbox: OutboxRepository;
  eventConsumers: EventConsumerRepository;
  jobs: JobRepository;
  schedules: ScheduleRepository;
  notifications: NotificationRepository;
  imports: ImportStateRepository;
}

export type SortDir = 'newer' | 'older';

export interface WikiRepository {
  list(): Promise<WikiInfo[]>;
  get(id: string): Promise<WikiInfo | undefined>;
  upsert(wiki: WikiInfo, now: number): Promise<void>;
}

export type IdKind = 'page' | 'revision' | 'user' | 'log' | 'rc' | 'block' | 'notification';

/** Per-wiki id allocation (MediaWiki ids are per wiki; imported ids are kept). */
export interface IdRepository {
  /** Allocates `count` consecutive ids and returns the first. */
  next(wiki: string, kind: IdKind, count?: number): Promise<number>;
  /** Makes sure future allocations are above `id` (after importing rows with their own ids). */
  ensureAbove(wiki: string, kind: IdKind, id: number): Promise<void>;
}

export interface PageRepository {
  getById(wiki: string, pageId: number): Promise<Page | undefined>;
  getByTitle(wiki: string, namespace: number, title: string): Promise<Page | undefined>;
  getManyByIds(wiki: string, pageIds: number[]): Promise<Page[]>;
  getManyByTitles(wiki: string, titles: { namespace: number; title: string }[]): Promise<Page[]>;
  /** Which of `titles` exist in any of `namespaces`, as namespace and title only (link colouring). */
  existingTitles(
    wiki: string,
    namespaces: number[],
    titles: string[],
  ): Promise<{ namespace: number; title: string }[]>;
  insert(page: Page): Promise<void>;
  /** Inserts or replaces many pages at once (dump import). */
  upsertMany(pages: Page[]): Promise<void>;
  update(
    wiki: string,
    pageId: number,
    changes: Partial<Pick<Page, 'latestRevId' | 'len' | 'isRedirect' | 'touchedAt' | 'namespace' | 'title'>>,
  ): Promise<void>;
  delete(wiki: string, pageId: number): Promise<void>;
  /** list=allpages: by title within a namespace. */
  list(
    wiki: string,
    q: {
      namespace: number;
      from?: string;
      to?: string;
      prefix?: string;
      redirects?: 'all' | 'redirects' | 'nonredirects';
      dir: 'ascending' | 'descending';
      limit: number;
    },
  ): Promise<Page[]>;
  count(wiki: string, namespace?: number): Promise<number>;
}

export interface RevisionRepository {
  get(wiki: string, revId: number): Promise<Revision | undefined>;
  insert(rev: Revision): Promise<void>;
  /** Inserts many revisions (imports); a revision whose id is already stored is left as it is. */
  insertMany(revs: Revision[]): Promise<void>;
  /** Revisions of a page, newest first by default, keyset-paged by (timestamp, rev_id). */
  listForPage(
    wiki: string,
    pageId: number,
    q: { dir: SortDir; limit: number; startId?: number; withText?: boolean },
  ): Promise<Revision[]>;
  /** The earliest revision by (timestamp, rev_id): the page's creation. */
  first(wiki: string, pageId: number): Promise<Revision | undefined>;
  /** Number of revisions of a page, counting at most `cap` (cheap for huge histories). */
  countForPage(wiki: string, pageId: number, cap: number): Promise<number>;
  /** Many revisions by id, with their text; unknown ids are absent. */
  getMany(wiki: string, revIds: number[]): Promise<Map<number, Revision>>;
  /**
   * The earliest revision (as `first`) of each stored page, by page id, text left out (''); pages
   * that are not stored or have no revision are absent.
   */
  firstMany(wiki: string, pageIds: number[]): Promise<Map<number, Revision>>;
  /** `countForPage` for each stored page, by page id; pages that are not stored are absent. */
  countForPages(wiki: string, pageIds: number[], cap: number): Promise<Map<number, number>>;
  /** Moves every revision of the page into the archive, tagged with the deletion log id. */
  archivePage(wiki: string, pageId: number, namespace: number, title: string, logId: number): Promise<number>;
}

export interface ArchiveRepository {
  /** Archived revisions for a title, oldest first. */
  listForTitle(wiki: string, namespace: number, title: string): Promise<Revision[]>;
  /** Removes the archived revisions of a title (after they were restored) and returns them. */
  takeForTitle(wiki: string, namespace: number, title: string): Promise<Revision[]>;
}

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
  setPasswordHash(wiki: string, userId: number, hash: string): Promise<void>;
  incrementEditCount(wiki: string, userId: number, by?: number): Promise<void>;
  /** Current (unexpired at `now`) groups. */
  groups(wiki: string, userId: number, now: number): Promise<string[]>;
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
  activeForAddress(wiki: string, address: string, now: number): Promise<Block | undefined>;
  delete(wiki: string, blockId: number): Promise<void>;
  get(wiki: string, blockId: number): Promise<Block | undefined>;
}

export interface LogQuery {
  type?: string;
  action?: string;
  actorName?: string;
  namespace?: number;
  title?: string;
  start?: number;
  end?: number;
  dir: SortDir;
  limit: number;
  /** Keyset continuation: (timestamp, log_id) of the last row seen. */
  after?: { timestamp: number; id: number };
}

export interface LogRepository {
  insert(entry: LogEntry): Promise<void>;
  get(wiki: string, logId: number): Promise<LogEntry | undefined>;
  list(wiki: string, q: LogQuery): Promise<LogEntry[]>;
  /** Whether a log entry of `type` with one of `actions` exists for the title (e.g. previous deletions). */
  exists(wiki: string, type: string, actions: string[], namespace: number, title: string): Promise<boolean>;
  /** `exists` for many titles at once: one answer per title, in the order given. */
  existsMany(
    wiki: string,
    type: string,
    actions: string[],
    titles: { namespace: number; title: string }[],
  ): Promise<boolean[]>;
}

export interface RecentChangeQuery {
  namespaces?: number[];
  types?: ('edit' | 'new' | 'log')[];
  actorName?: string;
  excludeActorName?: string;
  patrolled?: boolean;
  bot?: boolean;
  minor?: boolean;
  start?: number;
  end?: number;
  dir: SortDir;
  limit: number;
  after?: { timestamp: number; id: number };
}

export interface RecentChangeRepository {
  insert(rc: RecentChange): Promise<void>;
  get(wiki: string, rcId: number): Promise<RecentChange | undefined>;
  findByRevision(wiki: string, revId: number): Promise<RecentChange | undefined>;
  list(wiki: string, q: RecentChangeQuery): Promise<RecentChange[]>;
  setPatrolled(wiki: string, rcId: number, patrolled: 0 | 1 | 2): Promise<void>;
}

export interface ChangeTagRepository {
  add(wiki: string, tags: string[], target: { revId?: number; logId?: number; rcId?: number }): Promise<void>;
  forRevisions(wiki: string, revIds: number[]): Promise<Map<number, string[]>>;
  forLogs(wiki: string, logIds: number[]): Promise<Map<number, string[]>>;
  /** How many revisions of a page carry `tag` (e.g. talk-page feedback tagged `pagetriage`). */
  countForPage(wiki: string, pageId: number, tag: string): Promise<number>;
}

export interface LinksRepository {
  /** Replaces everything a page links to (LinksUpdate) in one go. */
  replaceForPage(wiki: string, pageId: number, fromNamespace: number, data: PageLinksData): Promise<void>;
  deleteForPage(wiki: string, pageId: number): Promise<void>;
  getForPage(wiki: string, pageId: number): Promise<PageLinksData>;
  /** Inbound links to a title, counting at most `cap`; `fromNamespace` restricts the source pages. */
  countInbound(
    wiki: string,
    namespace: number,
    title: string,
    q: { fromNamespace?: number; cap: number },
  ): Promise<number>;
  /**
   * `countInbound` to the current title of each stored page, by page id; pages that are not stored
   * are absent.
   */
  countInboundForPages(
    wiki: string,
    pageIds: number[],
    q: { fromNamespace?: number; cap: number },
  ): Promise<Map<number, number>>;
  /** Categories of many pages at once. */
  categoriesOf(wiki: string, pageIds: number[]): Promise<Map<number, string[]>>;
  /** Page ids in a category (DB key), up to `limit`. */
  pagesInCategory(wiki: string, category: string, limit: number): Promise<number[]>;
  langlinksOf(wiki: string, pageIds: number[]): Promise<Map<number, { lang: string; title: string }[]>>;
  /** Pages of `wiki` whose interlanguage link points at (lang, title). */
  pagesWithLanglink(wiki: string, lang: string, title: string): Promise<number[]>;
  pageProps(wiki: string, pageIds: number[], names?: string[]): Promise<Map<number, Record<string, string>>>;
  /** Pages that link to / transclude / use the given targets (for dependent updates). */
  pagesLinkingTo(wiki: string, namespace: number, title: string, limit: number): Promise<number[]>;
}

/**
 * Where redirect pages point (MediaWiki's `redirect` table). The wiki source writes a page's row in
 * the transaction that writes the page (save, undelete, import) and removes it with the page, so
 * readers (`redirects=1`, pagetriagelist's `redirect_target`) never parse revision text.
 */
export interface RedirectRepository {
  /** The stored target of each of `pageIds` that is a redirect, by page id; other pages are absent. */
  getMany(wiki: string, pageIds: number[]): Promise<Map<number, PageRedirect>>;
  /** Records where each page points, replacing its stored row; a null target removes the row. */
  setMany(wiki: string, entries: { pageId: number; target: PageRedirect | null }[]): Promise<void>;
}

export interface RestrictionRepository {
  get(
    wiki: string,
    pageId: number,
    now: number,
  ): Promise<{ type: string; level: string; expiry: number | null }[]>;
  set(wiki: string, pageId: number, type: string, level: string | null, expiry: number | null): Promise<void>;
}

export interface MediaRepository {
  upsertMany(files: MediaFile[]): Promise<void>;
  getMany(repo: string, names: string[]): Promise<MediaFile[]>;
}

export interface AuthSession {
  id: string;
  wiki: string;
  userId: number;
  csrfSecret: string;
  appId: string;
  createdAt: number;
  expiresAt: number;
}

export interface SessionRepository {
  insert(session: AuthSession): Promise<void>;
  get(sessionId: string, now: number): Promise<AuthSession | undefined>;
  delete(sessionId: string): Promise<void>;
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

export interface OutboxEvent {
  id: number;
  wiki: string;
  stream: string;
  payload: Record<string, unknown>;
  createdAt: number;
}

/**
 * The event log (transactional outbox): every change appends its events in its own transaction,
 * and consumers read the log in order from their own position (EventConsumerRepository). An
 * event's id is its log position.
 */
export interface OutboxRepository {
  /**
   * Appends an event. Inside a transaction it is written when the transaction commits (dropped
   * with it, or with its savepoint), under a lock that makes events become visible in the order of
   * their ids: a reader that sees position n will never later see a new event below n.
   */
  append(wiki: string, stream: string, payload: Record<string, unknown>, now: number): Promise<void>;
  /**
   * Up to `limit` events after `position`, oldest first; only those of `streams` when given. Over
   * the primary key:
   *   SELECT * FROM outbox WHERE event_id > ? [AND stream IN (…)] ORDER BY event_id LIMIT n
   */
  readAfter(position: number, limit: number, streams?: readonly string[]): Promise<OutboxEvent[]>;
  /** The position of the last event (0 when the log is empty). */
  head(): Promise<number>;
  /** The position just before the first event created at or after `time` (outbox_created_idx). */
  positionBefore(time: number): Promise<number>;
  /** How many events there are after `position`. */
  countAfter(position: number): Promise<number>;
  /**
   * Deletes up to `limit` of the oldest events at or before `position` that were created before
   * `createdBefore`; returns how many it deleted.
   */
  deleteDelivered(position: number, createdBefore: number, limit: number): Promise<number>;
}

/** A reader of the event log: its name and the last position it has passed. */
export interface EventConsumer {
  name: string;
  position: number;
  updatedAt: number;
  leasedBy: string | null;
  leasedUntil: number | null;
}

/** An event a consumer's target refused for good (recorded, then passed). */
export interface EventRejection {
  consumer: string;
  eventId: number;
  stream: string;
  reason: string;
  rejectedAt: number;
}

/** Consumers' cursors over the event log (migration 006-event-consumers). */
export interface EventConsumerRepository {
  /** Creates `name`'s cursor at `position` unless it exists; returns the cursor as stored. */
  ensure(name: string, position: number, now: number): Promise<EventConsumer>;
  get(name: string): Promise<EventConsumer | undefined>;
  list(): Promise<EventConsumer[]>;
  /**
   * The cursor, locked until the transaction ends (PostgreSQL: SELECT … FOR UPDATE; SQLite's write
   * transactions exclude each other already), so that consumers of one name take turns: read,
   * act and advance in one transaction and no two hand out the same event.
   */
  lock(name: string): Promise<EventConsumer | undefined>;
  /** Moves the cursor forward to `position` (never back). */
  advance(name: string, position: number, now: number): Promise<void>;
  /**
   * Leases the cursor to `holder` until `until` when no one else holds an unexpired lease; returns
   * whether `holder` holds it now. For consumers that deliver outside a transaction (HTTP).
   */
  lease(name: string, holder: string, until: number, now: number): Promise<boolean>;
  /**
   * Advances to `position` (when given) and releases the lease, only while `holder` still holds
   * it; returns false when the lease was lost (expired and taken by another holder).
   */
  release(name: string, holder: string, position: number | undefined, now: number): Promise<boolean>;
  recordRejections(rejections: readonly Omit<EventRejection, 'rejectedAt'>[], now: number): Promise<void>;
  rejections(consumer: string, limit: number): Promise<EventRejection[]>;
}

export interface NewJob {
  type: string;
  wiki: string;
  payload: Record<string, unknown>;
  /** Coalesces with a queued job of the same key (the new one is dropped). */
  dedupeKey?: string;
  runAfter?: number;
  maxAttempts?: number;
}

export interface Job {
  id: number;
  type: string;
  wiki: string;
  payload: Record<string, unknown>;
  dedupeKey: string | null;
  status: 'queued' | 'running' | 'done' | 'dead';
  attempts: number;
  maxAttempts: number;
  runAfter: number;
  lastError: string | null;
  createdAt: number;
}

export interface JobRepository {
  /** Returns the new job id, or null when it was coalesced into a queued duplicate. */
  enqueue(job: NewJob, now: number): Promise<number | null>;
  enqueueMany(jobs: NewJob[], now: number): Promise<void>;
  /**
   * Claims up to `limit` runnable jobs (queued and due, or running with an expired lease) for
   * `worker`, leasing them until now+leaseSeconds, and counts the attempt. A running job whose
   * lease expired with no attempts left becomes dead instead. PostgreSQL uses FOR UPDATE SKIP LOCKED.
   */
  claim(worker: string, limit: number, now: number, leaseSeconds: number, types?: string[]): Promise<Job[]>;
  /**
   * Extends the lease of a job `worker` is running to `until`; false when the job is no longer
   * running under `worker` (its lease expired and another runner took it, or it ended).
   */
  renewLease(jobId: number, worker: string, until: number): Promise<boolean>;
  /** Whether a job with `dedupeKey` is queued or running. */
  hasUnfinished(dedupeKey: string): Promise<boolean>;
  complete(jobId: number, now: number): Promise<void>;
  /** Records a failed attempt (counted by claim): back to queued at `retryAt`, or dead when attempts reached max. */
  fail(jobId: number, error: string, now: number, retryAt: number): Promise<'retry' | 'dead'>;
  countByStatus(): Promise<Record<string, number>>;
  list(q: { status?: string; type?: string; limit: number }): Promise<Job[]>;
  /** Puts dead jobs back in the queue (all, or the given ids); returns how many. */
  retryDead(now: number, jobIds?: number[]): Promise<number>;
  /** Deletes finished jobs older than `before`. */
  purgeDone(before: number): Promise<number>;
}

/** A recurring task's schedule: one per task and wiki, or one per task when it is shared (wiki ''). */
export interface Schedule {
  owner: string;
  task: string;
  wiki: string;
  nextRunAt: number;
  /** Due time of the latest finished run, and when it finished; null before the first. */
  finishedDue: number | null;
  finishedAt: number | null;
}

export type ScheduleId = Pick<Schedule, 'owner' | 'task' | 'wiki'>;

/**
 * Schedules of recurring tasks. A due schedule is taken by moving its due time on with a
 * conditional update (`advance`), so of several processes taking it at once exactly one succeeds.
 */
export interface ScheduleRepository {
  /** Creates the schedules that do not exist yet; an existing one keeps its due time. */
  addMissing(schedules: (ScheduleId & { nextRunAt: number })[]): Promise<void>;
  /**
   * Schedules due at `now`, earliest first, locked until the transaction ends where the database
   * can (PostgreSQL: FOR UPDATE SKIP LOCKED: one that another process is taking is skipped).
   */
  claimDue(now: number, limit: number): Promise<Schedule[]>;
  /** Moves a schedule due at `due` to `next`; false when it is no longer due at `due` (taken). */
  advance(id: ScheduleId, due: number, next: number): Promise<boolean>;
  /**
   * Records that the run due at `due` finished at `now`; false, changing nothing, when a run due
   * at `due` or later had been recorded already.
   */
  recordFinished(id: ScheduleId, due: number, now: number): Promise<boolean>;
  get(id: ScheduleId): Promise<Schedule | undefined>;
  /** The earliest due time later than `now`, if any. */
  nextDueAfter(now: number): Promise<number | undefined>;
  /** Every schedule, by owner, task and wiki. */
  list(): Promise<Schedule[]>;
}

export interface NotificationRepository {
  insert(n: Notification): Promise<void>;
  listForUser(
    wiki: string,
    userId: number,
    q: { unreadOnly?: boolean; limit: number; beforeId?: number },
  ): Promise<Notification[]>;
  markRead(wiki: string, userId: number, ids: number[] | 'all', now: number): Promise<void>;
  countUnread(wiki: string, userId: number): Promise<number>;
}

export interface ImportState {
  sourceKey: string;
  wiki: string;
  pagesDone: number;
  revisionsDone: number;
  startedAt: number;
  finishedAt: number | null;
}

export interface ImportStateRepository {
  get(sourceKey: string): Promise<ImportState | undefined>;
  save(state: ImportState): Promise<void>;
}
