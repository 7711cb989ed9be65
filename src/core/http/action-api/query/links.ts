import type { PageLinksData } from '../../../domain/wiki.ts';
import type { ApiRequestContext, ParamSpecs, QueryModule } from '../module.ts';
import {
  appendLinkRows,
  collectLinkRows,
  linkListParams,
  targetPageIds,
  type LinkListSpec,
  type LinkRow,
} from './page-link-list.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { formatTitle, tryParseTitle } from '../../../domain/titles.ts';

function linkParams(prefix: string, what: string, filterName: string): ParamSpecs {
  return {
    namespace: { type: 'namespace', multi: true, description: `Show ${what} in these namespaces only.` },
    ...linkListParams(what, {
      name: filterName,
      description: `Only list ${what} to these titles (\`${prefix}${filterName}\`).`,
    }),
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
    const namespaces = new Set((params.namespace as number[] | undefined) ?? []);
    const only = new Set(
      ((params[filterName] as string[] | undefined) ?? []).flatMap((t) => {
        const p = tryParseTitle(t, ns);
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
            item: { ns: l.namespace, title: formatTitle(l.namespace, l.title, ns) },
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
