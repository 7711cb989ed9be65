import { fail, warning } from '../../../../errors.ts';
import { NS_FILE } from '../../../domain/namespaces.ts';
import { formatTitle } from '../../../domain/titles.ts';
import type { Backlink, BacklinkTable } from '../../../store/repositories/links-and-media.ts';
import type { ApiRequestContext, ParamValues, QueryModule, QueryOutput } from '../module.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { continueInts, parseContinue } from './continuation.ts';
import { LIMIT_BIG1, LIMIT_BIG2, standardLimit } from './param-values.ts';
import { titleOrPageId, titleOrPageIdParams } from './title-or-page-id.ts';

/**
 * list=backlinks (bl), list=embeddedin (ei) and list=imageusage (iu), MediaWiki's
 * ApiQueryBacklinks: the pages that link to, transclude or use one title, by source page id (by
 * source namespace first when several namespaces are asked for). The continue value is
 * `namespace|pageid` of the first source not returned; the listing resumes at it.
 *
 * With `redirect` (backlinks and imageusage), the redirects among the sources are followed one
 * level: the pages that link to each of them are listed under it as `redirlinks`, in (redirect,
 * [source namespace,] source id) order, with the limit applying to each level separately and its
 * maximum halved (250, 2500 with apihighlimits). `filterredir=nonredirects` then applies only to
 * the second level. When the second level is cut, the continue value keeps the first level's start
 * and adds `namespace|title|source namespace|source id` of the next second-level row, so the next
 * request repeats the first level and resumes the redirlinks, as MediaWiki does; when the result
 * is full it adds the page id to resume at (a seventh field).
 */
function backlinksModule(
  name: 'backlinks' | 'embeddedin' | 'imageusage',
  prefix: string,
  table: BacklinkTable,
  description: string,
): QueryModule {
  const followsRedirects = name !== 'embeddedin';
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
        description: followsRedirects
          ? `How to filter for redirects. If set to nonredirects when ${prefix}redirect is enabled, this is only applied to the second level.`
          : 'How to filter for redirects.',
      },
      limit: standardLimit(
        followsRedirects
          ? `How many total pages to return. If ${prefix}redirect is enabled, the limit applies to each level separately (which means up to 2 * limit results may be returned).`
          : 'How many total pages to return.',
      ),
      ...(followsRedirects
        ? {
            redirect: {
              type: 'boolean' as const,
              description:
                'If linking page is a redirect, find all pages that link to that redirect as well. Maximum limit is halved.',
            },
          }
        : {}),
    },
    async execute(ctx, params, _pages, out) {
      const ns = namespacesOf(ctx);
      const listing = await findBacklinks(ctx, params, out, { name, prefix, table, paramPrefix: prefix });
      const entry = (row: Backlink): Record<string, unknown> => {
        const item: Record<string, unknown> = {
          pageid: row.pageId,
          ns: row.namespace,
          title: formatTitle(row.namespace, row.title, ns),
        };
        if (row.isRedirect) item.redirect = true;
        return item;
      };
      if (!listing.redirect) {
        for (const row of listing.first) {
          if (!out.appendQueryList(name, entry(row))) {
            out.setContinue(`${prefix}continue`, `${row.namespace}|${row.pageId}`);
            return;
          }
        }
        return;
      }
      const items = new Map<number, Record<string, unknown> & { redirlinks?: Record<string, unknown>[] }>();
      const parentOf = new Map<string, number>();
      for (const row of listing.first) {
        items.set(row.pageId, entry(row));
        parentOf.set(`${row.namespace}|${row.title}`, row.pageId);
      }
      for (const row of listing.second) {
        const parent = items.get(parentOf.get(`${row.target.namespace}|${row.target.title}`)!);
        if (parent) (parent.redirlinks ??= []).push(entry(row));
      }
      let ordered = [...items.entries()];
      const resumeAt = listing.cont.length >= 7 ? (listing.cont[6] as number) : undefined;
      if (resumeAt !== undefined) {
        ordered = ordered.sort((a, b) => a[0] - b[0]).filter(([id]) => id >= resumeAt);
        const redirResume = listing.cont[7] as number | undefined;
        const first = ordered[0];
        if (redirResume !== undefined && first && first[0] === resumeAt && first[1].redirlinks) {
          first[1].redirlinks = first[1].redirlinks.filter((r) => (r.pageid as number) >= redirResume);
        }
      }
      for (const [pageId, item] of ordered) {
        if (!out.appendQueryList(name, item)) {
          out.setContinue(`${prefix}continue`, `${filledCont(listing.cont).join('|')}|${pageId}`);
          return;
        }
      }
    },
    async executeGenerator(ctx, params, _pages, out) {
      const listing = await findBacklinks(ctx, params, out, {
        name,
        prefix,
        table,
        paramPrefix: `g${prefix}`,
      });
      const ids = [...listing.first, ...listing.second].map((r) => r.pageId);
      return { pageIds: [...new Set(ids)] };
    },
  };
}

