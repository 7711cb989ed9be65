import type { ApiModule } from '../../core/http/action-api/module.ts';
import type { ReviewService } from '../review-service.ts';

/**
 * action=pagetriagetagcopyvio (ApiPageTriageTagCopyvio, review-queue-reference.md §2.5): flags a
 * revision as a likely copyright violation (or removes the flag with `untag`). Needs the
 * `pagetriage-copyvio` right (group `copyviobot`, grant `highvolume`). An unchanged flag answers
 * `{result: "done", pagetriage_unchanged_status: revid}`.
 */
export function pagetriagetagcopyvioModule(review: ReviewService): ApiModule {
  return {
    name: 'pagetriagetagcopyvio',
    description: 'Tag a revision of a page as a likely copyright violation.',
    mustBePosted: true,
    needsToken: 'csrf',
    isWrite: true,
    params: {
      revid: {
        type: 'integer',
        required: true,
        description: 'The revision ID to tag as a likely copyright violation.',
      },
      untag: { type: 'boolean', description: 'Remove the flag from the revision instead.' },
    },
    async execute(ctx, params) {
      const body = await review.queue.tagCopyvio(ctx.actor, {
        revId: params.revid as number,
        untag: params.untag === true,
      });
      return { body };
    },
  };
}
