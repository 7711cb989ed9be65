import { toIsoTimestamp } from '../../../domain/clock.ts';
import { NS_CATEGORY } from '../../../domain/namespaces.ts';
import { fail } from '../../../../errors.ts';
import type { ApiRequestContext, ParamValues, QueryModule, QueryPageSet } from '../module.ts';
import {
  appendLinkRows,
  collectLinkRows,
  linkListParams,
  targetPageIds,
  type LinkListSpec,
} from './page-link-list.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { formatTitle, tryParseTitle } from '../../../domain/titles.ts';

/**
 * prop=categories (cl): the categories a page is in, keyed `pageid|category` for continuation.
 * `hidden` comes from the category page's `hiddencat` page property (__HIDDENCAT__). `sortkey` is
 * the hex form of the sort key (MediaWiki prints its collation key in hex) and `sortkeyprefix` the
 * sort key given in the link. The store keeps no time of categorization, so `timestamp` is the
 * time the page was last touched.
 */
export const categoriesModule: QueryModule = {
  name: 'categories',
  kind: 'prop',
  prefix: 'cl',
  description: 'List all categories the pages belong to.',
  generator: true,
  params: {
    prop: {
      type: 'enum',
      multi: true,
      values: ['sortkey', 'timestamp', 'hidden'],
      description: 'Which additional properties to get for each category.',
    },
    show: {
      type: 'enum',
      multi: true,
      values: ['hidden', '!hidden'],
      description: 'Which kind of categories to show.',
    },
    ...linkListParams('categories', { name: 'categories', description: 'Only list these categories.' }),
  },
  async execute(ctx, params, pages, out) {
    const s = await spec(ctx, params, pages);
    appendLinkRows(out, s, await collectLinkRows(ctx, params, pages, out, s));
  },
  async executeGenerator(ctx, params, pages, out) {
    const s = await spec(ctx, params, pages);
    return { pageIds: await targetPageIds(ctx, await collectLinkRows(ctx, params, pages, out, s)) };
  },
};

async function spec(ctx: ApiRequestContext, params: ParamValues, pages: QueryPageSet): Promise<LinkListSpec> {
  const ns = namespacesOf(ctx);
  const props = new Set((params.prop as string[] | undefined) ?? []);
  const show = new Set((params.show as string[] | undefined) ?? []);
  if (show.has('hidden') && show.has('!hidden')) throw fail('show');
  const only = new Set(
    ((params.categories as string[] | undefined) ?? []).flatMap(
      (t) => tryParseTitle(t, ns, NS_CATEGORY)?.dbKey ?? [],
    ),
  );
  const needHidden = props.has('hidden') || show.size > 0;
  const touched = new Map<number, number>();
  if (props.has('timestamp')) {
    for (const p of await ctx.services.store.pages.getManyByIds(ctx.wiki.id, [...pages.pages.keys()]))
      touched.set(p.id, p.touchedAt);
  }
  return {
    continueParam: 'clcontinue',
    listKey: 'categories',
    keyShape: ['string'],
    rows: async (_ctx, pageId, data) => {
      const cats = data.categories.filter((c) => only.size === 0 || only.has(c.category));
      const hidden = needHidden
        ? await hiddenCategories(
            ctx,
            cats.map((c) => c.category),
          )
        : new Set<string>();
      return cats
        .filter((c) => !show.has('hidden') || hidden.has(c.category))
        .filter((c) => !show.has('!hidden') || !hidden.has(c.category))
        .map((c) => {
          const item: Record<string, unknown> = {
            ns: NS_CATEGORY,
            title: formatTitle(NS_CATEGORY, c.category, ns),
          };
          if (props.has('sortkey')) {
            item.sortkey = Buffer.from(c.sortkey.toUpperCase(), 'utf8').toString('hex');
            item.sortkeyprefix = c.sortkey;
          }
          if (props.has('timestamp')) item.timestamp = toIsoTimestamp(touched.get(pageId) ?? 0);
          if (props.has('hidden')) item.hidden = hidden.has(c.category);
          return { key: [c.category], item, target: { namespace: NS_CATEGORY, title: c.category } };
        });
    },
  };
}

async function hiddenCategories(ctx: ApiRequestContext, categories: string[]): Promise<Set<string>> {
  if (categories.length === 0) return new Set();
  const pages = await ctx.services.store.pages.getManyByTitles(
    ctx.wiki.id,
    categories.map((title) => ({ namespace: NS_CATEGORY, title })),
  );
  const props = await ctx.services.store.links.pageProps(
    ctx.wiki.id,
    pages.map((p) => p.id),
    ['hiddencat'],
  );
  return new Set(pages.filter((p) => props.get(p.id)?.hiddencat !== undefined).map((p) => p.title));
}
