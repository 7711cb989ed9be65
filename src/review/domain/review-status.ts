/**
 * Review status of a queued page (review-queue-reference.md §1.1): 0 unreviewed, 1 reviewed through
 * the review tools, 2 patrolled through core patrolling, 3 autopatrolled.
 */
export type ReviewStatus = 0 | 1 | 2 | 3;

export const UNREVIEWED: ReviewStatus = 0;
export const REVIEWED: ReviewStatus = 1;
export const PATROLLED: ReviewStatus = 2;
export const AUTOPATROLLED: ReviewStatus = 3;

export function isReviewStatus(n: number): n is ReviewStatus {
  return n === 0 || n === 1 || n === 2 || n === 3;
}

export interface EnqueueFacts {
  /** The user the rule is applied with (creator, editor flipping a redirect, mover); null = system. */
  hasUser: boolean;
  /** Whether that user holds `autopatrol` (on this title). */
  userHasAutopatrol: boolean;
  isDraft: boolean;
  isRedirect: boolean;
  /** Whether the wiki uses patrolling at all ($wgUseRCPatrol / $wgUseNPPatrol). */
  patrollingEnabled: boolean;
}

/**
 * The enqueue rule (review-queue-reference.md §3): draft redirects are never queued; an
 * autopatrolled user outside Draft gives status 3, everyone else 0. Returns null for "do not queue".
 */
export function initialStatus(f: EnqueueFacts): ReviewStatus | null {
  if (f.isDraft && f.isRedirect) return null;
  if (f.hasUser && f.userHasAutopatrol && f.patrollingEnabled && !f.isDraft) return AUTOPATROLLED;
  return UNREVIEWED;
}

/**
 * How an already queued page's status changes when the rule is re-applied (§3): it changes only when
 * it differs, and a status-3 page can only go to 0.
 */
export function reapplyStatus(current: ReviewStatus, computed: ReviewStatus): ReviewStatus {
  if (current === computed) return current;
  if (current === AUTOPATROLLED && computed !== UNREVIEWED) return current;
  return computed;
}

/**
 * Who may set a review status through the review action (§2.3, HEAD rules). Returns the reason it is
 * refused, or null when allowed.
 */
export function reviewPermission(p: {
  requested: 0 | 1;
  hasPatrol: boolean;
  hasAutopatrol: boolean;
  isCreator: boolean;
  blockedFromPatrol: boolean;
}): 'blocked' | 'permissiondenied' | null {
  if (p.blockedFromPatrol) return 'blocked';
  if (p.hasPatrol && p.hasAutopatrol) return null;
  if (p.requested === 1) return p.hasPatrol && !p.isCreator ? null : 'permissiondenied';
  return p.hasPatrol || (p.isCreator && p.hasAutopatrol) ? null : 'permissiondenied';
}
