import type { Kysely, Migration } from 'kysely';
import type { SchemaDialect } from '../../../core/store/migrations/schema-dialect.ts';

/**
 * Tasks held out of the pool until a time (GrowthExperiments' 10-minute "invalidated image
 * recommendation" cache, kept in the store so that every server process honours it): one row per
 * (wiki, task type, page), its end `until` (Unix seconds).
 */
export function taskExclusionMigration(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('task_exclusion')
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('page_id', d.bigint, (c) => c.notNull())
        .addColumn('task_type', 'text', (c) => c.notNull())
        .addColumn('until', d.bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('task_exclusion_pk', ['wiki', 'page_id', 'task_type'])
        .execute();
    },
  };
}
