import { sql, type Kysely, type Migration } from 'kysely';
import type { SchemaDialect } from '../../../core/store/migrations/schema-dialect.ts';
import { TASK_TYPE_BITS } from '../tasks-schema.ts';

/**
 * `task_count`: how many pages of a wiki have exactly a given set of task types (a bit mask of
 * TASK_TYPE_BITS), in all (`topic` '') and under each topic (the types of their tasks filed under
 * it). A list's exact `totalCount` for no topic or one topic is then a sum over at most 2⁸ rows
 * instead of a count of distinct pages over the pool (a second at 5,000,000 tasks). The pool's
 * writes keep it in step (sql-task-pool-repository.ts); this fills it from the pool as it stands.
 */
export function taskCountMigration(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('task_count')
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('types', 'integer', (c) => c.notNull())
        .addColumn('pages', d.bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('task_count_pk', ['wiki', 'topic', 'types'])
        .execute();
      // A page has each type once (the primary keys), so the sum of its types' bits is its mask.
      const bit = sql.raw(
        `case task_type ${TASK_TYPE_BITS.map((t, i) => `when '${t}' then ${2 ** i}`).join(' ')} else 0 end`,
      );
      await sql`insert into task_count (wiki, topic, types, pages)
        select wiki, '', types, count(*) from
          (select wiki, page_id, sum(${bit}) as types from task group by wiki, page_id) p
        group by wiki, types`.execute(db);
      await sql`insert into task_count (wiki, topic, types, pages)
        select wiki, topic, types, count(*) from
          (select wiki, topic, page_id, sum(${bit}) as types from task_topic group by wiki, topic, page_id) p
        group by wiki, topic, types`.execute(db);
    },
  };
}
