import { checkTagsAccompanyingChange } from '../../core/domain/change-tags.ts';
import { coreSettingsOf } from '../../core/domain/wiki-settings.ts';
import { fail } from '../../errors.ts';
import type { ApiModule } from '../../core/http/action-api/module.ts';
import type { ReviewService } from '../review-service.ts';

/**
 * action=pagetriageaction (ApiPageTriageAction, review-queue-reference.md §2.3): marks a queued page
 * reviewed (`reviewed=1`) or unreviewed (`reviewed=0`), or adds a page to the queue (`enqueue`).
 * Exactly one of the two is required. The permission rules, rate limit, log entry, patrol mark and
 * notification are the review service's.
 */
export function pagetriageactionModule(review: ReviewService): ApiModule {
  return {
    name: 'pagetriageaction',
    description: 'Mark a page as reviewed or unreviewed, or add it to the new pages queue.',
    mustBePosted: true,
    needsToken: 'csrf',
    isWrite: true,
    params: {
      pageid: {
        type: 'integer',
        required: true,
        description: 'The article for which to be marked as reviewed or unreviewed.',
      },
      reviewed: { type: 'enum', values: ['0', '1'], description: 'Whether the article is reviewed or not.' },
      enqueue: { type: 'boolean', description: 'Whether to add the page to the new pages queue.' },
      note: { type: 'string', description: 'Personal message to page creators from reviewers.' },
      skipnotif: { type: 'boolean', description: 'Whether to skip the notification to the page creator.' },
      tags: { type: 'tags', multi: true, description: 'Change tags to apply to the log entry.' },
    },
    async execute(ctx, params) {
      const reviewed = params.reviewed as '0' | '1' | undefined;
      const enqueue = params.enqueue === true;
      if (reviewed !== undefined && enqueue) throw fail('invalidparammix', '"reviewed", "enqueue"');
      if (reviewed === undefined && !enqueue) throw fail('missingparam-one-of', '"reviewed", "enqueue"');
      const tags = (params.tags as string[] | undefined) ?? [];
      // §2.3 check 4: the tags are ones the user may add.
      checkTagsAccompanyingChange(tags, ctx.actor.rights, coreSettingsOf(ctx.wiki).changeTags);
      const queue = review.queue;
      const pageId = params.pageid as number;
      const note = (params.note as string | undefined) ?? '';
      const body = enqueue
        ? await queue.enqueue(ctx.actor, { pageId, note, tags })
        : await queue.setReviewed(ctx.actor, {
            pageId,
            reviewed: Number(reviewed),
            note,
            skipNotif: params.skipnotif === true,
            tags,
          });
      return { body };
    },
  };
}
