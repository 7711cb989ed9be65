import { toIsoTimestamp } from '../../../domain/clock.ts';
import type { Actor } from '../../../domain/actor.ts';
import type { Page } from '../../../domain/wiki.ts';
import type { ApiRequestContext, ParamValues, QueryModule, QueryPage } from '../module.ts';
import { fail, failWith, type WikiqueueError } from '../../../../errors.ts';
import { blockDetails } from '../../../domain/block-info.ts';
import { renderStatusError } from '../error-format.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { formatTitle, parseTitle, tryParseTitle } from '../../../domain/titles.ts';
import {
  passesRestrictionLevel,
  titlePermissionError,
  type PageAction,
  type PermissionTitle,
} from '../../../domain/page-permissions.ts';
import { editUrl, pageUrl } from './site-paths.ts';

/** The right each intestactions action needs. */
const actionRights: Record<string, string> = {
  read: 'read',
  edit: 'edit',
  create: 'createpage',
  move: 'move',
  delete: 'delete',
  undelete: 'undelete',
  protect: 'protect',
  upload: 'upload',
};

/** The intestactions whose title-based checks (page-permissions.ts) apply. */
const titleCheckedActions: ReadonlySet<string> = new Set<PageAction>([
  'edit',
  'create',
  'move',
  'delete',
  'undelete',
  'protect',
]);

/**
 * prop=info (ApiQueryInfo): page metadata for existing and missing pages. `new` means the page has
 * a single revision. Missing pages get content model, language and (with inprop=url) URLs, as in
 * MediaWiki. `watched` (with `watchlistexpiry`) and `notificationtimestamp` come from the user's
 * watchlist (registered users with viewmywatchlist); `watchers` is shown to users with
 * `unwatchedpages` ($wgUnwatchedPageThreshold is false), zero included.
 */
