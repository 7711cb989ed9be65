import { sql, type Kysely, type Migration } from 'kysely';
import { categoryMemberType, categorySortKey } from '../../domain/category-members.ts';
import type { SchemaDialect } from './schema-dialect.ts';

/** Category links read, keyed and written per step of the fill. */
const FILL_BATCH = 1000;

/**
 * What MediaWiki's reverse link queries (list=categorymembers, backlinks, embeddedin, imageusage;
 * prop=linkshere, transcludedin, fileusage) read, with the indexes their keyset pages walk:
 *
 * - `template_link` and `image_link` gain `from_namespace` (tl_/il_from_namespace), filled from
 *   the source pages, so a namespace filter is an index range, as on `page_link`.
 * - `category_link` gains `type` (cl_type: page, subcat or file, by the member's namespace),
 *   `collation_key` (cl_sortkey: the upper-cased prefix and title, see category-members.ts) and
 *   `added_at` (cl_timestamp). The links already stored get their type and key from their page;
 *   when they were added was never kept, so they get the page's last-touched time.
 *
 * The fill updates one category link per statement, in (wiki, page, category) order; on
 * PostgreSQL it is part of the migration's transaction.
 */
export function reverseLinksMigration(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const table of ['template_link', 'image_link']) {
        await db.schema
          .alterTable(table)
          .addColumn('from_namespace', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await sql`UPDATE ${sql.table(table)} SET from_namespace = COALESCE((SELECT p.namespace FROM page p
          WHERE p.wiki = ${sql.table(table)}.wiki AND p.page_id = ${sql.table(table)}.from_page_id), 0)`.execute(
          db,
        );
      }
      await db.schema
        .alterTable('category_link')
        .addColumn('type', 'text', (c) => c.notNull().defaultTo('page'))
        .execute();
      await db.schema
        .alterTable('category_link')
        .addColumn('collation_key', 'text', (c) => d.codePointOrder(c).notNull().defaultTo(''))
        .execute();
      await db.schema
        .alterTable('category_link')
        .addColumn('added_at', d.bigint, (c) => c.notNull().defaultTo(0))
        .execute();
      await fillCategoryLinks(db);

      // links.backlinks without a namespace filter: ORDER BY from_page_id (MediaWiki's pl_namespace).
      await db.schema
        .createIndex('page_link_backlinks_idx')
        .ifNotExists()
        .on('page_link')
        .columns(['wiki', 'namespace', 'title', 'from_page_id'])
        .execute();
      // links.backlinks of transclusions with a namespace filter (template_link_target_idx serves the rest).
      await db.schema
        .createIndex('template_link_target_ns_idx')
        .ifNotExists()
        .on('template_link')
        .columns(['wiki', 'namespace', 'title', 'from_namespace', 'from_page_id'])
        .execute();
      // links.backlinks of file uses with a namespace filter (image_link_file_idx serves the rest).
      await db.schema
        .createIndex('image_link_file_ns_idx')
        .ifNotExists()
        .on('image_link')
        .columns(['wiki', 'file', 'from_namespace', 'from_page_id'])
        .execute();
      // links.categoryMembers by sort key, one type at a time (MediaWiki's cl_sortkey index).
      await db.schema
        .createIndex('category_link_sortkey_idx')
        .ifNotExists()
        .on('category_link')
        .columns(['wiki', 'category', 'type', 'collation_key', 'from_page_id'])
        .execute();
      // links.categoryMembers by time added (MediaWiki's cl_timestamp index).
      await db.schema
        .createIndex('category_link_added_idx')
        .ifNotExists()
        .on('category_link')
        .columns(['wiki', 'category', 'added_at', 'from_page_id'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const index of [
        'category_link_added_idx',
        'category_link_sortkey_idx',
        'image_link_file_ns_idx',
        'template_link_target_ns_idx',
        'page_link_backlinks_idx',
      ])
        await db.schema.dropIndex(index).execute();
      for (const column of ['added_at', 'collation_key', 'type'])
        await db.schema.alterTable('category_link').dropColumn(column).execute();
      for (const table of ['image_link', 'template_link'])
        await db.schema.alterTable(table).dropColumn('from_namespace').execute();
    },
  };
}

/** The tables the fill reads and writes, as they are at this migration. */
interface FillTables {
  page: { wiki: string; page_id: number; namespace: number; title: string; touched_at: number };
  category_link: {
    wiki: string;
    from_page_id: number;
    category: string;
    sortkey: string;
    type: string;
    collation_key: string;
    added_at: number;
  };
}

/** Type, sort key and time of every stored category link, from its page, in (wiki, page, category) order. */
async function fillCategoryLinks(unknownDb: Kysely<unknown>): Promise<void> {
  const db = unknownDb as Kysely<FillTables>;
  let after: { wiki: string; pageId: number; category: string } | undefined;
  for (;;) {
    let query = db
      .selectFrom('category_link as c')
      .innerJoin('page as p', (j) =>
        j.onRef('p.wiki', '=', 'c.wiki').onRef('p.page_id', '=', 'c.from_page_id'),
      )
      .select([
        'c.wiki',
        'c.from_page_id',
        'c.category',
        'c.sortkey',
        'p.namespace',
        'p.title',
        'p.touched_at',
      ]);
    if (after) {
      const a = after;
      query = query.where((eb) =>
        eb.or([
          eb('c.wiki', '>', a.wiki),
          eb.and([eb('c.wiki', '=', a.wiki), eb('c.from_page_id', '>', a.pageId)]),
          eb.and([
            eb('c.wiki', '=', a.wiki),
            eb('c.from_page_id', '=', a.pageId),
            eb('c.category', '>', a.category),
          ]),
        ]),
      );
    }
    const rows = await query
      .orderBy('c.wiki')
      .orderBy('c.from_page_id')
      .orderBy('c.category')
      .limit(FILL_BATCH)
      .execute();
    if (rows.length === 0) return;
    for (const r of rows) {
      await db
        .updateTable('category_link')
        .set({
          type: categoryMemberType(r.namespace),
          collation_key: categorySortKey(r.sortkey, r.title),
          added_at: r.touched_at,
        })
        .where('wiki', '=', r.wiki)
        .where('from_page_id', '=', r.from_page_id)
        .where('category', '=', r.category)
        .execute();
    }
    const last = rows[rows.length - 1]!;
    after = { wiki: last.wiki, pageId: Number(last.from_page_id), category: last.category };
  }
}
