import { fail } from '../../../../errors.ts';
import type { ProtectionLevel, ProtectionType } from '../../../../wiki-source/wiki-source.ts';
import { titleOrPageId } from '../action-targets.ts';
import { parseExpiries } from '../expiry.ts';
import type { ApiModule } from '../module.ts';
import { deprecatedWatchParams, readWatchlistRequest, watchlistParams } from './watchlist-params.ts';

/**
 * action=protect (ApiProtect): `protections=edit=sysop|move=sysop` with one `expiry` for all or one
 * per protection (`toofewexpiries` otherwise); level `all` removes a protection.
 */
export const protectModule: ApiModule = {
  name: 'protect',
  description: 'Change the protection level of a page.',
  mustBePosted: true,
  needsToken: 'csrf',
  isWrite: true,
  rateLimit: 'protect',
  params: {
    title: {
      type: 'title',
      description: 'Title of the page to (un)protect. Cannot be used together with pageid.',
    },
    pageid: {
      type: 'integer',
      description: 'ID of the page to (un)protect. Cannot be used together with title.',
    },
    protections: {
      type: 'string',
      multi: true,
      required: true,
      description:
        'List of protection levels, formatted action=level (e.g. edit=sysop). A level of all means everyone is allowed.',
    },
    expiry: {
      type: 'expiry',
      multi: true,
      default: 'infinite',
      description: 'Expiry timestamps. If only one timestamp is set, it will be used for all protections.',
    },
    reason: { type: 'string', default: '', description: 'Reason for (un)protecting.' },
    tags: {
      type: 'tags',
      multi: true,
      description: 'Change tags to apply to the entry in the protection log.',
    },
    cascade: { type: 'boolean', description: 'Not supported: cascading protection is not modelled.' },
    ...deprecatedWatchParams,
    ...watchlistParams,
  },
  async execute(ctx, params) {
    const watching = readWatchlistRequest(ctx, params);
    const title = await titleOrPageId(ctx, params);
    const wanted = (params.protections as string[]).filter((p) => p !== '');
    const expiries = parseExpiries(params.expiry as string[] | undefined, wanted.length, ctx.now);
    const protections = wanted.map((p, i) => {
      const [type = '', level = ''] = p.split('=', 2);
      if (!p.includes('=') || level === '') throw fail('badvalue', 'protections', p);
      return { type: type as ProtectionType, level: level as ProtectionLevel, expiry: expiries[i] ?? null };
    });
    const result = await ctx.services.wikiSources.for(ctx.wiki.id).protect(ctx.actor, {
      title,
      protections,
      reason: params.reason as string,
      tags: (params.tags as string[] | undefined) ?? [],
    });
    await watching.apply(result.title, { existed: true, userOption: 'watchdefault' });
    return { body: result };
  },
};
