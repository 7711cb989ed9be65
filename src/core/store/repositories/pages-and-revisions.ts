import type { Page, Revision, TitleProtection } from '../../domain/wiki.ts';

/** The direction of a time-ordered list: 'older' is newest first (MediaWiki's `dir`). */
export type SortDir = 'newer' | 'older';

export interface PageRepository {
  getById(wiki: string, pageId: number): Promise<Page | undefined>;
  getByTitle(wiki: string, namespace: number, title: string): Promise<Page | undefined>;
  getManyByIds(wiki: string, pageIds: number[]): Promise<Page[]>;
  getManyByTitles(wiki: string, titles: { namespace: number; title: string }[]): Promise<Page[]>;
  /** Which of `titles` exist in any of `namespaces`, as namespace and title only (link colouring). */
  existingTitles(
    wiki: string,
    namespaces: number[],
    titles: string[],
  ): Promise<{ namespace: number; title: string }[]>;
  insert(page: Page): Promise<void>;
  /** Inserts or replaces many pages at once (dump import). */
  upsertMany(pages: Page[]): Promise<void>;
  update(
    wiki: string,
    pageId: number,
    changes: Partial<Pick<Page, 'latestRevId' | 'len' | 'isRedirect' | 'touchedAt' | 'namespace' | 'title'>>,
  ): Promise<void>;
  delete(wiki: string, pageId: number): Promise<void>;
  /** list=allpages: by title within a namespace. */
  list(
    wiki: string,
    q: {
      namespace: number;
      from?: string;
      to?: string;
      prefix?: string;
      redirects?: 'all' | 'redirects' | 'nonredirects';
      dir: 'ascending' | 'descending';
      limit: number;
    },
  ): Promise<Page[]>;
  count(wiki: string, namespace?: number): Promise<number>;
  /**
   * Pages that are not redirects in `namespaces`, by page id ascending after `afterId`: a keyset
   * walk over the whole wiki (the suggestion generator's full run).
   */
  listByIdAfter(wiki: string, q: { namespaces: number[]; afterId: number; limit: number }): Promise<Page[]>;
}

/** A stored revision's identity without its text: what an import compares against. */
export type RevisionKey = Pick<Revision, 'id' | 'pageId' | 'timestamp' | 'sha1'>;

/** A revision as list=usercontribs shows it (text left out, ''), with what it needs of its page. */
export interface Contribution {
  revision: Revision;
  namespace: number;
  title: string;
  /** Whether it is its page's latest revision. */
  isTop: boolean;
  /** The length of its parent revision; null when it has none (a page creation) or it is gone. */
  parentLen: number | null;
  /** rc_patrolled of its recent change (0, 1, 2); null without one (older than the recent changes). */
  patrolled: number | null;
}

/**
 * list=usercontribs: revisions by `users` (exact user texts: names or addresses) or by the names
 * starting with `prefix`, ordered by (user text, timestamp, rev_id), all ascending ('newer') or
 * descending ('older').
 */
export interface ContributionQuery {
  users?: string[];
  prefix?: string;
  namespaces?: number[];
  /** Timestamp bounds, inclusive: `newest` ≥ timestamp ≥ `oldest`. */
  newest?: number;
  oldest?: number;
  dir: SortDir;
  limit: number;
  /** The position (inclusive) to resume at. */
  from?: { userText: string; timestamp: number; id: number };
  minor?: boolean;
  /** Page creations (no parent) only, or none. */
  creation?: boolean;
  /** The page's latest revision only, or none. */
  top?: boolean;
  /** Only revisions whose recent change has one of these rc_patrolled values. */
  patrolled?: number[];
  tag?: string;
}

/** A registered contributor of a page (prop=contributors). */
export interface PageContributor {
  pageId: number;
  userId: number;
  name: string;
}

