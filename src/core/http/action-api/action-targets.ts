import { formatTitle } from '../../domain/titles.ts';
import { fail } from '../../../errors.ts';
import type { ApiRequestContext, ParamValues } from './module.ts';
import { namespacesOf } from './request-namespaces.ts';

/**
 * The page an action module acts on (ApiBase::getTitleOrPageId): named by the title parameter or
 * by the page-id parameter, never both (`invalidparammix`), one of them required
 * (`missingparam-one-of`); an unknown page id is `nosuchpageid` (looked up in the wiki's source, as
 * the write that follows will be). Answers the prefixed title.
 */
export async function titleOrPageId(
  ctx: ApiRequestContext,
  params: ParamValues,
  titleParam = 'title',
  idParam = 'pageid',
): Promise<string> {
  const title = params[titleParam] as string | undefined;
  const id = params[idParam] as number | undefined;
  if (title !== undefined && id !== undefined) throw fail('invalidparammix', `${titleParam}, ${idParam}`);
  if (title !== undefined) return title;
  if (id === undefined) throw fail('missingparam-one-of', `"${titleParam}", "${idParam}"`);
  const page = await ctx.services.wikiSources.for(ctx.wiki.id).getPage({ pageId: id });
  if (!page) throw fail('nosuchpageid', id);
  return formatTitle(page.namespace, page.title, namespacesOf(ctx));
}

/**
 * The user an action module acts on: `user`, or the deprecated `userid` (MediaWiki's `user=#ID`);
 * an unknown id is `nosuchuser`. Undefined when neither is given.
 */
export async function userOrUserId(ctx: ApiRequestContext, params: ParamValues): Promise<string | undefined> {
  const name = params.user as string | undefined;
  if (name !== undefined || params.userid === undefined) return name;
  const user = await ctx.services.store.users.getById(ctx.wiki.id, params.userid as number);
  if (!user) throw fail('nosuchuser', `#${String(params.userid)}`);
  return user.name;
}
