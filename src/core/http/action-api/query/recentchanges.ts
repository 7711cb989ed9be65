import { toMwTimestamp } from '../../../domain/clock.ts';
import type { RecentChange } from '../../../domain/wiki.ts';
import { fail } from '../../../../errors.ts';
import type { RecentChangeQuery } from '../../../store/repositories/logs-and-changes.ts';
import type { ApiRequestContext, ParamValues, QueryModule, QueryOutput } from '../module.ts';
import { changeLogParams, renderChangeFields } from './change-fields.ts';
import { parseContinue } from './continuation.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { tryParseTitle } from '../../../domain/titles.ts';
import { userNameParam, standardLimit } from './param-values.ts';

const showValues = [
  'minor',
  '!minor',
  'bot',
  '!bot',
  'anon',
  '!anon',
  'redirect',
  '!redirect',
  'patrolled',
  '!patrolled',
  'unpatrolled',
  'autopatrolled',
  '!autopatrolled',
] as const;

/**
 * list=recentchanges (ApiQueryRecentChanges). `rccontinue` is `timestamp|rcid` of the last change
 * returned (TS_MW timestamp); the next request resumes strictly after it, so a change is never
 * returned twice nor skipped. Filters the store cannot apply (anon, redirect, autopatrolled, title,
 * tag) are applied while scanning, so a batch still fills up to `rclimit`.
 */
export const recentchangesModule: QueryModule = {
  name: 'recentchanges',
  kind: 'list',
  prefix: 'rc',
  description: 'Enumerate recent changes.',
  generator: true,
  params: {
    start: { type: 'timestamp', description: 'The timestamp to start enumerating from.' },
    end: { type: 'timestamp', description: 'The timestamp to end enumerating.' },
    dir: {
      type: 'enum',
      description: 'In which direction to enumerate.',
      values: ['newer', 'older'],
      default: 'older',
    },
    namespace: { type: 'namespace', multi: true, description: 'Filter changes to only these namespaces.' },
    user: { type: 'user', description: 'Only list changes by this user.' },
    excludeuser: { type: 'user', description: "Don't list changes by this user." },
    tag: { type: 'string', description: 'Only list changes tagged with this tag.' },
    prop: {
      type: 'enum',
      multi: true,
      description: 'Include additional pieces of information.',
      values: [
        'user',
        'userid',
        'comment',
        'parsedcomment',
        'flags',
        'timestamp',
        'title',
        'ids',
        'sizes',
        'redirect',
        'patrolled',
        'loginfo',
        'tags',
        'sha1',
      ],
      default: 'title|timestamp|ids',
    },
    show: {
      type: 'enum',
      multi: true,
      values: showValues,
      description: 'Show only items that meet these criteria.',
    },
    limit: standardLimit('How many total changes to return.'),
    type: {
      type: 'enum',
      multi: true,
      description: 'Which types of changes to show.',
      values: ['edit', 'new', 'log', 'external', 'categorize'],
      default: 'edit|new|log|categorize',
    },
    toponly: { type: 'boolean', description: 'Only list changes which are the latest revision.' },
    title: { type: 'title', description: 'Filter entries to those related to a page.' },
    continue: { type: 'string', description: 'When more results are available, use this to continue.' },
  },
  async execute(ctx, params, _pages, out) {
    const props = new Set((params.prop as string[] | undefined) ?? []);
    if (props.has('patrolled') && !canSeePatrol(ctx)) {
      throw fail('permissiondenied', 'request the patrolled flag');
    }
    const { rows, pageInfo } = await findChanges(ctx, params, out, props.has('redirect'));
    const sha1s = props.has('sha1') ? await revisionSha1s(ctx, rows) : new Map<number, string>();
    const logParams = props.has('loginfo')
      ? await changeLogParams(ctx, rows)
      : new Map<number, Record<string, unknown>>();
    for (const rc of rows) {
      const item = renderChange(ctx, rc, props, pageInfo, sha1s, logParams);
      if (!out.appendQueryList('recentchanges', item)) {
        out.setContinue('rccontinue', `${toMwTimestamp(rc.timestamp)}|${rc.id}`);
        break;
      }
    }
  },
  async executeGenerator(ctx, params, _pages, out) {
    const { rows } = await findChanges(ctx, params, out, false);
    const ids: number[] = [];
    const seen = new Set<number>();
    for (const rc of rows) {
      if (rc.pageId > 0 && !seen.has(rc.pageId)) {
        seen.add(rc.pageId);
        ids.push(rc.pageId);
      }
    }
    return { pageIds: ids };
  },
};

function canSeePatrol(ctx: ApiRequestContext): boolean {
  return ctx.actor.rights.has('patrol') || ctx.actor.rights.has('patrolmarks');
}

