import type { Kysely, Migration } from 'kysely';
import { parseIpRange } from '../../domain/ip-addresses.ts';
import type { SchemaDialect } from './schema-dialect.ts';

/**
 * Range blocks and create protection, as MediaWiki has them:
 *
 * - `user_block` gains `range_start`/`range_end` (ipb_range_start/end: the hex of the first and
 *   last address of an address or range target, '' for accounts) with the index the "which blocks
 *   cover this address" lookup reads, and `anon_only` (ipb_anon_only). The address blocks already
 *   stored get their hex range, and `anon_only` = 1: until now an address block stopped only
 *   logged-out users, and they keep doing so.
 * - `protected_title` (protected_titles): the create protection of titles that have no page.
 */
export function rangeBlocksAndProtectedTitlesMigration(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const column of ['range_start', 'range_end']) {
        await db.schema
          .alterTable('user_block')
          .addColumn(column, 'text', (c) => d.codePointOrder(c).notNull().defaultTo(''))
          .execute();
      }
      await db.schema
        .alterTable('user_block')
        .addColumn('anon_only', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await fillAddressRanges(db);
      // blocks.activeCovering and list=blocks&bkip: range_start BETWEEN bound AND start, range_end >= end.
      await db.schema
        .createIndex('user_block_range_idx')
        .on('user_block')
        .columns(['wiki', 'range_start', 'range_end'])
        .execute();

      await db.schema
        .createTable('protected_title')
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('namespace', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => d.codePointOrder(c).notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('expiry', d.bigint)
        .addColumn('timestamp', d.bigint, (c) => c.notNull())
        .addColumn('by_user_id', d.bigint, (c) => c.notNull())
        .addColumn('by_name', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('protected_title_pk', ['wiki', 'namespace', 'title'])
        .execute();
      // protectedTitles.list (list=protectedtitles): newest first.
      await db.schema
        .createIndex('protected_title_time_idx')
        .on('protected_title')
        .columns(['wiki', 'timestamp', 'namespace', 'title'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('protected_title').execute();
      await db.schema.dropIndex('user_block_range_idx').execute();
      for (const column of ['range_start', 'range_end', 'anon_only']) {
        await db.schema.alterTable('user_block').dropColumn(column).execute();
      }
    },
  };
}

/** The table the fill reads and writes, as it is at this migration. */
interface FillTables {
  user_block: {
    wiki: string;
    block_id: number;
    target_address: string;
    range_start: string;
    range_end: string;
    anon_only: number;
  };
}

async function fillAddressRanges(unknownDb: Kysely<unknown>): Promise<void> {
  const db = unknownDb as Kysely<FillTables>;
  const rows = await db
    .selectFrom('user_block')
    .select(['wiki', 'block_id', 'target_address'])
    .where('target_address', '!=', '')
    .where('range_start', '=', '')
    .execute();
  for (const row of rows) {
    const range = parseIpRange(row.target_address);
    if (!range) continue;
    await db
      .updateTable('user_block')
      .set({ range_start: range.start, range_end: range.end, anon_only: 1 })
      .where('wiki', '=', row.wiki)
      .where('block_id', '=', row.block_id)
      .execute();
  }
}
