import { computed } from 'vue';
import { useRoute } from 'vue-router';
import { site } from '../session/site.ts';

/** The wiki the current page belongs to: the route's `:wiki`, else the server's default wiki. */
export function useCurrentWiki() {
  const route = useRoute();
  return computed(() => {
    const wiki = route.params.wiki;
    return typeof wiki === 'string' && wiki !== '' ? wiki : site.defaultWiki;
  });
}

/** The reading URL of a page on the server (`/wiki/T` on the default wiki, `/{wiki}/wiki/T` else). */
export function pageUrl(wiki: string, title: string, query: Record<string, string> = {}): string {
  const path = title.replace(/ /g, '_');
  const encoded = encodeURIComponent(path).replace(/%2F/g, '/').replace(/%3A/g, ':');
  const base = wiki === site.defaultWiki ? '' : `/${encodeURIComponent(wiki)}`;
  const search = new URLSearchParams(query).toString();
  return `${base}/wiki/${encoded}${search ? `?${search}` : ''}`;
}
