import { fail } from '../../../../errors.ts';
import { userOrUserId } from '../action-targets.ts';
import type { ApiModule } from '../module.ts';

/** action=unblock (ApiUnblock) through the wiki's source: by block `id` or by `user`. */
export const unblockModule: ApiModule = {
  name: 'unblock',
  description: 'Unblock a user.',
  mustBePosted: true,
  needsToken: 'csrf',
  isWrite: true,
  rateLimit: 'unblock',
  params: {
    id: { type: 'integer', description: 'ID of the block to unblock. Cannot be used together with user.' },
    user: { type: 'user', description: 'User to unblock. Cannot be used together with id.' },
    userid: { type: 'integer', deprecated: true, description: 'Specify user=#ID instead.' },
    reason: { type: 'string', default: '', description: 'Reason for unblock.' },
    tags: { type: 'tags', multi: true, description: 'Change tags to apply to the entry in the block log.' },
    watchuser: { type: 'boolean', description: 'Accepted; there are no watchlists.' },
    watchlistexpiry: { type: 'expiry', description: 'Accepted; there are no watchlists.' },
  },
  async execute(ctx, params) {
    const target = await userOrUserId(ctx, params);
    if (target !== undefined && params.id !== undefined) throw fail('invalidparammix', 'id, user');
    const result = await ctx.services.wikiSources.for(ctx.wiki.id).unblock(ctx.actor, {
      target,
      blockId: params.id as number | undefined,
      reason: params.reason as string,
      tags: (params.tags as string[] | undefined) ?? [],
    });
    return { body: result };
  },
};
