import type { Kysely, Migration } from 'kysely';
import type { SchemaDialect } from '../../../core/store/migrations/schema-dialect.ts';

/**
 * The suggestion generator's tables: the level-2 sections of each page with the files used in
 * them (kept per revision, what section-level suggestions compare across languages), the tags a
 * task search reads (`recommendation.image`, `recommendation.image_section`: pages whose newest
 * dataset has article-level or section-level suggestions), and the state of full runs (resumable).
 */
export function suggestionGeneratorMigration(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('image_suggestion_sections')
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('page_id', d.bigint, (c) => c.notNull())
        .addColumn('rev_id', d.bigint, (c) => c.notNull())
        .addColumn('sections', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('image_suggestion_sections_pk', ['wiki', 'page_id'])
        .execute();
      await db.schema
        .createTable('image_suggestion_tag')
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('tag', 'text', (c) => c.notNull())
        .addColumn('page_id', d.bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('image_suggestion_tag_pk', ['wiki', 'tag', 'page_id'])
        .execute();
      await db.schema
        .createIndex('image_suggestion_tag_page')
        .on('image_suggestion_tag')
        .columns(['wiki', 'page_id'])
        .execute();
      await db.schema
        .createTable('image_suggestion_run')
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('dataset_id', 'text', (c) => c.notNull())
        .addColumn('started_at', d.bigint, (c) => c.notNull())
        .addColumn('after_page_id', d.bigint, (c) => c.notNull())
        .addColumn('pages_done', d.bigint, (c) => c.notNull())
        .addColumn('suggested_pages', d.bigint, (c) => c.notNull())
        .addColumn('suggestions', d.bigint, (c) => c.notNull())
        .addColumn('section_suggestions', d.bigint, (c) => c.notNull())
        .addColumn('finished_at', d.bigint)
        .addPrimaryKeyConstraint('image_suggestion_run_pk', ['wiki', 'dataset_id'])
        .execute();
    },
  };
}