export const infoModule: QueryModule = {
  name: 'info',
  kind: 'prop',
  prefix: 'in',
  description: 'Get basic page information.',
  params: {
    prop: {
      type: 'enum',
      multi: true,
      values: [
        'protection',
        'talkid',
        'subjectid',
        'associatedpage',
        'url',
        'readable',
        'preload',
        'displaytitle',
        'varianttitles',
        'linkclasses',
        'watched',
        'watchers',
        'notificationtimestamp',
      ],
      description: 'Which additional properties to get.',
    },
    linkcontext: {
      type: 'title',
      description: 'The context title to use when determining extra CSS classes.',
    },
    testactions: {
      type: 'string',
      multi: true,
      description: 'Test whether the current user can perform certain actions on the page.',
    },
    testactionsdetail: {
      type: 'enum',
      values: ['boolean', 'full', 'quick'],
      default: 'boolean',
      description: 'Detail level for intestactions.',
    },
    continue: { type: 'string', description: 'When more results are available, use this to continue.' },
  },
  async execute(ctx, params, pages, out) {
    const props = new Set((params.prop as string[] | undefined) ?? []);
    const actions = (params.testactions as string[] | undefined) ?? [];
    const store = ctx.services.store;
    const wiki = ctx.wiki.id;
    const rows = await store.pages.getManyByIds(wiki, [...pages.pages.keys()]);
    const byId = new Map(rows.map((p) => [p.id, p]));
    const displayTitles = props.has('displaytitle')
      ? await store.links.pageProps(
          wiki,
          rows.map((p) => p.id),
          ['displaytitle'],
        )
      : new Map<number, Record<string, string>>();
    const watch = await watchInfoOf(ctx, props, [...pages.pages.values(), ...pages.missing]);
    const lang = ctx.wiki.lang;
    const dir = ['ar', 'fa', 'he', 'ur', 'yi', 'ps', 'ckb', 'dv'].includes(lang) ? 'rtl' : 'ltr';

    for (const [id, qp] of pages.pages) {
      const page = byId.get(id);
      if (!page) continue;
      const data: Record<string, unknown> = {
        contentmodel: page.contentModel,
        pagelanguage: lang,
        pagelanguagehtmlcode: lang,
        pagelanguagedir: dir,
        touched: toIsoTimestamp(page.touchedAt),
        lastrevid: page.latestRevId,
        length: page.len,
      };
      if (page.isRedirect) data.redirect = true;
      if (await isNew(ctx, page)) data.new = true;
      const restrictions =
        props.has('protection') || actions.length ? await store.restrictions.get(wiki, id, ctx.now) : [];
      if (props.has('protection')) {
        data.protection = restrictions.map(describeRestriction);
        data.restrictiontypes = ['edit', 'move'];
      }
      await addRelated(ctx, data, props, qp);
      if (props.has('url')) addUrls(ctx, data, qp.title);
      if (props.has('readable')) data.readable = ctx.actor.rights.has('read');
      if (props.has('preload')) data.preload = null;
      if (props.has('displaytitle')) data.displaytitle = displayTitles.get(id)?.displaytitle ?? qp.title;
      if (props.has('varianttitles')) data.varianttitles = { [lang]: qp.title };
      Object.assign(data, watch(qp.ns, page.title));
      if (actions.length) {
        const target = { namespace: page.namespace, dbKey: page.title, contentModel: page.contentModel };
        data.actions = testActions(ctx, params, target, restrictions, true);
      }
      out.addPageData(id, data);
    }
    for (const qp of pages.missing) {
      if (qp.pageid === undefined || qp.invalid) continue;
      const data: Record<string, unknown> = {
        contentmodel: qp.ns === 828 ? 'Scribunto' : 'wikitext',
        pagelanguage: lang,
        pagelanguagehtmlcode: lang,
        pagelanguagedir: dir,
      };
      const parsed = parseTitle(qp.title, namespacesOf(ctx));
      const createProtection =
        parsed.ok && (props.has('protection') || actions.length)
          ? await store.protectedTitles.get(wiki, parsed.title.namespace, parsed.title.dbKey, ctx.now)
          : undefined;
      const restrictions = createProtection
        ? [{ type: 'create', level: createProtection.level, expiry: createProtection.expiry }]
        : [];
      if (props.has('protection')) {
        data.protection = restrictions.map(describeRestriction);
        data.restrictiontypes = ['create'];
      }
      await addRelated(ctx, data, props, qp);
      if (props.has('url')) addUrls(ctx, data, qp.title);
      if (props.has('displaytitle')) data.displaytitle = qp.title;
      if (parsed.ok) Object.assign(data, watch(parsed.title.namespace, parsed.title.dbKey));
      if (parsed.ok && actions.length) {
        data.actions = testActions(ctx, params, parsed.title, restrictions, false);
      }
      out.addPageData(qp.pageid, data);
    }
  },
};

/**
 * The watchlist fields of the pages (ApiQueryInfo::getWatchedInfo and getWatcherInfo), read in two
 * queries for all of them: a function from a title to its fields.
 */
async function watchInfoOf(
  ctx: ApiRequestContext,
  props: Set<string>,
  pages: readonly { ns: number; title: string; invalid?: boolean }[],
): Promise<(namespace: number, dbKey: string) => Record<string, unknown>> {
  const wantWatched = props.has('watched') || props.has('notificationtimestamp');
  const mine = wantWatched && !ctx.actor.isAnonymous && ctx.actor.rights.has('viewmywatchlist');
  const counted = props.has('watchers') && ctx.actor.rights.has('unwatchedpages');
  if (!mine && !counted) return () => ({});
  const ns = namespacesOf(ctx);
  const keys = pages
    .filter((p) => !p.invalid)
    .map((p) => tryParseTitle(p.title, ns))
    .filter((t): t is NonNullable<typeof t> => t !== null && t.namespace >= 0)
    .map((t) => ({ namespace: t.namespace, title: t.dbKey }));
  const store = ctx.services.store.watchlist;
  const watched = mine ? await store.getMany(ctx.wiki.id, ctx.actor.userId, keys, ctx.now) : new Map();
  const watchers = counted
    ? await store.countWatchers(ctx.wiki.id, keys, ctx.now)
    : new Map<string, number>();
  return (namespace, dbKey) => {
    const key = `${namespace}:${dbKey}`;
    const item = watched.get(key);
    const data: Record<string, unknown> = {};
    if (mine && props.has('watched')) {
      data.watched = item !== undefined;
      if (item?.expiry != null) data.watchlistexpiry = toIsoTimestamp(item.expiry);
    }
    if (counted) data.watchers = watchers.get(key) ?? 0;
    if (mine && props.has('notificationtimestamp'))
      data.notificationtimestamp =
        item?.notificationTimestamp != null ? toIsoTimestamp(item.notificationTimestamp) : '';
    return data;
  };
}

