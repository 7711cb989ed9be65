/**
 * The review queue's filters, normalized from the API parameters of pagetriagelist and
 * pagetriagestats (review-queue-reference.md §2, "Common filters"). Pure: the store turns a
 * QueueFilter into SQL; the HTTP layer builds it from parameters.
 */
export type ReviewStateFilter = 'unreviewed' | 'reviewed' | 'any' | 'none';

export type SortOrder = 'newestfirst' | 'oldestfirst' | 'newestreview' | 'oldestreview';

export const ORES_CLASSES = ['stub', 'start', 'c', 'b', 'good', 'featured'] as const;
export type OresClass = (typeof ORES_CLASSES)[number];
export const ORES_ISSUES = ['vandalism', 'spam', 'attack', 'none', 'copyvio'] as const;
export type OresIssue = (typeof ORES_ISSUES)[number];

/** A condition on (is_redirect, nominated) from the type truth table of §2.1. */
export type TypeCondition = { kind: 'all' } | { kind: 'and' | 'or'; redirect?: boolean; nominated?: boolean };

export interface QueueFilter {
  namespace: number;
  state: ReviewStateFilter;
  /**
   * `showautopatrolled`: only pages whose creator holds autopatrol. The reference adds `status = 3`,
   * which makes "unreviewed + autopatrolled" always empty (§11 probable bugs); we filter on the
   * creator's right instead, so the review state filter still applies.
   */
  autopatrolledCreators: boolean;
  type: TypeCondition;
  createdFrom?: number;
  createdTo?: number;
  noCategory: boolean;
  unreferenced: boolean;
  noInboundLinks: boolean;
  recreated: boolean;
  nonAutoconfirmed: boolean;
  learners: boolean;
  blockedUsers: boolean;
  bots: boolean;
  username?: string;
  /** Case-sensitive substring of the snippet (§10: "keyword is case-sensitive"). */
  keyword?: string;
  afcState?: number;
  /** Null when ORES filtering is off or selects everything. */
  ores: { classes: OresClass[] | null; issues: OresIssue[] | null } | null;
}

/** Every page of `namespace`: any review state and type, no other filter. */
export function allPagesFilter(namespace: number): QueueFilter {
  return {
    namespace,
    state: 'any',
    autopatrolledCreators: false,
    type: { kind: 'all' },
    noCategory: false,
    unreferenced: false,
    noInboundLinks: false,
    recreated: false,
    nonAutoconfirmed: false,
    learners: false,
    blockedUsers: false,
    bots: false,
    ores: null,
  };
}

/**
 * The type truth table of §2.1 with R = showredirs, D = showdeleted (nominated), O = showothers:
 * if R≠O require is_redirect = R; if D≠O require nominated = D; join with AND when O is set, else OR.
 */
export function typeCondition(showRedirs: boolean, showDeleted: boolean, showOthers: boolean): TypeCondition {
  const redirect = showRedirs !== showOthers ? showRedirs : undefined;
  const nominated = showDeleted !== showOthers ? showDeleted : undefined;
  if (redirect === undefined && nominated === undefined) return { kind: 'all' };
  return {
    kind: showOthers ? 'and' : 'or',
    ...(redirect !== undefined ? { redirect } : {}),
    ...(nominated !== undefined ? { nominated } : {}),
  };
}

/** Whether a page with these type facts passes the condition (used by tests and in-memory checks). */
export function matchesType(c: TypeCondition, isRedirect: boolean, nominated: boolean): boolean {
  if (c.kind === 'all') return true;
  const terms: boolean[] = [];
  if (c.redirect !== undefined) terms.push(isRedirect === c.redirect);
  if (c.nominated !== undefined) terms.push(nominated === c.nominated);
  return c.kind === 'and' ? terms.every(Boolean) : terms.some(Boolean);
}

/** §2.1 "Review state": both → any, neither → empty result. */
export function stateFilter(showReviewed: boolean, showUnreviewed: boolean): ReviewStateFilter {
  if (showReviewed && showUnreviewed) return 'any';
  if (showReviewed) return 'reviewed';
  if (showUnreviewed) return 'unreviewed';
  return 'none';
}

export interface QueuePosition {
  /** Timestamp of the sort key (creation, or review update for the *review orders). */
  timestamp: number;
  pageId?: number;
}

/**
 * Keyset paging (§2.1 "Continuation"), with the reference's bug fixed: for the review orders the
 * offset is compared with the review timestamp (`ptrp_reviewed_updated` of the last row), not with
 * the creation time.
 */
export interface QueueListQuery {
  filter: QueueFilter;
  sort: SortOrder;
  after?: QueuePosition;
  /** Rows wanted; the store fetches limit+1 so the caller can tell there are more. */
  limit: number;
}

export function sortsByReview(sort: SortOrder): boolean {
  return sort === 'newestreview' || sort === 'oldestreview';
}

export function sortsDescending(sort: SortOrder): boolean {
  return sort === 'newestfirst' || sort === 'newestreview';
}
