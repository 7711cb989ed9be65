import type { PageLinksData } from '../../../domain/wiki.ts';
import type { ApiRequestContext, ParamSpecs, ParamValues, QueryOutput, QueryPageSet } from '../module.ts';
import { parseContinue } from './continuation.ts';
import { standardLimit } from './param-values.ts';

/**
 * The parameters every link-table prop module has (ApiQueryLinks and kin): `limit`, `continue`,
 * the module's multi-valued filter (`titles`, `categories`, `images` …) and `dir`.
 */
export function linkListParams(what: string, filter: { name: string; description: string }): ParamSpecs {
  return {
    limit: standardLimit(`How many ${what} to return.`),
    continue: { type: 'string', description: 'When more results are available, use this to continue.' },
    [filter.name]: { type: 'string', multi: true, description: filter.description },
    dir: {
      type: 'enum',
      values: ['ascending', 'descending'],
      default: 'ascending',
      description: 'The direction in which to list.',
    },
  };
}

/** One row of a page's link table as a prop module prints it. */
export interface LinkRow {
  /** Sort and continuation key within the page, e.g. [ns, title] or [category]. */
  key: (string | number)[];
  item: Record<string, unknown>;
  /** The linked page, for generator mode. */
  target?: { namespace: number; title: string };
}

export interface LinkListSpec {
  /** The prefixed continue parameter (`plcontinue`). */
  continueParam: string;
  /** The list key under each page (`links`). */
  listKey: string;
  /** The key shape after the leading page id: 'int' or 'string' per field. */
  keyShape: readonly ('int' | 'string')[];
  rows(ctx: ApiRequestContext, pageId: number, data: PageLinksData): LinkRow[] | Promise<LinkRow[]>;
}

/**
 * The shared walk of prop=links/templates/images/categories/langlinks (ApiQueryLinks and kin):
 * pages in page-id order, rows in key order within a page, `limit` rows in total. The continue
 * value is `pageid|key…` of the first row not returned, as MediaWiki prints it (`12|0|Foo`).
 */
export async function collectLinkRows(
  ctx: ApiRequestContext,
  params: ParamValues,
  pages: QueryPageSet,
  out: QueryOutput,
  spec: LinkListSpec,
): Promise<{ pageId: number; row: LinkRow }[]> {
  const limit = params.limit as number;
  const descending = (params.dir as string | undefined) === 'descending';
  const sign = descending ? -1 : 1;
  const cont = params.continue as string | undefined;
  let resume: (string | number)[] | undefined;
  if (cont !== undefined) resume = parseContinue(cont, ['int', ...spec.keyShape]);
  const ids = [...pages.pages.keys()].sort((a, b) => sign * (a - b));
  const rows: { pageId: number; row: LinkRow }[] = [];
  for (const pageId of ids) {
    if (resume && sign * (pageId - (resume[0] as number)) < 0) continue;
    const data = await ctx.services.store.links.getForPage(ctx.wiki.id, pageId);
    const pageRows = (await spec.rows(ctx, pageId, data)).sort((a, b) => sign * compareKeys(a.key, b.key));
    for (const row of pageRows) {
      if (resume && pageId === resume[0] && sign * compareKeys(row.key, resume.slice(1)) < 0) continue;
      if (rows.length === limit) {
        out.setContinue(spec.continueParam, [pageId, ...row.key].join('|'));
        return rows;
      }
      rows.push({ pageId, row });
    }
  }
  return rows;
}

/** Appends collected rows to their pages; a full result sets the continue value at the row that did not fit. */
export function appendLinkRows(
  out: QueryOutput,
  spec: LinkListSpec,
  rows: { pageId: number; row: LinkRow }[],
): void {
  for (const { pageId, row } of rows) {
    if (!out.appendPageList(pageId, spec.listKey, row.item)) {
      out.setContinue(spec.continueParam, [pageId, ...row.key].join('|'));
      return;
    }
  }
}

/** Existing pages among the rows' targets, in row order without duplicates (generator mode). */
export async function targetPageIds(ctx: ApiRequestContext, rows: { row: LinkRow }[]): Promise<number[]> {
  const targets = rows.flatMap(({ row }) => (row.target ? [row.target] : []));
  if (targets.length === 0) return [];
  const found = await ctx.services.store.pages.getManyByTitles(ctx.wiki.id, targets);
  const byKey = new Map(found.map((p) => [`${p.namespace}|${p.title}`, p.id]));
  const ids: number[] = [];
  for (const t of targets) {
    const id = byKey.get(`${t.namespace}|${t.title}`);
    if (id !== undefined && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

function compareKeys(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}
