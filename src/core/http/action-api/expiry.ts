import { parseTimestamp } from '../../domain/clock.ts';
import { fail } from '../../../errors.ts';

const unitSeconds: Record<string, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86400,
  week: 7 * 86400,
  fortnight: 14 * 86400,
  month: 30 * 86400,
  year: 365 * 86400,
};

/** 9999-12-31T23:59:59Z: the last second a MediaWiki timestamp (14 digits) can hold. */
const LAST_TIMESTAMP = 253_402_300_799;

/**
 * An expiry parameter as MediaWiki reads it for block, protect and userrights: `infinite`,
 * `infinity`, `indefinite` or `never` is null (no expiry); otherwise a timestamp or a relative
 * "N unit(s)" (seconds … years), as Unix seconds. Anything else, and a time after the year 9999
 * (which no timestamp can hold: `99999999999 years`), is `invalidexpiry`.
 */
export function parseExpiry(value: string, now: number): number | null {
  const v = value.trim().toLowerCase();
  if (['infinite', 'infinity', 'indefinite', 'never', ''].includes(v)) return null;
  const relative = /^(\d+)\s*(second|minute|hour|day|week|fortnight|month|year)s?$/.exec(v);
  const t = relative
    ? now + Number(relative[1]) * (unitSeconds[relative[2] ?? 'second'] ?? 1)
    : parseTimestamp(value, now);
  if (t === undefined || !(t <= LAST_TIMESTAMP)) throw fail('invalidexpiry', value);
  return t;
}

/**
 * The expiries of `count` changes (protect's protections, userrights' added groups): one value
 * for all of them, or one per change (`toofewexpiries` otherwise); none given means `infinite`.
 */
export function parseExpiries(values: string[] | undefined, count: number, now: number): (number | null)[] {
  const expiries = values ?? ['infinite'];
  if (expiries.length !== 1 && expiries.length !== count)
    throw fail('toofewexpiries', expiries.length, count);
  return Array.from({ length: count }, (_, i) =>
    parseExpiry((expiries.length === 1 ? expiries[0] : expiries[i]) ?? 'infinite', now),
  );
}
