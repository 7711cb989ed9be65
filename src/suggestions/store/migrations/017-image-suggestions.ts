import type { Kysely, Migration } from 'kysely';
import type { SchemaDialect } from '../../../core/store/migrations/schema-dialect.ts';

/**
 * The image suggestion store (image-suggestions-and-page-queue.md §1): the gateway's four tables,
 * with the Cassandra partition and clustering keys as primary keys. Sets are JSON arrays in text.
 * `image_suggestion.dataset_time` is the time of the dataset id (a v1 UUID's text does not sort by
 * time), so the newest dataset of a page is found on the primary key's (wiki, page_id) prefix and
 * `image_suggestion_dataset` (wiki, page_id, dataset_time, dataset_id).
 */
export function imageSuggestionsMigration(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('image_suggestion')
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('page_id', d.bigint, (c) => c.notNull())
        .addColumn('dataset_id', 'text', (c) => c.notNull())
        .addColumn('dataset_time', d.bigint, (c) => c.notNull())
        .addColumn('image', 'text', (c) => c.notNull())
        .addColumn('origin_wiki', 'text', (c) => c.notNull())
        .addColumn('confidence', 'double precision', (c) => c.notNull())
        .addColumn('found_on', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('page_rev', d.bigint)
        .addColumn('section_heading', 'text')
        .addColumn('section_index', 'integer')
        .addColumn('page_qid', 'text')
        .addPrimaryKeyConstraint('image_suggestion_pk', ['wiki', 'page_id', 'dataset_id', 'image'])
        .execute();
      await db.schema
        .createIndex('image_suggestion_dataset')
        .on('image_suggestion')
        .columns(['wiki', 'page_id', 'dataset_time', 'dataset_id'])
        .execute();
      await db.schema
        .createTable('image_suggestion_feedback')
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('page_id', d.bigint, (c) => c.notNull())
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('origin_wiki', 'text', (c) => c.notNull())
        .addColumn('user_id', d.bigint, (c) => c.notNull())
        .addColumn('is_accepted', 'integer', (c) => c.notNull())
        .addColumn('is_rejected', 'integer', (c) => c.notNull())
        .addColumn('rejection_reasons', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('image_suggestion_feedback_pk', ['wiki', 'page_id', 'filename', 'id'])
        .execute();
      await db.schema
        .createTable('image_suggestion_title_cache')
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('page_id', d.bigint, (c) => c.notNull())
        .addColumn('page_rev', d.bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('image_suggestion_title_cache_pk', ['wiki', 'title'])
        .execute();
      await db.schema
        .createTable('image_suggestion_instanceof_cache')
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('page_id', d.bigint, (c) => c.notNull())
        .addColumn('page_rev', d.bigint, (c) => c.notNull())
        .addColumn('instance_of', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('image_suggestion_instanceof_cache_pk', ['wiki', 'page_id'])
        .execute();
    },
  };
}
