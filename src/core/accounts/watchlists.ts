import type { Actor } from '../domain/actor.ts';
import { hasRight } from '../domain/actor.ts';
import type { NamespaceTable } from '../domain/namespaces.ts';
import { subjectPageOf, talkPageOf, type Title } from '../domain/titles.ts';
import type { UserRepository } from '../store/repositories/users-and-sessions.ts';
import type { TitleKey, WatchlistRepository } from '../store/repositories/watchlist.ts';

/** $wgWatchlistExpiryMaxDuration: a temporary watch lasts at most a year (longer ones are cut). */
export const WATCHLIST_EXPIRY_MAX_SECONDS = 365 * 86400;

/** What watchlists read and write. */
export interface WatchlistStore {
  watchlist: WatchlistRepository;
  users: Pick<UserRepository, 'getOptions'>;
}

/**
 * The `watchlist` parameter of the page-changing modules (ApiWatchlistTrait): `watch`, `unwatch`,
 * `nochange`, or `preferences` (the user's options decide).
 */
export type WatchlistMode = 'watch' | 'unwatch' | 'preferences' | 'nochange';

/**
 * The titles one watch covers: the subject page and its talk page, as WatchedItemStore writes
 * them (watching a talk page watches its subject page too).
 */
export function watchedPair(title: Title, ns: NamespaceTable): TitleKey[] {
  const subject = subjectPageOf(title, ns);
  const talk = talkPageOf(subject, ns);
  const pair = [{ namespace: subject.namespace, title: subject.dbKey }];
  if (talk) pair.push({ namespace: talk.namespace, title: talk.dbKey });
  return pair;
}

/** Whether the actor may keep a watchlist at all (a registered user with `editmywatchlist`). */
export function canEditWatchlist(actor: Actor): boolean {
  return !actor.isAnonymous && hasRight(actor, 'editmywatchlist');
}

/**
 * Watches (`expiry` Unix seconds, null for good) or unwatches `title` and its talk page. A watch
 * without an expiry (`undefined`) of a title already watched keeps its expiry, as
 * WatchlistManager::setWatch does; an expiry beyond the maximum is cut to it.
 */
export async function setWatch(
  store: WatchlistStore,
  actor: Actor,
  title: Title,
  ns: NamespaceTable,
  watch: boolean,
  expiry: number | null | undefined,
  now: number,
): Promise<void> {
  if (!canEditWatchlist(actor)) return;
  const pair = watchedPair(title, ns);
  if (!watch) return store.watchlist.unwatch(actor.wiki, actor.userId, pair);
  if (expiry === undefined) {
    const current = await store.watchlist.getMany(actor.wiki, actor.userId, pair, now);
    if (current.size > 0) return;
  }
  const capped = expiry == null ? null : Math.min(expiry, now + WATCHLIST_EXPIRY_MAX_SECONDS);
  await store.watchlist.watch(actor.wiki, actor.userId, pair, capped);
}

/**
 * Whether a page change leaves the page watched (ApiWatchlistTrait::getWatchlistValue): `watch` and
 * `unwatch` say so; `nochange` keeps the current state; `preferences` keeps a watched page watched,
 * leaves a bot's list alone, and otherwise follows `userOption` (watchmoves, watchdeletion,
 * watchrollback…) or, without one, watchdefault — or watchcreations for a page that did not exist.
 */
export async function watchlistValue(
  store: WatchlistStore,
  actor: Actor,
  title: Title,
  ns: NamespaceTable,
  mode: WatchlistMode,
  opts: { existed: boolean; userOption?: string; defaults: Record<string, string | number>; now: number },
): Promise<boolean> {
  if (mode === 'watch') return true;
  if (mode === 'unwatch') return false;
  if (!canEditWatchlist(actor)) return false;
  const watched =
    (await store.watchlist.getMany(actor.wiki, actor.userId, watchedPair(title, ns), opts.now)).size > 0;
  if (mode === 'nochange' || watched) return watched;
  if (actor.groups.includes('bot')) return watched;
  const options = { ...opts.defaults, ...(await store.users.getOptions(actor.wiki, actor.userId)) };
  const isOn = (name: string) => {
    const v = options[name];
    return v !== undefined && v !== '' && v !== '0' && v !== 0;
  };
  if (opts.userOption !== undefined) return isOn(opts.userOption);
  return isOn('watchdefault') || (isOn('watchcreations') && !opts.existed);
}
