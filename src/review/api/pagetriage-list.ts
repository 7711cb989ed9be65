import { parseTimestamp } from '../../core/domain/clock.ts';
import type { QueueListQuery, SortOrder } from '../domain/queue-filter.ts';
import type { ApiModule, ApiRequestContext, ParamValues } from '../../core/http/action-api/module.ts';
import type { FeedRequest } from '../review-feed.ts';
import { commonFilterParams, filterFromParams } from './review-filter-params.ts';
import { renderFeedPages } from './review-page-format.ts';
import type { ReviewService } from '../review-service.ts';

const SORTS: readonly SortOrder[] = ['newestfirst', 'oldestfirst', 'newestreview', 'oldestreview'];

/**
 * action=pagetriagelist (ApiPageTriageList, review-queue-reference.md §2.1): the review queue in
 * the requested order, filtered by the common filters, or one page with `page_id`.
 *
 * Paging: the store fetches limit+1 rows and every fetched row is returned, so a (limit+1)-th row
 * tells the client there is more. The next request sends the last row's sort timestamp as `offset`
 * and its id as `pageoffset`. For the review orders that timestamp is `ptrp_reviewed_updated`,
 * where the reference compares the creation time and so pages wrongly (§11 "Ordering").
 *
 * Pages without compiled metadata are left out, listed in `pages_missing_metadata`, and turn the
 * result into `warning` (the feed service queues their compilation: a GET never writes review
 * metadata itself).
 */
export function pagetriagelistModule(review: ReviewService): ApiModule {
  return {
    name: 'pagetriagelist',
    description: 'Get a list of page IDs for building a PageTriage queue.',
    ignoresBlocks: true,
    params: {
      page_id: {
        type: 'integer',
        description: 'Return data for the specified page ID, ignoring other parameters.',
      },
      ...commonFilterParams,
      limit: {
        type: 'integer',
        default: 20,
        min: 1,
        max: 200,
        description: 'The maximum number of results to return.',
      },
      offset: {
        type: 'integer',
        description:
          'Continue after this timestamp (Unix seconds or 14-digit TS_MW): the creation time, or for the review orders the review time, of the last page seen.',
      },
      pageoffset: { type: 'integer', description: 'Continue after this page ID (tie-breaker for offset).' },
      dir: {
        type: 'enum',
        values: SORTS,
        default: 'newestfirst',
        description: 'The direction the results are sorted in.',
      },
    },
    async execute(ctx, params) {
      const feed = await review.feed.list(
        ctx.wiki.id,
        feedRequest(review, ctx, params),
        ctx.actor.isAnonymous ? 0 : ctx.actor.userId,
      );
      const missing = feed.pagesMissingMetadata;
      return {
        body: {
          result: missing.length > 0 ? 'warning' : 'success',
          pages_missing_metadata: missing,
          pages: renderFeedPages(ctx, review.queue.preset(ctx.wiki.id), feed.pages),
        },
      };
    },
  };
}

/** `page_id` mode for a non-zero `page_id`; otherwise the filters, order, limit and continuation. */
function feedRequest(review: ReviewService, ctx: ApiRequestContext, params: ParamValues): FeedRequest {
  const pageId = params.page_id as number | undefined;
  if (pageId !== undefined && pageId !== 0) return { pageId };
  const preset = review.queue.preset(ctx.wiki.id);
  const query: QueueListQuery = {
    filter: filterFromParams(params, preset, { keywordSearch: preset.enableKeywordSearch }),
    sort: (params.dir as SortOrder | undefined) ?? 'newestfirst',
    limit: (params.limit as number | undefined) ?? 20,
  };
  const offset = offsetSeconds(params.offset, ctx.now);
  if (offset !== undefined) {
    const pageOffset = params.pageoffset as number | undefined;
    query.after = { timestamp: offset, ...(pageOffset !== undefined ? { pageId: pageOffset } : {}) };
  }
  return { query };
}

/**
 * `offset` as Unix seconds: PageTriage clients send `creation_date_utc` (14-digit TS_MW read as an
 * integer); Unix seconds are accepted too. Continuation applies only to a positive value (§2.1).
 */
function offsetSeconds(value: unknown, now: number): number | undefined {
  if (typeof value !== 'number' || value <= 0) return undefined;
  return parseTimestamp(String(value), now);
}
