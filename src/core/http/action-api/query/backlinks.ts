import { fail } from '../../../../errors.ts';
import { NS_FILE } from '../../../domain/namespaces.ts';
import { formatTitle } from '../../../domain/titles.ts';
import type { Backlink, BacklinkTable } from '../../../store/repositories/links-and-media.ts';
import type { ApiRequestContext, ParamValues, QueryModule, QueryOutput } from '../module.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { continueInts } from './continuation.ts';
import { standardLimit } from './param-values.ts';
import { titleOrPageId, titleOrPageIdParams } from './title-or-page-id.ts';

/**
 * list=backlinks (bl), list=embeddedin (ei) and list=imageusage (iu), MediaWiki's
 * ApiQueryBacklinks: the pages that link to, transclude or use one title, by source page id (by
 * source namespace first when several namespaces are asked for). The continue value is
 * `namespace|pageid` of the first source not returned; the listing resumes at it. `redirect`
 * (the second listing of pages linking to the redirects found) is not implemented.
 */
function backlinksModule(
  name: 'backlinks' | 'embeddedin' | 'imageusage',
  prefix: string,
  table: BacklinkTable,
  description: string,
): QueryModule {
  return {
    name,
    kind: 'list',
    prefix,
    description,
    generator: true,
    params: {
      ...titleOrPageIdParams(prefix),
      continue: { type: 'string', description: 'When more results are available, use this to continue.' },
      namespace: { type: 'namespace', multi: true, description: 'The namespace to enumerate.' },
      dir: {
        type: 'enum',
        values: ['ascending', 'descending'],
        default: 'ascending',
        description: 'The direction in which to list.',
      },
      filterredir: {
        type: 'enum',
        values: ['all', 'redirects', 'nonredirects'],
        default: 'all',
        description: 'How to filter for redirects.',
      },
      limit: standardLimit('How many total pages to return.'),
    },
    async execute(ctx, params, _pages, out) {
      const ns = namespacesOf(ctx);
      for (const row of await findBacklinks(ctx, params, out, name, prefix, table)) {
        const item: Record<string, unknown> = {
          pageid: row.pageId,
          ns: row.namespace,
          title: formatTitle(row.namespace, row.title, ns),
        };
        if (row.isRedirect) item.redirect = true;
        if (!out.appendQueryList(name, item)) {
          out.setContinue(`${prefix}continue`, `${row.namespace}|${row.pageId}`);
          return;
        }
      }
    },
    async executeGenerator(ctx, params, _pages, out) {
      return { pageIds: (await findBacklinks(ctx, params, out, name, prefix, table)).map((r) => r.pageId) };
    },
  };
}

async function findBacklinks(
  ctx: ApiRequestContext,
  params: ParamValues,
  out: QueryOutput,
  name: string,
  prefix: string,
  table: BacklinkTable,
): Promise<Backlink[]> {
  const target = await titleOrPageId(ctx, params, prefix);
  if (table === 'image_link' && target.namespace !== NS_FILE) throw fail('bad_image_title', name);
  const limit = params.limit as number;
  const namespaces = params.namespace as number[] | undefined;
  const byFromNamespace = (namespaces?.length ?? 0) > 1;
  const cont = params.continue as string | undefined;
  const start = cont === undefined ? undefined : continueInts(cont, 2);
  const filter = params.filterredir as string;
  const rows = await ctx.services.store.links.backlinks(ctx.wiki.id, {
    table,
    targets: [target],
    fromNamespaces: namespaces,
    byFromNamespace,
    redirects: filter === 'redirects' ? 'only' : filter === 'nonredirects' ? 'exclude' : undefined,
    descending: params.dir === 'descending',
    start: start && { ...target, fromNamespace: start[0], fromPageId: start[1]! },
    limit: limit + 1,
  });
  const next = rows[limit];
  if (next) {
    out.setContinue(`${prefix}continue`, `${next.namespace}|${next.pageId}`);
    rows.length = limit;
  }
  return rows;
}

export const backlinksListModule = backlinksModule(
  'backlinks',
  'bl',
  'page_link',
  'Find all pages that link to the given page.',
);
export const embeddedinModule = backlinksModule(
  'embeddedin',
  'ei',
  'template_link',
  'Find all pages that embed (transclude) the given title.',
);
export const imageusageModule = backlinksModule(
  'imageusage',
  'iu',
  'image_link',
  'Find all pages that use the given image title.',
);
