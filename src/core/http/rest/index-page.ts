import type { FastifyInstance } from 'fastify';
import type { CoreServices } from '../../core-services.ts';
import { escapeHtml } from '../../domain/html.ts';
import { mainPageOf } from '../../domain/wiki-settings.ts';
import { encodeTitleForUrl } from '../action-api/query/site-paths.ts';

/**
 * `GET /`: what this server serves, for the person who opens the URL `serve` prints — each wiki
 * with its main page, its api.php and the API's help, and the service's own endpoints. The web UI
 * will take this place; until then it is the way in.
 */
export async function registerIndexPage(app: FastifyInstance, services: CoreServices): Promise<void> {
  app.get(
    '/',
    {
      config: {
        errorFormat: 'html' as const,
        openapi: {
          summary: "The service's index page: each wiki with its main page, API and API help",
          tags: ['pages'],
          responses: { '200': { description: 'an HTML page', contentType: 'text/html' } },
          'x-amples': [
            {
              title: 'the index page',
              response: { status: 200, headers: { 'content-type': 'text/html' }, body: '/<html/i' },
            },
          ],
        },
      },
    },
    async (_req, reply) => {
      // The CLI may have added a wiki since the registry was loaded (an import next to the server).
      await services.wikis.reload();
      const wikis = services.wikis.list().sort((a, b) => a.info.id.localeCompare(b.info.id));
      const rows = await Promise.all(
        wikis.map(async (w) => {
          const base = w.info.id === services.config.defaultWiki ? '' : `/${encodeURIComponent(w.info.id)}`;
          const title = mainPageOf(w.info, w.namespaces);
          const main = title.prefixedText;
          // A wiki without its main page (a media repository, a partial import) gets no dead link.
          const exists = await services.store.pages.getByTitle(w.info.id, title.namespace, title.dbKey);
          const mainCell = exists
            ? `<a href="${escapeHtml(`${base}/wiki/${encodeTitleForUrl(main)}`)}">${escapeHtml(main)}</a>`
            : `${escapeHtml(main)} (not created)`;
          const api = `${base}/w/api.php`;
          return `<tr><th scope="row">${escapeHtml(w.info.sitename)} <code>${escapeHtml(w.info.id)}</code></th>
<td>${mainCell}</td>
<td><a href="${escapeHtml(`${api}?action=query&meta=siteinfo&format=json`)}">${escapeHtml(api)}</a></td>
<td><a href="${escapeHtml(`${api}?action=help`)}">API help</a></td></tr>`;
        }),
      );
      const body = rows.length
        ? `<table><thead><tr><th scope="col">Wiki</th><th scope="col">Main page</th><th scope="col">Action API</th><th scope="col">Help</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`
        : '<p>No wiki yet: create the demo (<code>wikiqueue demo</code>) or import a dump (<code>wikiqueue import FILE</code>).</p>';
      return reply.type('text/html; charset=utf-8').send(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="robots" content="noindex,nofollow">
<title>wikiqueue</title></head>
<body><h1>wikiqueue</h1>
<p>Work queues for wiki communities. <a href="/ui/">Open the web interface</a> (review new pages, suggested edits, lead images).</p>
<p>The wikis this server serves:</p>
${body}
<p>Also: <a href="/healthz">/healthz</a> (health), <a href="/openapi">/openapi</a> (the REST routes, OpenAPI 3), <code>/v2/stream/{streams}</code> (event streams, e.g. <a href="/v2/stream/mediawiki.page-create">mediawiki.page-create</a>).</p>
</body></html>`);
    },
  );
}
