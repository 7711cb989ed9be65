import { AsyncLocalStorage } from 'node:async_hooks';
import { Migrator, type ControlledTransaction, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../../domain/clock.ts';
import { storeMigrations, type MigrationFactory } from '../migrations/migration-provider.ts';
import type { SchemaDialect } from '../migrations/schema-dialect.ts';
import type { Database } from '../schema.ts';
import type { Repositories, Store } from '../store.ts';
import { SqlArchiveRepository } from './archive-repository.ts';
import { SqlBlockRepository } from './block-repository.ts';
import { SqlChangeTagRepository } from './change-tag-repository.ts';
import type { DialectQueries } from './dialect-queries.ts';
import { SqlEventConsumerRepository } from './event-consumer-repository.ts';
import { SqlIdRepository } from './id-repository.ts';
import { SqlImportStateRepository } from './import-state-repository.ts';
import { SqlJobRepository } from './job-repository.ts';
import { SqlLinksRepository } from './links-repository.ts';
import { SqlSearchIndexRepository } from './search-index-repository.ts';
import { SqlLogRepository } from './log-repository.ts';
import { SqlMediaRepository } from './media-repository.ts';
import { SqlNotificationRepository } from './notification-repository.ts';
import { SqlOutboxRepository, type PendingEvent } from './outbox-repository.ts';
import { SqlPageRepository } from './page-repository.ts';
import { SqlRecentChangeRepository } from './recent-change-repository.ts';
import { SqlRedirectRepository } from './redirect-repository.ts';
import { SqlWatchlistRepository } from './watchlist-repository.ts';
import { SqlProtectedTitleRepository } from './protected-title-repository.ts';
import { SqlRestrictionRepository } from './restriction-repository.ts';
import { SqlRevisionRepository } from './revision-repository.ts';
import { SqlScheduleRepository } from './schedule-repository.ts';
import type { SqlContext } from './sql-context.ts';
import { SqlSessionRepository } from './session-repository.ts';
import { SqlThrottleRepository } from './throttle-repository.ts';
import { SqlUserRepository } from './user-repository.ts';
import { SqlWikiRepository } from './wiki-repository.ts';

export type StoreLogger = Pick<Logger, 'info' | 'error'>;

export interface SqlStoreParts {
  backend: Store['backend'];
  db: Kysely<Database>;
  queries: DialectQueries;
  schema: SchemaDialect;
  clock: Clock;
  /** Where Kysely keeps its migration bookkeeping (PostgreSQL schema); the default otherwise. */
  migrationTableSchema?: string;
  logger?: StoreLogger;
  /** Runs when the store closes, before its database connection does. */
  beforeClose?: () => Promise<void>;
}

interface OpenTransaction {
  trx: ControlledTransaction<Database, string[]>;
  repos: Repositories;
  /** Events appended so far, written right before the commit (outbox-repository.ts). */
  pending: PendingEvent[];
  outbox: SqlOutboxRepository;
  /** What `afterCommit` was given inside the transaction, run once it commits. */
  committed: (() => void)[];
  open: boolean;
  savepoints: number;
}

/**
 * The Store over one Kysely database; the backends differ only in the parts they pass in.
 *
 * Transactions: `transaction(work)` runs `work` on repositories bound to one database transaction
 * (BEGIN IMMEDIATE on SQLite) and commits when it resolves, rolls back when it throws. While it
 * runs, the async context remembers it, so that code reached from `work` which holds the Store
 * rather than `tx` joins it instead of deadlocking on SQLite's single connection or reading around
 * it on PostgreSQL: the Store's own repositories run in the open transaction, and a nested
 * `transaction` call becomes a savepoint (its throw undoes only its own writes). Events appended
 * in a transaction are written last, right before the commit (outbox-repository.ts); `afterCommit`
 * actions run right after it, and not at all when it (or their savepoint) rolls back.
 */
export function createSqlStore(parts: SqlStoreParts): Store {
  const active = new AsyncLocalStorage<OpenTransaction>();
  const current = (): OpenTransaction | undefined => {
    const t = active.getStore();
    return t?.open ? t : undefined;
  };
  const context = <DB = Database>(db: () => Kysely<DB>): SqlContext<DB> => ({
    db,
    dialect: parts.queries,
    clock: parts.clock,
  });
  const root = createRepositories(
    context(() => current()?.trx ?? parts.db),
    () => current()?.pending,
  ).repos;

  async function nested<T>(t: OpenTransaction, work: (tx: Repositories) => Promise<T>): Promise<T> {
    const name = `wq_sp_${++t.savepoints}`;
    const appended = t.pending.length;
    const registered = t.committed.length;
    await t.trx.savepoint(name).execute();
    try {
      const result = await work(t.repos);
      await t.trx.releaseSavepoint(name).execute();
      return result;
    } catch (e) {
      await t.trx.rollbackToSavepoint(name).execute();
      t.pending.length = appended;
      t.committed.length = registered;
      throw e;
    }
  }

  return {
    backend: parts.backend,
    ...root,

    async transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
      const outer = current();
      if (outer) return nested(outer, work);
      const trx = (await parts.db.startTransaction().execute()) as ControlledTransaction<Database, string[]>;
      const pending: PendingEvent[] = [];
      const { repos, outbox } = createRepositories(
        context<Database>(() => trx),
        () => pending,
      );
      const t: OpenTransaction = { trx, repos, pending, outbox, committed: [], open: true, savepoints: 0 };
      let result: T;
      try {
        result = await active.run(t, async () => {
          const value = await work(t.repos);
          await t.outbox.write(t.pending);
          return value;
        });
      } catch (e) {
        t.open = false;
        try {
          await trx.rollback().execute();
        } catch (rollbackError) {
          parts.logger?.error({ err: rollbackError }, 'store: rollback failed');
        }
        throw e;
      }
      t.open = false;
      await trx.commit().execute();
      for (const action of t.committed) runCommitted(action, parts.logger);
      return result;
    },

    afterCommit(action: () => void): void {
      const t = current();
      if (t) t.committed.push(action);
      else runCommitted(action, parts.logger);
    },

    repositories<R, DB = unknown>(make: (ctx: SqlContext<DB>) => R): R {
      return make(context(() => (current()?.trx ?? parts.db) as unknown as Kysely<DB>));
    },

    async migrate(extra: Readonly<Record<string, MigrationFactory>> = {}): Promise<void> {
      const migrator = new Migrator({
        db: parts.db,
        provider: storeMigrations(parts.schema, extra),
        migrationTableSchema: parts.migrationTableSchema,
      });
      for (let attempt = 1; ; attempt++) {
        const { error, results } = await migrator.migrateToLatest();
        for (const r of results ?? []) {
          if (r.status === 'Success')
            parts.logger?.info({ migration: r.migrationName }, 'store: migration applied');
          if (r.status === 'Error')
            parts.logger?.error({ migration: r.migrationName }, 'store: migration failed');
        }
        if (!error) return;
        // Kysely's migrator lists every table of the database before migrating; on PostgreSQL that
        // listing fails when another schema or its tables are dropped at the same moment (tests
        // drop theirs concurrently). Nothing was applied then, so trying again is safe.
        if (attempt < 5 && isConcurrentSchemaDrop(error)) continue;
        throw error instanceof Error ? error : new Error(String(error));
      }
    },

    async close(): Promise<void> {
      await parts.beforeClose?.();
      await parts.db.destroy();
    },
  };
}

