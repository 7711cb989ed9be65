import type { ApiRequestContext } from '../module.ts';
import { encodeTitleForUrl } from '../../../domain/titles.ts';

export { encodeTitleForUrl };

/**
 * Where this service serves a wiki: the default wiki at `/wiki/$1` and `/w/api.php`, the others
 * under `/{wiki}/wiki/$1` and `/{wiki}/w/api.php` (see src/app.ts).
 */
/** MediaWiki's $wgServer: config.server, never a request header. */
export function serverOf(ctx: ApiRequestContext): string {
  return ctx.services.config.server;
}

export function scriptPathOf(ctx: ApiRequestContext): string {
  return ctx.wiki.id === ctx.services.config.defaultWiki ? '/w' : `/${ctx.wiki.id}/w`;
}

export function articlePathOf(ctx: ApiRequestContext): string {
  return ctx.wiki.id === ctx.services.config.defaultWiki ? '/wiki/$1' : `/${ctx.wiki.id}/wiki/$1`;
}

export function pageUrl(ctx: ApiRequestContext, prefixedTitle: string): string {
  return serverOf(ctx) + articlePathOf(ctx).replace('$1', encodeTitleForUrl(prefixedTitle));
}

export function editUrl(ctx: ApiRequestContext, prefixedTitle: string): string {
  return `${serverOf(ctx)}${scriptPathOf(ctx)}/index.php?title=${encodeTitleForUrl(prefixedTitle)}&action=edit`;
}