/** A protection as prop=info lists it: type, level, expiry (`infinity` for none). */
function describeRestriction(r: {
  type: string;
  level: string;
  expiry: number | null;
}): Record<string, string> {
  return { type: r.type, level: r.level, expiry: r.expiry === null ? 'infinity' : toIsoTimestamp(r.expiry) };
}

async function isNew(ctx: ApiRequestContext, page: Page): Promise<boolean> {
  return (await ctx.services.store.revisions.countForPage(ctx.wiki.id, page.id, 2)) === 1;
}

function addUrls(ctx: ApiRequestContext, data: Record<string, unknown>, title: string): void {
  data.fullurl = pageUrl(ctx, title);
  data.editurl = editUrl(ctx, title);
  data.canonicalurl = pageUrl(ctx, title);
}

/** talkid / subjectid / associatedpage: the page's talk or subject counterpart. */
async function addRelated(
  ctx: ApiRequestContext,
  data: Record<string, unknown>,
  props: Set<string>,
  qp: QueryPage,
): Promise<void> {
  if (qp.ns < 0 || !(props.has('talkid') || props.has('subjectid') || props.has('associatedpage'))) return;
  const ns = namespacesOf(ctx);
  const isTalk = qp.ns % 2 === 1;
  const otherNs = isTalk ? qp.ns - 1 : qp.ns + 1;
  if (!ns.get(otherNs)) return;
  const name = ns.get(qp.ns)?.name ?? '';
  const text = name === '' ? qp.title : qp.title.slice(name.length + 1);
  const dbKey = text.replace(/ /g, '_');
  if (props.has('associatedpage')) data.associatedpage = formatTitle(otherNs, dbKey, ns);
  const other = await ctx.services.store.pages.getByTitle(ctx.wiki.id, otherNs, dbKey);
  if (other && props.has('talkid') && !isTalk) data.talkid = other.id;
  if (other && props.has('subjectid') && isTalk) data.subjectid = other.id;
}

/**
 * intestactions: the action's right, a sitewide block, the title-based checks the wiki source
 * refuses writes with (page-permissions.ts), and protection levels. With `intestactionsdetail`
 * `boolean` each action is true or false; with `full` or `quick` it is the list of reasons it is
 * refused (empty when allowed), as the error format renders them; both stop at the first reason.
 */
function testActions(
  ctx: ApiRequestContext,
  params: ParamValues,
  target: PermissionTitle & { contentModel?: string },
  restrictions: { type: string; level: string }[],
  exists: boolean,
): Record<string, unknown> {
  const detailed = (params.testactionsdetail as string | undefined) !== 'boolean';
  const result: Record<string, unknown> = {};
  for (const action of (params.testactions as string[] | undefined) ?? []) {
    const refusal = refusalOf(ctx.actor, action, target, restrictions, exists);
    result[action] = detailed
      ? refusal
        ? [
            renderStatusError(
              { code: refusal.code, text: refusal.message, data: refusal.data },
              ctx.errorFormat,
            ),
          ]
        : []
      : refusal === null;
  }
  return result;
}

/** The first reason the actor may not do `action` on the page, or null. */
function refusalOf(
  actor: Actor,
  action: string,
  target: PermissionTitle & { contentModel?: string },
  restrictions: { type: string; level: string }[],
  exists: boolean,
): WikiqueueError | null {
  const effective = action === 'edit' && !exists ? 'create' : action;
  const right = actionRights[effective];
  if (right === undefined || !actor.rights.has(right)) return fail('permissiondenied', effective);
  if (action !== 'read' && actor.block?.sitewide) {
    return failWith('blocked', { blockinfo: blockDetails(actor.block) });
  }
  if (titleCheckedActions.has(action)) {
    const refused = titlePermissionError(actor, action as PageAction, target, target.contentModel);
    if (refused !== null) return refused;
  }
  for (const r of restrictions) {
    if (r.type === effective && !passesRestrictionLevel(actor.rights, r.level)) return fail('protectedpage');
  }
  return null;
}
