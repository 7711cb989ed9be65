import { escapeHtml } from '../../../domain/html.ts';
import type { ApiRequestContext } from '../module.ts';
import { articlePathOf, encodeTitleForUrl } from './site-paths.ts';

/**
 * `parsedcomment`: an edit summary as HTML, after MediaWiki's CommentFormatter — text is escaped,
 * `/* section *\/` becomes an autocomment link to the section of `pageTitle`, and `[[Target|label]]`
 * becomes a link. External links and other markup stay plain text.
 */
export function formatCommentHtml(ctx: ApiRequestContext, comment: string, pageTitle?: string): string {
  const path = articlePathOf(ctx);
  const href = (title: string, fragment = ''): string =>
    path.replace('$1', encodeTitleForUrl(title)) +
    (fragment ? `#${encodeURIComponent(fragment.replace(/ /g, '_'))}` : '');
  let html = escapeHtml(comment);
  html = html.replace(/\/\*\s*(.*?)\s*\*\//, (_m, section: string) => {
    const link = pageTitle
      ? `<a href="${href(pageTitle, section)}" title="${escapeHtml(pageTitle)}">→‎${section}</a>`
      : `→‎${section}`;
    return `<span dir="auto"><span class="autocomment">${link}</span></span>`;
  });
  html = html.replace(
    /\[\[([^[\]|]+)(?:\|([^[\]]*))?\]\]/g,
    (_m, target: string, label: string | undefined) => {
      const t = target.trim().replace(/^:/, '');
      return `<a href="${href(t)}" title="${t}">${label ?? target.trim()}</a>`;
    },
  );
  return html;
}
