import { titleOrPageId } from '../action-targets.ts';
import type { ApiModule } from '../module.ts';
import { readWatchlistRequest, watchlistParams } from './watchlist-params.ts';

/** action=move (ApiMove) through the wiki's source, which checks rights, protection and conflicts. */
export const moveModule: ApiModule = {
  name: 'move',
  description: 'Move a page.',
  mustBePosted: true,
  needsToken: 'csrf',
  isWrite: true,
  rateLimit: 'move',
  params: {
    from: { type: 'title', description: 'Title of the page to rename. Cannot be used together with fromid.' },
    fromid: {
      type: 'integer',
      description: 'Page ID of the page to rename. Cannot be used together with from.',
    },
    to: { type: 'title', required: true, description: 'Title to rename the page to.' },
    reason: { type: 'string', default: '', description: 'Reason for the rename.' },
    movetalk: { type: 'boolean', description: 'Rename the talk page, if it exists.' },
    movesubpages: { type: 'boolean', description: 'Accepted; subpages are not moved.' },
    noredirect: {
      type: 'boolean',
      description: "Don't create a redirect (needs the suppressredirect right).",
    },
    ...watchlistParams,
    ignorewarnings: { type: 'boolean', description: 'Ignore any warnings.' },
    tags: {
      type: 'tags',
      multi: true,
      description: 'Change tags to apply to the entry in the move log and to the null revision.',
    },
  },
  async execute(ctx, params) {
    const watching = readWatchlistRequest(ctx, params);
    const from = await titleOrPageId(ctx, params, 'from', 'fromid');
    const result = await ctx.services.wikiSources.for(ctx.wiki.id).move(ctx.actor, {
      from,
      to: params.to as string,
      reason: params.reason as string,
      noRedirect: params.noredirect === true,
      moveTalk: params.movetalk === true,
      tags: (params.tags as string[] | undefined) ?? [],
    });
    await watching.apply(result.from, { existed: true, userOption: 'watchmoves' });
    await watching.apply(result.to, { existed: true, userOption: 'watchmoves' });
    return { body: result };
  },
};
