import { NamespaceTable } from '../../../domain/namespaces.ts';
import { formatTitle, tryParseTitle, uppercaseFirst } from '../../../domain/titles.ts';
import type { ApiRequestContext } from '../module.ts';

/** The namespace table of the request's wiki (the registry's cached copy when loaded). */
export function namespacesOf(ctx: ApiRequestContext): NamespaceTable {
  return ctx.services.wikis.find(ctx.wiki.id)?.namespaces ?? new NamespaceTable(ctx.wiki.namespaces);
}

/** The prefixed display form the Action API prints: "Talk:Foo bar" from (1, "Foo_bar"). */
export function prefixedTitle(ns: NamespaceTable, namespace: number, dbKey: string): string {
  return formatTitle(namespace, dbKey, ns);
}

/** Reads a title parameter (letitle, rctitle, …) into namespace + DB key; undefined when not a valid title. */
export function parseTitleParam(
  ns: NamespaceTable,
  text: string,
  defaultNamespace = 0,
): { namespace: number; dbKey: string } | undefined {
  const t = tryParseTitle(text, ns, defaultNamespace);
  return t ? { namespace: t.namespace, dbKey: t.dbKey } : undefined;
}

/**
 * DB key form of a title part within a known namespace (ApiQueryBase::titlePartToKey): spaces
 * become underscores and the first letter is upper-cased unless the namespace is case-sensitive.
 * Used for `apfrom`/`apprefix`, which may be partial titles.
 */
export function normalizeDbKey(ns: NamespaceTable, namespace: number, text: string): string {
  const t = text.replace(/[_\s]+/g, '_').replace(/^_+/, '');
  if (ns.get(namespace)?.case === 'case-sensitive' || t === '') return t;
  return uppercaseFirst(t);
}
