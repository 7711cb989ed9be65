import { toIsoTimestamp, toMwTimestamp } from '../../../domain/clock.ts';
import type { LogEntry } from '../../../domain/wiki.ts';
import { fail } from '../../../../errors.ts';
import type { LogQuery } from '../../../store/repositories/logs-and-changes.ts';
import type { ApiRequestContext, QueryModule } from '../module.ts';
import { formatCommentHtml } from './comment-html.ts';
import { parseContinue } from './continuation.ts';
import { logParamsForApi } from './log-params.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { formatTitle, tryParseTitle } from '../../../domain/titles.ts';
import { userNameParam, standardLimit } from './param-values.ts';

/**
 * list=logevents (ApiQueryLogEvents). `lecontinue` is `timestamp|logid` of the last entry returned;
 * the next request resumes strictly after it. `leaction` takes `type/action` and overrides `letype`.
 */
export const logeventsModule: QueryModule = {
  name: 'logevents',
  kind: 'list',
  prefix: 'le',
  description: 'Get events from logs.',
  params: {
    prop: {
      type: 'enum',
      multi: true,
      description: 'Which properties to get.',
      values: [
        'ids',
        'title',
        'type',
        'user',
        'userid',
        'timestamp',
        'comment',
        'parsedcomment',
        'details',
        'tags',
      ],
      default: 'ids|title|type|user|timestamp|comment|details',
    },
    type: { type: 'string', description: 'Filter log entries to only this type.' },
    action: { type: 'string', description: 'Filter log actions to only this action (`type/action`).' },
    start: { type: 'timestamp', description: 'The timestamp to start enumerating from.' },
    end: { type: 'timestamp', description: 'The timestamp to end enumerating.' },
    dir: {
      type: 'enum',
      description: 'In which direction to enumerate.',
      values: ['newer', 'older'],
      default: 'older',
    },
    user: { type: 'user', description: 'Filter entries to those made by the given user.' },
    title: { type: 'title', description: 'Filter entries to those related to a page.' },
    namespace: { type: 'namespace', description: 'Filter entries to those in the given namespace.' },
    tag: { type: 'string', description: 'Only list event entries tagged with this tag.' },
    limit: standardLimit('How many total event entries to return.'),
    continue: { type: 'string', description: 'When more results are available, use this to continue.' },
  },
  async execute(ctx, params, _pages, out) {
    const props = new Set((params.prop as string[] | undefined) ?? []);
    const limit = params.limit as number;
    const ns = namespacesOf(ctx);
    const q: LogQuery = {
      dir: (params.dir as string | undefined) === 'newer' ? 'newer' : 'older',
      limit: limit + 1,
      start: params.start as number | undefined,
      end: params.end as number | undefined,
    };
    const action = params.action as string | undefined;
    const type = params.type as string | undefined;
    if (action !== undefined && action !== '') {
      const slash = action.indexOf('/');
      if (slash <= 0 || slash === action.length - 1) throw fail('badvalue', 'leaction', action);
      q.type = action.slice(0, slash);
      q.action = action.slice(slash + 1);
    } else if (type !== undefined && type !== '') {
      q.type = type;
    }
    const user = userNameParam(params, 'user');
    if (user !== undefined && user !== '') q.actorName = user;
    const titleParam = params.title as string | undefined;
    if (titleParam !== undefined && titleParam !== '') {
      const t = tryParseTitle(titleParam, ns);
      if (!t) throw fail('invalidtitle', titleParam);
      q.namespace = t.namespace;
      q.title = t.dbKey;
    } else {
      const namespace = params.namespace as number | undefined;
      if (namespace !== undefined) q.namespace = namespace;
    }
    const cont = params.continue as string | undefined;
    if (cont !== undefined) {
      const [ts, id] = parseContinue(cont, ['string', 'int']) as [string, number];
      if (!/^\d{14}$/.test(ts)) throw fail('badcontinue');
      q.after = { timestamp: mwSeconds(ts), id };
    }
    const tag = params.tag as string | undefined;

    const rows: LogEntry[] = [];
    for (;;) {
      const batch = await ctx.services.store.logs.list(ctx.wiki.id, q);
      for (const e of batch) {
        if (tag !== undefined && tag !== '' && !e.tags.includes(tag)) continue;
        rows.push(e);
        if (rows.length > limit) break;
      }
      const last = batch[batch.length - 1];
      if (rows.length > limit || batch.length < q.limit || !last) break;
      q.after = { timestamp: last.timestamp, id: last.id };
    }
    const more = rows.length > limit;
    if (more) rows.length = limit;

    const currentIds = props.has('ids') ? await currentPageIds(ctx, rows) : new Map<string, number>();
    let lastShown: LogEntry | undefined;
    for (const e of rows) {
      const item = renderEntry(ctx, e, props, ns, currentIds);
      if (!out.appendQueryList('logevents', item)) {
        if (lastShown) out.setContinue('lecontinue', `${toMwTimestamp(lastShown.timestamp)}|${lastShown.id}`);
        return;
      }
      lastShown = e;
    }
    if (more && lastShown)
      out.setContinue('lecontinue', `${toMwTimestamp(lastShown.timestamp)}|${lastShown.id}`);
  },
};

function mwSeconds(ts: string): number {
  return (
    Date.UTC(
      +ts.slice(0, 4),
      +ts.slice(4, 6) - 1,
      +ts.slice(6, 8),
      +ts.slice(8, 10),
      +ts.slice(10, 12),
      +ts.slice(12, 14),
    ) / 1000
  );
}

async function currentPageIds(ctx: ApiRequestContext, rows: LogEntry[]): Promise<Map<string, number>> {
  const targets = rows.map((e) => ({ namespace: e.namespace, title: e.title }));
  const pages = targets.length ? await ctx.services.store.pages.getManyByTitles(ctx.wiki.id, targets) : [];
  return new Map(pages.map((p) => [`${p.namespace}:${p.title}`, p.id]));
}

function renderEntry(
  ctx: ApiRequestContext,
  e: LogEntry,
  props: Set<string>,
  ns: ReturnType<typeof namespacesOf>,
  currentIds: Map<string, number>,
): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  const title = formatTitle(e.namespace, e.title, ns);
  if (props.has('ids')) item.logid = e.id;
  if (props.has('title')) {
    item.ns = e.namespace;
    item.title = title;
  }
  if (props.has('ids')) {
    item.pageid = currentIds.get(`${e.namespace}:${e.title}`) ?? 0;
    item.logpage = e.pageId;
  }
  if (props.has('details')) item.params = logParamsForApi(ns, e);
  if (props.has('type')) {
    item.type = e.type;
    item.action = e.action;
  }
  if (props.has('user')) {
    item.user = e.actorName;
    if (e.actorId === 0) item.anon = true;
  }
  if (props.has('userid')) item.userid = e.actorId;
  if (props.has('timestamp')) item.timestamp = toIsoTimestamp(e.timestamp);
  if (props.has('comment')) item.comment = e.comment;
  if (props.has('parsedcomment')) item.parsedcomment = formatCommentHtml(ctx, e.comment);
  if (props.has('tags')) item.tags = [...e.tags];
  return item;
}
