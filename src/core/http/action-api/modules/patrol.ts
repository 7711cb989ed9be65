import { fail } from '../../../../errors.ts';
import type { ApiModule } from '../module.ts';

/** action=patrol (ApiPatrol): marks a recent change (by `rcid` or `revid`) as patrolled. */
export const patrolModule: ApiModule = {
  name: 'patrol',
  description: 'Patrol a page or revision.',
  mustBePosted: true,
  needsToken: 'patrol',
  isWrite: true,
  rateLimit: 'markpatrolled',
  params: {
    rcid: { type: 'integer', description: 'Recentchanges ID to patrol.' },
    revid: { type: 'integer', description: 'Revision ID to patrol.' },
    tags: { type: 'tags', multi: true, description: 'Change tags to apply to the entry in the patrol log.' },
  },
  async execute(ctx, params) {
    if (params.rcid !== undefined && params.revid !== undefined) throw fail('invalidparammix', 'rcid, revid');
    const result = await ctx.services.wikiSources.for(ctx.wiki.id).patrol(ctx.actor, {
      rcId: params.rcid as number | undefined,
      revId: params.revid as number | undefined,
      tags: (params.tags as string[] | undefined) ?? [],
    });
    return { body: result };
  },
};
