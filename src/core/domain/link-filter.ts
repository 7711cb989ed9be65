/**
 * External URLs as MediaWiki's LinkFilter indexes them (el_to_domain_index, el_to_path): the
 * protocol and the host with its labels reversed and a trailing dot (`https://org.example.www.`),
 * then the rest of the URL (`/wiki/X?y`). Reversing makes "this domain and its subdomains" a
 * prefix of the index. A URL without a host (`mailto:a@example.org`, `news:x`) keeps what follows
 * the protocol as its path, with the part after `@` of a `mailto:` as its host.
 */
/**
 * URLs longer than this many UTF-8 bytes are not stored: the URL leads two B-tree keys, and
 * PostgreSQL refuses keys over about 2,700 bytes. Browsers and MediaWiki's own links stay far
 * below it.
 */
export const MAX_STORED_URL_BYTES = 2000;

export function isStorableUrl(url: string): boolean {
  return url.length <= MAX_STORED_URL_BYTES && new TextEncoder().encode(url).length <= MAX_STORED_URL_BYTES;
}

export interface IndexedUrl {
  domainIndex: string;
  path: string;
}

const PROTOCOL = /^([a-z][a-z0-9+.-]*:(?:\/\/)?|\/\/)/i;

export function indexUrl(url: string): IndexedUrl {
  const m = PROTOCOL.exec(url);
  if (!m) return { domainIndex: '', path: url };
  const protocol = m[1]!.toLowerCase();
  const rest = url.slice(m[1]!.length);
  if (protocol === 'mailto:') {
    const at = rest.lastIndexOf('@');
    const end = indexOfAny(rest, '?', at + 1);
    return {
      domainIndex: protocol + reverseHost(rest.slice(at + 1, end)),
      path: (at >= 0 ? rest.slice(0, at + 1) : '') + rest.slice(end),
    };
  }
  if (!protocol.endsWith('//')) return { domainIndex: protocol, path: rest };
  const end = indexOfAny(rest, '/?#', 0);
  return { domainIndex: protocol + reverseHost(rest.slice(0, end)), path: rest.slice(end) };
}

/**
 * The (domain index prefix, path prefix) a search for `query` (a URL without protocol, as
 * `elquery`/`euquery` take it) reads under `protocol`: `*.example.org` matches example.org and
 * every subdomain, `example.org/path` that host exactly with paths starting `/path`.
 */
export function urlQueryPattern(
  protocol: string,
  query: string,
): { domainIndex: string; exactDomain: boolean; pathPrefix: string } {
  const wildcard = query.startsWith('*.');
  const indexed = indexUrl(protocol + (wildcard ? query.slice(2) : query));
  if (protocol.endsWith('//') || protocol === 'mailto:') {
    return { domainIndex: indexed.domainIndex, exactDomain: !wildcard, pathPrefix: indexed.path };
  }
  return { domainIndex: protocol, exactDomain: true, pathPrefix: indexed.path };
}

/** `www.example.org:8080` → `org.example.www.:8080` (userinfo before `@` is dropped). */
function reverseHost(host: string): string {
  const lower = host.slice(host.lastIndexOf('@') + 1).toLowerCase();
  if (lower.startsWith('[')) return `${lower}.`;
  const colon = lower.lastIndexOf(':');
  const name = colon === -1 ? lower : lower.slice(0, colon);
  const port = colon === -1 ? '' : lower.slice(colon);
  return `${name.split('.').reverse().join('.')}.${port}`;
}

function indexOfAny(text: string, chars: string, from: number): number {
  for (let i = Math.max(0, from); i < text.length; i++) if (chars.includes(text[i]!)) return i;
  return text.length;
}
