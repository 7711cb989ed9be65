import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * `allow`: the route's pages may be shown in a frame of another site, as MediaWiki allows for
     * article views (Article::view turns its clickjacking protection off). Otherwise every HTML
     * response forbids framing.
     */
    framing?: 'allow';
    /** The route's own Content-Security-Policy directives for HTML (the web UI's, web-ui.ts). */
    contentSecurityPolicy?: readonly string[];
  }
  interface FastifyReply {
    /**
     * The image URLs an HTML page shows (a page view's files): the Content-Security-Policy lets it
     * load images from their origins ('self' for paths), and nothing else.
     */
    imageSources: readonly string[] | null;
  }
}

/** The value MediaWiki's OutputPage sends to clients it lets cache, but not share, a page. */
export const PRIVATE_CACHE_CONTROL = 'private, must-revalidate, max-age=0';

/**
 * Headers every response gets, set once here for all routes (the core's, the subsystems', error
 * pages and the Action API):
 * - `X-Content-Type-Options: nosniff` on every response, as MediaWiki sends it;
 * - on HTML (page views, the API's help and HTML-formatted results, error pages): a
 *   Content-Security-Policy that loads nothing (these pages have no scripts or styles) but the
 *   images a page view shows, from their origins (imageSourcesOf), unless the route declares its
 *   own policy (the web UI: web-ui.ts),
 *   `X-Frame-Options: DENY` with `frame-ancestors 'none'` (MediaWiki's default
 *   $wgEditPageFrameOptions for every page but article views), and, unless the route chose its
 *   own, `Cache-Control: private, must-revalidate, max-age=0` (OutputPage without a CDN).
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.decorateReply('imageSources', null);
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
    const framable = req.routeOptions.config?.framing === 'allow';
    const own = req.routeOptions.config?.contentSecurityPolicy;
    const policy = own ? [...own] : ["default-src 'none'", "base-uri 'none'", "form-action 'none'"];
    const images = own ? [] : imageSourcesOf(reply.imageSources ?? []);
    if (images.length > 0) policy.splice(1, 0, `img-src ${images.join(' ')}`);
    if (!framable) {
      if (!policy.includes("frame-ancestors 'none'")) policy.push("frame-ancestors 'none'");
      reply.header('X-Frame-Options', 'DENY');
    }
    reply.header('Content-Security-Policy', policy.join('; '));
    if (!reply.hasHeader('cache-control')) reply.header('Cache-Control', PRIVATE_CACHE_CONTROL);
    return payload;
  });
}

/**
 * CSP sources for images at `urls`: `'self'` for paths and this server's URLs, the origin of
 * each http(s) URL elsewhere; anything else (another scheme, an unparsable URL) allows nothing.
 */
export function imageSourcesOf(urls: readonly string[]): string[] {
  const sources = new Set<string>();
  for (const url of urls) {
    if (url.startsWith('/') && !url.startsWith('//')) {
      sources.add("'self'");
      continue;
    }
    try {
      const parsed = new URL(url.startsWith('//') ? `https:${url}` : url);
      if (parsed.protocol === 'https:' || parsed.protocol === 'http:') sources.add(parsed.origin);
    } catch {
      // Not a URL: no source.
    }
  }
  return [...sources];
}