/** An `afterCommit` action: its failure is logged, not thrown (the transaction has committed). */
function runCommitted(action: () => void, logger: StoreLogger | undefined): void {
  try {
    action();
  } catch (err) {
    logger?.error({ err }, 'store: an after-commit action failed');
  }
}

function createRepositories(
  ctx: SqlContext,
  pending: () => PendingEvent[] | undefined,
): { repos: Repositories; outbox: SqlOutboxRepository } {
  const changeTags = new SqlChangeTagRepository(ctx);
  const outbox = new SqlOutboxRepository(ctx, pending);
  const repos: Repositories = {
    wikis: new SqlWikiRepository(ctx),
    ids: new SqlIdRepository(ctx),
    pages: new SqlPageRepository(ctx),
    revisions: new SqlRevisionRepository(ctx),
    archive: new SqlArchiveRepository(ctx),
    users: new SqlUserRepository(ctx),
    blocks: new SqlBlockRepository(ctx),
    logs: new SqlLogRepository(ctx, changeTags),
    recentChanges: new SqlRecentChangeRepository(ctx, changeTags),
    changeTags,
    links: new SqlLinksRepository(ctx),
    restrictions: new SqlRestrictionRepository(ctx),
    protectedTitles: new SqlProtectedTitleRepository(ctx),
    redirects: new SqlRedirectRepository(ctx),
    searchIndex: new SqlSearchIndexRepository(ctx),
    media: new SqlMediaRepository(ctx),
    sessions: new SqlSessionRepository(ctx),
    throttles: new SqlThrottleRepository(ctx),
    outbox,
    eventConsumers: new SqlEventConsumerRepository(ctx),
    jobs: new SqlJobRepository(ctx),
    schedules: new SqlScheduleRepository(ctx),
    notifications: new SqlNotificationRepository(ctx),
    imports: new SqlImportStateRepository(ctx),
    watchlist: new SqlWatchlistRepository(ctx),
  };
  return { repos, outbox };
}

/** The listing's errors when a schema, or a table of it, disappears between two of its reads. */
function isConcurrentSchemaDrop(error: unknown): boolean {
  // The listing's pg_get_serial_sequence looks each column up again, so a column of a table being
  // dropped may be missing as well.
  return (
    error instanceof Error &&
    /^((schema|relation) ".+"|column ".+" of relation ".+") does not exist$/.test(error.message)
  );
}
