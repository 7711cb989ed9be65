import { titleOrPageId } from '../action-targets.ts';
import type { ApiModule } from '../module.ts';
import { readWatchlistRequest, watchlistParams } from './watchlist-params.ts';

/**
 * action=rollback (ApiRollback) through the wiki's source: reverts the latest consecutive edits of
 * `user` to the last revision by somebody else, as one edit; answers
 * `{title, pageid, summary, revid, old_revid, last_revid}`.
 */
export const rollbackModule: ApiModule = {
  name: 'rollback',
  description: 'Undo the last edit to the page.',
  mustBePosted: true,
  needsToken: 'rollback',
  isWrite: true,
  rateLimit: 'rollback',
  params: {
    title: {
      type: 'title',
      description: 'Title of the page to roll back. Cannot be used together with pageid.',
    },
    pageid: {
      type: 'integer',
      description: 'Page ID of the page to roll back. Cannot be used together with title.',
    },
    tags: { type: 'tags', multi: true, description: 'Tags to apply to the rollback.' },
    user: {
      type: 'user',
      required: true,
      description: 'Name of the user whose edits are to be rolled back.',
    },
    summary: {
      type: 'string',
      default: '',
      description: 'Custom edit summary. If empty, default summary will be used.',
    },
    markbot: { type: 'boolean', description: 'Mark the reverted edits and the revert as bot edits.' },
    ...watchlistParams,
  },
  async execute(ctx, params) {
    const watching = readWatchlistRequest(ctx, params);
    const title = await titleOrPageId(ctx, params);
    const result = await ctx.services.wikiSources.for(ctx.wiki.id).rollback(ctx.actor, {
      title,
      user: params.user as string,
      summary: params.summary as string,
      markBot: params.markbot === true,
      tags: (params.tags as string[] | undefined) ?? [],
    });
    await watching.apply(result.title, { existed: true, userOption: 'watchrollback' });
    return { body: result };
  },
};
