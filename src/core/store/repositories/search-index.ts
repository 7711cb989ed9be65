/** One page as full-text search reads it (MediaWiki's searchindex row). */
export interface SearchIndexEntry {
  pageId: number;
  namespace: number;
  /** DB key. */
  title: string;
  /** The plain text of the latest revision (wikitext/search-text.ts). */
  text: string;
}

export interface SearchHit extends SearchIndexEntry {
  wordCount: number;
}

/** A condition of a search: the words, next to each other and in order, in the title or anywhere. */
export interface SearchPhrase {
  field: 'title' | 'all';
  /** Normalized words (core/domain/search-words.ts), at least one. */
  words: string[];
}

export interface SearchQuery {
  /** All must match (AND). */
  phrases: SearchPhrase[];
  namespaces: number[];
  /** `relevance`: best first, then page id; `title`: namespace and title; `none`: page id. */
  sort: 'relevance' | 'title_asc' | 'title_desc' | 'none';
  offset: number;
  limit: number;
}

/**
 * Full-text search over the latest text of each page (list=search). The wiki source writes a
 * page's entry in the transaction that saves, imports, moves or undeletes it and removes it with
 * the page, so a search never reads revision text. SQLite searches an FTS5 index, PostgreSQL
 * tsvector GIN indexes; both see the same normalized words, so they match the same pages (their
 * relevance scores differ, and with them the order of `relevance`).
 */
export interface SearchIndexRepository {
  /** Writes each page's entry, replacing the one it had. */
  setMany(wiki: string, entries: SearchIndexEntry[]): Promise<void>;
  /** A moved page's new title; its text stays. */
  retitle(wiki: string, pageId: number, namespace: number, title: string): Promise<void>;
  deleteMany(wiki: string, pageIds: number[]): Promise<void>;
  get(wiki: string, pageId: number): Promise<SearchHit | undefined>;
  /** The matching pages from `offset` (at most `limit`), and how many match in all. */
  search(wiki: string, q: SearchQuery): Promise<{ total: number; hits: SearchHit[] }>;
}
