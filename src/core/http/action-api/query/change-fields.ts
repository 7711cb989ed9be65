import { toIsoTimestamp } from '../../../domain/clock.ts';
import { formatTitle } from '../../../domain/titles.ts';
import type { RecentChange } from '../../../domain/wiki.ts';
import type { ApiRequestContext } from '../module.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { formatCommentHtml } from './comment-html.ts';
import { logParamsForApi } from './log-params.ts';

/** How a module that lists recent changes names and limits its shared fields. */
export interface ChangeFieldOptions {
  /** `rcid` with the ids (list=recentchanges has it, list=watchlist does not). */
  withRcid: boolean;
  /** The prop that adds patrolled/unpatrolled/autopatrolled (`patrolled` or `patrol`). */
  patrolProp: string;
  /** Leave the patrol fields out for log entries (list=recentchanges does). */
  patrolSkipsLogs: boolean;
  /** The stored log parameters of log entries, by log id, for `loginfo`. */
  logParams: Map<number, Record<string, unknown>>;
}

/**
 * The fields list=recentchanges and list=watchlist (ApiQueryRecentChanges, ApiQueryWatchlist)
 * print alike for one change, by the requested props; each module adds its own after these.
 */
export function renderChangeFields(
  ctx: ApiRequestContext,
  rc: RecentChange,
  props: ReadonlySet<string>,
  opts: ChangeFieldOptions,
): Record<string, unknown> {
  const item: Record<string, unknown> = { type: rc.type };
  const title = formatTitle(rc.namespace, rc.title, namespacesOf(ctx));
  if (props.has('title')) {
    item.ns = rc.namespace;
    item.title = title;
  }
  if (props.has('ids')) {
    item.pageid = rc.pageId;
    item.revid = rc.revId;
    item.old_revid = rc.oldRevId;
    if (opts.withRcid) item.rcid = rc.id;
  }
  if (props.has('user')) {
    item.user = rc.actorName;
    if (rc.actorId === 0) item.anon = true;
  }
  if (props.has('userid')) item.userid = rc.actorId;
  if (props.has('flags')) {
    item.bot = rc.bot;
    item.new = rc.type === 'new';
    item.minor = rc.minor;
  }
  if (props.has('sizes')) {
    item.oldlen = rc.oldLen;
    item.newlen = rc.newLen;
  }
  if (props.has('timestamp')) item.timestamp = toIsoTimestamp(rc.timestamp);
  if (props.has('comment')) item.comment = rc.comment;
  if (props.has('parsedcomment')) item.parsedcomment = formatCommentHtml(ctx, rc.comment, title);
  if (props.has(opts.patrolProp) && !(opts.patrolSkipsLogs && rc.type === 'log')) {
    item.patrolled = rc.patrolled > 0;
    item.unpatrolled = rc.patrolled === 0;
    item.autopatrolled = rc.patrolled === 2;
  }
  if (props.has('loginfo') && rc.type === 'log') {
    item.logid = rc.logId;
    item.logtype = rc.logType;
    item.logaction = rc.logAction;
    item.logparams = opts.logParams.get(rc.logId) ?? {};
  }
  if (props.has('tags')) item.tags = [...rc.tags];
  return item;
}

/** The log parameters of the log entries among `rows`, by log id, as `loginfo` prints them. */
export async function changeLogParams(
  ctx: ApiRequestContext,
  rows: readonly RecentChange[],
): Promise<Map<number, Record<string, unknown>>> {
  const out = new Map<number, Record<string, unknown>>();
  const ns = namespacesOf(ctx);
  for (const rc of rows) {
    if (rc.type !== 'log' || rc.logId <= 0 || out.has(rc.logId)) continue;
    const entry = await ctx.services.store.logs.get(ctx.wiki.id, rc.logId);
    if (entry) out.set(rc.logId, logParamsForApi(ns, entry));
  }
  return out;
}
