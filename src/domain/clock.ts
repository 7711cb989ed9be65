/** The time source, in Unix seconds (UTC). Passed in so that domain logic stays pure and tests control time. */
export type Clock = () => number;

export const systemClock: Clock = () => Math.floor(Date.now() / 1000);

/** MediaWiki's TS_MW form: 14 digits, UTC. */
export function toMwTimestamp(seconds: number): string {
  const d = new Date(seconds * 1000);
  const year = d.getUTCFullYear();
  // Four-digit years by arithmetic (lists print thousands of these); others as toISOString has them.
  if (!(year >= 1000 && year <= 9999)) return d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${year}${twoDigits(d.getUTCMonth() + 1)}${twoDigits(d.getUTCDate())}${twoDigits(d.getUTCHours())}${twoDigits(d.getUTCMinutes())}${twoDigits(d.getUTCSeconds())}`;
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** ISO 8601 without milliseconds, as the Action API prints timestamps ("2024-01-02T03:04:05Z"). */
export function toIsoTimestamp(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const ENGLISH_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** The English name of the UTC month of `seconds` ("November"), as MediaWiki's English messages print dates. */
export function englishMonthName(seconds: number): string {
  return ENGLISH_MONTHS[new Date(seconds * 1000).getUTCMonth()] ?? '';
}

/**
 * Parses the timestamp forms MediaWiki's API accepts: TS_MW (14 digits), ISO 8601, Unix seconds,
 * and `now`. Returns undefined for anything else.
 */
export function parseTimestamp(value: string, now: number): number | undefined {
  const v = value.trim();
  if (v === 'now') return now;
  if (/^\d{14}$/.test(v)) {
    const iso = `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}T${v.slice(8, 10)}:${v.slice(10, 12)}:${v.slice(12, 14)}Z`;
    const t = Date.parse(iso);
    return Number.isNaN(t) ? undefined : Math.floor(t / 1000);
  }
  if (/^\d{1,13}$/.test(v)) return Number(v);
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(v)) {
    const t = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(v) || v.length <= 10 ? v : `${v}Z`);
    return Number.isNaN(t) ? undefined : Math.floor(t / 1000);
  }
  return undefined;
}