export interface RevisionRepository {
  get(wiki: string, revId: number): Promise<Revision | undefined>;
  /**
   * Which revisions are stored (imports): those whose id is among `revIds`, and those of the pages
   * `pageIds` whose timestamp is among `timestamps`. Text is not read.
   */
  findKeys(
    wiki: string,
    q: { revIds: number[]; pageIds: number[]; timestamps: number[] },
  ): Promise<RevisionKey[]>;
  insert(rev: Revision): Promise<void>;
  /** Inserts many revisions (imports); a revision whose id is already stored is left as it is. */
  insertMany(revs: Revision[]): Promise<void>;
  /** Revisions of a page, newest first by default, keyset-paged by (timestamp, rev_id). */
  listForPage(
    wiki: string,
    pageId: number,
    q: { dir: SortDir; limit: number; startId?: number; withText?: boolean },
  ): Promise<Revision[]>;
  /** The earliest revision by (timestamp, rev_id): the page's creation. */
  first(wiki: string, pageId: number): Promise<Revision | undefined>;
  /** Number of revisions of a page, counting at most `cap` (cheap for huge histories). */
  countForPage(wiki: string, pageId: number, cap: number): Promise<number>;
  /** Many revisions by id, with their text; unknown ids are absent. */
  getMany(wiki: string, revIds: number[]): Promise<Map<number, Revision>>;
  /**
   * The earliest revision (as `first`) of each stored page, by page id, text left out (''); pages
   * that are not stored or have no revision are absent.
   */
  firstMany(wiki: string, pageIds: number[]): Promise<Map<number, Revision>>;
  /** `countForPage` for each stored page, by page id; pages that are not stored are absent. */
  countForPages(wiki: string, pageIds: number[], cap: number): Promise<Map<number, number>>;
  /** list=usercontribs (ContributionQuery). */
  listContributions(wiki: string, q: ContributionQuery): Promise<Contribution[]>;
  /**
   * prop=contributors: the distinct registered editors of `pageIds`, by (page id, user id) from
   * `from` on (inclusive); `groups` keeps only members of those groups (unexpired at `now`),
   * `excludeGroups` leaves them out.
   */
  listContributors(
    wiki: string,
    q: {
      pageIds: number[];
      limit: number;
      now: number;
      from?: { pageId: number; userId: number };
      groups?: string[];
      excludeGroups?: string[];
    },
  ): Promise<PageContributor[]>;
  /** How many distinct addresses edited each of `pageIds` without an account; pages with none are absent. */
  countAnonymousContributors(wiki: string, pageIds: number[]): Promise<Map<number, number>>;
  /** Moves every revision of the page into the archive, tagged with the deletion log id. */
  archivePage(wiki: string, pageId: number, namespace: number, title: string, logId: number): Promise<number>;
}

export interface ArchiveRepository {
  /** Archived revisions for a title, oldest first. */
  listForTitle(wiki: string, namespace: number, title: string): Promise<Revision[]>;
  /** Removes the archived revisions of a title (after they were restored) and returns them. */
  takeForTitle(wiki: string, namespace: number, title: string): Promise<Revision[]>;
}

/** Create protection of titles without a page (protected_titles). */
export interface ProtectedTitleRepository {
  /** The title's create protection in force at `now`, if any. */
  get(wiki: string, namespace: number, title: string, now: number): Promise<TitleProtection | undefined>;
  /** Sets (or replaces) the title's create protection. */
  set(protection: TitleProtection): Promise<void>;
  /** Removes the title's create protection; true when there was one (expired or not). */
  delete(wiki: string, namespace: number, title: string): Promise<boolean>;
  /**
   * list=protectedtitles: protections in force at `now`, newest first (timestamp, namespace,
   * title descending), from the position `from` on (inclusive), in `namespaces` and at `levels`
   * when given.
   */
  list(
    wiki: string,
    opts: {
      now: number;
      limit: number;
      namespaces?: number[];
      levels?: string[];
      from?: { timestamp: number; namespace: number; title: string };
    },
  ): Promise<TitleProtection[]>;
}

export interface RestrictionRepository {
  get(
    wiki: string,
    pageId: number,
    now: number,
  ): Promise<{ type: string; level: string; expiry: number | null }[]>;
  set(wiki: string, pageId: number, type: string, level: string | null, expiry: number | null): Promise<void>;
  /** Which of `pageIds` have a `type` restriction (any level) in force at `now`. */
  restrictedAmong(wiki: string, pageIds: readonly number[], type: string, now: number): Promise<Set<number>>;
}
