import { fail } from '../../../../errors.ts';
import { tryParseTitle } from '../../../domain/titles.ts';
import type { ApiRequestContext, ParamSpecs, ParamValues } from '../module.ts';
import { namespacesOf } from '../request-namespaces.ts';

/** The `title` and `pageid` parameters of a module that reads one page (ApiBase::getTitleOrPageId). */
export function titleOrPageIdParams(what: string): ParamSpecs {
  return {
    title: { type: 'string', description: `Title to search. Cannot be used together with pageid (${what}).` },
    pageid: { type: 'integer', description: 'Page ID to search. Cannot be used together with title.' },
  };
}

/**
 * The page named by `title` or `pageid` (exactly one), as ApiBase::getTitleOrPageId reads them: a
 * title need not exist; a page id must (`nosuchpageid`). `prefix` names the parameters in errors.
 */
export async function titleOrPageId(
  ctx: ApiRequestContext,
  params: ParamValues,
  prefix: string,
): Promise<{ namespace: number; title: string }> {
  const title = params.title as string | undefined;
  const pageId = params.pageid as number | undefined;
  if (title !== undefined && pageId !== undefined)
    throw fail('invalidparammix', `${prefix}title, ${prefix}pageid`);
  if (title !== undefined) {
    const parsed = tryParseTitle(title, namespacesOf(ctx));
    if (!parsed) throw fail('invalidtitle', title);
    return { namespace: parsed.namespace, title: parsed.dbKey };
  }
  if (pageId === undefined) throw fail('missingparam-one-of', `${prefix}title, ${prefix}pageid`);
  const [page] = await ctx.services.store.pages.getManyByIds(ctx.wiki.id, [pageId]);
  if (!page) throw fail('nosuchpageid', pageId);
  return { namespace: page.namespace, title: page.title };
}
