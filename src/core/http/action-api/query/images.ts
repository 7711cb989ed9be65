import { NS_FILE } from '../../../domain/namespaces.ts';
import type { ApiRequestContext, QueryModule } from '../module.ts';
import {
  appendLinkRows,
  collectLinkRows,
  linkListParams,
  targetPageIds,
  type LinkListSpec,
} from './page-link-list.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { formatTitle, tryParseTitle } from '../../../domain/titles.ts';

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
    ...linkListParams('files', { name: 'images', description: 'Only list these files.' }),
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
    ((params.images as string[] | undefined) ?? []).flatMap(
      (t) => tryParseTitle(t, ns, NS_FILE)?.dbKey ?? [],
    ),
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
          item: { ns: NS_FILE, title: formatTitle(NS_FILE, file, ns) },
          target: { namespace: NS_FILE, title: file },
        })),
  };
}
