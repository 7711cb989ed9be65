import { fail } from '../../../../errors.ts';
import type { Page } from '../../../domain/wiki.ts';
import type { ApiRequestContext, ParamValues, QueryModule, QueryOutput } from '../module.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { formatTitle, titlePartToKey } from '../../../domain/titles.ts';
import { standardLimit } from './param-values.ts';

/**
 * list=allpages (ApiQueryAllPages): pages of one namespace in title order. `apcontinue` is the DB
 * key of the next page to return, so a continued listing resumes exactly where the last one ended.
 * Size filters are applied while scanning, so every batch still holds up to `aplimit` pages.
 */
export const allpagesModule: QueryModule = {
  name: 'allpages',
  kind: 'list',
  prefix: 'ap',
  description: 'Enumerate all pages sequentially in a given namespace.',
  generator: true,
  params: {
    from: { type: 'string', description: 'The page title to start enumerating from.' },
    continue: { type: 'string', description: 'When more results are available, use this to continue.' },
    to: { type: 'string', description: 'The page title to stop enumerating at.' },
    prefix: { type: 'string', description: 'Search for all page titles that begin with this value.' },
    namespace: { type: 'namespace', description: 'The namespace to enumerate.', default: 0 },
    filterredir: {
      type: 'enum',
      description: 'Which pages to list.',
      values: ['all', 'redirects', 'nonredirects'],
      default: 'all',
    },
    minsize: { type: 'integer', description: 'Limit to pages with at least this many bytes.' },
    maxsize: { type: 'integer', description: 'Limit to pages with at most this many bytes.' },
    limit: standardLimit('How many total pages to return.'),
    dir: {
      type: 'enum',
      description: 'The direction in which to list.',
      values: ['ascending', 'descending'],
      default: 'ascending',
    },
  },
  async execute(ctx, params, _pages, out) {
    const ns = namespacesOf(ctx);
    const found = await findPages(ctx, params, out);
    for (const p of found) {
      if (
        !out.appendQueryList('allpages', {
          pageid: p.id,
          ns: p.namespace,
          title: formatTitle(p.namespace, p.title, ns),
        })
      ) {
        out.setContinue('apcontinue', p.title);
        break;
      }
    }
  },
  async executeGenerator(ctx, params, _pages, out) {
    return { pageIds: (await findPages(ctx, params, out)).map((p) => p.id) };
  },
};

async function findPages(ctx: ApiRequestContext, params: ParamValues, out: QueryOutput): Promise<Page[]> {
  const ns = namespacesOf(ctx);
  const namespace = (params.namespace as number | undefined) ?? 0;
  const limit = params.limit as number;
  const dir = (params.dir as string | undefined) === 'descending' ? 'descending' : 'ascending';
  const filter = (params.filterredir as string | undefined) ?? 'all';
  const minSize = params.minsize as number | undefined;
  const maxSize = params.maxsize as number | undefined;
  const key = (v: string | undefined): string | undefined => {
    if (v === undefined || v === '') return undefined;
    const k = titlePartToKey(v, namespace, ns);
    if (k === null) throw fail('invalidtitle', v);
    return k;
  };
  const to = key(params.to as string | undefined);
  const prefixRaw = params.prefix as string | undefined;
  const prefix = key(prefixRaw);
  let from = key(params.continue as string | undefined) ?? key(params.from as string | undefined);

  const result: Page[] = [];
  const batch = Math.min(limit + 1, 501) + 50;
  let skipEqual: string | undefined;
  for (;;) {
    const rows = await ctx.services.store.pages.list(ctx.wiki.id, {
      namespace,
      from,
      to,
      prefix,
      redirects: filter === 'redirects' ? 'redirects' : filter === 'nonredirects' ? 'nonredirects' : 'all',
      dir,
      limit: batch,
    });
    for (const p of rows) {
      if (p.title === skipEqual) continue;
      if (minSize !== undefined && p.len < minSize) continue;
      if (maxSize !== undefined && p.len > maxSize) continue;
      result.push(p);
      if (result.length > limit) break;
    }
    if (result.length > limit || rows.length < batch) break;
    const last = rows[rows.length - 1];
    if (!last) break;
    from = last.title;
    skipEqual = last.title;
  }
  if (result.length > limit) {
    const next = result[limit];
    if (next) out.setContinue('apcontinue', next.title);
    result.length = limit;
  }
  return result;
}
