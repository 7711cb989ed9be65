import { fail } from '../../../../errors.ts';
import { userOrUserId } from '../action-targets.ts';
import { parseExpiries } from '../expiry.ts';
import type { ApiModule } from '../module.ts';

/**
 * action=userrights (ApiUserrights): adds and removes explicit groups. `expiry` has one value
 * for all added groups or one per added group (`infinite`, `infinity`, `indefinite`, `never`,
 * a timestamp, or a relative "N unit(s)"). Answers `{user, userid, added: [groups], removed: [groups]}`.
 */
export const userrightsModule: ApiModule = {
  name: 'userrights',
  description: "Change a user's group membership.",
  mustBePosted: true,
  needsToken: 'userrights',
  isWrite: true,
  rateLimit: 'userrights',
  params: {
    user: { type: 'user', description: 'User.' },
    userid: { type: 'integer', deprecated: true, description: 'User ID. Use user=#ID instead.' },
    add: { type: 'string', multi: true, description: 'Add the user to these groups.' },
    expiry: {
      type: 'expiry',
      multi: true,
      default: 'infinite',
      description: 'Expiry timestamps; one for all added groups, or one per group in add.',
    },
    remove: { type: 'string', multi: true, description: 'Remove the user from these groups.' },
    reason: { type: 'string', default: '', description: 'Reason for the change.' },
    tags: {
      type: 'tags',
      multi: true,
      description: 'Change tags to apply to the entry in the user rights log.',
    },
  },
  async execute(ctx, params) {
    const target = await userOrUserId(ctx, params);
    if (target === undefined) throw fail('missingparam-one-of', '"user", "userid"');
    const add = (params.add as string[] | undefined) ?? [];
    const expiries = parseExpiries(params.expiry as string[] | undefined, add.length, ctx.now);
    const changes = add.map((group, i) => ({ group, expiry: expiries[i] ?? null }));
    const result = await ctx.services.accounts.setGroups(
      ctx.actor,
      target,
      changes,
      (params.remove as string[] | undefined) ?? [],
      (params.reason as string | undefined) ?? '',
    );
    return {
      body: {
        user: result.user.name,
        userid: result.user.id,
        added: result.added.map((a) => a.group),
        removed: result.removed,
      },
    };
  },
};
