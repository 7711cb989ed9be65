import type { NamespaceTable } from '../domain/namespaces.ts';
import { toDbKey } from '../domain/titles.ts';
import type { PageRedirect } from '../domain/wiki.ts';
import type { WikitextContext } from '../../wikitext/analyze.ts';
import { resolveContext } from '../../wikitext/context.ts';
import { parseRedirect, type RedirectTarget } from '../../wikitext/redirect.ts';
import { searchTextOf } from '../../wikitext/search-text.ts';

const contexts = new WeakMap<NamespaceTable, WikitextContext>();

/**
 * The analysis context of a wiki, one per namespace table (the wiki registry keeps one table per
 * wiki), so the analyser's per-context set-up is done once. It carries the built-in multilingual
 * magic words (`#WEITERLEITUNG`, `#PŘESMĚRUJ`, …); wiki-specific review settings such as citation
 * templates are the review compiler's.
 */
export function wikitextContextOf(namespaces: NamespaceTable): WikitextContext {
  let ctx = contexts.get(namespaces);
  if (!ctx) contexts.set(namespaces, (ctx = { namespaces }));
  return ctx;
}

/**
 * Where a redirect page's text points (WikitextContent::getRedirectTarget), read with the wiki's
 * localized redirect magic words; null when the text is not a redirect.
 */
export function redirectTargetOf(text: string, namespaces: NamespaceTable): RedirectTarget | null {
  return parseRedirect(text, resolveContext(wikitextContextOf(namespaces)));
}

/** A parsed redirect target as the `redirect` table stores it (RedirectStore's row). */
export function toPageRedirect(target: RedirectTarget): PageRedirect {
  return {
    namespace: target.namespace,
    title: toDbKey(target.title),
    fragment: target.fragment ?? '',
    interwiki: target.interwiki ?? '',
  };
}

/**
 * What full-text search indexes of a page's text: for wikitext the plain text a reader sees
 * (search-text.ts), for other content models (CSS, JavaScript, JSON) the text as it is.
 */
export function searchTextOfContent(text: string, contentModel: string, namespaces: NamespaceTable): string {
  return contentModel === 'wikitext' ? searchTextOf(text, wikitextContextOf(namespaces)) : text;
}
