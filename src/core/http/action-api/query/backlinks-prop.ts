import { fail } from '../../../../errors.ts';
import { NS_FILE } from '../../../domain/namespaces.ts';
import { formatTitle, tryParseTitle } from '../../../domain/titles.ts';
import type { Backlink, BacklinkStart, BacklinkTable } from '../../../store/repositories/links-and-media.ts';
import type { ApiRequestContext, ParamValues, QueryModule, QueryOutput, QueryPageSet } from '../module.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { parseContinue } from './continuation.ts';
import { standardLimit } from './param-values.ts';

/** The fields a listing is ordered by, as ApiQueryBacklinksprop picks them (constant fields are left out). */
type SortField = 'namespace' | 'title' | 'fromNamespace' | 'fromPageId';

/**
 * prop=linkshere (lh), prop=transcludedin (ti) and prop=fileusage (fu), MediaWiki's
 * ApiQueryBacklinksprop: for every page of the set (missing ones too), the pages linking to,
 * transcluding or using it, `limit` in all. Rows are ordered by target namespace (when the set
 * spans several), target title (when it has several), source namespace (when several are asked
 * for) and source page id; the continue value is those fields of the first row not returned.
 */
function backlinksPropModule(
  name: 'linkshere' | 'transcludedin' | 'fileusage',
  prefix: string,
  table: BacklinkTable,
  description: string,
): QueryModule {
  return {
    name,
    kind: 'prop',
    prefix,
    description,
    generator: true,
    params: {
      prop: {
        type: 'enum',
        multi: true,
        values: ['pageid', 'title', 'redirect'],
        default: 'pageid|title|redirect',
        description: 'Which properties to get.',
      },
      namespace: { type: 'namespace', multi: true, description: 'Only include pages in these namespaces.' },
      show: {
        type: 'enum',
        multi: true,
        values: ['redirect', '!redirect'],
        description: 'Show only items that meet these criteria: redirect, or !redirect.',
      },
      limit: standardLimit('How many to return.'),
      continue: { type: 'string', description: 'When more results are available, use this to continue.' },
    },
    async execute(ctx, params, pages, out) {
      const found = await findBacklinks(ctx, params, pages, out, prefix, table);
      if (!found) return;
      const props = new Set(params.prop as string[]);
      const ns = namespacesOf(ctx);
      for (const row of found.rows) {
        const item: Record<string, unknown> = {};
        if (props.has('pageid')) item.pageid = row.pageId;
        if (props.has('title')) {
          item.ns = row.namespace;
          item.title = formatTitle(row.namespace, row.title, ns);
        }
        if (props.has('redirect')) item.redirect = row.isRedirect;
        const pageKey = found.keyOf.get(`${row.target.namespace}|${row.target.title}`);
        if (pageKey === undefined) continue;
        if (!out.appendPageList(pageKey, name, item)) {
          out.setContinue(`${prefix}continue`, found.continueOf(row));
          return;
        }
      }
    },
    async executeGenerator(ctx, params, pages, out) {
      const found = await findBacklinks(ctx, params, pages, out, prefix, table);
      return { pageIds: [...new Set(found?.rows.map((r) => r.pageId))] };
    },
  };
}

async function findBacklinks(
  ctx: ApiRequestContext,
  params: ParamValues,
  pages: QueryPageSet,
  out: QueryOutput,
  prefix: string,
  table: BacklinkTable,
): Promise<
  { rows: Backlink[]; keyOf: Map<string, number>; continueOf: (row: Backlink) => string } | undefined
> {
  const ns = namespacesOf(ctx);
  // Good and missing pages, keyed by target, to the page entry (id or pseudo-id) rows go under.
  const keyOf = new Map<string, number>();
  const targets: { namespace: number; title: string }[] = [];
  const add = (namespace: number, title: string, key: number) => {
    if (table === 'image_link' && namespace !== NS_FILE) return;
    keyOf.set(`${namespace}|${title}`, key);
    targets.push({ namespace, title });
  };
  for (const m of pages.missing) {
    if (m.invalid || m.pageid === undefined) continue;
    const t = tryParseTitle(m.title, ns);
    if (t) add(t.namespace, t.dbKey, m.pageid);
  }
  const stored = await ctx.services.store.pages.getManyByIds(ctx.wiki.id, [...pages.pages.keys()]);
  for (const p of stored) add(p.namespace, p.title, p.id);
  const namespaces = params.namespace as number[] | undefined;
  if (targets.length === 0 || namespaces?.length === 0) return undefined;
  const show = new Set((params.show as string[] | undefined) ?? []);
  if (show.has('redirect') && show.has('!redirect')) throw fail('show');

  const sortBy: SortField[] = [];
  const targetNamespaces = new Set(targets.map((t) => t.namespace));
  if (table !== 'image_link' && targetNamespaces.size > 1) sortBy.push('namespace');
  if (new Set(targets.map((t) => t.title)).size > 1 || targets.length > targetNamespaces.size)
    sortBy.push('title');
  const byFromNamespace = (namespaces?.length ?? 0) > 1;
  if (byFromNamespace) sortBy.push('fromNamespace');
  sortBy.push('fromPageId');

  let start: BacklinkStart | undefined;
  const cont = params.continue as string | undefined;
  if (cont !== undefined) {
    const values = parseContinue(
      cont,
      sortBy.map((f) => (f === 'title' ? 'string' : 'int')),
    );
    const field = (f: SortField) => values[sortBy.indexOf(f)];
    const only = targets[0]!;
    start = {
      namespace: (field('namespace') as number | undefined) ?? only.namespace,
      title: (field('title') as string | undefined) ?? only.title,
      fromNamespace: (field('fromNamespace') as number | undefined) ?? namespaces?.[0],
      fromPageId: field('fromPageId') as number,
    };
  }
  const limit = params.limit as number;
  const continueOf = (row: Backlink): string =>
    sortBy
      .map((f) =>
        f === 'namespace'
          ? row.target.namespace
          : f === 'title'
            ? row.target.title
            : f === 'fromNamespace'
              ? row.namespace
              : row.pageId,
      )
      .join('|');
  const rows = await ctx.services.store.links.backlinks(ctx.wiki.id, {
    table,
    targets,
    fromNamespaces: namespaces,
    byFromNamespace,
    redirects: show.has('redirect') ? 'only' : show.has('!redirect') ? 'exclude' : undefined,
    start,
    limit: limit + 1,
  });
  const next = rows[limit];
  if (next) {
    out.setContinue(`${prefix}continue`, continueOf(next));
    rows.length = limit;
  }
  return { rows, keyOf, continueOf };
}

export const linkshereModule = backlinksPropModule(
  'linkshere',
  'lh',
  'page_link',
  'Find all pages that link to the given pages.',
);
export const transcludedinModule = backlinksPropModule(
  'transcludedin',
  'ti',
  'template_link',
  'Find all pages that transclude the given pages.',
);
export const fileusageModule = backlinksPropModule(
  'fileusage',
  'fu',
  'image_link',
  'Find all pages that use the given files.',
);
