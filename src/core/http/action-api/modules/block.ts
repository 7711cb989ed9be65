import { fail } from '../../../../errors.ts';
import { userOrUserId } from '../action-targets.ts';
import { parseExpiry } from '../expiry.ts';
import type { ApiModule } from '../module.ts';

/** action=block (ApiBlock) through the wiki's source; answers with the block as MediaWiki describes it. */
export const blockModule: ApiModule = {
  name: 'block',
  description: 'Block a user.',
  mustBePosted: true,
  needsToken: 'csrf',
  isWrite: true,
  rateLimit: 'block',
  params: {
    user: { type: 'user', description: 'User, IP address or IP address range to block.' },
    userid: { type: 'integer', deprecated: true, description: 'Specify user=#ID instead.' },
    expiry: {
      type: 'expiry',
      default: 'never',
      description:
        'Expiry time: relative (5 months, 2 weeks) or absolute; infinite, indefinite or never for no expiry.',
    },
    reason: { type: 'string', default: '', description: 'Reason for block.' },
    anononly: {
      type: 'boolean',
      description: 'Block anonymous users only (i.e. disable anonymous edits for this IP address or range).',
    },
    nocreate: { type: 'boolean', description: 'Prevent account creation.' },
    autoblock: { type: 'boolean', description: 'Accepted; autoblocks are not modelled.' },
    noemail: { type: 'boolean', description: 'Prevent user from sending email through the wiki.' },
    hidename: { type: 'boolean', description: 'Not supported (there is no suppression).' },
    allowusertalk: { type: 'boolean', description: 'Allow the user to edit their own talk page.' },
    reblock: {
      type: 'boolean',
      description: 'If the user is already blocked, overwrite the existing block.',
    },
    newblock: { type: 'boolean', description: 'Accepted; one block per target.' },
    watchuser: { type: 'boolean', description: 'Accepted; there are no watchlists.' },
    watchlistexpiry: { type: 'expiry', description: 'Accepted; there are no watchlists.' },
    tags: { type: 'tags', multi: true, description: 'Change tags to apply to the entry in the block log.' },
    partial: {
      type: 'boolean',
      description: 'Block user from specific pages or namespaces rather than the entire site.',
    },
    pagerestrictions: {
      type: 'title',
      multi: true,
      maxValues: 10,
      description: 'Not stored yet: partial block page restrictions.',
    },
    namespacerestrictions: {
      type: 'namespace',
      multi: true,
      description: 'Not stored yet: partial block namespace restrictions.',
    },
  },
  async execute(ctx, params) {
    const target = await userOrUserId(ctx, params);
    if (target === undefined) throw fail('missingparam-one-of', '"user", "userid"');
    const result = await ctx.services.wikiSources.for(ctx.wiki.id).block(ctx.actor, {
      target,
      expiry: parseExpiry(params.expiry as string, ctx.now),
      reason: params.reason as string,
      anonOnly: params.anononly === true,
      noCreate: params.nocreate === true,
      noEmail: params.noemail === true,
      allowUserTalk: params.allowusertalk === true,
      reblock: params.reblock === true,
      partial: params.partial === true,
      tags: (params.tags as string[] | undefined) ?? [],
    });
    return { body: result };
  },
};
