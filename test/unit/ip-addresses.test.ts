import { describe, expect, it } from 'vitest';
import { canonicalizeIp, isInRanges, sanitizeIp } from '../../src/core/domain/ip-addresses.ts';

// Expected values are IPUtilsTest's (wikimedia/mediawiki-libs-IPUtils, tests/IPUtilsTest.php).
describe('sanitizeIp (IPUtils::sanitizeIP)', () => {
  it.each([
    ['0.0.0.0', '0.0.0.0'],
    ['00.00.00.00', '0.0.0.0'],
    ['000.000.000.000', '0.0.0.0'],
    ['141.000.011.253', '141.0.11.253'],
    ['001.002.004.005', '1.2.4.5'],
    ['010.0.000.1', '10.0.0.1'],
    ['080.072.250.04', '80.72.250.4'],
    ['::10:f:2001', '0:0:0:0:0:10:F:2001'],
    ['2001:db8:85a3::8a2e:370:7334', '2001:DB8:85A3:0:0:8A2E:370:7334'],
    ['2001:db8:85a3:8a2e:370:7334::', '2001:DB8:85A3:8A2E:370:7334:0:0'],
    ['::', '0:0:0:0:0:0:0:0'],
    ['Foo.1000.00', 'Foo.1000.00'],
  ])('%s → %s', (input, expected) => {
    expect(sanitizeIp(input)).toBe(expected);
  });
});

describe('canonicalizeIp (IPUtils::canonicalize)', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['::192.0.2.1', '192.0.2.1'],
    ['::ffff:c000:0201', '192.0.2.1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['2001:db8::1', '2001:db8::1'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalizeIp(input)).toBe(expected);
  });

  it('is null for what is no address', () => {
    for (const s of ['DemoAdmin', '', 'unknown', '1.2.3.4.5', '256.1.1.1', '1::2::3'])
      expect(canonicalizeIp(s)).toBeNull();
  });
});

describe('isInRanges (IPUtils::isInRanges)', () => {
  it('matches addresses inside CIDR ranges and single addresses of the same family', () => {
    expect(isInRanges('192.0.2.200', ['192.0.2.0/24'])).toBe(true);
    expect(isInRanges('192.0.3.1', ['192.0.2.0/24'])).toBe(false);
    expect(isInRanges('10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(isInRanges('198.51.100.7', ['198.51.100.7'])).toBe(true);
    expect(isInRanges('198.51.100.8', ['198.51.100.7'])).toBe(false);
    expect(isInRanges('2001:db8:ffff::1', ['2001:db8::/32'])).toBe(true);
    expect(isInRanges('2001:db9::1', ['2001:db8::/32'])).toBe(false);
    expect(isInRanges('0.0.0.1', ['::/0'])).toBe(false);
    expect(isInRanges('203.0.113.1', ['0.0.0.0/0'])).toBe(true);
  });

  it('matches nothing with an invalid range', () => {
    expect(isInRanges('192.0.2.1', ['192.0.2.0/33', 'proxy', '192.0.2.0/'])).toBe(false);
  });
});
