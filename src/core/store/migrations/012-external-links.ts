import type { Kysely, Migration } from 'kysely';
import { indexUrl, isStorableUrl } from '../../domain/link-filter.ts';
import { NamespaceTable, type NamespaceInfo } from '../../domain/namespaces.ts';
import { wikitextContextOf } from '../../wikis/wikitext-context.ts';
import { analyzeWikitext } from '../../../wikitext/analyze.ts';
import type { SchemaDialect } from './schema-dialect.ts';

/** Pages read, analyzed and written per step of the fill. */
const FILL_BATCH = 200;

/**
 * MediaWiki's `externallinks` (LinksRepository): the external URLs of each page, written with
 * its other link tables from now on. The fill analyzes the latest text of every wikitext page
 * once, in page id order per wiki; like 008 it may be run again after an interruption (SQLite
 * runs a migration outside a transaction): rows of a page are replaced, never duplicated.
 */
export function externalLinksMigration(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('external_link')
        .ifNotExists()
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('from_page_id', d.bigint, (c) => c.notNull())
        .addColumn('from_namespace', 'integer', (c) => c.notNull())
        .addColumn('url', 'text', (c) => d.codePointOrder(c).notNull())
        .addColumn('domain_index', 'text', (c) => d.codePointOrder(c).notNull())
        .addColumn('path', 'text', (c) => d.codePointOrder(c).notNull())
        // links.getForPage / replaceForPage / deleteForPage, and prop=extlinks in URL order.
        .addPrimaryKeyConstraint('external_link_pk', ['wiki', 'from_page_id', 'url'])
        .execute();
      // links.pagesWithExternalLink (list=exturlusage): a domain (prefix) and path prefix.
      await db.schema
        .createIndex('external_link_domain_idx')
        .ifNotExists()
        .on('external_link')
        .columns(['wiki', 'domain_index', 'path', 'from_page_id'])
        .execute();
      await fillFromLatestText(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('external_link').execute();
    },
  };
}

/** The tables the fill reads and writes, as they are at this migration. */
interface FillTables {
  wiki: { wiki: string; namespaces: string };
  page: { wiki: string; page_id: number; namespace: number; content_model: string; latest_rev_id: number };
  revision: { wiki: string; rev_id: number; text: string };
  external_link: {
    wiki: string;
    from_page_id: number;
    from_namespace: number;
    url: string;
    domain_index: string;
    path: string;
  };
}

async function fillFromLatestText(unknownDb: Kysely<unknown>): Promise<void> {
  const db = unknownDb as Kysely<FillTables>;
  const wikis = await db.selectFrom('wiki').select(['wiki', 'namespaces']).orderBy('wiki').execute();
  for (const { wiki, namespaces } of wikis) {
    const ctx = wikitextContextOf(new NamespaceTable(JSON.parse(namespaces) as NamespaceInfo[]));
    for (let after = -1; ;) {
      const pages = await db
        .selectFrom('page as p')
        .innerJoin('revision as r', (j) =>
          j.onRef('r.wiki', '=', 'p.wiki').onRef('r.rev_id', '=', 'p.latest_rev_id'),
        )
        .select(['p.page_id', 'p.namespace', 'r.text'])
        .where('p.wiki', '=', wiki)
        .where('p.content_model', '=', 'wikitext')
        .where('p.page_id', '>', after)
        .orderBy('p.page_id')
        .limit(FILL_BATCH)
        .execute();
      if (pages.length === 0) break;
      const ids = pages.map((p) => Number(p.page_id));
      await db
        .deleteFrom('external_link')
        .where('wiki', '=', wiki)
        .where('from_page_id', 'in', ids)
        .execute();
      const rows: FillTables['external_link'][] = [];
      for (const p of pages) {
        for (const url of analyzeWikitext(p.text, ctx).externalLinks.filter(isStorableUrl)) {
          const { domainIndex, path } = indexUrl(url);
          rows.push({
            wiki,
            from_page_id: Number(p.page_id),
            from_namespace: p.namespace,
            url,
            domain_index: domainIndex,
            path,
          });
        }
      }
      for (let i = 0; i < rows.length; i += 1000) {
        await db
          .insertInto('external_link')
          .values(rows.slice(i, i + 1000))
          .execute();
      }
      after = ids[ids.length - 1]!;
    }
  }
}
