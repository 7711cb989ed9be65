import type { Kysely, Migration } from 'kysely';
import { NamespaceTable, type NamespaceInfo } from '../../domain/namespaces.ts';
import { indexedWords, searchWords } from '../../domain/search-words.ts';
import { searchTextOfContent } from '../../wikis/wikitext-context.ts';
import type { SchemaDialect } from './schema-dialect.ts';

/** Pages read, rendered and written per step of the fill. */
const FILL_BATCH = 200;

/**
 * MediaWiki's `searchindex` (SearchIndexRepository): each page's latest text as full-text search
 * reads it, written with the page from now on, and the dialect's full-text index over its title
 * and text words (SQLite: an FTS5 table; PostgreSQL: GIN indexes of tsvectors). The fill renders
 * the latest text of every page once, in page id order per wiki; it may be run again after an
 * interruption: a page's row is replaced, never duplicated.
 */
export function searchIndexMigration(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('search_index')
        .ifNotExists()
        .addColumn('id', d.serial, (c) => d.serialPrimaryKey(c))
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('page_id', d.bigint, (c) => c.notNull())
        .addColumn('namespace', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => d.codePointOrder(c).notNull())
        .addColumn('title_words', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('text_words', 'text', (c) => c.notNull())
        .addColumn('word_count', 'integer', (c) => c.notNull())
        .execute();
      // searchIndex.set / delete / get, and the join from full-text matches to pages.
      await db.schema
        .createIndex('search_index_page_idx')
        .ifNotExists()
        .unique()
        .on('search_index')
        .columns(['wiki', 'page_id'])
        .execute();
      // srwhat=title's title order (srsort=title_natural_*) within a namespace.
      await db.schema
        .createIndex('search_index_title_idx')
        .ifNotExists()
        .on('search_index')
        .columns(['wiki', 'namespace', 'title'])
        .execute();
      await d.createFullTextIndex(db, {
        name: 'search_index_fts',
        table: 'search_index',
        key: 'id',
        fields: { title: ['title_words'], all: ['title_words', 'text_words'] },
      });
      await fillFromLatestText(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await d.dropFullTextIndex(db, { name: 'search_index_fts', table: 'search_index' });
      await db.schema.dropTable('search_index').execute();
    },
  };
}

/** The tables the fill reads and writes, as they are at this migration. */
interface FillTables {
  wiki: { wiki: string; namespaces: string };
  page: {
    wiki: string;
    page_id: number;
    namespace: number;
    title: string;
    content_model: string;
    latest_rev_id: number;
  };
  revision: { wiki: string; rev_id: number; text: string };
  search_index: {
    wiki: string;
    page_id: number;
    namespace: number;
    title: string;
    title_words: string;
    text: string;
    text_words: string;
    word_count: number;
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
        .select(['p.page_id', 'p.namespace', 'p.title', 'p.content_model', 'r.text'])
        .where('p.wiki', '=', wiki)
        .where('p.page_id', '>', after)
        .orderBy('p.page_id')
        .limit(FILL_BATCH)
        .execute();
      if (pages.length === 0) break;
      const ids = pages.map((p) => Number(p.page_id));
      await db.deleteFrom('search_index').where('wiki', '=', wiki).where('page_id', 'in', ids).execute();
      const rows = pages.map((p) => {
        const text = searchTextOfContent(p.text, p.content_model, table);
        const words = searchWords(text);
        return {
          wiki,
          page_id: Number(p.page_id),
          namespace: p.namespace,
          title: p.title,
          title_words: searchWords(p.title.replace(/_/g, ' ')).join(' '),
          text,
          text_words: indexedWords(words),
          word_count: words.length,
        };
      });
      for (const row of rows) await db.insertInto('search_index').values(row).execute();
      after = ids[ids.length - 1]!;
    }
  }
}
