import { sql, type Kysely, type Migration } from 'kysely';
import type { SchemaDialect } from '../../../core/store/migrations/schema-dialect.ts';

/**
 * The lead-image page queue (image-suggestions-and-page-queue.md §3): the queued pages of each
 * wiki with their importance and lease, walked from the most important down (`page_queue_order`,
 * scanned backwards: importance descending, then page id descending); the lease keeps a page
 * handed to one contributor from being handed to another; the pages a contributor skipped; the page
 * views imported from the public pageview dumps (`page_view`), summed per import in
 * `page_view_import` before they replace the wiki's counts; the state of full builds (resumable).
 * Times are Unix milliseconds.
 */
export function pageQueueMigration(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('page_queue')
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('page_id', d.bigint, (c) => c.notNull())
        .addColumn('importance', d.bigint, (c) => c.notNull())
        .addColumn('built_at', d.bigint, (c) => c.notNull())
        // The page's lease: who holds it ('' for no one) until when; the client address of an
        // anonymous holder ('' for an account), whose live leases are capped per address.
        .addColumn('holder', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('leased_at', d.bigint, (c) => c.notNull().defaultTo(0))
        .addColumn('leased_until', d.bigint, (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('page_queue_pk', ['wiki', 'page_id'])
        .execute();
      // The walk: importance descending, the lease read from the index entry (a walk steps over
      // the leased pages at the top of the queue without reading their rows).
      await db.schema
        .createIndex('page_queue_order')
        .on('page_queue')
        .columns(['wiki', 'importance', 'page_id', 'leased_until', 'holder'])
        .execute();
      await db.schema
        .createIndex('page_queue_built')
        .on('page_queue')
        .columns(['wiki', 'built_at', 'page_id'])
        .execute();
      // Leased pages only (most pages are not leased): a holder's leases, and an address's.
      await db.schema
        .createIndex('page_queue_holder')
        .on('page_queue')
        .columns(['wiki', 'holder', 'leased_at'])
        .where(sql.ref('holder'), '<>', '')
        .execute();
      await db.schema
        .createIndex('page_queue_address')
        .on('page_queue')
        .columns(['address', 'leased_until'])
        .where(sql.ref('address'), '<>', '')
        .execute();

      await db.schema
        .createTable('page_queue_skip')
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('page_id', d.bigint, (c) => c.notNull())
        .addColumn('until', d.bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('page_queue_skip_pk', ['wiki', 'holder', 'page_id'])
        .execute();
      await db.schema
        .createIndex('page_queue_skip_expiry')
        .on('page_queue_skip')
        .columns(['until'])
        .execute();

      await db.schema
        .createTable('page_view')
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('page_id', d.bigint, (c) => c.notNull())
        .addColumn('views', d.bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('page_view_pk', ['wiki', 'page_id'])
        .execute();
      await db.schema
        .createTable('page_view_import')
        .addColumn('import_key', 'text', (c) => c.notNull())
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('page_id', d.bigint, (c) => c.notNull())
        .addColumn('views', d.bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('page_view_import_pk', ['import_key', 'wiki', 'page_id'])
        .execute();

      await db.schema
        .createTable('page_queue_build')
        .addColumn('wiki', 'text', (c) => c.notNull().primaryKey())
        .addColumn('started_at', d.bigint, (c) => c.notNull())
        .addColumn('after_page_id', d.bigint, (c) => c.notNull())
        .addColumn('pages', d.bigint, (c) => c.notNull())
        .addColumn('queued', d.bigint, (c) => c.notNull())
        .addColumn('finished_at', d.bigint)
        .execute();
    },
  };
}
