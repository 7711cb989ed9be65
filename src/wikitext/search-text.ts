import { decodeHtmlEntities } from '../core/domain/html-entities.ts';
import { resolveContext, type WikitextContext } from './context.ts';
import { renderPlainText } from './plain-text.ts';
import { stripTags } from './snippet.ts';

/**
 * The text a reader sees, as full-text search indexes it and cuts snippets from (MediaWiki's
 * SearchUpdate strips markup the same way before its database backends index a page): tags go
 * and their content stays (reference text is searchable), then the page is rendered as plain
 * text (plain-text.ts: templates render as nothing, link labels stay), entities are decoded and
 * runs of whitespace become one space, newlines kept.
 */
export function searchTextOf(text: string, ctx: WikitextContext): string {
  const rendered = renderPlainText(stripTags(text), resolveContext(ctx), Infinity).text;
  return decodeHtmlEntities(rendered)
    .replace(/[ \t\r]+/g, ' ')
    .replace(/ ?\n[\n ]*/g, '\n')
    .trim();
}
