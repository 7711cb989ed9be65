import { sql } from 'kysely';
import { indexedWords, searchWords } from '../../domain/search-words.ts';
import type { FullTextIndexSpec } from '../migrations/schema-dialect.ts';
import type {
  SearchHit,
  SearchIndexEntry,
  SearchIndexRepository,
  SearchQuery,
} from '../repositories/search-index.ts';
import { chunkKeys } from './batching.ts';
import type { SqlContext } from './sql-context.ts';

/** The full-text index migration 013 made over search_index. */
const FULL_TEXT: FullTextIndexSpec = {
  name: 'search_index_fts',
  table: 'search_index',
  key: 'id',
  fields: { title: ['title_words'], all: ['title_words', 'text_words'] },
};

export class SqlSearchIndexRepository implements SearchIndexRepository {
  constructor(private readonly ctx: SqlContext) {}

  /** Delete then insert (search_index_page_idx), one statement per page: texts are large. */
  async setMany(wiki: string, entries: SearchIndexEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.deleteMany(
      wiki,
      entries.map((e) => e.pageId),
    );
    const db = this.ctx.db();
    for (const e of entries) {
      const words = searchWords(e.text);
      await db
        .insertInto('search_index')
        .values({
          wiki,
          page_id: e.pageId,
          namespace: e.namespace,
          title: e.title,
          title_words: titleWords(e.title),
          text: e.text,
          text_words: indexedWords(words),
          word_count: words.length,
        })
        .execute();
    }
  }

  async retitle(wiki: string, pageId: number, namespace: number, title: string): Promise<void> {
    await this.ctx
      .db()
      .updateTable('search_index')
      .set({ namespace, title, title_words: titleWords(title) })
      .where('wiki', '=', wiki)
      .where('page_id', '=', pageId)
      .execute();
  }

  async deleteMany(wiki: string, pageIds: number[]): Promise<void> {
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      await this.ctx
        .db()
        .deleteFrom('search_index')
        .where('wiki', '=', wiki)
        .where('page_id', 'in', chunk)
        .execute();
    }
  }

  async get(wiki: string, pageId: number): Promise<SearchHit | undefined> {
    const row = await this.ctx
      .db()
      .selectFrom('search_index')
      .select(['page_id', 'namespace', 'title', 'text', 'word_count'])
      .where('wiki', '=', wiki)
      .where('page_id', '=', pageId)
      .executeTakeFirst();
    return row && toHit(row);
  }

  /**
   * The dialect's full-text matches joined to search_index by primary key, filtered by wiki and
   * namespace:
   *   SELECT s.… FROM (<matches: key, score>) m JOIN search_index s ON s.id = m.key
   *   WHERE s.wiki = ? AND s.namespace IN (…) ORDER BY m.score DESC, s.page_id LIMIT ? OFFSET ?
   * and the same count(*). The matches come from the full-text index (FTS5 / GIN); ordering
   * sorts the matches, as MediaWiki's SearchSqlite and SearchPostgres do: search is offset-based.
   */
  async search(wiki: string, q: SearchQuery): Promise<{ total: number; hits: SearchHit[] }> {
    if (q.phrases.length === 0 || q.namespaces.length === 0) return { total: 0, hits: [] };
    const db = this.ctx.db();
    const matches = this.ctx.dialect.fullTextMatches(FULL_TEXT, q.phrases);
    const base = db
      .selectFrom(sql`${matches}`.as('m'))
      .innerJoin('search_index as s', (j) => j.on(sql`s.id`, '=', sql.ref('m.key')))
      .where('s.wiki', '=', wiki)
      .where('s.namespace', 'in', q.namespaces);
    const counted = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    let list = base.select(['s.page_id', 's.namespace', 's.title', 's.text', 's.word_count']);
    switch (q.sort) {
      case 'relevance':
        list = list.orderBy(sql.ref('m.score'), 'desc').orderBy('s.page_id');
        break;
      case 'title_asc':
        list = list.orderBy('s.namespace').orderBy('s.title').orderBy('s.page_id');
        break;
      case 'title_desc':
        list = list.orderBy('s.namespace', 'desc').orderBy('s.title', 'desc').orderBy('s.page_id', 'desc');
        break;
      case 'none':
        list = list.orderBy('s.page_id');
        break;
    }
    const rows = await list.limit(q.limit).offset(q.offset).execute();
    return { total: Number(counted.n), hits: rows.map(toHit) };
  }
}

function titleWords(dbKey: string): string {
  return searchWords(dbKey.replace(/_/g, ' ')).join(' ');
}

function toHit(r: {
  page_id: number;
  namespace: number;
  title: string;
  text: string;
  word_count: number;
}): SearchHit {
  return {
    pageId: Number(r.page_id),
    namespace: r.namespace,
    title: r.title,
    text: r.text,
    wordCount: r.word_count,
  };
}
