import { setWatch, watchlistValue, type WatchlistMode } from '../../../accounts/watchlists.ts';
import { tryParseTitle } from '../../../domain/titles.ts';
import { fail } from '../../../../errors.ts';
import { parseExpiry } from '../expiry.ts';
import type { ApiRequestContext, ParamSpecs, ParamValues } from '../module.ts';
import { defaultUserOptions } from '../query/default-options.ts';
import { namespacesOf } from '../request-namespaces.ts';

/** The watchlist parameters of MediaWiki's page-changing modules (ApiWatchlistTrait). */
export const watchlistParams: ParamSpecs = {
  watchlist: {
    type: 'enum',
    values: ['nochange', 'preferences', 'unwatch', 'watch'],
    default: 'preferences',
    description:
      'Unconditionally add or remove the page from your watchlist, use preferences (ignored for bot users) or do not change watch.',
  },
  watchlistexpiry: {
    type: 'expiry',
    description:
      'Watchlist expiry timestamp. Omit this parameter entirely to leave the current expiry unchanged.',
  },
};

/** The deprecated `watch`/`unwatch` flags that edit, delete and protect still accept. */
export const deprecatedWatchParams: ParamSpecs = {
  watch: {
    type: 'boolean',
    deprecated: true,
    description: 'Add the page to your watchlist. Use watchlist=watch.',
  },
  unwatch: {
    type: 'boolean',
    deprecated: true,
    description: 'Remove the page from your watchlist. Use watchlist=unwatch.',
  },
};

/** A page change's watchlist request, read (and its expiry checked) before the change is made. */
export interface WatchlistRequest {
  /** Applies the request to `title` after the change (ApiWatchlistTrait::setWatch). */
  apply(title: string, opts: { existed: boolean; userOption?: string }): Promise<void>;
}

/**
 * Reads a page-changing module's watchlist parameters: `watch`/`unwatch` (deprecated flags) win
 * over `watchlist`; `preferences` follows the module's user option (watchmoves, watchdeletion…) or,
 * without one, watchdefault/watchcreations. A `watchlistexpiry` in the past is `pastexpiry`.
 * Visitors have no watchlist; nothing happens for them.
 */
export function readWatchlistRequest(ctx: ApiRequestContext, params: ParamValues): WatchlistRequest {
  const mode: WatchlistMode =
    params.watch === true
      ? 'watch'
      : params.unwatch === true
        ? 'unwatch'
        : (params.watchlist as WatchlistMode);
  const rawExpiry = params.watchlistexpiry as string | undefined;
  const expiry = rawExpiry === undefined ? undefined : parseExpiry(rawExpiry, ctx.now);
  if (expiry != null && expiry <= ctx.now) throw fail('pastexpiry', rawExpiry ?? '');
  return {
    async apply(title, opts) {
      const ns = namespacesOf(ctx);
      const t = tryParseTitle(title, ns);
      if (!t || t.namespace < 0) return;
      const store = ctx.services.store;
      const watch = await watchlistValue(store, ctx.actor, t, ns, mode, {
        existed: opts.existed,
        userOption: opts.userOption,
        defaults: defaultUserOptions(ctx.wiki.lang, ctx.services.preferences),
        now: ctx.now,
      });
      await setWatch(store, ctx.actor, t, ns, watch, watch ? expiry : undefined, ctx.now);
    },
  };
}
