import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration, type SqlBool } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/**
 * The review queue (review-queue-reference.md §1): one row per queued page with its metadata in
 * typed columns instead of the reference's tag/value table, so that each filter is a column test
 * and the list query walks an index in the requested order (see review-queue-repository.ts).
 *
 * `is_reviewed` (= status > 0), `is_redirect` and `nominated` form the "bucket" that leads the
 * ordered indexes: every type/state filter of §2.1 is a union of at most eight buckets, each an
 * equality prefix followed by the sort key, so each bucket is read in order and merged.
 */
export function reviewQueueMigration(d: SchemaDialect): Migration {
  const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
  const zero = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('review_page')
        .addColumn('wiki', 'text', notNull)
        .addColumn('page_id', d.bigint, notNull)
        .addColumn('namespace', 'integer', notNull)
        .addColumn('title', 'text', (c) => d.codePointOrder(c).notNull())
        .addColumn('is_redirect', 'integer', notNull)
        .addColumn('status', 'integer', notNull)
        .addColumn('is_reviewed', 'integer', notNull)
        .addColumn('nominated', 'integer', zero)
        .addColumn('created_at', d.bigint, notNull)
        .addColumn('reviewed_updated', d.bigint, notNull)
        .addColumn('tags_updated', d.bigint)
        .addColumn('last_reviewed_by', d.bigint, zero)
        .addColumn('reviewer_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('has_metadata', 'integer', zero)
        .addColumn('link_count', 'integer', zero)
        .addColumn('category_count', 'integer', zero)
        .addColumn('csd', 'integer', zero)
        .addColumn('prod', 'integer', zero)
        .addColumn('blp_prod', 'integer', zero)
        .addColumn('afd', 'integer', zero)
        .addColumn('rev_count', 'integer', zero)
        .addColumn('page_len', 'integer', zero)
        .addColumn('snippet', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('creator_id', d.bigint, zero)
        .addColumn('creator_name', 'text', (c) => d.codePointOrder(c).notNull().defaultTo(''))
        .addColumn('creator_editcount', 'integer', zero)
        .addColumn('creator_registration', d.bigint)
        .addColumn('creator_autoconfirmed', 'integer', zero)
        .addColumn('creator_experience', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('creator_bot', 'integer', zero)
        .addColumn('creator_autopatrol', 'integer', zero)
        .addColumn('creator_blocked', 'integer', zero)
        .addColumn('has_reference', 'integer', zero)
        .addColumn('afc_state', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('copyvio_rev_id', d.bigint)
        .addColumn('recreated', 'integer', zero)
        .addColumn('ores_articlequality', 'real')
        .addColumn('ores_draftquality', 'integer')
        .addPrimaryKeyConstraint('review_page_pk', ['wiki', 'page_id'])
        .execute();

      const ordered = ['wiki', 'namespace', 'is_reviewed', 'is_redirect', 'nominated'];
      // list (newestfirst/oldestfirst) per bucket; bucketStats counts.
      await db.schema
        .createIndex('review_page_bucket_created_idx')
        .on('review_page')
        .columns([...ordered, 'created_at', 'page_id'])
        .execute();
      // list (newestreview/oldestreview) per bucket; bucketStats oldest; countReviewedSince.
      await db.schema
        .createIndex('review_page_bucket_review_idx')
        .on('review_page')
        .columns([...ordered, 'reviewed_updated', 'page_id'])
        .execute();
      // Rare filters get partial indexes in creation order, so a filter matching a few pages out of
      // millions reads only those pages (the planner in review-queue-repository.ts picks them).
      const rare: [string, string][] = [
        ['blocked', 'creator_blocked = 1'],
        ['recreated', 'recreated = 1'],
        ['bot', 'creator_bot = 1'],
        ['copyvio', 'copyvio_rev_id IS NOT NULL'],
        ['learner', "creator_experience = 'learner'"],
        ['afc', 'afc_state > 1'],
      ];
      for (const [name, condition] of rare) {
        await db.schema
          .createIndex(`review_page_${name}_idx`)
          .on('review_page')
          .columns(['wiki', 'namespace', 'created_at', 'page_id'])
          .where(sql.raw<SqlBool>(condition))
          .execute();
      }
      // username filter, and setCreatorBlocked on block/unblock.
      await db.schema
        .createIndex('review_page_creator_idx')
        .on('review_page')
        .columns(['wiki', 'creator_name', 'namespace', 'created_at', 'page_id'])
        .execute();
      // scan(tagsUpdatedBefore): the user-metadata refresh job.
      await db.schema
        .createIndex('review_page_tags_updated_idx')
        .on('review_page')
        .columns(['wiki', 'tags_updated', 'page_id'])
        .execute();
      // scan(): maintenance keyset paging by creation.
      await db.schema
        .createIndex('review_page_created_idx')
        .on('review_page')
        .columns(['wiki', 'created_at', 'page_id'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('review_page').execute();
    },
  };
}
