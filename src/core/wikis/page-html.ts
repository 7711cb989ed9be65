import type { NamespaceTable } from '../domain/namespaces.ts';
import { decodeHtmlEntities } from '../domain/html-entities.ts';
import { escapeHtml } from '../domain/html.ts';
import { renderPlainText } from '../../wikitext/plain-text.ts';
import { stripTags } from '../../wikitext/snippet.ts';
import { resolveContext } from '../../wikitext/context.ts';
import { wikitextContextOf } from './wikitext-context.ts';

/**
 * The reading renderer of the embedded wiki (page views and action=parse): wikitext as plain
 * paragraphs — no template expansion; markup tags and comments dropped, a reference's text kept,
 * entities decoded, as the review snippet is made — trimmed, none empty.
 */
export function renderParagraphs(text: string, namespaces: NamespaceTable): string[] {
  const ctx = resolveContext(wikitextContextOf(namespaces));
  const plain = decodeHtmlEntities(renderPlainText(stripTags(text), ctx, Infinity).text);
  return plain
    .split(/\n{2,}/)
    .map((para) => para.trim())
    .filter(Boolean);
}

/** Paragraphs as the parser output's HTML, in MediaWiki's `mw-parser-output` wrapper. */
export function paragraphsHtml(paragraphs: readonly string[]): string {
  const body = paragraphs.map((para) => `<p>${escapeHtml(para)}</p>`).join('\n');
  return `<div class="mw-parser-output">${body}</div>`;
}
