import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseTitle, formatTitle } from '../../domain/titles.ts';
import type { CoreServices } from '../../core-services.ts';
import { escapeHtml } from '../../domain/html.ts';
import type { Page } from '../../domain/wiki.ts';
import { decodeHtmlEntities } from '../../domain/html-entities.ts';
import { renderPlainText } from '../../../wikitext/plain-text.ts';
import { stripTags } from '../../../wikitext/snippet.ts';
import { resolveContext } from '../../../wikitext/context.ts';
import { wikitextContextOf } from '../../wikis/wikitext-context.ts';

/** A subsystem's say on whether a page view may be indexed (SubsystemParts.robotsPolicy). */
export type RobotsPolicy = (page: Page) => Promise<'noindex' | undefined>;

/**
 * Reading view of the embedded wiki's pages: `/wiki/{title}` on the default wiki and
 * `/{wiki}/wiki/{title}` on the others. The text is shown as plain paragraphs (there is no template
 * expansion, markup tags are dropped); the robots meta tag carries the subsystems' decision (the
 * review queue's NOINDEX, review-queue-reference.md §5), with the `X-Robots-Tag` header alongside.
 */
export async function registerPageView(
  app: FastifyInstance,
  services: CoreServices,
  robotsPolicies: readonly RobotsPolicy[],
): Promise<void> {
  const render = async (wikiId: string, rawTitle: string, reply: FastifyReply) => {
    const wiki = await services.wikis.findFresh(wikiId);
    if (!wiki)
      return reply
        .code(404)
        .type('text/html; charset=utf-8')
        .send(page('No such wiki', '<p>There is no such wiki here.</p>', true));
    const parsed = parseTitle(rawTitle, wiki.namespaces);
    if (!parsed.ok || parsed.title.interwiki !== '')
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(page('Bad title', `<p>Bad title "${escapeHtml(rawTitle)}".</p>`, true));
    const t = parsed.title;
    const p = await services.store.pages.getByTitle(wiki.info.id, t.namespace, t.dbKey);
    const display = formatTitle(t.namespace, t.dbKey, wiki.namespaces);
    if (!p) {
      return reply
        .code(404)
        .type('text/html; charset=utf-8')
        .header('X-Robots-Tag', 'noindex,nofollow')
        .send(page(display, '<p>There is currently no text in this page.</p>', true));
    }
    const [rev, ...robots] = await Promise.all([
      services.store.revisions.get(wiki.info.id, p.latestRevId),
      ...robotsPolicies.map((policy) => policy(p)),
    ]);
    const noindex = robots.includes('noindex');
    const ctx = resolveContext(wikitextContextOf(wiki.namespaces));
    // As the snippet is made: markup tags and comments go (a reference's text stays), entities decode.
    const text = decodeHtmlEntities(renderPlainText(stripTags(rev?.text ?? ''), ctx, Infinity).text);
    const body = text
      .split(/\n{2,}/)
      .map((para) => para.trim())
      .filter(Boolean)
      .map((para) => `<p>${escapeHtml(para)}</p>`)
      .join('\n');
    return reply
      .type('text/html; charset=utf-8')
      .header('X-Robots-Tag', noindex ? 'noindex,nofollow' : 'index,follow')
      .send(page(display, `<div class="mw-parser-output">${body}</div>`, noindex));
  };
  // A page view's unexpected failures are pages too (problem.ts renders them as htmlErrorPage).
  const config = { errorFormat: 'html' as const };
  app.get<{ Params: { '*': string } }>('/wiki/*', { config }, (req, reply) =>
    render(services.config.defaultWiki, decodeURIComponent(req.params['*']), reply),
  );
  app.get<{ Params: { wiki: string; '*': string } }>('/:wiki/wiki/*', { config }, (req, reply) =>
    render(req.params.wiki, decodeURIComponent(req.params['*']), reply),
  );
}

function page(title: string, body: string, noindex: boolean): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="robots" content="${noindex ? 'noindex,nofollow' : 'index,follow'}">
<title>${escapeHtml(title)}</title></head>
<body><h1 id="firstHeading">${escapeHtml(title)}</h1>
${body}
</body></html>`;
}

/** An error page in the page views' layout, never indexed; `message` is plain text. */
export function htmlErrorPage(title: string, message: string): string {
  return page(title, `<p>${escapeHtml(message)}</p>`, true);
}
