import type { ApiModule } from '../module.ts';
import { readWatchlistRequest, watchlistParams } from './watchlist-params.ts';

/** action=undelete (ApiUndelete) through the wiki's source: restores every archived revision of the title. */
export const undeleteModule: ApiModule = {
  name: 'undelete',
  description: 'Undelete revisions of a deleted page.',
  mustBePosted: true,
  needsToken: 'csrf',
  isWrite: true,
  rateLimit: 'undelete',
  params: {
    title: { type: 'title', required: true, description: 'Title of the page to undelete.' },
    reason: { type: 'string', default: '', description: 'Reason for restoring.' },
    tags: {
      type: 'tags',
      multi: true,
      description: 'Change tags to apply to the entry in the deletion log.',
    },
    timestamps: { type: 'timestamp', multi: true, description: 'Not supported: all revisions are restored.' },
    fileids: { type: 'integer', multi: true, description: 'Not supported (there are no file histories).' },
    undeletetalk: { type: 'boolean', description: 'Accepted; the talk page is not restored with the page.' },
    ...watchlistParams,
  },
  async execute(ctx, params) {
    const watching = readWatchlistRequest(ctx, params);
    const result = await ctx.services.wikiSources.for(ctx.wiki.id).undelete(ctx.actor, {
      title: params.title as string,
      reason: params.reason as string,
      tags: (params.tags as string[] | undefined) ?? [],
    });
    await watching.apply(result.title, { existed: true, userOption: 'watchdefault' });
    return { body: result };
  },
};
