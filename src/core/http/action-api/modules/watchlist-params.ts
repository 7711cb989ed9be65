import type { ParamSpecs } from '../module.ts';

/**
 * The watchlist parameters of MediaWiki's page-changing modules (ApiWatchlistTrait), accepted so
 * clients that send them keep working; there are no watchlists here.
 */
export const watchlistParams: ParamSpecs = {
  watchlist: {
    type: 'enum',
    values: ['nochange', 'preferences', 'unwatch', 'watch'],
    default: 'preferences',
    description: 'Accepted; there are no watchlists.',
  },
  watchlistexpiry: { type: 'expiry', description: 'Accepted; there are no watchlists.' },
};

/** The deprecated `watch`/`unwatch` flags that edit, delete and protect still accept. */
export const deprecatedWatchParams: ParamSpecs = {
  watch: { type: 'boolean', deprecated: true, description: 'Accepted; there are no watchlists.' },
  unwatch: { type: 'boolean', deprecated: true, description: 'Accepted; there are no watchlists.' },
};