async function findChanges(
  ctx: ApiRequestContext,
  params: ParamValues,
  out: QueryOutput,
  needRedirects: boolean,
): Promise<{ rows: RecentChange[]; pageInfo: Map<number, { isRedirect: boolean; latestRevId: number }> }> {
  const show = new Set((params.show as string[] | undefined) ?? []);
  for (const v of ['minor', 'bot', 'anon', 'redirect', 'patrolled', 'autopatrolled']) {
    if (show.has(v) && show.has(`!${v}`)) throw fail('show');
  }
  if (show.has('patrolled') && show.has('unpatrolled')) throw fail('show');
  const usesPatrol = ['patrolled', '!patrolled', 'unpatrolled', 'autopatrolled', '!autopatrolled'].some((v) =>
    show.has(v),
  );
  if (usesPatrol && !canSeePatrol(ctx)) throw fail('permissiondenied', 'request the patrolled flag');
  const user = userNameParam(params, 'user');
  const excludeUser = userNameParam(params, 'excludeuser');
  if (user !== undefined && excludeUser !== undefined) throw fail('invalidparammix', 'rcuser, rcexcludeuser');

  const limit = params.limit as number;
  const dir = (params.dir as string | undefined) === 'newer' ? 'newer' : 'older';
  const requestedTypes = (params.type as string[] | undefined) ?? [];
  const types = (requestedTypes.length ? requestedTypes : ['edit', 'new', 'log']).filter(
    (t): t is 'edit' | 'new' | 'log' => t === 'edit' || t === 'new' || t === 'log',
  );
  if (types.length === 0) return { rows: [], pageInfo: new Map() };

  const q: RecentChangeQuery = {
    dir,
    limit: Math.min(limit + 1, 5001),
    types,
    start: params.start as number | undefined,
    end: params.end as number | undefined,
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
  if (show.has('!patrolled') || show.has('unpatrolled')) q.patrolled = false;
  const cont = params.continue as string | undefined;
  if (cont !== undefined) {
    const [ts, id] = parseContinue(cont, ['string', 'int']) as [string, number];
    const seconds = /^\d{14}$/.test(ts) ? mwToSeconds(ts) : NaN;
    if (Number.isNaN(seconds)) throw fail('badcontinue');
    q.after = { timestamp: seconds, id };
  }
  const titleParam = params.title as string | undefined;
  const ns = namespacesOf(ctx);
  const title = titleParam ? tryParseTitle(titleParam, ns) : undefined;
  const tag = params.tag as string | undefined;
  const topOnly = params.toponly === true;
  const needPages = needRedirects || show.has('redirect') || show.has('!redirect') || topOnly;

  const rows: RecentChange[] = [];
  const pageInfo = new Map<number, { isRedirect: boolean; latestRevId: number }>();
  for (;;) {
    const batch = await ctx.services.store.recentChanges.list(ctx.wiki.id, q);
    if (needPages) {
      const missing = [...new Set(batch.map((r) => r.pageId))].filter((id) => id > 0 && !pageInfo.has(id));
      for (const p of await ctx.services.store.pages.getManyByIds(ctx.wiki.id, missing)) {
        pageInfo.set(p.id, { isRedirect: p.isRedirect, latestRevId: p.latestRevId });
      }
    }
    for (const rc of batch) {
      if (show.has('anon') && rc.actorId !== 0) continue;
      if (show.has('!anon') && rc.actorId === 0) continue;
      if (show.has('autopatrolled') && rc.patrolled !== 2) continue;
      if (show.has('!autopatrolled') && rc.patrolled === 2) continue;
      const page = pageInfo.get(rc.pageId);
      if (show.has('redirect') && !page?.isRedirect) continue;
      if (show.has('!redirect') && page?.isRedirect) continue;
      if (topOnly && (rc.type === 'log' || page?.latestRevId !== rc.revId)) continue;
      if (title && (rc.namespace !== title.namespace || rc.title !== title.dbKey)) continue;
      if (tag !== undefined && !rc.tags.includes(tag)) continue;
      rows.push(rc);
      if (rows.length > limit) break;
    }
    const last = batch[batch.length - 1];
    if (rows.length > limit || batch.length < q.limit || !last) break;
    q.after = { timestamp: last.timestamp, id: last.id };
  }
  if (rows.length > limit) {
    rows.length = limit;
    const last = rows[limit - 1];
    if (last) out.setContinue('rccontinue', `${toMwTimestamp(last.timestamp)}|${last.id}`);
  }
  return { rows, pageInfo };
}

function mwToSeconds(ts: string): number {
  const iso = `${ts.slice(0, 4)}-${ts.slice(4, 6)}-${ts.slice(6, 8)}T${ts.slice(8, 10)}:${ts.slice(10, 12)}:${ts.slice(12, 14)}Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? NaN : ms / 1000;
}

async function revisionSha1s(ctx: ApiRequestContext, rows: RecentChange[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const rc of rows) {
    if (rc.revId > 0 && !out.has(rc.revId)) {
      const rev = await ctx.services.store.revisions.get(ctx.wiki.id, rc.revId);
      if (rev) out.set(rc.revId, rev.sha1);
    }
  }
  return out;
}

function renderChange(
  ctx: ApiRequestContext,
  rc: RecentChange,
  props: Set<string>,
  pageInfo: Map<number, { isRedirect: boolean }>,
  sha1s: Map<number, string>,
  logParams: Map<number, Record<string, unknown>>,
): Record<string, unknown> {
  const item = renderChangeFields(ctx, rc, props, {
    withRcid: true,
    patrolProp: 'patrolled',
    patrolSkipsLogs: true,
    logParams,
  });
  if (props.has('redirect')) item.redirect = pageInfo.get(rc.pageId)?.isRedirect ?? false;
  if (props.has('sha1') && rc.type !== 'log') {
    const sha1 = sha1s.get(rc.revId);
    if (sha1 !== undefined) item.sha1 = sha1;
  }
  return item;
}
