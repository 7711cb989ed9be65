import { sql, type Kysely, type Migration } from 'kysely';
import type { SchemaDialect } from '../../../core/store/migrations/schema-dialect.ts';
import { topicCombinationKey, topicCombinations, typeMask } from '../task-count-keys.ts';

/** `task_topic` rows read per statement while filling (a page's rows are never split). */
const READ_BATCH = 20_000;
/** `task_count` rows per insert. */
const WRITE_BATCH = 500;

/**
 * `task_count` rows per combination of two or three topics (`topic` `&,t1,t2,`, the ids sorted):
 * how many pages filed under at least those topics have exactly a set of task types. A list's
 * `totalCount` for two or three topics is then a sum over a few keys (AND: the topics' key; OR:
 * inclusion–exclusion over the keys of their combinations) instead of a scan of every topic set
 * (50 ms at 5,000,000 tasks). `topic` is ordered by code point, so that the topic sets' `#,`
 * prefix is a range of the primary key on PostgreSQL whatever its collation. Fills the rows from
 * the pool as it stands, a page at a time as the pool's writes count them (task-count-keys.ts).
 */
export function taskTopicCombinationCountMigration(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await d.orderByCodePoint(db, 'task_count', 'topic');
      const { rows: wikis } = await sql<{ wiki: string }>`select distinct wiki from task_topic`.execute(db);
      for (const { wiki } of wikis) {
        const counts = new Map<string, number>();
        const countPage = (topics: Set<string>, types: Set<string>) => {
          if (topics.size < 2) return;
          const mask = typeMask(types);
          for (const c of topicCombinations(topics)) {
            const key = `${topicCombinationKey(c)}|${mask}`;
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
        };
        let after = -1;
        for (;;) {
          const { rows } = await sql<{ page_id: number | string; topic: string; task_type: string }>`
            select page_id, topic, task_type from task_topic
            where wiki = ${wiki} and page_id > ${after} order by page_id limit ${READ_BATCH}`.execute(db);
          // The last page's rows may go on in the next batch: it is read again there.
          const last = rows.length === READ_BATCH ? Number(rows.at(-1)!.page_id) : undefined;
          let page: number | undefined;
          let topics = new Set<string>();
          let types = new Set<string>();
          for (const r of rows) {
            const id = Number(r.page_id);
            if (id === last) break;
            if (id !== page) {
              countPage(topics, types);
              [page, topics, types] = [id, new Set(), new Set()];
            }
            topics.add(r.topic);
            types.add(r.task_type);
          }
          countPage(topics, types);
          if (last === undefined) break;
          if (page === undefined) throw new Error(`task_topic: page ${last} has ${READ_BATCH} rows or more`);
          after = page;
        }
        const entries = [...counts];
        for (let i = 0; i < entries.length; i += WRITE_BATCH) {
          const values = entries.slice(i, i + WRITE_BATCH).map(([key, pages]) => {
            const at = key.lastIndexOf('|');
            return sql`(${wiki}, ${key.slice(0, at)}, ${Number(key.slice(at + 1))}, ${pages})`;
          });
          await sql`insert into task_count (wiki, topic, types, pages) values ${sql.join(values)}`.execute(
            db,
          );
        }
      }
    },
  };
}
