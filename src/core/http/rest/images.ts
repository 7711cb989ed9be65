import type { FastifyInstance } from 'fastify';
import type { RouteDoc } from './openapi.ts';
import type { CoreServices } from '../../core-services.ts';
import { IMAGES_ROOT, parseImagePath } from '../../media/media-paths.ts';

/** A file's URL names one version of it (a new upload of the same name is a new ETag). */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * `GET /images/{repo}/{h}/{hh}/{name}` (an original) and
 * `GET /images/{repo}/thumb/{h}/{hh}/{name}/{width}px-{name}` (a width-scaled rendition), the paths
 * of MediaWiki's upload server (core/media/media-paths.ts). Answers carry the file's type, an
 * ETag (its SHA-1, and the width for renditions; `If-None-Match` gets 304), Last-Modified (the
 * upload time) and long-lived caching; SVG originals also a Content-Security-Policy that runs
 * nothing, as Wikimedia's upload server sends. Errors are catalogued problems: `media-badpath`,
 * `media-badthumbname`, `media-badwidth` (400), `media-nosuchfile` (404), `media-busy` (503).
 */
export async function registerImages(app: FastifyInstance, services: CoreServices): Promise<void> {
  app.get(`${IMAGES_ROOT}/*`, { config: { openapi: imagesDoc } }, async (req, reply) => {
    const path = req.url.split('?')[0] as string;
    const request = parseImagePath(path.slice(IMAGES_ROOT.length + 1));
    const { file, rendition, lastModified } = await services.media.serve(request);
    const etag = `"${file.sha1}${request.kind === 'thumbnail' ? `-${request.width}` : ''}"`;
    reply
      .header('ETag', etag)
      .header('Last-Modified', new Date(lastModified * 1000).toUTCString())
      .header('Cache-Control', IMMUTABLE);
    if (rendition.contentType === 'image/svg+xml')
      reply.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((t) => t.trim() === etag))
      return reply.code(304).send();
    return reply.type(rendition.contentType).send(rendition.bytes);
  });
}

const imagesDoc: RouteDoc = {
  summary:
    'Media files: originals at {repo}/{h}/{hh}/{name}, width-scaled renditions at {repo}/thumb/{h}/{hh}/{name}/{width}px-{name}',
  tags: ['media'],
  wildcard: 'path',
  responses: {
    '200': { description: 'the file or its rendition', contentType: 'image/*' },
    '304': { description: 'If-None-Match names the current ETag' },
    '400': {
      description: 'not a media path, thumbnail name or width',
      contentType: 'application/problem+json',
    },
    '404': { description: 'no such file', contentType: 'application/problem+json' },
  },
  'x-amples': [
    {
      title: 'a file that does not exist',
      request: { params: { path: 'commonswiki/a/ab/No_such_file.jpg' } },
      response: {
        status: 404,
        headers: { 'content-type': 'application/problem+json' },
        body: {
          status: 404,
          type: 'media-nosuchfile',
          title: '/.+/',
          detail: '/.+/',
          method: 'GET',
          uri: '/.+/',
        },
      },
    },
    {
      title: 'a path that is not a media path',
      request: { params: { path: 'x' } },
      response: {
        status: 400,
        headers: { 'content-type': 'application/problem+json' },
        body: {
          status: 400,
          type: 'media-badpath',
          title: '/.+/',
          detail: '/.+/',
          method: 'GET',
          uri: '/.+/',
        },
      },
    },
  ],
};
