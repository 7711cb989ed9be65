import type { MediaFile, PageLinksData, PageRedirect } from '../../domain/wiki.ts';

export interface LinksRepository {
  /** Replaces everything a page links to (LinksUpdate) in one go. */
  replaceForPage(wiki: string, pageId: number, fromNamespace: number, data: PageLinksData): Promise<void>;
  deleteForPage(wiki: string, pageId: number): Promise<void>;
  getForPage(wiki: string, pageId: number): Promise<PageLinksData>;
  /** Inbound links to a title, counting at most `cap`; `fromNamespace` restricts the source pages. */
  countInbound(
    wiki: string,
    namespace: number,
    title: string,
    q: { fromNamespace?: number; cap: number },
  ): Promise<number>;
  /**
   * `countInbound` to the current title of each stored page, by page id; pages that are not stored
   * are absent.
   */
  countInboundForPages(
    wiki: string,
    pageIds: number[],
    q: { fromNamespace?: number; cap: number },
  ): Promise<Map<number, number>>;
  /** Categories of many pages at once. */
  categoriesOf(wiki: string, pageIds: number[]): Promise<Map<number, string[]>>;
  /** Page ids in a category (DB key), up to `limit`. */
  pagesInCategory(wiki: string, category: string, limit: number): Promise<number[]>;
  langlinksOf(wiki: string, pageIds: number[]): Promise<Map<number, { lang: string; title: string }[]>>;
  /** Pages of `wiki` whose interlanguage link points at (lang, title). */
  pagesWithLanglink(wiki: string, lang: string, title: string): Promise<number[]>;
  pageProps(wiki: string, pageIds: number[], names?: string[]): Promise<Map<number, Record<string, string>>>;
  /** Pages that link to / transclude / use the given targets (for dependent updates). */
  pagesLinkingTo(wiki: string, namespace: number, title: string, limit: number): Promise<number[]>;
  /** Pages that transclude the title (template_link), by page id, at most `limit`: recursive link updates. */
  pagesTranscluding(wiki: string, namespace: number, title: string, limit: number): Promise<number[]>;
}

/**
 * Where redirect pages point (MediaWiki's `redirect` table). The wiki source writes a page's row in
 * the transaction that writes the page (save, undelete, import) and removes it with the page, so
 * readers (`redirects=1`, pagetriagelist's `redirect_target`) never parse revision text.
 */
export interface RedirectRepository {
  /** The stored target of each of `pageIds` that is a redirect, by page id; other pages are absent. */
  getMany(wiki: string, pageIds: number[]): Promise<Map<number, PageRedirect>>;
  /** Records where each page points, replacing its stored row; a null target removes the row. */
  setMany(wiki: string, entries: { pageId: number; target: PageRedirect | null }[]): Promise<void>;
}

export interface MediaRepository {
  upsertMany(files: MediaFile[]): Promise<void>;
  getMany(repo: string, names: string[]): Promise<MediaFile[]>;
}
