import type { MigrationFactory } from './migrations/migration-provider.ts';
import type { EventConsumerRepository, OutboxRepository } from './repositories/event-log.ts';
import type { ImportStateRepository } from './repositories/import-state.ts';
import type { JobRepository, ScheduleRepository } from './repositories/jobs-and-schedules.ts';
import type { LinksRepository, MediaRepository, RedirectRepository } from './repositories/links-and-media.ts';
import type {
  ChangeTagRepository,
  LogRepository,
  RecentChangeRepository,
} from './repositories/logs-and-changes.ts';
import type { NotificationRepository } from './repositories/notifications.ts';
import type {
  ArchiveRepository,
  PageRepository,
  ProtectedTitleRepository,
  RestrictionRepository,
  RevisionRepository,
} from './repositories/pages-and-revisions.ts';
import type {
  BlockRepository,
  SessionRepository,
  ThrottleRepository,
  UserRepository,
} from './repositories/users-and-sessions.ts';
import type { SearchIndexRepository } from './repositories/search-index.ts';
import type { WatchlistRepository } from './repositories/watchlist.ts';
import type { IdRepository, WikiRepository } from './repositories/wikis-and-ids.ts';
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
   * Runs `action` once the transaction running in this async context has committed (at once when
   * none is), and never if it rolls back: for what must follow a write only once others can read
   * it, such as dropping a process's cached copy of it. Synchronous; its failure is logged.
   */
  afterCommit(action: () => void): void;
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

/**
 * Every core repository, by the name services reach it under. The interfaces and their row types
 * live in `repositories/`, one file per concept (pages and revisions, users and sessions, logs and
 * changes, links and media, the event log, jobs and schedules, …); their SQL in `sql/`.
 */
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
  protectedTitles: ProtectedTitleRepository;
  redirects: RedirectRepository;
  searchIndex: SearchIndexRepository;
  media: MediaRepository;
  sessions: SessionRepository;
  throttles: ThrottleRepository;
  outbox: OutboxRepository;
  eventConsumers: EventConsumerRepository;
  jobs: JobRepository;
  schedules: ScheduleRepository;
  notifications: NotificationRepository;
  imports: ImportStateRepository;
  watchlist: WatchlistRepository;
}
