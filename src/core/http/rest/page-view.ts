import type { RouteDoc } from './openapi.ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CoreServices } from '../../core-services.ts';
import { escapeHtml } from '../../domain/html.ts';
import { directionOf } from '../../domain/language-direction.ts';
import { PageViews, type PageView, type RobotsPolicy } from '../../wikis/page-views.ts';

/**
 * Reading view of the embedded wiki's pages: `/wiki/{title}` on the default wiki and
 * `/{wiki}/wiki/{title}` on the others, rendered from PageViews (src/core/wikis/page-views.ts): the
 * text rendered for reading (headings, lists, tables, links, images, footnotes; no script, no
 * style); the robots meta tag carries the subsystems' decision, with the `X-Robots-Tag` header
 * alongside. The page's images are the only thing its Content-Security-Policy lets it load
 * (`reply.imageSources`, security-headers.ts).
 */
export async function registerPageView(
  app: FastifyInstance,
  services: CoreServices,
  robotsPolicies: readonly RobotsPolicy[],
): Promise<void> {
  const views = new PageViews({
    store: services.store,
    wikis: services.wikis,
    media: services.media,
    defaultWiki: services.config.defaultWiki,
    robotsPolicies,
  });
  const render = async (wikiId: string, rawTitle: string, reply: FastifyReply) =>
    send(reply, await views.read(wikiId, rawTitle));
  // A page view's unexpected failures are pages too (problem.ts renders them as htmlErrorPage).
  // Article views may be framed, as MediaWiki allows (security-headers.ts).
  const config = { errorFormat: 'html' as const, framing: 'allow' as const };
  // The router has decoded the path once already; the title is read as it stands ("100%25" is
  // "100%"), as MediaWiki reads it. A path that does not decode is a 400 from the router.
  const html = (status: number, body: string) => ({ status, headers: { 'content-type': 'text/html' }, body });
  const doc = (summary: string, examples: RouteDoc['x-amples']): RouteDoc => ({
    summary,
    tags: ['pages'],
    wildcard: 'title',
    responses: {
      '200': { description: 'the page', contentType: 'text/html' },
      '400': { description: 'a bad title', contentType: 'text/html' },
      '404': { description: 'no such page or wiki', contentType: 'text/html' },
    },
    'x-amples': examples,
  });
  app.get<{ Params: { '*': string } }>(
    '/wiki/*',
    {
      config: {
        ...config,
        openapi: doc('A page of the default wiki, read as HTML', [
          {
            title: 'a page that does not exist',
            request: { params: { title: 'No_such_page' } },
            response: html(404, '/<html/i'),
          },
          {
            title: 'a bad title',
            request: { params: { title: 'A[B]' } },
            response: html(400, '/Bad title/'),
          },
        ]),
      },
    },
    (req, reply) => render(services.config.defaultWiki, req.params['*'], reply),
  );
  app.get<{ Params: { wiki: string; '*': string } }>(
    '/:wiki/wiki/*',
    {
      config: {
        ...config,
        openapi: doc('A page of a wiki, read as HTML', [
          {
            title: 'a wiki this service does not serve',
            request: { params: { wiki: 'nosuchwiki', title: 'Main_Page' } },
            response: html(404, '/No such wiki/'),
          },
        ]),
      },
    },
    (req, reply) => render(req.params.wiki, req.params['*'], reply),
  );
}

function send(reply: FastifyReply, view: PageView): FastifyReply {
  const html = reply.type('text/html; charset=utf-8');
  switch (view.kind) {
    case 'nosuchwiki':
      return html.code(404).send(page('No such wiki', '<p>There is no such wiki here.</p>', true));
    case 'badtitle':
      return html.code(400).send(page('Bad title', `<p>Bad title "${escapeHtml(view.input)}".</p>`, true));
    case 'missing':
      return html
        .code(404)
        .header('X-Robots-Tag', 'noindex,nofollow')
        .send(
          page(
            view.title,
            '<p lang="en" dir="ltr">There is currently no text in this page.</p>',
            true,
            view.lang,
          ),
        );
    case 'page': {
      reply.imageSources = view.content.imageUrls;
      return html
        .header('X-Robots-Tag', view.noindex ? 'noindex,nofollow' : 'index,follow')
        .send(page(view.title, view.content.html, view.noindex, view.lang));
    }
  }
}

/**
 * A page in the content language `lang` (its title and text; `<html>` carries the language and its
 * direction, so an Arabic wiki's page reads right to left); the error pages are English.
 */
function page(title: string, body: string, noindex: boolean, lang = 'en'): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}" dir="${directionOf(lang)}"><head><meta charset="utf-8">
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
