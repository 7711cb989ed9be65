import type { Clock } from '../core/domain/clock.ts';
import type { WikiRegistry } from '../core/wikis/wiki-registry.ts';
import type { QueueFilter } from './domain/queue-filter.ts';
import { PATROLLED, REVIEWED, UNREVIEWED, type ReviewStatus } from './domain/review-status.ts';
import type { ReviewPresets } from './review-presets.ts';
import type { QueueBucketStats } from './store/review-queue-repository.ts';
import type { ReviewStoreOf } from './store/review-store.ts';

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

/** The counts the feed shows under the list (pagetriagestats, review-queue-reference.md §2.2). */
export interface ReviewStats {
  /** The namespace the buckets count (the filter's). */
  namespace: number;
  /** Unreviewed, unnominated articles and redirects of the namespace. */
  unreviewedArticles: QueueBucketStats;
  unreviewedRedirects: QueueBucketStats;
  /** Articles and redirects reviewed (not autopatrolled) in the last week. */
  reviewedArticles: number;
  reviewedRedirects: number;
  /** Pages matching the whole filter. */
  filtered: number;
  /** Drafts awaiting AfC review; null when the wiki has no Draft namespace. */
  unreviewedDrafts: QueueBucketStats | null;
}

/**
 * The queue's statistics per filter, reused for 30 seconds: a feed left open asks for the same
 * filter every 30 s, and a busy wiki has many feeds open. One cache per service (per started
 * server), bounded in entries.
 */
export class ReviewStatsService {
  readonly #cache = new Map<string, { expires: number; stats: ReviewStats }>();

  constructor(
    private readonly deps: {
      store: ReviewStoreOf<'reviewQueue'>;
      wikis: WikiRegistry;
      presets: ReviewPresets;
      clock: Clock;
    },
  ) {}

  async stats(wiki: string, filter: QueueFilter): Promise<ReviewStats> {
    const now = this.deps.clock();
    const key = `${wiki}\u0000${JSON.stringify(filter)}`;
    const hit = this.#cache.get(key);
    if (hit && hit.expires > now) return hit.stats;
    const stats = await this.#compute(wiki, filter, now);
    if (this.#cache.size >= CACHE_MAX_ENTRIES) {
      for (const [k, v] of this.#cache) if (v.expires <= now) this.#cache.delete(k);
      if (this.#cache.size >= CACHE_MAX_ENTRIES) this.#cache.clear();
    }
    this.#cache.set(key, { expires: now + CACHE_SECONDS, stats });
    return stats;
  }

  async #compute(wiki: string, filter: QueueFilter, now: number): Promise<ReviewStats> {
    const repo = this.deps.store.reviewQueue;
    const preset = this.deps.presets.for(this.deps.wikis.get(wiki).info);
    const draftNamespace = preset.draftNamespace;
    const namespace = filter.namespace;
    const since = now - REVIEWED_WINDOW_SECONDS;
    const unreviewed = (isRedirect: boolean) =>
      repo.bucketStats(wiki, { namespace, statuses: [UNREVIEWED], isRedirect, nominated: false });
    const reviewed = (isRedirect: boolean) =>
      repo.countReviewedSince(wiki, { namespace, statuses: REVIEWED_STATUSES, isRedirect, since });
    const [articles, redirects, reviewedArticles, reviewedRedirects, filtered, drafts] = await Promise.all([
      unreviewed(false),
      unreviewed(true),
      reviewed(false),
      reviewed(true),
      repo.count(wiki, filter, { oresBounds: preset.oresArticleQualityBounds }),
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
      namespace,
      unreviewedArticles: articles,
      unreviewedRedirects: redirects,
      reviewedArticles,
      reviewedRedirects,
      filtered,
      unreviewedDrafts: drafts,
    };
  }
}
