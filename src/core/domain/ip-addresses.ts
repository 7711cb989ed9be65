import { isIpAddress, isIpv4, isIpv6 } from './user-names.ts';

/**
 * IP addresses as Wikimedia IPUtils reads and writes them: the canonical address of a raw value
 * (canonicalize), the one spelling an address is stored and shown under (sanitizeIP),
 * membership of an address in a CIDR range or a list of them (isInRanges), and addresses and
 * ranges in hexadecimal as MediaWiki stores and compares blocks (toHex: IPv4 as 8 upper-case
 * digits, IPv6 as `v6-` and 32; a range as the hex of its first and last address,
 * `ipb_range_start`/`ipb_range_end`, so that "which blocks cover this address" is a range
 * condition on one index).
 */

const IPV4_ADDRESS = String.raw`(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|0?[0-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|0?[0-9]?[0-9])){3}`;
/** IPUtils::RE_IPV6_GAP: lax, for canonicalization only. */
const IPV6_GAP = ':(?:0+:)*(?::(?:0+:)*)?';
/** IPUtils::RE_IPV6_V4_PREFIX: what precedes an IPv4 address mapped into IPv6 (`::ffff:`, `::`). */
const IPV6_V4_PREFIX = `0*${IPV6_GAP}(?:ffff:)?`;
const MAPPED_DOTTED = new RegExp(`^${IPV6_V4_PREFIX}(${IPV4_ADDRESS})$`, 'i');
const MAPPED_WORDS = new RegExp(`^${IPV6_V4_PREFIX}([0-9a-f]{1,4}):([0-9a-f]{1,4})$`, 'i');
/** WebRequest::canonicalizeIPv6LoopbackAddress: `::1` in any spelling. */
const IPV6_LOOPBACK = new RegExp(`^0*${IPV6_GAP}1$`);

/**
 * IPUtils::canonicalize: the address `raw` stands for, or null when it is none. A zone (`%eth0`)
 * is dropped, and IPv4 addresses mapped into IPv6 (`::ffff:192.0.2.1`, `::ffff:c000:201`) become
 * IPv4 (Node reports IPv4 clients of a dual-stack socket in the first form).
 */
export function canonicalizeIp(raw: string): string | null {
  const addr = raw.replace(/%.*/s, '');
  if (isIpv4(addr)) return addr;
  const dotted = MAPPED_DOTTED.exec(addr);
  if (dotted) return dotted[1] ?? null;
  const words = MAPPED_WORDS.exec(addr);
  if (words) {
    const n = parseInt(words[1] ?? '0', 16) * 65536 + parseInt(words[2] ?? '0', 16);
    return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
  }
  return isIpv6(addr) ? addr : null;
}

/** WebRequest::canonicalizeIPv6LoopbackAddress, then canonicalizeIp (how proxies are compared). */
export function canonicalizeProxyIp(raw: string): string | null {
  return canonicalizeIp(IPV6_LOOPBACK.test(raw) ? '127.0.0.1' : raw);
}

/**
 * IPUtils::sanitizeIP for a valid address: IPv4 without leading zeros in its octets
 * (`010.001.0.1` → `10.1.0.1`); IPv6 upper case, `::` expanded to all eight words and each word
 * without leading zeros (`2001:db8::0001` → `2001:DB8:0:0:0:0:0:1`). The name an anonymous user
 * is known by, and the one a block on an address is stored under. Anything else is returned
 * trimmed, as IPUtils does.
 */
export function sanitizeIp(ip: string): string {
  const v = ip.trim();
  if (isIpv4(v)) return v.replace(/(?:^|(?<=\.))0+(?=[1-9]|0[./]|0$)/g, '');
  if (!isIpv6(v)) return v;
  return ipv6Words(v)
    .map((w) => w.replace(/^0+(?=.)/, '').toUpperCase())
    .join(':');
}

