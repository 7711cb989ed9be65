import { fail } from '../../../../errors.ts';
import { toIsoTimestamp } from '../../../domain/clock.ts';
import { formatTitle, tryParseTitle } from '../../../domain/titles.ts';
import type { Page } from '../../../domain/wiki.ts';
import type { SearchHit } from '../../../store/repositories/search-index.ts';
import type { ApiRequestContext, ParamValues, QueryModule, QueryOutput } from '../module.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { highlight, parseSearchQuery, queryWords, textSnippet } from './search-query.ts';

/** ApiBase::LIMIT_SML1 and LIMIT_SML2: search's limits. */
const LIMIT_SML1 = 50;
const LIMIT_SML2 = 500;

const SORTS = ['relevance', 'none', 'title_natural_asc', 'title_natural_desc'] as const;

/**
 * list=search (ApiQuerySearch) over the store's full-text index (SearchIndexRepository): title
 * (`srwhat=title`), text (the default: title and text) and near-match (`srwhat=nearmatch`, the
 * page whose title is the query) search, offset-paged as MediaWiki's search is (`sroffset`),
 * with `searchinfo.totalhits` and snippets that mark matches with `<span class="searchmatch">`.
 * As with MediaWiki's database backends there are no suggestions or rewritten queries, and
 * redirect and section matches are never reported (their srprop values add nothing).
 */
export const searchModule: QueryModule = {
  name: 'search',
  kind: 'list',
  prefix: 'sr',
  description: 'Perform a full text search.',
  generator: true,
  params: {
    search: {
      type: 'string',
      required: true,
      description: 'Search for page titles or content matching this value.',
    },
    namespace: {
      type: 'namespace',
      multi: true,
      default: '0',
      description: 'Search only within these namespaces.',
    },
    what: {
      type: 'enum',
      values: ['title', 'text', 'nearmatch'],
      description: 'Which type of search to perform.',
    },
    info: {
      type: 'enum',
      multi: true,
      values: ['rewrittenquery', 'suggestion', 'totalhits'],
      default: 'totalhits|suggestion|rewrittenquery',
      description: 'Which metadata to return.',
    },
    prop: {
      type: 'enum',
      multi: true,
      values: [
        'categorysnippet',
        'extensiondata',
        'isfilematch',
        'redirectsnippet',
        'redirecttitle',
        'sectionsnippet',
        'sectiontitle',
        'size',
        'snippet',
        'timestamp',
        'titlesnippet',
        'wordcount',
        'hasrelated',
        'score',
      ],
      default: 'size|wordcount|timestamp|snippet',
      description: 'Which properties to return.',
    },
    interwiki: { type: 'boolean', description: 'Include interwiki results in the search, if available.' },
    enablerewrites: {
      type: 'boolean',
      description: 'Enable internal query rewriting (this search backend has none).',
    },
    sort: {
      type: 'enum',
      values: SORTS,
      default: 'relevance',
      description: 'Set the sort order of returned results.',
    },
    offset: {
      type: 'integer',
      min: 0,
      default: 0,
      description: 'When more results are available, use this to continue.',
    },
    limit: {
      type: 'limit',
      default: 10,
      min: 1,
      max: LIMIT_SML1,
      highMax: LIMIT_SML2,
      description: 'How many total pages to return.',
    },
  },
  async execute(ctx, params, _pages, out) {
    const found = await runSearch(ctx, params, out);
    const ns = namespacesOf(ctx);
    const props = new Set((params.prop as string[] | undefined) ?? []);
    const pages = props.has('size') || props.has('timestamp') ? await pageFacts(ctx, found.hits) : new Map();
    for (const [i, hit] of found.hits.entries()) {
      const item: Record<string, unknown> = {
        ns: hit.namespace,
        title: formatTitle(hit.namespace, hit.title, ns),
        pageid: hit.pageId,
      };
      const facts = pages.get(hit.pageId);
      if (props.has('size')) item.size = facts?.size ?? 0;
      if (props.has('wordcount')) item.wordcount = hit.wordCount;
      if (props.has('snippet')) item.snippet = textSnippet(hit.text, found.words);
      if (props.has('timestamp') && facts) item.timestamp = toIsoTimestamp(facts.timestamp);
      if (props.has('titlesnippet')) item.titlesnippet = highlight(item.title as string, found.words);
      if (props.has('categorysnippet')) item.categorysnippet = '';
      if (props.has('isfilematch')) item.isfilematch = false;
      if (!out.appendQueryList('search', item)) {
        out.setContinue('sroffset', found.offset + i);
        return;
      }
    }
  },
  async executeGenerator(ctx, params, _pages, out) {
    const found = await runSearch(ctx, params, out);
    const extra = new Map<number, Record<string, unknown>>();
    for (const [i, hit] of found.hits.entries()) extra.set(hit.pageId, { index: found.offset + i + 1 });
    return { pageIds: found.hits.map((h) => h.pageId), extra };
  },
};