interface BacklinkListing {
  redirect: boolean;
  first: Backlink[];
  /** The second level (with `redirect`): sources linking to the redirects of `first`. */
  second: Backlink[];
  /** The continuation fields in force: the request's, completed with this listing's starts. */
  cont: (string | number)[];
}

/** The six leading continuation fields, zero-filled as MediaWiki fills them before adding a page id. */
function filledCont(cont: (string | number)[]): (string | number)[] {
  const defaults: (string | number)[] = [0, 0, 0, '', 0, 0];
  return defaults.map((d, i) => cont[i] ?? d);
}

/** `namespace|pageid`, or with the second level `…|namespace|title|from namespace|pageid[|pageid[|pageid]]`. */
function readBacklinkContinue(value: string): (string | number)[] {
  const count = value.split('|').length;
  if (count === 2) return continueInts(value, 2);
  if (count < 6 || count > 8) throw fail('badcontinue');
  const shape: ('int' | 'string')[] = ['int', 'int', 'int', 'string', 'int', 'int', 'int', 'int'];
  return parseContinue(value, shape.slice(0, count));
}

async function findBacklinks(
  ctx: ApiRequestContext,
  params: ParamValues,
  out: QueryOutput,
  m: { name: string; prefix: string; table: BacklinkTable; paramPrefix: string },
): Promise<BacklinkListing> {
  const target = await titleOrPageId(ctx, params, m.prefix);
  if (m.table === 'image_link' && target.namespace !== NS_FILE) throw fail('bad_image_title', m.name);
  const redirect = params.redirect === true;
  const limit = redirect
    ? halvedLimit(ctx, m.name, m.paramPrefix, params.limit as number)
    : (params.limit as number);
  const namespaces = params.namespace as number[] | undefined;
  const byFromNamespace = (namespaces?.length ?? 0) > 1;
  const raw = params.continue as string | undefined;
  const cont = raw === undefined ? [] : redirect ? readBacklinkContinue(raw) : continueInts(raw, 2);
  const filter = params.filterredir as string;
  const descending = params.dir === 'descending';
  const first = await ctx.services.store.links.backlinks(ctx.wiki.id, {
    table: m.table,
    targets: [target],
    fromNamespaces: namespaces,
    byFromNamespace,
    redirects:
      filter === 'redirects' ? 'only' : filter === 'nonredirects' && !redirect ? 'exclude' : undefined,
    descending,
    start:
      cont.length >= 2
        ? { ...target, fromNamespace: cont[0] as number, fromPageId: cont[1] as number }
        : undefined,
    limit: limit + 1,
  });
  const next = first[limit];
  if (next) {
    out.setContinue(`${m.prefix}continue`, `${next.namespace}|${next.pageId}`);
    first.length = limit;
  }
  if (!redirect) return { redirect, first, second: [], cont };
  if (cont.length < 2 && first[0]) cont.push(first[0].namespace, first[0].pageId);
  const redirects = first
    .filter((r) => r.isRedirect)
    .map((r) => ({ namespace: r.namespace, title: r.title }));
  if (redirects.length === 0) return { redirect, first, second: [], cont };
  const second = await ctx.services.store.links.backlinks(ctx.wiki.id, {
    table: m.table,
    targets: redirects,
    fromNamespaces: namespaces,
    byFromNamespace,
    redirects: filter === 'redirects' ? 'only' : filter === 'nonredirects' ? 'exclude' : undefined,
    descending,
    start:
      cont.length >= 6
        ? {
            namespace: cont[2] as number,
            title: cont[3] as string,
            fromNamespace: cont[4] as number,
            fromPageId: cont[5] as number,
          }
        : undefined,
    limit: limit + 1,
  });
  const nextRedir = second[limit];
  if (nextRedir) {
    out.setContinue(
      `${m.prefix}continue`,
      [
        cont[0],
        cont[1],
        nextRedir.target.namespace,
        nextRedir.target.title,
        nextRedir.namespace,
        nextRedir.pageId,
      ].join('|'),
    );
    second.length = limit;
  }
  if (cont.length < 6 && second[0]) {
    cont.length = 2;
    cont.push(second[0].target.namespace, second[0].target.title, second[0].namespace, second[0].pageId);
  }
  return { redirect, first, second, cont };
}

/**
 * With `redirect` the limit's maximum is halved (ApiQueryBacklinks): `max` means 250 (2500 with
 * apihighlimits), and a larger number is cut to that with the usual warning.
 */
function halvedLimit(ctx: ApiRequestContext, module: string, paramPrefix: string, limit: number): number {
  const highLimits = ctx.actor.rights.has('apihighlimits');
  const max = (highLimits ? LIMIT_BIG2 : LIMIT_BIG1) / 2;
  if (limit <= max) return limit;
  const name = `${paramPrefix}limit`;
  if (ctx.rawParam(name) !== 'max') {
    ctx.warn(
      module,
      highLimits ? warning('limit-toolarge-highlimits', name, max) : warning('limit-toolarge', name, max),
    );
  }
  return max;
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
