import type { Kysely, Migration } from 'kysely';
import { FILTER_COLUMNS, NAMESPACE_CREATED_INDEX, NAMESPACE_REVIEW_INDEX } from '../review-schema-facts.ts';

/**
 * Ordered indexes of a whole namespace. A list of every state and type would otherwise merge the
 * first rows of all eight (reviewed, redirect, nominated) buckets; through these it is one range
 * read, which also serves date ranges over the whole queue.
 */
export function reviewNamespaceOrderMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex(NAMESPACE_CREATED_INDEX)
        .on('review_page')
        .columns(['wiki', 'namespace', 'created_at', 'page_id', ...FILTER_COLUMNS])
        .execute();
      await db.schema
        .createIndex(NAMESPACE_REVIEW_INDEX)
        .on('review_page')
        .columns(['wiki', 'namespace', 'reviewed_updated', 'page_id', 'status', ...FILTER_COLUMNS])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex(NAMESPACE_REVIEW_INDEX).execute();
      await db.schema.dropIndex(NAMESPACE_CREATED_INDEX).execute();
    },
  };
}