/** The eight words of a valid IPv6 address, `::` expanded. */
function ipv6Words(ip: string): string[] {
  const [head = '', tail] = ip.split('::');
  const split = (s: string) => (s === '' ? [] : s.split(':'));
  if (tail === undefined) return split(head);
  const h = split(head);
  const t = split(tail);
  return [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
}

/** An address as a number with its family, for range checks. */
function toBits(ip: string): { v6: boolean; value: bigint } | null {
  if (isIpv4(ip))
    return { v6: false, value: ip.split('.').reduce((n, octet) => (n << 8n) | BigInt(Number(octet)), 0n) };
  if (isIpv6(ip))
    return { v6: true, value: ipv6Words(ip).reduce((n, w) => (n << 16n) | BigInt(parseInt(w, 16)), 0n) };
  return null;
}

/**
 * IPUtils::isInRanges: whether `ip` is one of `ranges`, each a single address or a CIDR range
 * (`192.0.2.0/24`, `2001:db8::/32`) of the same family. Invalid entries match nothing.
 */
export function isInRanges(ip: string, ranges: readonly string[]): boolean {
  const addr = toBits(ip);
  if (!addr) return false;
  return ranges.some((range) => {
    const [base = '', prefix] = range.split('/');
    if (!isIpAddress(base)) return false;
    const net = toBits(base);
    const width = addr.v6 ? 128 : 32;
    const bits = prefix === undefined ? width : Number(prefix);
    if (!net || net.v6 !== addr.v6 || !/^\d{1,3}$/.test(prefix ?? '0') || bits > width) return false;
    const shift = BigInt(width - bits);
    return addr.value >> shift === net.value >> shift;
  });
}

/** $wgBlockCIDRLimit: the widest range a block may cover. */
export const BLOCK_CIDR_LIMIT: Readonly<{ ipv4: number; ipv6: number }> = Object.freeze({
  ipv4: 16,
  ipv6: 19,
});

/** An address or a CIDR range, with the hex of its first and last address. */
export interface IpRange {
  /** The canonical text: the network address and the prefix for ranges (IPUtils::sanitizeRange). */
  target: string;
  family: 'ipv4' | 'ipv6';
  /** Prefix length; 32 or 128 for a single address. */
  bits: number;
  start: string;
  end: string;
}

/** Whether `s` is written as a CIDR range (`a.b.c.d/n`, `x:y::/n`), whatever its prefix length. */
export function isIpRange(s: string): boolean {
  const slash = s.indexOf('/');
  return slash >= 0 && isIpAddress(s.slice(0, slash)) && /^\d{1,3}$/.test(s.slice(slash + 1));
}

function toHexOf(v6: boolean, value: bigint): string {
  const digits = value.toString(16).toUpperCase();
  return v6 ? `v6-${digits.padStart(32, '0')}` : digits.padStart(8, '0');
}

/** The address a number stands for, spelt as sanitizeIp spells it. */
function formatAddress(v6: boolean, value: bigint): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  const words: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) words.push(((value >> shift) & 0xffffn).toString(16));
  return words.join(':').toUpperCase();
}

/** IPUtils::toHex of a single address, or null. */
export function ipToHex(ip: string): string | null {
  const bits = toBits(ip);
  return bits ? toHexOf(bits.v6, bits.value) : null;
}

/** IPUtils::formatHex: the address a hex value stands for. */
export function hexToIp(hex: string): string {
  return hex.startsWith('v6-')
    ? formatAddress(true, BigInt(`0x${hex.slice(3)}`))
    : formatAddress(false, BigInt(`0x${hex}`));
}

/**
 * A single address or a CIDR range as a range, or null when `s` is neither or its prefix is longer
 * than the address (`1.2.3.4/33`). A range's target is its network address with the prefix
 * (`192.0.2.77/24` → `192.0.2.0/24`, IPUtils::sanitizeRange); a single address keeps its text.
 */
export function parseIpRange(s: string): IpRange | null {
  const slash = s.indexOf('/');
  const addr = toBits(slash < 0 ? s : s.slice(0, slash));
  if (!addr) return null;
  const family = addr.v6 ? 'ipv6' : 'ipv4';
  const width = addr.v6 ? 128 : 32;
  if (slash < 0) {
    const hex = toHexOf(addr.v6, addr.value);
    return { target: s, family, bits: width, start: hex, end: hex };
  }
  const prefix = s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > width) return null;
  const bits = Number(prefix);
  const hostMask = (1n << BigInt(width - bits)) - 1n;
  const first = addr.value & ~hostMask;
  return {
    target: `${formatAddress(addr.v6, first)}/${bits}`,
    family,
    bits,
    start: toHexOf(addr.v6, first),
    end: toHexOf(addr.v6, first | hostMask),
  };
}

/**
 * A range a block may cover: `invalid` for a prefix beyond the address width, `toolarge` for one
 * wider than $wgBlockCIDRLimit (BlockUser::validateTarget), otherwise the range.
 */
export function blockableRange(s: string): IpRange | 'invalid' | 'toolarge' {
  const range = parseIpRange(s);
  if (!range) return 'invalid';
  return range.bits < BLOCK_CIDR_LIMIT[range.family] ? 'toolarge' : range;
}

/**
 * The lowest `range_start` a block covering an address with hex `hex` can have: every blockable
 * range shares the address's leading $wgBlockCIDRLimit bits, so its start begins with the same hex
 * digits (DatabaseBlockStore::getRangeCond), which bounds the index scan from below.
 */
export function rangeStartLowerBound(hex: string): string {
  const v6 = hex.startsWith('v6-');
  const digits = v6 ? hex.slice(3) : hex;
  const keep = Math.floor(BLOCK_CIDR_LIMIT[v6 ? 'ipv6' : 'ipv4'] / 4);
  return `${v6 ? 'v6-' : ''}${digits.slice(0, keep).padEnd(digits.length, '0')}`;
}
