import { toIsoTimestamp } from '../../core/domain/clock.ts';
import type { QueueFilter } from '../domain/queue-filter.ts';
import { PATROLLED, REVIEWED, UNREVIEWED, type ReviewStatus } from '../domain/review-status.ts';
import type { QueueBucketStats } from '../store/review-queue-repository.ts';
import type { ApiModule, ApiRequestContext } from '../../core/http/action-api/module.ts';
import { commonFilterParams, filterFromParams } from './review-filter-params.ts';
import type { ReviewService } from '../review-service.ts';

/**
 * How long the aggregates are reused. The reference caches them for 10 minutes (§2.2); the feed
 * refreshes every 30 s and shows these numbers next to the list, so ours stay fresher.
 */
const CACHE_SECONDS = 30;
const CACHE_MAX_ENTRIES = 1000;
/** "Reviewed this week" (§2.2 reviewedarticle). */
const REVIEWED_WINDOW_SECONDS = 7 * 86400;
/** Status 3 (autopatrolled) is not a review (T310108). */
const REVIEWED_STATUSES: ReviewStatus[] = [REVIEWED, PATROLLED];
const ALL_STATUSES: ReviewStatus[] = [0, 1, 2, 3];
/** AfC state "awaiting review" (§6). */
const AFC_PENDING = 2;

type Stats = Record<string, unknown>;

/** Stats of one filter, reused until `expires`; one cache per module instance (per started service). */
interface CacheEntry {
  expires: number;
  stats: Stats;
}

/**
 * action=pagetriagestats (ApiPageTriageStats, review-queue-reference.md §2.2): the counts the feed
 * shows under the list. `oldest` is the ISO 8601 time of the oldest review-state change in the
 * bucket, or null when the bucket is empty (the reference reports "now", §11 probable bugs).
 */
export function pagetriagestatsModule(review: ReviewService): ApiModule {
  const cache = new Map<string, CacheEntry>();
  return {
    name: 'pagetriagestats',
    description: 'Get the stats for the page triage queue.',
    ignoresBlocks: true,
    params: { ...commonFilterParams },
    async execute(ctx, params) {
      const preset = review.queue.preset(ctx.wiki.id);
      const filter = filterFromParams(params, preset, { defaultToUnreviewed: true });
      const key = `${ctx.wiki.id}\u0000${JSON.stringify(filter)}`;
      const hit = cache.get(key);
      if (hit && hit.expires > ctx.now) return { body: { stats: hit.stats } };
      const stats = await computeStats(
        review,
        ctx,
        filter,
        preset.draftNamespace,
        preset.oresArticleQualityBounds,
      );
      if (cache.size >= CACHE_MAX_ENTRIES) {
        for (const [k, v] of cache) if (v.expires <= ctx.now) cache.delete(k);
        if (cache.size >= CACHE_MAX_ENTRIES) cache.clear();
      }
      cache.set(key, { expires: ctx.now + CACHE_SECONDS, stats });
      return { body: { stats } };
    },
  };
}

async function computeStats(
  review: ReviewService,
  ctx: ApiRequestContext,
  filter: QueueFilter,
  draftNamespace: number | null,
  oresBounds: number[],
): Promise<Stats> {
  const repo = review.store.reviewQueue;
  const wiki = ctx.wiki.id;
  const namespace = filter.namespace;
  const since = ctx.now - REVIEWED_WINDOW_SECONDS;
  const unreviewed = (isRedirect: boolean) =>
    repo.bucketStats(wiki, { namespace, statuses: [UNREVIEWED], isRedirect, nominated: false });
  const reviewed = (isRedirect: boolean) =>
    repo.countReviewedSince(wiki, { namespace, statuses: REVIEWED_STATUSES, isRedirect, since });
  const [articles, redirects, reviewedArticles, reviewedRedirects, filtered, drafts] = await Promise.all([
    unreviewed(false),
    unreviewed(true),
    reviewed(false),
    reviewed(true),
    repo.count(wiki, filter, { oresBounds }),
    draftNamespace === null
      ? Promise.resolve(null)
      : repo.bucketStats(wiki, {
          namespace: draftNamespace,
          statuses: ALL_STATUSES,
          isRedirect: false,
          afcState: AFC_PENDING,
        }),
  ]);
  return {
    unreviewedarticle: bucket(articles),
    unreviewedredirect: bucket(redirects),
    reviewedarticle: { reviewed_count: reviewedArticles },
    reviewedredirect: { reviewed_count: reviewedRedirects },
    filteredarticle: filtered,
    unrevieweddraft: drafts === null ? [] : bucket(drafts),
    namespace,
  };
}

function bucket(s: QueueBucketStats): { count: number; oldest: string | null } {
  return { count: s.count, oldest: s.oldest === null ? null : toIsoTimestamp(s.oldest) };
}
