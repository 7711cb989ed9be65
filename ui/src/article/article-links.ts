/**
 * Internal links in rendered page HTML (`/wiki/T` on the default wiki, `/{wiki}/wiki/T` on the
 * others, `/w/index.php?title=T…` for red links) and where they lead in the interface.
 */
export interface InternalLink {
  wiki: string;
  /** The title with spaces as underscores, as the article route takes it. */
  title: string;
  fragment: string;
}

/**
 * The wiki page a link's `href` points at, or null when it leaves the server, points at a
 * special action other than a red link, or is not a page link. `origin` is the interface's.
 */
export function internalLink(
  href: string,
  origin: string,
  defaultWiki: string,
  wikis: ReadonlySet<string>,
): InternalLink | null {
  let url: URL;
  try {
    url = new URL(href, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  const fragment = decodeURIComponent(url.hash.slice(1));
  const path = url.pathname;
  let wiki = defaultWiki;
  let rest = path;
  const prefixed = /^\/([^/]+)(\/.*)$/.exec(path);
  if (prefixed && wikis.has(decodeURIComponent(prefixed[1]!))) {
    wiki = decodeURIComponent(prefixed[1]!);
    rest = prefixed[2]!;
  }
  let title: string | null = null;
  if (rest.startsWith('/wiki/')) {
    if ([...url.searchParams.keys()].some((k) => k !== 'redirect')) return null;
    title = decodeURIComponent(rest.slice('/wiki/'.length));
  } else if (rest === '/w/index.php') {
    const action = url.searchParams.get('action');
    const red = url.searchParams.get('redlink') === '1';
    if (action !== null && !(action === 'edit' && red)) return null;
    title = url.searchParams.get('title');
  }
  if (!title) return null;
  return { wiki, title: title.replace(/ /g, '_'), fragment };
}

/** A title as the last part of an interface path: spaces as underscores, `/` and `:` left readable. */
export function titleSegment(title: string): string {
  return encodeURIComponent(title.replace(/ /g, '_')).replace(/%2F/g, '/').replace(/%3A/g, ':');
}

/** The interface path of an article (route `page`): `/{wiki}/page/{Title_with_underscores}`. */
export function articlePath(wiki: string, title: string): string {
  return `/${encodeURIComponent(wiki)}/page/${titleSegment(title)}`;
}

/**
 * Where a queued page is reviewed: its article view, and for a redirect the redirect itself
 * (`?redirect=no`), not the page it leads to (§8.1: the feed links redirects with redirect=no).
 */
export function reviewPath(wiki: string, title: string, isRedirect: boolean): string {
  return `${articlePath(wiki, title)}${isRedirect ? '?redirect=no' : ''}`;
}
