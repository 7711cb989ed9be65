import type { QueryModule } from '../module.ts';
import { continueInts } from './continuation.ts';

/**
 * prop=pageprops (pp): the page properties the link update stored (the page_prop table:
 * `noindex` for __NOINDEX__, `page_image_free` for the lead image, …), as an object of name →
 * value under each page. `ppprop` keeps only the names given. MediaWiki prints them all in one
 * batch (no continuation).
 */
export const pagepropsModule: QueryModule = {
  name: 'pageprops',
  kind: 'prop',
  prefix: 'pp',
  description: 'Get various page properties defined in the page content.',
  params: {
    continue: { type: 'string', description: 'When more results are available, use this to continue.' },
    prop: {
      type: 'string',
      multi: true,
      description:
        'Only list these page properties. Useful for checking whether a certain page uses a certain page property.',
    },
  },
  async execute(ctx, params, pages, out) {
    const names = params.prop as string[] | undefined;
    const ids = [...pages.pages.keys()].sort((a, b) => a - b);
    const from = params.continue === undefined ? undefined : continueInts(params.continue as string, 1)[0];
    const props = await ctx.services.store.links.pageProps(ctx.wiki.id, ids, names);
    for (const id of ids) {
      if (from !== undefined && id < from) continue;
      const found = props.get(id);
      if (found) out.addPageData(id, { pageprops: found });
    }
  },
};
