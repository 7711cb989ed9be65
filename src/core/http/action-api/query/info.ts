import { toIsoTimestamp } from '../../../domain/clock.ts';
import type { Actor } from '../../../domain/actor.ts';
import type { Page } from '../../../domain/wiki.ts';
import type { ApiRequestContext, QueryModule, QueryPage } from '../module.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { formatTitle, parseTitle } from '../../../domain/titles.ts';
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
 * MediaWiki. Watchlist fields are not supported (this service keeps no watchlists).
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
      if (actions.length) {
        const target = { namespace: page.namespace, dbKey: page.title, contentModel: page.contentModel };
        data.actions = testActions(ctx.actor, actions, target, restrictions, true);
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
      if (parsed.ok && actions.length) {
        data.actions = testActions(ctx.actor, actions, parsed.title, restrictions, false);
      }
      out.addPageData(qp.pageid, data);
    }
  },
};

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
 * refuses writes with (page-permissions.ts), and protection levels.
 */
function testActions(
  actor: Actor,
  actions: string[],
  target: PermissionTitle & { contentModel?: string },
  restrictions: { type: string; level: string }[],
  exists: boolean,
): Record<string, boolean> {
  const result: Record<string, boolean> = {};
  for (const action of actions) {
    const effective = action === 'edit' && !exists ? 'create' : action;
    const right = actionRights[effective];
    let ok = right !== undefined && actor.rights.has(right);
    if (ok && action !== 'read' && actor.block?.sitewide) ok = false;
    if (
      ok &&
      titleCheckedActions.has(action) &&
      titlePermissionError(actor, action as PageAction, target, target.contentModel) !== null
    )
      ok = false;
    for (const r of restrictions) {
      if (r.type === effective && !passesRestrictionLevel(actor.rights, r.level)) ok = false;
    }
    result[action] = ok;
  }
  return result;
}
