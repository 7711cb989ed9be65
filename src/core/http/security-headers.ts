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
}

/** The value MediaWiki's OutputPage sends to clients it lets cache, but not share, a page. */
export const PRIVATE_CACHE_CONTROL = 'private, must-revalidate, max-age=0';

/**
 * Headers every response gets, set once here for all routes (the core's, the subsystems', error
 * pages and the Action API):
 * - `X-Content-Type-Options: nosniff` on every response, as MediaWiki sends it;
 * - on HTML (page views, the API's help and HTML-formatted results, error pages): a
 *   Content-Security-Policy that loads nothing (these pages have no scripts, styles or images),
 *   unless the route declares its own (the web UI: web-ui.ts),
 *   `X-Frame-Options: DENY` with `frame-ancestors 'none'` (MediaWiki's default
 *   $wgEditPageFrameOptions for every page but article views), and, unless the route chose its
 *   own, `Cache-Control: private, must-revalidate, max-age=0` (OutputPage without a CDN).
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
    const framable = req.routeOptions.config?.framing === 'allow';
    const policy = [
      ...(req.routeOptions.config?.contentSecurityPolicy ?? [
        "default-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
      ]),
    ];
    if (!framable) {
      if (!policy.includes("frame-ancestors 'none'")) policy.push("frame-ancestors 'none'");
      reply.header('X-Frame-Options', 'DENY');
    }
    reply.header('Content-Security-Policy', policy.join('; '));
    if (!reply.hasHeader('cache-control')) reply.header('Cache-Control', PRIVATE_CACHE_CONTROL);
    return payload;
  });
}
