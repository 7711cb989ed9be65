import { formatTitle } from '../../../domain/titles.ts';
import { fail } from '../../../errors.ts';
import type { ApiModule } from '../module.ts';

/** action=move (ApiMove) on the local wiki; rights, protection and conflicts are LocalWiki.move's. */
export const moveModule: ApiModule = {
  name: 'move',
  description: 'Move a page.',
  mustBePosted: true,
  needsToken: 'csrf',
  isWrite: true,
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
    watchlist: {
      type: 'enum',
      values: ['nochange', 'preferences', 'unwatch', 'watch'],
      default: 'preferences',
      description: 'Accepted; there are no watchlists.',
    },
    watchlistexpiry: { type: 'expiry', description: 'Accepted; there are no watchlists.' },
    ignorewarnings: { type: 'boolean', description: 'Ignore any warnings.' },
    tags: {
      type: 'tags',
      multi: true,
      description: 'Change tags to apply to the entry in the move log and to the null revision.',
    },
  },
  async execute(ctx, params) {
    if (params.from !== undefined && params.fromid !== undefined)
      throw fail('invalidparammix', 'from, fromid');
    let from = params.from as string | undefined;
    if (from === undefined) {
      if (params.fromid === undefined) throw fail('missingparam-one-of', '"from", "fromid"');
      const page = await ctx.services.store.pages.getById(ctx.wiki.id, params.fromid as number);
      if (!page) throw fail('nosuchpageid', params.fromid as number);
      from = formatTitle(page.namespace, page.title, ctx.services.wikis.get(ctx.wiki.id).namespaces);
    }
    const result = await ctx.services.localWiki.move(ctx.actor, {
      from,
      to: params.to as string,
      reason: params.reason as string,
      noRedirect: params.noredirect === true,
      moveTalk: params.movetalk === true,
      tags: (params.tags as string[] | undefined) ?? [],
    });
    return { body: result };
  },
};
