import { fail } from '../../../../errors.ts';
import { parseTimestamp, toIsoTimestamp, toMwTimestamp } from '../../../domain/clock.ts';
import {
  CATEGORY_MEMBER_TYPES,
  uppercaseCollation,
  type CategoryMemberType,
} from '../../../domain/category-members.ts';
import { NS_CATEGORY, NS_FILE } from '../../../domain/namespaces.ts';
import { formatTitle } from '../../../domain/titles.ts';
import type { CategoryMember } from '../../../store/repositories/links-and-media.ts';
import type { ApiRequestContext, ParamValues, QueryModule, QueryOutput } from '../module.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { parseContinue } from './continuation.ts';
import { standardLimit } from './param-values.ts';
import { titleOrPageId } from './title-or-page-id.ts';

/**
 * list=categorymembers (cm), MediaWiki's ApiQueryCategoryMembers. By sort key (the default) the
 * members come type by type in the order `cmtype` names them, each in sort key order
 * (category-members.ts) and page id; `cmcontinue` is `type|hex sort key|pageid`. By timestamp
 * they come in the order they were added, `cmcontinue` being `timestamp|pageid`.
 */
export const categorymembersModule: QueryModule = {
  name: 'categorymembers',
  kind: 'list',
  prefix: 'cm',
  description: 'List all pages in a given category.',
  generator: true,
  params: {
    title: {
      type: 'string',
      description:
        'Which category to enumerate (required). Must include the Category: prefix. Cannot be used together with cmpageid.',
    },
    pageid: {
      type: 'integer',
      description: 'Page ID of the category to enumerate. Cannot be used together with cmtitle.',
    },
    prop: {
      type: 'enum',
      multi: true,
      values: ['ids', 'title', 'sortkey', 'sortkeyprefix', 'type', 'timestamp'],
      default: 'ids|title',
      description: 'Which pieces of information to include.',
    },
    namespace: { type: 'namespace', multi: true, description: 'Only include pages in these namespaces.' },
    type: {
      type: 'enum',
      multi: true,
      values: CATEGORY_MEMBER_TYPES,
      default: 'page|subcat|file',
      description: 'Which type of category members to include. Ignored when cmsort=timestamp is set.',
    },
    continue: { type: 'string', description: 'When more results are available, use this to continue.' },
    limit: standardLimit('The maximum number of pages to return.'),
    sort: {
      type: 'enum',
      values: ['sortkey', 'timestamp'],
      default: 'sortkey',
      description: 'Property to sort by.',
    },
    dir: {
      type: 'enum',
      values: ['asc', 'desc', 'ascending', 'descending', 'newer', 'older'],
      default: 'ascending',
      description: 'In which direction to sort.',
    },
    start: {
      type: 'timestamp',
      description: 'Timestamp to start listing from. Can only be used with cmsort=timestamp.',
    },
    end: {
      type: 'timestamp',
      description: 'Timestamp to end listing at. Can only be used with cmsort=timestamp.',
    },
    starthexsortkey: {
      type: 'string',
      description:
        'Sortkey to start listing from, as returned by cmprop=sortkey. Can only be used with cmsort=sortkey.',
    },
    endhexsortkey: {
      type: 'string',
      description:
        'Sortkey to end listing at, as returned by cmprop=sortkey. Can only be used with cmsort=sortkey.',
    },
    startsortkeyprefix: {
      type: 'string',
      description:
        'Sortkey prefix to start listing from. Can only be used with cmsort=sortkey. Overrides cmstarthexsortkey.',
    },
    endsortkeyprefix: {
      type: 'string',
      description:
        'Sortkey prefix to end listing before (not at; if this value occurs it will not be included!). Can only be used with cmsort=sortkey. Overrides cmendhexsortkey.',
    },
    startsortkey: { type: 'string', deprecated: true, description: 'Use cmstarthexsortkey instead.' },
    endsortkey: { type: 'string', deprecated: true, description: 'Use cmendhexsortkey instead.' },
  },
  async execute(ctx, params, _pages, out) {
    const props = new Set(params.prop as string[]);
    const ns = namespacesOf(ctx);
    const { members, continueOf } = await findMembers(ctx, params, out);
    for (const m of members) {
      const item: Record<string, unknown> = {};
      if (props.has('ids')) item.pageid = m.pageId;
      if (props.has('title')) {
        item.ns = m.namespace;
        item.title = formatTitle(m.namespace, m.title, ns);
      }
      if (props.has('sortkey')) item.sortkey = toHex(m.sortKey);
      if (props.has('sortkeyprefix')) item.sortkeyprefix = m.sortKeyPrefix;
      if (props.has('type')) item.type = m.type;
      if (props.has('timestamp')) item.timestamp = toIsoTimestamp(m.addedAt);
      if (!out.appendQueryList('categorymembers', item)) {
        out.setContinue('cmcontinue', continueOf(m));
        return;
      }
    }
  },
  async executeGenerator(ctx, params, _pages, out) {
    return { pageIds: (await findMembers(ctx, params, out)).members.map((m) => m.pageId) };
  },
};

