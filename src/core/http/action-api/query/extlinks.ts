import { indexUrl, urlQueryPattern } from '../../../domain/link-filter.ts';
import type { ApiRequestContext, ParamValues, QueryModule } from '../module.ts';
import { withContent } from '../result-format.ts';
import { appendLinkRows, collectLinkRows, type LinkListSpec } from './page-link-list.ts';
import { standardLimit } from './param-values.ts';
import { serverOf } from './site-paths.ts';

/** $wgUrlProtocols as elprotocol takes them: the scheme, '' for "any" (http and https with elquery). */
export const URL_PROTOCOLS = [
  '',
  'bitcoin',
  'ftp',
  'ftps',
  'geo',
  'git',
  'gopher',
  'http',
  'https',
  'irc',
  'ircs',
  'magnet',
  'mailto',
  'matrix',
  'mms',
  'news',
  'nntp',
  'redis',
  'sftp',
  'sip',
  'sips',
  'sms',
  'ssh',
  'svn',
  'tel',
  'telnet',
  'urn',
  'worldwind',
  'xmpp',
] as const;

/** The protocols whose URLs have a host after `//`. */
const HOST_PROTOCOLS = new Set([
  'ftp',
  'ftps',
  'git',
  'gopher',
  'http',
  'https',
  'irc',
  'ircs',
  'mms',
  'nntp',
  'redis',
  'sftp',
  'ssh',
  'svn',
  'telnet',
  'worldwind',
]);

/**
 * prop=extlinks (el): the external URLs of the pages (the externallinks table), keyed
 * `pageid|url` for continuation, in URL order within a page. `url` in formatversion 2, `*` in 1.
 * `elquery` is a URL without protocol as LinkFilter reads it (`*.example.org` takes subdomains,
 * a path matches as a prefix); without `elprotocol` it means http and https. A protocol-relative
 * link (`//example.org`) matches http and https and is printed as stored unless `elexpandurl`.
 */
export const extlinksModule: QueryModule = {
  name: 'extlinks',
  kind: 'prop',
  prefix: 'el',
  description: 'Returns all external URLs (not interwikis) from the given pages.',
  params: {
    limit: standardLimit('How many links to return.'),
    continue: { type: 'string', description: 'When more results are available, use this to continue.' },
    protocol: {
      type: 'enum',
      values: URL_PROTOCOLS,
      default: '',
      description:
        'Protocol of the URL. If empty and elquery is set, the protocol is http and https. Leave both this and elquery empty to list all external links.',
    },
    query: { type: 'string', description: 'Search string without protocol.' },
    expandurl: {
      type: 'boolean',
      deprecated: true,
      description: 'Expand protocol-relative URLs with the canonical protocol.',
    },
  },
  async execute(ctx, params, pages, out) {
    const s = spec(ctx, params);
    appendLinkRows(out, s, await collectLinkRows(ctx, params, pages, out, s));
  },
};

function spec(ctx: ApiRequestContext, params: ParamValues): LinkListSpec {
  const matches = urlMatcher(
    (params.protocol as string | undefined) ?? '',
    params.query as string | undefined,
  );
  const expand = params.expandurl === true;
  const canonical = new URL(serverOf(ctx)).protocol;
  return {
    continueParam: 'elcontinue',
    listKey: 'extlinks',
    keyShape: ['string'],
    rows: (_ctx, _pageId, data) =>
      data.externalLinks.filter(matches).map((url) => ({
        key: [url],
        item: withContent({ url: expand && url.startsWith('//') ? canonical + url : url }, 'url'),
      })),
  };
}

/**
 * Whether a URL matches `protocol` and `query` as ApiQueryExternalLinks filters: no filter when
 * both are empty; the protocol alone keeps that protocol's URLs; a query keeps the URLs under
 * that domain (and path prefix) for the protocol, or for http and https.
 */
export function urlMatcher(protocol: string, query: string | undefined): (url: string) => boolean {
  if ((query === undefined || query === '') && protocol === '') return () => true;
  const schemes = protocol === '' ? ['http', 'https'] : [protocol];
  const prefixes = schemes.flatMap((p) => {
    const full = HOST_PROTOCOLS.has(p) ? `${p}://` : `${p}:`;
    return p === 'http' || p === 'https' ? [full, '//'] : [full];
  });
  if (query === undefined || query === '') {
    return (url) => prefixes.some((p) => url.toLowerCase().startsWith(p));
  }
  const patterns = prefixes.map((p) => urlQueryPattern(p, query));
  return (url) => {
    const { domainIndex, path } = indexUrl(url);
    return patterns.some(
      (pat) =>
        (pat.exactDomain ? domainIndex === pat.domainIndex : domainIndex.startsWith(pat.domainIndex)) &&
        path.startsWith(pat.pathPrefix),
    );
  };
}