interface Found {
  hits: SearchHit[];
  words: Set<string>;
  offset: number;
}

async function runSearch(ctx: ApiRequestContext, params: ParamValues, out: QueryOutput): Promise<Found> {
  const query = params.search as string;
  if (query === '') throw fail('missingparam', 'srsearch');
  const what = (params.what as string | undefined) ?? 'text';
  const namespaces = (params.namespace as number[] | undefined) ?? [0];
  const limit = params.limit as number;
  const offset = (params.offset as number | undefined) ?? 0;
  const info = new Set((params.info as string[] | undefined) ?? []);
  const store = ctx.services.store.searchIndex;

  const phrases = parseSearchQuery(query, what === 'title' ? 'title' : 'all');
  const words = queryWords(phrases);
  let total: number;
  let hits: SearchHit[];
  if (what === 'nearmatch') {
    const page = await nearMatch(ctx, query.trim());
    const hit =
      page && namespaces.includes(page.namespace) ? await store.get(ctx.wiki.id, page.id) : undefined;
    total = hit ? 1 : 0;
    hits = hit && offset === 0 ? [hit] : [];
  } else {
    const sort = params.sort as (typeof SORTS)[number];
    const found = await store.search(ctx.wiki.id, {
      phrases,
      namespaces,
      sort: sort === 'title_natural_asc' ? 'title_asc' : sort === 'title_natural_desc' ? 'title_desc' : sort,
      offset,
      limit: limit + 1,
    });
    total = found.total;
    hits = found.hits;
  }
  if (info.has('totalhits')) out.setQueryValue('searchinfo', { totalhits: total });
  if (hits.length > limit) {
    hits = hits.slice(0, limit);
    out.setContinue('sroffset', offset + limit);
  }
  return { hits, words, offset };
}

/**
 * The page SearchNearMatcher finds for a query: the title as given, then all lowercase, all
 * uppercase, each word capitalized, and each word capitalized after lowercasing the rest.
 */
async function nearMatch(ctx: ApiRequestContext, query: string): Promise<Page | undefined> {
  const ns = namespacesOf(ctx);
  const ucwords = (s: string) =>
    s.replace(/(^|[ _])(\p{Ll})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
  const variants = [
    query,
    query.toLowerCase(),
    query.toUpperCase(),
    ucwords(query),
    ucwords(query.toLowerCase()),
  ];
  for (const variant of new Set(variants)) {
    const title = tryParseTitle(variant, ns);
    if (!title) continue;
    const page = await ctx.services.store.pages.getByTitle(ctx.wiki.id, title.namespace, title.dbKey);
    if (page) return page;
  }
  return undefined;
}

/** Each hit's page length and the timestamp of its latest revision. */
async function pageFacts(
  ctx: ApiRequestContext,
  hits: SearchHit[],
): Promise<Map<number, { size: number; timestamp: number }>> {
  const wiki = ctx.wiki.id;
  const pages = await ctx.services.store.pages.getManyByIds(
    wiki,
    hits.map((h) => h.pageId),
  );
  const revisions = await ctx.services.store.revisions.getMany(
    wiki,
    pages.map((p) => p.latestRevId),
  );
  const out = new Map<number, { size: number; timestamp: number }>();
  for (const p of pages) {
    out.set(p.id, { size: p.len, timestamp: revisions.get(p.latestRevId)?.timestamp ?? p.touchedAt });
  }
  return out;
}
