import type { RouteLocationNormalizedLoaded } from 'vue-router';

/** Where to go after signing in: `?returnto=` when it is a path of this interface, else the feed. */
export function returnPath(route: RouteLocationNormalizedLoaded, wiki: string): string {
  const target = route.query.returnto;
  if (typeof target === 'string' && target.startsWith('/') && !target.startsWith('//')) return target;
  return `/${wiki}/feed`;
}
