/** The time source, in Unix seconds (UTC). Passed in so that domain logic stays pure and tests control time. */
export type Clock = () => number;

export const systemClock: Clock = () => Math.floor(Date.now() / 1000);

/** 1000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the four-digit years. */
const FIRST_FOUR_DIGIT_YEAR = -30_610_224_000;
const LAST_FOUR_DIGIT_YEAR = 253_402_300_799;

/**
 * MediaWiki's TS_MW form: 14 digits, UTC. Four-digit years by integer arithmetic on the day count
 * (proleptic Gregorian, as Date), without a Date object: a list prints four per page. Other years
 * as toISOString has them.
 */
export function toMwTimestamp(seconds: number): string {
  const t = Math.floor(seconds);
  if (!(t >= FIRST_FOUR_DIGIT_YEAR && t <= LAST_FOUR_DIGIT_YEAR)) {
    return new Date(seconds * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  }
  const days = Math.floor(t / 86400);
  const secs = t - days * 86400;
  // Days since 0000-03-01, in 400-year eras of 146097 days; years start in March so that the leap
  // day ends them.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = era * 400 + yearOfEra + (month <= 2 ? 1 : 0);
  const hours = Math.floor(secs / 3600);
  const minutes = Math.floor((secs - hours * 3600) / 60);
  return `${year}${twoDigits(month)}${twoDigits(day)}${twoDigits(hours)}${twoDigits(minutes)}${twoDigits(secs % 60)}`;
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** ISO 8601 without milliseconds, as the Action API prints timestamps ("2024-01-02T03:04:05Z"). */
export function toIsoTimestamp(seconds: number): string {
  // toISOString always ends in ".sssZ"; dropping the milliseconds by slicing costs less than a regex.
  return `${new Date(seconds * 1000).toISOString().slice(0, -5)}Z`;
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
