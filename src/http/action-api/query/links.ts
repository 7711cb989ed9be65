import type { PageLinksData } from '../../../domain/wiki.ts';
import type { ApiRequestContext, ParamSpecs, QueryModule } from '../module.ts';
import {
  appendLinkRows,
  collectLinkRows,
  targetPageIds,
  type LinkListSpec,
  type LinkRow,
} from './page-link-list.ts';
import { namespacesOf, parseTitleParam, prefixedTitle } from './page-titles.ts';
import { intListParam, listParam } from './param-values.ts';

function linkParams(prefix: string, what: string, filterName: string): ParamSpecs {
  return {
    namespace: { type: 'namespace', multi: true, description: `Show ${what} in these namespaces only.` },
    limit: {
      type: 'limit',
      description: `How many ${what} to return.`,
      default: 10,
      min: 1,
      max: 500,
      highMax: 5000,
    },
    continue: { type: 'string', description: 'When more results are available, use this to continue.' },
    [filterName]: {
      type: 'string',
      multi: true,
      description: `Only list ${what} to these titles (\`${prefix}${filterName}\`).`,
    },
    dir: {
      type: 'enum',
      values: ['ascending', 'descending'],
      default: 'ascending',
      description: 'The direction in which to list.',
    },
  };
}

/**
 * prop=links (pl) and prop=templates (tl): the pages a page links to / transcludes, keyed
 * `pageid|ns|title` for continuation; as generators they yield the linked pages that exist.
 */
function linkModule(
  name: 'links' | 'templates',
  prefix: 'pl' | 'tl',
  filterName: 'titles' | 'templates',
  pick: (d: PageLinksData) => { namespace: number; title: string }[],
): QueryModule {
  const spec = (params: Record<string, unknown>, ctx: ApiRequestContext): LinkListSpec => {
    const ns = namespacesOf(ctx);
    const namespaces = new Set(intListParam(params, 'namespace'));
    const only = new Set(
      listParam(params, filterName).flatMap((t) => {
        const p = parseTitleParam(ns, t);
        return p ? [`${p.namespace}|${p.dbKey}`] : [];
      }),
    );
    return {
      continueParam: `${prefix}continue`,
      listKey: name,
      keyShape: ['int', 'string'],
      rows: (_ctx, _pageId, data): LinkRow[] =>
        pick(data)
          .filter((l) => namespaces.size === 0 || namespaces.has(l.namespace))
          .filter((l) => only.size === 0 || only.has(`${l.namespace}|${l.title}`))
          .map((l) => ({
            key: [l.namespace, l.title],
            item: { ns: l.namespace, title: prefixedTitle(ns, l.namespace, l.title) },
            target: l,
          })),
    };
  };
  return {
    name,
    kind: 'prop',
    prefix,
    description:
      name === 'links'
        ? 'Returns all links from the given pages.'
        : 'Returns all pages transcluded on the given pages.',
    generator: true,
    params: linkParams(prefix, name, filterName),
    async execute(ctx, params, pages, out) {
      const s = spec(params, ctx);
      appendLinkRows(out, s, await collectLinkRows(ctx, params, pages, out, s));
    },
    async executeGenerator(ctx, params, pages, out) {
      return {
        pageIds: await targetPageIds(ctx, await collectLinkRows(ctx, params, pages, out, spec(params, ctx))),
      };
    },
  };
}

export const linksModule = linkModule('links', 'pl', 'titles', (d) => d.links);
export const templatesModule = linkModule('templates', 'tl', 'templates', (d) => d.templates);
