import type { CategoryMemberType } from '../../domain/category-members.ts';
import type { MediaFile, PageLinksData, PageRedirect } from '../../domain/wiki.ts';

/** The link tables a reverse (what-links-here) query reads. */
export type BacklinkTable = 'page_link' | 'template_link' | 'image_link';

/** A page that links to, transcludes or uses a target. */
export interface Backlink {
  /** The target it links to (for image_link, namespace 6 and the file name). */
  target: { namespace: number; title: string };
  pageId: number;
  namespace: number;
  title: string;
  isRedirect: boolean;
}

/**
 * Where a reverse link listing starts (inclusive), in its order: target namespace, target title,
 * source namespace (only when the listing is ordered by it), source page id.
 */
export interface BacklinkStart {
  namespace: number;
  title: string;
  fromNamespace?: number;
  fromPageId: number;
}

export interface BacklinkQuery {
  table: BacklinkTable;
  /** Targets; for image_link only those in namespace 6 count. */
  targets: { namespace: number; title: string }[];
  /** Only source pages in these namespaces. */
  fromNamespaces?: number[];
  /** Order by the source's namespace before its id (MediaWiki does when several namespaces are asked for). */
  byFromNamespace: boolean;
  redirects?: 'only' | 'exclude';
  descending?: boolean;
  start?: BacklinkStart;
  limit: number;
}

/** A category member as list=categorymembers prints it. */
export interface CategoryMember {
  pageId: number;
  namespace: number;
  title: string;
  type: CategoryMemberType;
  /** cl_sortkey (category-members.ts). */
  sortKey: string;
  /** cl_sortkey_prefix. */
  sortKeyPrefix: string;
  /** When the page was added to the category (Unix seconds). */
  addedAt: number;
}

export type CategoryMemberQuery = {
  category: string;
  namespaces?: number[];
  descending?: boolean;
  limit: number;
} & (
  | {
      sort: 'sortkey';
      type: CategoryMemberType;
      /** Inclusive start: members from this sort key on (by page id within it, when given). */
      start?: { sortKey: string; pageId?: number };
      /** Inclusive end sort key. */
      end?: string;
    }
  | {
      sort: 'timestamp';
      start?: { addedAt: number; pageId?: number };
      end?: number;
    }
);

export interface LinksRepository {
  /**
   * Replaces everything a page links to (LinksUpdate) in one go. `from` is the page's title after
   * the change (category sort keys and types follow it) and `at` the change's time: categories the
   * page was already in keep the time they were added, new ones get `at`.
   */
  replaceForPage(
    wiki: string,
    pageId: number,
    from: { namespace: number; title: string; at: number },
    data: PageLinksData,
  ): Promise<void>;
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
  /** Templates (namespace 10, DB keys without prefix) transcluded by many pages at once. */
  templatesOf(wiki: string, pageIds: number[]): Promise<Map<number, string[]>>;
  /** Categories of many pages at once. */
  categoriesOf(wiki: string, pageIds: number[]): Promise<Map<number, string[]>>;
  /** Page ids in a category (DB key), up to `limit`. */
  pagesInCategory(wiki: string, category: string, limit: number): Promise<number[]>;
  langlinksOf(wiki: string, pageIds: number[]): Promise<Map<number, { lang: string; title: string }[]>>;
  /** Pages of `wiki` whose interlanguage link points at (lang, title). */
  pagesWithLanglink(wiki: string, lang: string, title: string): Promise<number[]>;
  pageProps(wiki: string, pageIds: number[], names?: string[]): Promise<Map<number, Record<string, string>>>;
  /** Which of `pageIds` are in any of `categories` (DB keys) or transclude any of `templates` (Template: DB keys). */
  pagesAmong(
    wiki: string,
    pageIds: number[],
    q: { categories: string[]; templates: string[] },
  ): Promise<Set<number>>;
  /**
   * How many pages of each of `wikis` use each of the files `names` (image_link, all namespaces),
   * summed over the wikis (GlobalUsage's count); files without a use are absent. With `cap`,
   * counting stops there: a count of `cap` or more means "at least `cap`" (a heavily used file
   * costs `cap` index entries, not all of its uses).
   */
  fileUsageCounts(wikis: string[], names: string[], cap?: number): Promise<Map<string, number>>;
  /**
   * The files that pages of `wikis` use on at least `pages` pages together (image_link, all
   * namespaces): each wiki's index is read once in file order, whatever the number of files
   * asked about later, so a run over a whole wiki decides "used on very many pages" with one
   * scan per wiki instead of a count per file.
   */
  filesUsedOnAtLeast(wikis: string[], pages: number): Promise<Set<string>>;
  /**
   * The members of each of `categories` of type `type`, their titles (DB keys, no prefix) in the
   * category's sort order, at most `limitEach` per category; categories without one are absent.
   */
  membersOfCategories(
    wiki: string,
    categories: string[],
    q: { type: CategoryMemberType; limitEach: number },
  ): Promise<Map<string, string[]>>;
  /**
   * Pages linking to, transcluding or using any of `targets` (list=backlinks and kin,
   * prop=linkshere and kin): keyset pages in (target, [source namespace,] source id) order.
   */
  backlinks(wiki: string, q: BacklinkQuery): Promise<Backlink[]>;
  /** Members of one category (list=categorymembers): keyset pages by sort key within a type, or by time added. */
  categoryMembers(wiki: string, q: CategoryMemberQuery): Promise<CategoryMember[]>;
  /** Pages that link to / transclude / use the given targets (for dependent updates). */
  pagesLinkingTo(wiki: string, namespace: number, title: string, limit: number): Promise<number[]>;
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

/** What a file is, in brief: its size in pixels and its media type. */
export type MediaShape = Pick<MediaFile, 'width' | 'height' | 'mediaType'>;

/** What a file's description page says about it (the fields `readFileDescription` fills). */
export type MediaFileDescription = Pick<MediaFile, 'license' | 'author' | 'description' | 'categories'>;

export interface MediaRepository {
  upsertMany(files: MediaFile[]): Promise<void>;
  getMany(repo: string, names: string[]): Promise<MediaFile[]>;
  /** Width, height and media type of each of `names` the repository has (by name). */
  getShapes(repo: string, names: string[]): Promise<Map<string, MediaShape>>;
  /**
   * Replaces the description fields of a stored file, leaving what was read from its bytes alone;
   * false when the repository has no such file.
   */
  setDescription(repo: string, name: string, description: MediaFileDescription): Promise<boolean>;
}
