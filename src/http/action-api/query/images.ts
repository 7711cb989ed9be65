import { NS_FILE } from '../../../domain/namespaces.ts';
import type { ApiRequestContext, QueryModule } from '../module.ts';
import { appendLinkRows, collectLinkRows, targetPageIds, type LinkListSpec } from './page-link-list.ts';
import { namespacesOf, parseTitleParam, prefixedTitle } from './page-titles.ts';
import { listParam } from './param-values.ts';

/**
 * prop=images (im): the files a page uses, keyed `pageid|file` for continuation; as a generator
 * it yields the local file description pages that exist.
 */
export const imagesModule: QueryModule = {
  name: 'images',
  kind: 'prop',
  prefix: 'im',
  description: 'Returns all files contained on the given pages.',
  generator: true,
  params: {
    limit: {
      type: 'limit',
      description: 'How many files to return.',
      default: 10,
      min: 1,
      max: 500,
      highMax: 5000,
    },
    continue: { type: 'string', description: 'When more results are available, use this to continue.' },
    images: { type: 'string', multi: true, description: 'Only list these files.' },
    dir: {
      type: 'enum',
      values: ['ascending', 'descending'],
      default: 'ascending',
      description: 'The direction in which to list.',
    },
  },
  async execute(ctx, params, pages, out) {
    const s = spec(ctx, params);
    appendLinkRows(out, s, await collectLinkRows(ctx, params, pages, out, s));
  },
  async executeGenerator(ctx, params, pages, out) {
    return {
      pageIds: await targetPageIds(ctx, await collectLinkRows(ctx, params, pages, out, spec(ctx, params))),
    };
  },
};

function spec(ctx: ApiRequestContext, params: Record<string, unknown>): LinkListSpec {
  const ns = namespacesOf(ctx);
  const only = new Set(
    listParam(params, 'images').flatMap((t) => parseTitleParam(ns, t, NS_FILE)?.dbKey ?? []),
  );
  return {
    continueParam: 'imcontinue',
    listKey: 'images',
    keyShape: ['string'],
    rows: (_ctx, _pageId, data) =>
      [...new Set(data.images)]
        .filter((file) => only.size === 0 || only.has(file))
        .map((file) => ({
          key: [file],
          item: { ns: NS_FILE, title: prefixedTitle(ns, NS_FILE, file) },
          target: { namespace: NS_FILE, title: file },
        })),
  };
}
