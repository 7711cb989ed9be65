import { fail } from '../../errors.ts';
import { canonicalizeIp, canonicalizeProxyIp, isInRanges, sanitizeIp } from '../domain/ip-addresses.ts';

/**
 * The address a request comes from, as MediaWiki's WebRequest::getIP works it out: the connection's
 * address, then, while that hop is one of `trustedProxies` (MediaWiki's $wgCdnServers), the address
 * it names in `X-Forwarded-For`, read from the right. So the result is the right-most address of
 * the chain that is not a trusted proxy; whatever a client writes further left is never read.
 * A hop of `unknown` (Squid without forwarded_for) stops the walk at the proxy before it.
 *
 * The result is sanitized (IPUtils::sanitizeIP): it is the name anonymous requests are known by,
 * blocked and throttled under. A trusted proxy that forwards something that is not an address is
 * misconfigured or being spoofed: MediaWiki refuses the request ("Invalid IP given in XFF"), and
 * so does this (`invalid-forwarded-for`).
 */
export function clientAddress(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedProxies: readonly string[],
): string {
  let ip = remoteAddress === undefined ? null : canonicalizeIp(remoteAddress);
  if (ip === null) throw fail('rest-invalid-request', 'the connection has no client address');
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  if (header !== undefined && trustedProxies.length > 0) {
    const chain = [
      ip,
      ...header
        .split(',')
        .map((hop) => hop.trim())
        .reverse(),
    ];
    for (let i = 0; i + 1 < chain.length; i++) {
      const hop = canonicalizeProxyIp(chain[i] ?? '');
      const next = chain[i + 1] ?? '';
      if (hop === null || next === 'unknown' || !isInRanges(hop, trustedProxies)) break;
      const nextIp = canonicalizeProxyIp(next);
      if (nextIp === null) throw fail('invalid-forwarded-for', header);
      ip = nextIp;
    }
  }
  return sanitizeIp(ip);
}
