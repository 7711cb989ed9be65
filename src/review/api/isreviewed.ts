import { UNREVIEWED } from '../domain/review-status.ts';
import type { QueryModule } from '../../core/http/action-api/module.ts';
import type { ReviewService } from '../review-service.ts';

/**
 * prop=isreviewed (PageTriage's ApiIsReviewed, review-queue-reference.md §2.6): for existing pages
 * of the main namespace, `isreviewed` is false only when the page is queued and unreviewed
 * (status 0); reviewed, patrolled, autopatrolled and unqueued pages are reviewed. Other namespaces
 * and missing pages get no field.
 */
export function isreviewedModule(review: ReviewService): QueryModule {
  return {
    name: 'isreviewed',
    kind: 'prop',
    prefix: '',
    description: 'Whether each page is reviewed in the new pages queue.',
    params: {},
    async execute(ctx, _params, pages, out) {
      const ids = [...pages.pages.values()].filter((p) => p.ns === 0).map((p) => p.pageid);
      if (ids.length === 0) return;
      const queued = await review.queue.statuses(ctx.wiki.id, ids);
      for (const id of ids) out.addPageData(id, { isreviewed: queued.get(id)?.status !== UNREVIEWED });
    },
  };
}
