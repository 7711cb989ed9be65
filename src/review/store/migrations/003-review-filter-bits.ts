import { sql, type Kysely, type Migration, type SqlBool } from 'kysely';
import type { SchemaDialect } from '../../../core/store/migrations/schema-dialect.ts';
import { FILTER_BITS, FILTER_COLUMNS, RARE_FILTER_INDEXES } from '../review-schema-facts.ts';

/** The ordered indexes of 002, by name: their key columns and partial-index condition. */
function orderedIndexes(): { name: string; columns: string[]; where?: string }[] {
  const bucket = ['wiki', 'namespace', 'is_reviewed', 'is_redirect', 'nominated'];
  return [
    { name: 'review_page_bucket_created_idx', columns: [...bucket, 'created_at', 'page_id'] },
    { name: 'review_page_bucket_review_idx', columns: [...bucket, 'reviewed_updated', 'page_id', 'status'] },
    ...Object.entries(RARE_FILTER_INDEXES).map(([name, condition]) => ({
      name: `review_page_${name}_idx`,
      columns: ['wiki', 'namespace', ...(name === 'afc' ? ['afc_state'] : []), 'created_at', 'page_id'],
      where: condition,
    })),
    {
      name: 'review_page_creator_idx',
      columns: ['wiki', 'creator_name', 'namespace', 'created_at', 'page_id'],
    },
  ];
}

async function rebuildIndexes(db: Kysely<unknown>, extra: string[]): Promise<void> {
  for (const index of orderedIndexes()) {
    await db.schema.dropIndex(index.name).execute();
    let create = db.schema
      .createIndex(index.name)
      .on('review_page')
      .columns([...index.columns, ...extra]);
    if (index.where) create = create.where(sql.raw<SqlBool>(index.where));
    await create.execute();
  }
}

/** `filter_bits`, and the filter columns appended to the ordered indexes of the review queue. */
export function reviewFilterBitsMigration(d: SchemaDialect): Migration {
  const expression = Object.values(FILTER_BITS)
    .map(({ bit, condition }) => `(case when ${condition} then ${bit} else 0 end)`)
    .join(' + ');
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('review_page')
        .addColumn('filter_bits', 'integer', (c) => d.computed(c, expression))
        .execute();
      await rebuildIndexes(db, FILTER_COLUMNS);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await rebuildIndexes(db, []);
      await db.schema.alterTable('review_page').dropColumn('filter_bits').execute();
    },
  };
}
