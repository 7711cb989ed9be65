import { describe, expect, it } from 'vitest';
import { toIsoTimestamp, toMwTimestamp } from '../../src/core/domain/clock.ts';

/** What Date prints for the same instant, as 14 digits (the reference for the arithmetic). */
const viaDate = (seconds: number) =>
  new Date(seconds * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);

describe('toMwTimestamp', () => {
  it('prints the same 14 digits as Date across four-digit years, leap days and fractions', () => {
    const samples = [
      0, -1, 86399, 86400, 951_782_400 /* 2000-02-29 */, 951_868_799, 4_107_542_399 /* 2100-02-28 */,
      4_107_542_400, 1_709_164_800 /* 2024-02-29 */, -30_610_224_000, 253_402_300_799, 1_760_000_000.75, -0.5,
    ];
    let seed = 12_345;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      samples.push(-30_610_224_000 + (seed / 2 ** 31) * (253_402_300_799 + 30_610_224_000));
    }
    for (const s of samples) expect(toMwTimestamp(s), String(s)).toBe(viaDate(s));
  });

  it('prints years outside 1000–9999 as Date does', () => {
    expect(toMwTimestamp(-30_610_224_001)).toBe(viaDate(-30_610_224_001));
    expect(toMwTimestamp(253_402_300_800)).toBe(viaDate(253_402_300_800));
  });
});

describe('toIsoTimestamp', () => {
  it('prints ISO 8601 to the second as the Action API does, fractions dropped, not rounded', () => {
    expect(toIsoTimestamp(0)).toBe('1970-01-01T00:00:00Z');
    expect(toIsoTimestamp(951_782_400)).toBe('2000-02-29T00:00:00Z');
    expect(toIsoTimestamp(1_760_000_000.999)).toBe('2025-10-09T08:53:20Z');
    expect(toIsoTimestamp(-1)).toBe('1969-12-31T23:59:59Z');
  });
});
