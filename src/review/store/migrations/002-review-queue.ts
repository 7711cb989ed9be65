import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration, type SqlBool } from 'kysely';
import type { SchemaDialect } from '../../../core/store/migrations/schema-dialect.ts';
import { RARE_FILTER_INDEXES, SNIPPET_INDEX } from '../review-schema-facts.ts';

/**
 * The groups of `review_queue_count`: each is a column of the counter and the expression over a
 * review_page row that it counts. Stats and the list planner read counts of buckets and of every
 * boolean filter from it instead of counting millions of rows; a filter made of these conditions
 * alone is counted exactly. The flags are correlated (bots are autoconfirmed, autopatrollers
 * experienced, redirects unreferenced), so a namespace holds a few hundred to a few thousand groups.
 */
const COUNTED_GROUPS: { column: string; expression: (row: string) => string }[] = [
  ...[
    'wiki',
    'namespace',
    'status',
    'is_redirect',
    'nominated',
    'afc_state',
    'creator_blocked',
    'recreated',
    'creator_bot',
  ].map((column) => ({ column, expression: (row: string) => `${row}.${column}` })),
  { column: 'copyvio', expression: (row) => `(case when ${row}.copyvio_rev_id is null then 0 else 1 end)` },
  {
    column: 'learner',
    expression: (row) => `(case when ${row}.creator_experience = 'learner' then 1 else 0 end)`,
  },
  { column: 'creator_autoconfirmed', expression: (row) => `${row}.creator_autoconfirmed` },
  { column: 'creator_autopatrol', expression: (row) => `${row}.creator_autopatrol` },
  { column: 'no_category', expression: (row) => `(case when ${row}.category_count = 0 then 1 else 0 end)` },
  { column: 'unreferenced', expression: (row) => `(case when ${row}.has_reference = 0 then 1 else 0 end)` },
  { column: 'no_inbound_links', expression: (row) => `(case when ${row}.link_count = 0 then 1 else 0 end)` },
];

/**
 * The review queue (review-queue-reference.md §1): one row per queued page with its metadata in
 * typed columns instead of the reference's tag/value table, so that each filter is a column test
 * and the list query walks an index in the requested order (see review-queue-repository.ts).
 *
 * `is_reviewed` (= status > 0), `is_redirect` and `nominated` form the "bucket" that leads the
 * ordered indexes: every type/state filter of §2.1 is a union of at most eight buckets, each an
 * equality prefix followed by the sort key, so each bucket is read in order and merged. Rare
 * filters, the creator and the snippet have indexes of their own that the planner drives from when
 * they select fewer rows; `review_queue_count` keeps the row counts it plans with.
 */
export function reviewQueueMigration(d: SchemaDialect): Migration {
  const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
  const zero = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('review_page')
        .addColumn('queue_id', d.serial, (c) => d.serialPrimaryKey(c))
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
        .addUniqueConstraint('review_page_key', ['wiki', 'page_id'])
        .execute();

      const ordered = ['wiki', 'namespace', 'is_reviewed', 'is_redirect', 'nominated'];
      // list (newestfirst/oldestfirst) per bucket.
      await db.schema
        .createIndex('review_page_bucket_created_idx')
        .on('review_page')
        .columns([...ordered, 'created_at', 'page_id'])
        .execute();
      // list (newestreview/oldestreview) per bucket; bucketStats oldest; countReviewedSince (status
      // last, so that the count reads the index alone).
      await db.schema
        .createIndex('review_page_bucket_review_idx')
        .on('review_page')
        .columns([...ordered, 'reviewed_updated', 'page_id', 'status'])
        .execute();
      for (const [name, condition] of Object.entries(RARE_FILTER_INDEXES)) {
        await db.schema
          .createIndex(`review_page_${name}_idx`)
          .on('review_page')
          .columns(['wiki', 'namespace', ...(name === 'afc' ? ['afc_state'] : []), 'created_at', 'page_id'])
          .where(sql.raw<SqlBool>(condition))
          .execute();
      }
      // bucketStats oldest of the AfC states (unrevieweddraft).
      await db.schema
        .createIndex('review_page_afc_review_idx')
        .on('review_page')
        .columns(['wiki', 'namespace', 'afc_state', 'reviewed_updated'])
        .where(sql.raw<SqlBool>(RARE_FILTER_INDEXES.afc))
        .execute();
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
      // keyword filter.
      await d.createSubstringIndex(db, {
        name: SNIPPET_INDEX,
        table: 'review_page',
        key: 'queue_id',
        column: 'snippet',
      });

      let counter = db.schema.createTable('review_queue_count').addColumn('wiki', 'text', notNull);
      for (const g of COUNTED_GROUPS.slice(1)) counter = counter.addColumn(g.column, 'integer', notNull);
      await counter
        .addColumn('n', d.bigint, notNull)
        .addPrimaryKeyConstraint('review_queue_count_pk', COUNTED_GROUPS.map((g) => g.column) as never)
        .execute();
      await d.createGroupCounter(db, {
        counter: 'review_queue_count',
        table: 'review_page',
        groups: COUNTED_GROUPS,
      });
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('review_queue_count').execute();
      await db.schema.dropTable('review_page').execute();
    },
  };
}
