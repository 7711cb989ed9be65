import { parseTimestamp, toIsoTimestamp, toMwTimestamp } from '../../../domain/clock.ts';
import type { RecentChange } from '../../../domain/wiki.ts';
import { fail } from '../../../../errors.ts';
import type { RecentChangeQuery } from '../../../store/repositories/logs-and-changes.ts';
import type { WatchedItem } from '../../../store/repositories/watchlist.ts';
import type { ApiRequestContext, ParamValues, QueryModule, QueryOutput } from '../module.ts';
import { changeLogParams, renderChangeFields } from './change-fields.ts';
import { parseContinue } from './continuation.ts';
import { standardLimit, userNameParam } from './param-values.ts';

const SHOW = [
  'minor',
  '!minor',
  'bot',
  '!bot',
  'anon',
  '!anon',
  'patrolled',
  '!patrolled',
  'autopatrolled',
  '!autopatrolled',
  'unread',
  '!unread',
] as const;

/**
 * list=watchlist (ApiQueryWatchlist): the recent changes of the pages the user watches (unexpired
 * watches only), newest first by default. Without `wlallrev` only the latest change of each page
 * is listed (a change whose revision is the page's current one, and log entries). `wlcontinue` is
 * `timestamp|rcid` of the next change, as list=recentchanges continues.
 */
export const watchlistModule: QueryModule = {
  name: 'watchlist',
  kind: 'list',
  prefix: 'wl',
  description: "Get recent changes to pages in the current user's watchlist.",
  generator: true,
  params: {
    allrev: {
      type: 'boolean',
      description: 'Include multiple revisions of the same page within given timeframe.',
    },
    start: { type: 'timestamp', description: 'The timestamp to start enumerating from.' },
    end: { type: 'timestamp', description: 'The timestamp to end enumerating.' },
    namespace: {
      type: 'namespace',
      multi: true,
      description: 'Filter changes to only the given namespaces.',
    },
    user: { type: 'user', description: 'Only list changes by this user.' },
    excludeuser: { type: 'user', description: "Don't list changes by this user." },
    dir: {
      type: 'enum',
      values: ['newer', 'older'],
      default: 'older',
      description: 'In which direction to enumerate.',
    },
    limit: standardLimit('How many total results to return per request.'),
    prop: {
      type: 'enum',
      multi: true,
      values: [
        'ids',
        'title',
        'flags',
        'user',
        'userid',
        'comment',
        'parsedcomment',
        'timestamp',
        'patrol',
        'sizes',
        'notificationtimestamp',
        'loginfo',
        'tags',
        'expiry',
      ],
      default: 'ids|title|flags',
      description: 'Which additional properties to get.',
    },
    show: {
      type: 'enum',
      multi: true,
      values: SHOW,
      description: 'Show only items that meet these criteria.',
    },
    type: {
      type: 'enum',
      multi: true,
      values: ['edit', 'new', 'log', 'external', 'categorize'],
      default: 'edit|new|log|categorize',
      description: 'Which types of changes to show.',
    },
    continue: { type: 'string', description: 'When more results are available, use this to continue.' },
  },
  async execute(ctx, params, _pages, out) {
    const props = new Set((params.prop as string[] | undefined) ?? []);
    if (props.has('patrol') && !canSeePatrol(ctx))
      throw fail('permissiondenied', 'request the patrolled flag');
    const { rows, watched } = await findWatchedChanges(ctx, params, out);
    out.setQueryValue('watchlist', []);
    const logParams = props.has('loginfo') ? await changeLogParams(ctx, rows) : new Map();
    for (const rc of rows) {
      const item = render(ctx, rc, props, watched.get(`${rc.namespace}:${rc.title}`), logParams);
      if (!out.appendQueryList('watchlist', item)) {
        out.setContinue('wlcontinue', `${toMwTimestamp(rc.timestamp)}|${rc.id}`);
        break;
      }
    }
  },
  async executeGenerator(ctx, params, _pages, out) {
    const { rows } = await findWatchedChanges(ctx, params, out);
    return { pageIds: [...new Set(rows.map((r) => r.pageId).filter((id) => id > 0))] };
  },
};

function canSeePatrol(ctx: ApiRequestContext): boolean {
  return ctx.actor.rights.has('patrol') || ctx.actor.rights.has('patrolmarks');
}

