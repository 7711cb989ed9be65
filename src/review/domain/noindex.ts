import type { ReviewStatus } from './review-status.ts';

/**
 * The NOINDEX decision (review-queue-reference.md §5): `noindex,nofollow` when
 * A) unreviewed-NOINDEX is on, the page is queued unreviewed and younger than maxAge days, or
 * B) the page carries __NOINDEX__ and is younger than maxNoIndexAge days.
 * "Younger" is floor(days since creation) < max; a falsy max means any age; unqueued pages are never
 * new enough.
 */
export function shouldNoIndex(p: {
  queued: { status: ReviewStatus; createdAt: number } | null;
  hasNoIndexMagicWord: boolean;
  noIndexUnreviewedNewArticles: boolean;
  maxAge: number;
  maxNoIndexAge: number;
  now: number;
}): boolean {
  const newEnough = (max: number) => {
    if (!p.queued) return false;
    if (!max) return true;
    return Math.floor((p.now - p.queued.createdAt) / 86400) < max;
  };
  const a =
    p.noIndexUnreviewedNewArticles && p.queued !== null && p.queued.status === 0 && newEnough(p.maxAge);
  const b = p.hasNoIndexMagicWord && newEnough(p.maxNoIndexAge);
  return a || b;
}
