import type { QueryModule } from '../../core/http/action-api/module.ts';
import type { ReviewService } from '../review-service.ts';

/**
 * prop=isreviewed (PageTriage's ApiIsReviewed, review-queue-reference.md §2.6): `isreviewed` for
 * the existing pages the feed answers for (the main namespace; see ReviewFeed.reviewedStates);
 * other namespaces and missing pages get no field.
 */
export function isreviewedModule(review: ReviewService): QueryModule {
  return {
    name: 'isreviewed',
    kind: 'prop',
    prefix: '',
    description: 'Whether each page is reviewed in the new pages queue.',
    params: {},
    async execute(ctx, _params, pages, out) {
      const states = await review.feed.reviewedStates(
        ctx.wiki.id,
        [...pages.pages.values()].map((p) => ({ pageId: p.pageid, namespace: p.ns })),
      );
      for (const [id, isreviewed] of states) out.addPageData(id, { isreviewed });
    },
  };
}
