import type { NamespaceTable } from '../../domain/namespaces.ts';
import type { ApiRequestContext } from './module.ts';

/**
 * The namespace table of the request's wiki: the registry's own object (the dispatcher only serves
 * wikis the registry has), so caches keyed by the table, like the wikitext context, hold.
 */
export function namespacesOf(ctx: ApiRequestContext): NamespaceTable {
  return ctx.services.wikis.get(ctx.wiki.id).namespaces;
}
