import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fail } from '../../../errors.ts';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The Content-Security-Policy of the interface's pages: its own scripts, styles and API calls only;
 * images from this server (the media repository's renditions) and `data:` (Codex's icons in its
 * stylesheet) plus the origins of foreign media repositories; no frames, no plugins, no forms that
 * post elsewhere. Page text the interface shows (action=parse output) is sanitized by the server,
 * and even a flaw there cannot run script or load anything from another site under this policy.
 */
export function webUiPolicy(imageOrigins: readonly string[]): string[] {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    ["img-src 'self' data:", ...imageOrigins].join(' '),
    "connect-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
}

/**
 * `GET /ui/…`: the web interface, built by Vite into `dir` (`wikiqueue ui build`; `npm start` builds
 * it when missing or stale). Files under `assets/` carry a content hash in their names and are
 * cached for a year, sent gzip-compressed when the build wrote a `.gz` beside them and the client
 * accepts it; every other path is the app's own route and gets `index.html` (never cached, so a new
 * build is seen on the next load). Without a build, `ui-not-built` (503).
 */
export async function registerWebUi(
  app: FastifyInstance,
  options: { dir: string; imageOrigins: readonly string[] },
): Promise<void> {
  const root = normalize(options.dir + sep);
  const policy = webUiPolicy(options.imageOrigins);
  const htmlConfig = { errorFormat: 'html' as const, contentSecurityPolicy: policy };

  app.get(
    '/ui',
    {
      config: {
        errorFormat: 'html',
        openapi: {
          summary: 'The web interface, without its final slash: redirects to /ui/',
          tags: ['pages'],
          responses: { '301': { description: 'to /ui/', contentType: 'text/html' } },
          'x-amples': [{ title: 'the redirect', response: { status: 301, headers: { location: '/ui/' } } }],
        },
      },
    },
    (_req, reply) => reply.redirect('/ui/', 301),
  );
  app.get<{ Params: { '*': string } }>(
    '/ui/*',
    {
      config: {
        ...htmlConfig,
        openapi: {
          summary: 'The web interface (a single-page app) and its assets',
          tags: ['pages'],
          wildcard: 'path',
          responses: {
            '200': { description: "the app's page, or one of its assets", contentType: 'text/html' },
            '404': { description: 'no such asset', contentType: 'text/html' },
            '503': { description: 'the interface is not built', contentType: 'text/html' },
          },
          'x-amples': [
            {
              title: "an app route: the app's page",
              request: { params: { path: 'enwiki/feed' } },
              response: { status: 200, headers: { 'content-type': 'text/html' }, body: '/<div id="app">/' },
            },
            {
              title: 'an asset that does not exist',
              request: { params: { path: 'assets/nothing-here.js' } },
              response: { status: 404, headers: { 'content-type': 'text/html' }, body: '/<html/i' },
            },
          ],
        },
      },
    },
    async (req, reply) => {
      const path = req.params['*'];
      if (path.startsWith('assets/')) return sendAsset(req, reply, root, path);
      let html: Buffer;
      try {
        html = await readFile(join(root, 'index.html'));
      } catch {
        throw fail('ui-not-built');
      }
      return reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(html);
    },
  );
}

async function sendAsset(req: FastifyRequest, reply: FastifyReply, root: string, path: string) {
  const file = normalize(join(root, path));
  if (!file.startsWith(root) || path.includes('\0')) throw fail('notfound', req.url);
  const type = TYPES[extname(file)];
  if (!type) throw fail('notfound', req.url);
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const candidates = gzip ? [`${file}.gz`, file] : [file];
  for (const candidate of candidates) {
    const info = await stat(candidate).catch(() => null);
    if (!info?.isFile()) continue;
    if (candidate !== file) reply.header('Content-Encoding', 'gzip');
    return reply
      .header('Vary', 'Accept-Encoding')
      .header('Cache-Control', 'public, max-age=31536000, immutable')
      .header('Content-Length', info.size)
      .type(type)
      .send(createReadStream(candidate));
  }
  throw fail('notfound', req.url);
}
