import { fail } from '../../../../errors.ts';
import { toIsoTimestamp } from '../../../domain/clock.ts';
import { formatTitle, tryParseTitle } from '../../../domain/titles.ts';
import type { TitleKey, WatchedItem } from '../../../store/repositories/watchlist.ts';
import type { ApiRequestContext, ParamValues, QueryModule, QueryOutput } from '../module.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { parseContinue } from './continuation.ts';
import { standardLimit } from './param-values.ts';

/**
 * list=watchlistraw (ApiQueryWatchlistRaw): the titles the logged-in user watches (unexpired
 * watches), by namespace then title. Unlike other lists its result sits at the top level,
 * `watchlistraw: [...]`; `wrcontinue` is `namespace|dbkey` of the next title. As a generator it
 * yields the watched pages that exist.
 */
export const watchlistrawModule: QueryModule = {
  name: 'watchlistraw',
  kind: 'list',
  prefix: 'wr',
  description: "Get all pages on the current user's watchlist.",
  generator: true,
  resultAtTopLevel: true,
  params: {
    continue: { type: 'string', description: 'When more results are available, use this to continue.' },
    namespace: { type: 'namespace', multi: true, description: 'Only list pages in the given namespaces.' },
    limit: standardLimit('How many total results to return per request.'),
    prop: {
      type: 'enum',
      multi: true,
      values: ['changed'],
      description: 'Which additional properties to get.',
    },
    show: {
      type: 'enum',
      multi: true,
      values: ['changed', '!changed'],
      description: 'Only list items that meet these criteria.',
    },
    dir: {
      type: 'enum',
      values: ['ascending', 'descending'],
      default: 'ascending',
      description: 'The direction in which to list.',
    },
    fromtitle: {
      type: 'title',
      description: 'Title (with namespace prefix) to begin enumerating from.',
    },
    totitle: {
      type: 'title',
      description: 'Title (with namespace prefix) to stop enumerating at.',
    },
  },
  async execute(ctx, params, _pages, out) {
    const ns = namespacesOf(ctx);
    const withChanged = ((params.prop as string[] | undefined) ?? []).includes('changed');
    for (const w of await findWatched(ctx, params, out)) {
      const item: Record<string, unknown> = { ns: w.namespace, title: formatTitle(w.namespace, w.title, ns) };
      if (withChanged && w.notificationTimestamp !== null)
        item.changed = toIsoTimestamp(w.notificationTimestamp);
      if (!out.appendTopLevelList('watchlistraw', item)) {
        out.setContinue('wrcontinue', `${w.namespace}|${w.title}`);
        return;
      }
    }
  },
  async executeGenerator(ctx, params, _pages, out) {
    const watched = await findWatched(ctx, params, out);
    if (watched.length === 0) return { pageIds: [] };
    const pages = await ctx.services.store.pages.getManyByTitles(ctx.wiki.id, watched);
    const idOf = new Map(pages.map((p) => [`${p.namespace}|${p.title}`, p.id]));
    return {
      pageIds: watched.flatMap((w) => {
        const id = idOf.get(`${w.namespace}|${w.title}`);
        return id === undefined ? [] : [id];
      }),
    };
  },
};

/**
 * The watched titles of this request: from `wrcontinue` (or `wrfromtitle`) on, up to `wrtotitle`,
 * at most `wrlimit`, with the continuation set when more remain. Reads watchlist_pk in order.
 */
async function findWatched(
  ctx: ApiRequestContext,
  params: ParamValues,
  out: QueryOutput,
): Promise<WatchedItem[]> {
  const actor = ctx.actor;
  if (actor.isAnonymous) throw fail('notloggedin');
  if (!actor.rights.has('viewmywatchlist')) throw fail('permissiondenied', 'view your watchlist');
  const show = new Set((params.show as string[] | undefined) ?? []);
  if (show.has('changed') && show.has('!changed')) throw fail('show');
  const ns = namespacesOf(ctx);
  const titleKey = (name: string): TitleKey | undefined => {
    const value = params[name] as string | undefined;
    if (value === undefined) return undefined;
    const t = tryParseTitle(value, ns);
    if (!t) throw fail('invalidtitle', value);
    return { namespace: t.namespace, title: t.dbKey };
  };
  const cont = params.continue as string | undefined;
  let from = titleKey('fromtitle');
  if (cont !== undefined) {
    const [namespace, title] = parseContinue(cont, ['int', 'string']) as [number, string];
    from = { namespace, title };
  }
  const to = titleKey('totitle');
  const ascending = params.dir !== 'descending';
  const limit = params.limit as number;
  const rows = await ctx.services.store.watchlist.list(ctx.wiki.id, actor.userId, {
    now: ctx.now,
    limit: limit + 1,
    namespaces: params.namespace as number[] | undefined,
    ...(from ? { from } : {}),
    dir: ascending ? 'ascending' : 'descending',
    ...(show.has('changed') ? { changedOnly: true } : show.has('!changed') ? { changedOnly: false } : {}),
  });
  const beyond = (w: TitleKey) => {
    if (!to) return false;
    const cmp =
      w.namespace !== to.namespace
        ? w.namespace - to.namespace
        : w.title < to.title
          ? -1
          : w.title > to.title
            ? 1
            : 0;
    return ascending ? cmp > 0 : cmp < 0;
  };
  const inRange = rows.filter((w) => !beyond(w));
  const next = inRange[limit];
  if (next) {
    out.setContinue('wrcontinue', `${next.namespace}|${next.title}`);
    inRange.length = limit;
  }
  return inRange;
}