async function findMembers(
  ctx: ApiRequestContext,
  params: ParamValues,
  out: QueryOutput,
): Promise<{ members: CategoryMember[]; continueOf: (m: CategoryMember) => string }> {
  const category = await titleOrPageId(ctx, params, 'cm');
  if (category.namespace !== NS_CATEGORY) throw fail('invalidcategory');
  const limit = params.limit as number;
  const descending = ['desc', 'descending', 'older'].includes(params.dir as string);
  const namespaces = params.namespace as number[] | undefined;
  const cont = params.continue as string | undefined;
  const base = { category: category.title, namespaces, descending };

  if (params.sort === 'timestamp') {
    const continueOf = (m: CategoryMember) => `${toMwTimestamp(m.addedAt)}|${m.pageId}`;
    let start: { addedAt: number; pageId?: number } | undefined;
    if (cont !== undefined) {
      const [ts, pageId] = parseContinue(cont, ['string', 'int']) as [string, number];
      const addedAt = /^\d{14}$/.test(ts) ? parseTimestamp(ts, ctx.now) : undefined;
      if (addedAt === undefined) throw fail('badcontinue');
      start = { addedAt, pageId };
    } else if (params.start !== undefined) start = { addedAt: params.start as number };
    const members = await ctx.services.store.links.categoryMembers(ctx.wiki.id, {
      ...base,
      sort: 'timestamp',
      start,
      end: params.end as number | undefined,
      limit: limit + 1,
    });
    return { members: cut(members, limit, out, continueOf), continueOf };
  }

  const continueOf = (m: CategoryMember) => `${m.type}|${toHex(m.sortKey)}|${m.pageId}`;
  let types = [...new Set(params.type as CategoryMemberType[])];
  // Types no member of the asked namespaces can have are not queried (MediaWiki does the same).
  if (namespaces) {
    if (!namespaces.includes(NS_CATEGORY)) types = types.filter((t) => t !== 'subcat');
    if (!namespaces.includes(NS_FILE)) types = types.filter((t) => t !== 'file');
    if (namespaces.every((n) => n === NS_CATEGORY || n === NS_FILE))
      types = types.filter((t) => t !== 'page');
  }
  let start: { sortKey: string; pageId?: number } | undefined;
  if (cont !== undefined) {
    const [type, hex, pageId] = parseContinue(cont, ['string', 'string', 'int']) as [string, string, number];
    const at = types.indexOf(type as CategoryMemberType);
    const sortKey = fromHex(hex);
    if (at < 0 || sortKey === undefined) throw fail('badcontinue');
    types = types.slice(at);
    start = { sortKey, pageId };
  } else {
    const key = sortKeyParam(params, 'start');
    if (key !== undefined) start = { sortKey: key };
  }
  const end = sortKeyParam(params, 'end');
  const members: CategoryMember[] = [];
  for (const [i, type] of types.entries()) {
    members.push(
      ...(await ctx.services.store.links.categoryMembers(ctx.wiki.id, {
        ...base,
        sort: 'sortkey',
        type,
        start: i === 0 ? start : undefined,
        end,
        limit: limit + 1 - members.length,
      })),
    );
    if (members.length > limit) break;
  }
  return { members: cut(members, limit, out, continueOf), continueOf };
}

/** `cm{start,end}sortkeyprefix` (as the collation keys it), else `cm…hexsortkey`, else the raw `cm…sortkey`. */
function sortKeyParam(params: ParamValues, which: 'start' | 'end'): string | undefined {
  const prefix = params[`${which}sortkeyprefix`] as string | undefined;
  if (prefix !== undefined) return uppercaseCollation(prefix);
  const hex = params[`${which}hexsortkey`] as string | undefined;
  if (hex !== undefined) {
    const key = fromHex(hex);
    if (key === undefined) throw fail('badvalue', `cm${which}hexsortkey`, hex);
    return key;
  }
  return params[`${which}sortkey`] as string | undefined;
}

function cut(
  members: CategoryMember[],
  limit: number,
  out: QueryOutput,
  continueOf: (m: CategoryMember) => string,
): CategoryMember[] {
  const next = members[limit];
  if (next) {
    out.setContinue('cmcontinue', continueOf(next));
    members.length = limit;
  }
  return members;
}

function toHex(key: string): string {
  return Buffer.from(key, 'utf8').toString('hex');
}

function fromHex(hex: string): string | undefined {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) return undefined;
  return Buffer.from(hex, 'hex').toString('utf8');
}