async function findWatchedChanges(
  ctx: ApiRequestContext,
  params: ParamValues,
  out: QueryOutput,
): Promise<{ rows: RecentChange[]; watched: Map<string, WatchedItem> }> {
  const actor = ctx.actor;
  if (actor.isAnonymous) throw fail('notloggedin');
  if (!actor.rights.has('viewmywatchlist')) throw fail('permissiondenied', 'view your watchlist');
  const show = new Set((params.show as string[] | undefined) ?? []);
  for (const v of ['minor', 'bot', 'anon', 'patrolled', 'autopatrolled', 'unread'])
    if (show.has(v) && show.has(`!${v}`)) throw fail('show');
  const usesPatrol = ['patrolled', '!patrolled', 'autopatrolled', '!autopatrolled'].some((v) => show.has(v));
  if (usesPatrol && !canSeePatrol(ctx)) throw fail('permissiondenied', 'request the patrolled flag');
  const user = userNameParam(params, 'user');
  const excludeUser = userNameParam(params, 'excludeuser');
  if (user !== undefined && excludeUser !== undefined) throw fail('invalidparammix', 'wluser, wlexcludeuser');

  const limit = params.limit as number;
  const types = ((params.type as string[] | undefined) ?? []).filter(
    (t): t is 'edit' | 'new' | 'log' => t === 'edit' || t === 'new' || t === 'log',
  );
  if (types.length === 0) return { rows: [], watched: new Map() };
  const q: RecentChangeQuery = {
    dir: params.dir === 'newer' ? 'newer' : 'older',
    limit: Math.min(limit + 1, 5001),
    types,
    start: params.start as number | undefined,
    end: params.end as number | undefined,
    watchedBy: { userId: actor.userId, now: ctx.now },
  };
  const namespaces = (params.namespace as number[] | undefined) ?? [];
  if (namespaces.length) q.namespaces = namespaces;
  if (user !== undefined) q.actorName = user;
  if (excludeUser !== undefined) q.excludeActorName = excludeUser;
  if (show.has('minor')) q.minor = true;
  if (show.has('!minor')) q.minor = false;
  if (show.has('bot')) q.bot = true;
  if (show.has('!bot')) q.bot = false;
  if (show.has('patrolled')) q.patrolled = true;
  if (show.has('!patrolled')) q.patrolled = false;
  const cont = params.continue as string | undefined;
  if (cont !== undefined) {
    const [ts, id] = parseContinue(cont, ['string', 'int']) as [string, number];
    const seconds = /^\d{14}$/.test(ts) ? parseTimestamp(ts, ctx.now) : undefined;
    if (seconds === undefined) throw fail('badcontinue');
    // The continuation names the next change to list: resume just before it.
    q.after = { timestamp: seconds, id: q.dir === 'older' ? id + 1 : id - 1 };
  }

  const store = ctx.services.store;
  const wiki = ctx.wiki.id;
  const latest = new Map<number, number>();
  const watched = new Map<string, WatchedItem>();
  const rows: RecentChange[] = [];
  for (;;) {
    const batch = await store.recentChanges.list(wiki, q);
    const newPages = [...new Set(batch.map((r) => r.pageId))].filter((id) => id > 0 && !latest.has(id));
    for (const p of await store.pages.getManyByIds(wiki, newPages)) latest.set(p.id, p.latestRevId);
    const newTitles = batch
      .map((r) => ({ namespace: r.namespace, title: r.title }))
      .filter((t) => !watched.has(`${t.namespace}:${t.title}`));
    for (const [k, v] of await store.watchlist.getMany(wiki, actor.userId, newTitles, ctx.now))
      watched.set(k, v);
    for (const rc of batch) {
      if (params.allrev !== true && rc.type !== 'log' && latest.get(rc.pageId) !== rc.revId) continue;
      if (show.has('anon') && rc.actorId !== 0) continue;
      if (show.has('!anon') && rc.actorId === 0) continue;
      if (show.has('autopatrolled') && rc.patrolled !== 2) continue;
      if (show.has('!autopatrolled') && rc.patrolled === 2) continue;
      const seen = watched.get(`${rc.namespace}:${rc.title}`)?.notificationTimestamp;
      const unread = seen != null && rc.timestamp >= seen;
      if (show.has('unread') && !unread) continue;
      if (show.has('!unread') && unread) continue;
      rows.push(rc);
      if (rows.length > limit) break;
    }
    const last = batch[batch.length - 1];
    if (rows.length > limit || batch.length < q.limit || !last) break;
    q.after = { timestamp: last.timestamp, id: last.id };
  }
  if (rows.length > limit) {
    const next = rows[limit];
    rows.length = limit;
    if (next) out.setContinue('wlcontinue', `${toMwTimestamp(next.timestamp)}|${next.id}`);
  }
  return { rows, watched };
}

function render(
  ctx: ApiRequestContext,
  rc: RecentChange,
  props: Set<string>,
  watch: WatchedItem | undefined,
  logParams: Map<number, Record<string, unknown>>,
): Record<string, unknown> {
  const item = renderChangeFields(ctx, rc, props, {
    withRcid: false,
    patrolProp: 'patrol',
    patrolSkipsLogs: false,
    logParams,
  });
  if (props.has('notificationtimestamp'))
    item.notificationtimestamp =
      watch?.notificationTimestamp != null ? toIsoTimestamp(watch.notificationTimestamp) : '';
  if (props.has('expiry')) item.expiry = watch?.expiry != null ? toIsoTimestamp(watch.expiry) : false;
  return item;
}
