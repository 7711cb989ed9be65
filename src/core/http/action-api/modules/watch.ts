import { canEditWatchlist, setWatch } from '../../../accounts/watchlists.ts';
import { toIsoTimestamp } from '../../../domain/clock.ts';
import { tryParseTitle } from '../../../domain/titles.ts';
import { fail } from '../../../../errors.ts';
import { parseExpiry } from '../expiry.ts';
import type { ApiModule, QueryModule } from '../module.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { pageSetParams, resolveActionPageSet } from './action-page-set.ts';

/**
 * action=watch (ApiWatch): adds the pages (and their talk pages) to the user's watchlist until
 * `expiry` (infinite by default; at most a year), or removes them with `unwatch`. Missing pages
 * may be watched; each page answers `{ns, title, watched|unwatched, watchlistexpiry?}`, an invalid
 * title `{title, invalid}`.
 */
export function createWatchModule(query: readonly QueryModule[]): ApiModule {
  return {
    name: 'watch',
    description: "Add or remove pages from the current user's watchlist.",
    mustBePosted: true,
    needsToken: 'watch',
    isWrite: true,
    params: {
      title: { type: 'string', deprecated: true, description: 'The page to (un)watch. Use titles instead.' },
      expiry: {
        type: 'expiry',
        description:
          'Expiry timestamp to be applied to all given pages. Omit this parameter entirely to leave any current expiries unchanged.',
      },
      unwatch: { type: 'boolean', description: 'If set the page will be unwatched rather than watched.' },
      ...pageSetParams(query),
    },
    async execute(ctx, params) {
      if (!canEditWatchlist(ctx.actor)) throw fail('notloggedin');
      const rawExpiry = params.expiry as string | undefined;
      const expiry = rawExpiry === undefined ? undefined : parseExpiry(rawExpiry, ctx.now);
      if (expiry != null && expiry <= ctx.now) throw fail('pastexpiry', rawExpiry ?? '');
      const titleParam = params.title as string | undefined;
      const resolved = await resolveActionPageSet(
        ctx,
        titleParam !== undefined && params.titles === undefined
          ? { ...params, titles: [titleParam] }
          : params,
        query,
      );
      const ns = namespacesOf(ctx);
      const unwatch = params.unwatch === true;
      const out: Record<string, unknown>[] = [];
      for (const { page } of resolved.pageSet.entries()) {
        if (page.invalid) {
          out.push({ title: page.title, invalid: true });
          continue;
        }
        const title = page.title === '' ? null : tryParseTitle(page.title, ns);
        if (!title || title.namespace < 0) continue;
        await setWatch(ctx.services.store, ctx.actor, title, ns, !unwatch, expiry, ctx.now);
        const item: Record<string, unknown> = { ns: page.ns, title: page.title };
        if (unwatch) item.unwatched = true;
        else {
          item.watched = true;
          const current = await ctx.services.store.watchlist.getMany(
            ctx.wiki.id,
            ctx.actor.userId,
            [{ namespace: title.namespace, title: title.dbKey }],
            ctx.now,
          );
          const until = [...current.values()][0]?.expiry;
          if (until != null) item.watchlistexpiry = toIsoTimestamp(until);
        }
        out.push(item);
      }
      return resolved.continue ? { body: out, topLevel: { continue: resolved.continue } } : { body: out };
    },
  };
}
