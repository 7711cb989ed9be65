import { sql, type Kysely, type Migration, type SqlBool } from 'kysely';
import { RARE_FILTER_INDEXES } from './002-review-queue.ts';
import type { SchemaDialect } from '../../../core/store/migrations/schema-dialect.ts';

/**
 * The boolean filters of pagetriagelist as bits of `review_page.filter_bits`, each with the
 * condition on the row that sets it. A filter of several of them is one test, `filter_bits & m = m`.
 */
export const FILTER_BITS = {
  // The rare filters' conditions are their partial indexes' (002), word for word.
  blocked: { bit: 1, condition: RARE_FILTER_INDEXES.blocked },
  recreated: { bit: 2, condition: RARE_FILTER_INDEXES.recreated },
  bot: { bit: 4, condition: RARE_FILTER_INDEXES.bot },
  learner: { bit: 8, condition: RARE_FILTER_INDEXES.learner },
  copyvio: { bit: 16, condition: RARE_FILTER_INDEXES.copyvio },
  nonAutoconfirmed: { bit: 32, condition: 'creator_autoconfirmed = 0' },
  autopatrol: { bit: 64, condition: 'creator_autopatrol = 1' },
  noCategory: { bit: 128, condition: 'category_count = 0' },
  unreferenced: { bit: 256, condition: 'has_reference = 0' },
  noInboundLinks: { bit: 512, condition: 'link_count = 0' },
} as const;
export type FilterBit = keyof typeof FILTER_BITS;

/**
 * The columns every ordered index of review_page carries after its key, so that the filters are
 * tested on index entries and only matching rows are read from the table: SQLite defers the table
 * read until a column outside the index is needed (a 1M-page queue: 6 ms → 0.5 ms for a filter
 * matching 1 % of an index).
 */
export const FILTER_COLUMNS = ['filter_bits', 'ores_articlequality', 'ores_draftquality'];

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
