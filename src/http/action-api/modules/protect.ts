import { formatTitle } from '../../../domain/titles.ts';
import { fail } from '../../../errors.ts';
import type { ProtectionLevel, ProtectionType } from '../../../wiki-source/local/local-wiki.ts';
import { parseExpiry } from '../expiry.ts';
import type { ApiModule } from '../module.ts';

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
    watch: { type: 'boolean', deprecated: true, description: 'Accepted; there are no watchlists.' },
    watchlist: {
      type: 'enum',
      values: ['nochange', 'preferences', 'unwatch', 'watch'],
      default: 'preferences',
      description: 'Accepted; there are no watchlists.',
    },
    watchlistexpiry: { type: 'expiry', description: 'Accepted; there are no watchlists.' },
  },
  async execute(ctx, params) {
    if (params.title !== undefined && params.pageid !== undefined)
      throw fail('invalidparammix', 'title, pageid');
    let title = params.title as string | undefined;
    if (title === undefined) {
      if (params.pageid === undefined) throw fail('missingparam-one-of', '"title", "pageid"');
      const page = await ctx.services.store.pages.getById(ctx.wiki.id, params.pageid as number);
      if (!page) throw fail('nosuchpageid', params.pageid as number);
      title = formatTitle(page.namespace, page.title, ctx.services.wikis.get(ctx.wiki.id).namespaces);
    }
    const wanted = (params.protections as string[]).filter((p) => p !== '');
    const expiries = (params.expiry as string[] | undefined) ?? ['infinite'];
    if (expiries.length !== 1 && expiries.length !== wanted.length)
      throw fail('toofewexpiries', expiries.length, wanted.length);
    const protections = wanted.map((p, i) => {
      const [type = '', level = ''] = p.split('=', 2);
      if (!p.includes('=') || level === '') throw fail('badvalue', 'protections', p);
      const expiry = parseExpiry((expiries.length === 1 ? expiries[0] : expiries[i]) ?? 'infinite', ctx.now);
      return { type: type as ProtectionType, level: level as ProtectionLevel, expiry };
    });
    const result = await ctx.services.localWiki.protect(ctx.actor, {
      title,
      protections,
      reason: params.reason as string,
      tags: (params.tags as string[] | undefined) ?? [],
    });
    return { body: result };
  },
};
