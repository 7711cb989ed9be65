import type { Kysely, Migration } from 'kysely';
import type { SchemaDialect } from '../../../core/store/migrations/schema-dialect.ts';

/**
 * The suggested-edit task pool: one row per (wiki, task type, page) with the task's fixed random
 * rank (`rand`, 0 ≤ rand < 2³¹), walked in rank order from a per-request start so that a request's
 * random order is reproducible and its continuation stable; `task_topic` repeats each task under
 * each of its topics so that a topic filter is an index range too. `page_topic` holds each page's
 * topic weights (0–1, suggested-edits-reference.md §2.4 ids), from an imported `articletopic` file
 * (`source` 'import') or the wiki's category mapping ('categories').
 */
export function taskPoolMigration(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('task')
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('task_type', 'text', (c) => c.notNull())
        .addColumn('page_id', d.bigint, (c) => c.notNull())
        .addColumn('rand', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('task_pk', ['wiki', 'task_type', 'page_id'])
        .execute();
      await db.schema
        .createIndex('task_rand')
        .on('task')
        .columns(['wiki', 'task_type', 'rand', 'page_id'])
        .execute();
      await db.schema.createIndex('task_page').on('task').columns(['wiki', 'page_id']).execute();
      await db.schema
        .createTable('task_topic')
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('task_type', 'text', (c) => c.notNull())
        .addColumn('rand', 'integer', (c) => c.notNull())
        .addColumn('page_id', d.bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('task_topic_pk', ['wiki', 'topic', 'task_type', 'rand', 'page_id'])
        .execute();
      await db.schema.createIndex('task_topic_page').on('task_topic').columns(['wiki', 'page_id']).execute();
      await db.schema
        .createTable('page_topic')
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('page_id', d.bigint, (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('weight', 'double precision', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('page_topic_pk', ['wiki', 'page_id', 'topic'])
        .execute();
    },
  };
}
