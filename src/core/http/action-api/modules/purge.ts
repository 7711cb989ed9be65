import type { ApiModule, QueryModule } from '../module.ts';
import { pageSetParams, resolveActionPageSet } from './action-page-set.ts';

/**
 * action=purge (ApiPurge): POST only, open to everyone within the `purge` rate limit. Each page
 * answers `{ns, title, purged}` (with `linkupdate` when its links were updated), a title without a
 * page `{ns, title, missing}`, an invalid one `{title, invalid, invalidreason}`.
 */
export function createPurgeModule(query: readonly QueryModule[]): ApiModule {
  return {
    name: 'purge',
    description: 'Purge the cache for the given titles.',
    mustBePosted: true,
    isWrite: true,
    rateLimit: 'purge',
    params: {
      forcelinkupdate: {
        type: 'boolean',
        description: 'Update the links tables and do other secondary data updates.',
      },
      forcerecursivelinkupdate: {
        type: 'boolean',
        description:
          'Same as forcelinkupdate, and update the links tables for any page that uses this page as a template.',
      },
      ...pageSetParams(query),
    },
    async execute(ctx, params) {
      const resolved = await resolveActionPageSet(ctx, params, query);
      const ids = [...resolved.pageSet.pages.keys()];
      const purged = await ctx.services.wikiSources.for(ctx.wiki.id).purge(ctx.actor, {
        pageIds: ids,
        linkUpdate: params.forcelinkupdate === true,
        recursive: params.forcerecursivelinkupdate === true,
      });
      const byId = new Map(purged.map((p) => [p.pageId, p]));
      const out: Record<string, unknown>[] = [];
      for (const { page } of resolved.pageSet.entries()) {
        if (page.invalid) {
          out.push({ title: page.title, invalidreason: page.invalidreason, invalid: true });
          continue;
        }
        if (page.title === '') {
          out.push({ pageid: page.pageid, missing: true });
          continue;
        }
        const item: Record<string, unknown> = { ns: page.ns, title: page.title };
        const done = page.pageid !== undefined ? byId.get(page.pageid) : undefined;
        if (done) {
          item.purged = true;
          if (done.linkUpdate) item.linkupdate = true;
        } else item.missing = true;
        out.push(item);
      }
      const topLevel: Record<string, unknown> = {};
      if (resolved.pageSet.normalized.length > 0) topLevel.normalized = resolved.pageSet.normalized;
      if (resolved.pageSet.redirects.length > 0) topLevel.redirects = resolved.pageSet.redirects;
      if (resolved.continue) topLevel.continue = resolved.continue;
      return { body: out, topLevel };
    },
  };
}
