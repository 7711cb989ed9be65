import { type Kysely, type Migration } from 'kysely';
import { NamespaceTable, type NamespaceInfo } from '../../domain/namespaces.ts';
import { redirectTargetOf, toPageRedirect } from '../../wikis/wikitext-context.ts';
import type { SchemaDialect } from './schema-dialect.ts';

/** Redirect pages read, parsed and written per step of the fill. */
const FILL_BATCH = 500;

/**
 * MediaWiki's `redirect` table (RedirectRepository): one row per redirect page, written by the
 * wiki source with the page from now on.
 *
 * The migration fills it for the redirects already stored by parsing each one's latest text once,
 * in page id order per wiki, 500 pages a statement. It is written to be run again: on SQLite,
 * where Kysely does not wrap a migration in a transaction, an interrupted fill leaves the table
 * and the rows written so far, and the next start creates nothing twice and rewrites those rows.
 * On PostgreSQL the fill is part of the migration's transaction. Reading, parsing and writing
 * take about 5 s per 100,000 redirects (SQLite).
 */
export function redirectMigration(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('redirect')
        .ifNotExists()
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('page_id', d.bigint, (c) => c.notNull())
        .addColumn('namespace', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => d.codePointOrder(c).notNull())
        .addColumn('fragment', 'text', (c) => c.notNull())
        .addColumn('interwiki', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('redirect_pk', ['wiki', 'page_id'])
        .execute();
      await fillFromLatestText(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('redirect').execute();
    },
  };
}

/** The tables the fill reads and writes, as they are at this migration. */
interface FillTables {
  wiki: { wiki: string; namespaces: string };
  page: { wiki: string; page_id: number; is_redirect: number; latest_rev_id: number };
  revision: { wiki: string; rev_id: number; text: string };
  redirect: {
    wiki: string;
    page_id: number;
    namespace: number;
    title: string;
    fragment: string;
    interwiki: string;
  };
}

async function fillFromLatestText(unknownDb: Kysely<unknown>): Promise<void> {
  const db = unknownDb as Kysely<FillTables>;
  const wikis = await db.selectFrom('wiki').select(['wiki', 'namespaces']).orderBy('wiki').execute();
  for (const { wiki, namespaces } of wikis) {
    const table = new NamespaceTable(JSON.parse(namespaces) as NamespaceInfo[]);
    for (let after = -1; ;) {
      const pages = await db
        .selectFrom('page as p')
        .innerJoin('revision as r', (j) =>
          j.onRef('r.wiki', '=', 'p.wiki').onRef('r.rev_id', '=', 'p.latest_rev_id'),
        )
        .select(['p.page_id', 'r.text'])
        .where('p.wiki', '=', wiki)
        .where('p.is_redirect', '=', 1)
        .where('p.page_id', '>', after)
        .orderBy('p.page_id')
        .limit(FILL_BATCH)
        .execute();
      if (pages.length === 0) break;
      const rows: FillTables['redirect'][] = [];
      for (const p of pages) {
        const target = redirectTargetOf(p.text, table);
        if (target) rows.push({ wiki, page_id: Number(p.page_id), ...toPageRedirect(target) });
      }
      if (rows.length > 0) {
        await db
          .insertInto('redirect')
          .values(rows)
          .onConflict((oc) =>
            oc.columns(['wiki', 'page_id']).doUpdateSet((eb) => ({
              namespace: eb.ref('excluded.namespace'),
              title: eb.ref('excluded.title'),
              fragment: eb.ref('excluded.fragment'),
              interwiki: eb.ref('excluded.interwiki'),
            })),
          )
          .execute();
      }
      after = Number(pages[pages.length - 1]!.page_id);
    }
  }
}
