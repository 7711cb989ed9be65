import { fail } from '../../../../errors.ts';
import type { ApiModule } from '../module.ts';
import { deprecatedWatchParams, readWatchlistRequest, watchlistParams } from './watchlist-params.ts';

/** action=delete (ApiDelete) through the wiki's source: answers `{title, reason, logid}`. */
export const deleteModule: ApiModule = {
  name: 'delete',
  description: 'Delete a page.',
  mustBePosted: true,
  needsToken: 'csrf',
  isWrite: true,
  rateLimit: 'delete',
  params: {
    title: {
      type: 'title',
      description: 'Title of the page to delete. Cannot be used together with pageid.',
    },
    pageid: {
      type: 'integer',
      description: 'Page ID of the page to delete. Cannot be used together with title.',
    },
    reason: { type: 'string', description: 'Reason for the deletion.' },
    tags: {
      type: 'tags',
      multi: true,
      description: 'Change tags to apply to the entry in the deletion log.',
    },
    deletetalk: { type: 'boolean', description: 'Accepted; the talk page is not deleted with the page.' },
    ...deprecatedWatchParams,
    ...watchlistParams,
    oldimage: { type: 'string', description: 'Not supported (there are no file histories).' },
  },
  async execute(ctx, params) {
    if (params.title !== undefined && params.pageid !== undefined)
      throw fail('invalidparammix', 'title, pageid');
    const watching = readWatchlistRequest(ctx, params);
    const result = await ctx.services.wikiSources.for(ctx.wiki.id).delete(ctx.actor, {
      title: params.title as string | undefined,
      pageId: params.pageid as number | undefined,
      reason: params.reason as string | undefined,
      tags: (params.tags as string[] | undefined) ?? [],
    });
    await watching.apply(result.title, { existed: true, userOption: 'watchdeletion' });
    return { body: result };
  },
};
