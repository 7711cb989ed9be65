import { toIsoTimestamp } from '../../core/domain/clock.ts';
import type { ApiModule } from '../../core/http/action-api/module.ts';
import type { QueueBucketStats } from '../store/review-queue-repository.ts';
import type { ReviewStats } from '../review-stats.ts';
import type { ReviewService } from '../review-service.ts';
import { commonFilterParams, filterFromParams } from './review-filter-params.ts';

/**
 * action=pagetriagestats (ApiPageTriageStats, review-queue-reference.md §2.2): the counts the feed
 * shows under the list, for the filter the parameters describe (unreviewed pages by default).
 * `oldest` is the ISO 8601 time of the oldest review-state change in the bucket, or null when the
 * bucket is empty (the reference reports "now", §11 probable bugs).
 */
export function pagetriagestatsModule(review: ReviewService): ApiModule {
  return {
    name: 'pagetriagestats',
    description: 'Get the stats for the page triage queue.',
    ignoresBlocks: true,
    params: { ...commonFilterParams },
    async execute(ctx, params) {
      const preset = review.queue.preset(ctx.wiki.id);
      const filter = filterFromParams(params, preset, { defaultToUnreviewed: true });
      return { body: { stats: renderStats(await review.stats.stats(ctx.wiki.id, filter)) } };
    },
  };
}

function renderStats(s: ReviewStats): Record<string, unknown> {
  return {
    unreviewedarticle: bucket(s.unreviewedArticles),
    unreviewedredirect: bucket(s.unreviewedRedirects),
    reviewedarticle: { reviewed_count: s.reviewedArticles },
    reviewedredirect: { reviewed_count: s.reviewedRedirects },
    filteredarticle: s.filtered,
    unrevieweddraft: s.unreviewedDrafts === null ? [] : bucket(s.unreviewedDrafts),
    namespace: s.namespace,
  };
}

function bucket(s: QueueBucketStats): { count: number; oldest: string | null } {
  return { count: s.count, oldest: s.oldest === null ? null : toIsoTimestamp(s.oldest) };
}
