import type { Kysely, Migration } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/**
 * Watchlists (MediaWiki's watchlist with watchlist_expiry folded in): one row per user and watched
 * title — a subject page and its talk page are two rows, as WatchedItemStore writes them — with
 * its expiry (null: permanent) and the notification timestamp (the first edit by somebody else
 * since the user last saw the page; null: nothing new).
 */
export function watchlistMigration(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('watchlist')
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('user_id', d.bigint, (c) => c.notNull())
        .addColumn('namespace', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => d.codePointOrder(c).notNull())
        .addColumn('expiry', d.bigint)
        .addColumn('notification_timestamp', d.bigint)
        .addPrimaryKeyConstraint('watchlist_pk', ['wiki', 'user_id', 'namespace', 'title'])
        .execute();
      // Watchers of a title (inprop=watchers) and the notification update of an edit.
      await db.schema
        .createIndex('watchlist_title_idx')
        .on('watchlist')
        .columns(['wiki', 'namespace', 'title'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('watchlist').execute();
    },
  };
}
