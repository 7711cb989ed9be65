/**
 * A user's time correction (user option `timecorrection`: `System|0`, `Offset|<minutes>` or
 * `ZoneInfo|<minutes>|<zone>`) as a function of a UTC time in Unix seconds, as MediaWiki's
 * Language::userAdjust applies it: a zone's offset at that time, falling back to the stored minutes
 * for a zone this runtime does not know; anything else leaves the time alone.
 */
export function timeCorrection(option: string | undefined): (t: number) => number {
  const identity = (t: number) => t;
  const [kind, minutes, zone] = (option ?? '').split('|');
  const fixed = Number(minutes);
  if (kind === 'ZoneInfo' && zone) {
    return (t) => t + (zoneOffsetMinutes(zone, t) ?? (Number.isFinite(fixed) ? fixed : 0)) * 60;
  }
  if (kind === 'Offset' && Number.isFinite(fixed)) return (t) => t + fixed * 60;
  return identity;
}

/** The UTC offset of an IANA zone at time `t`, in minutes; undefined for an unknown zone. */
function zoneOffsetMinutes(zone: string, t: number): number | undefined {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(t * 1000));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const local =
      Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) / 1000;
    return Math.round((local - t) / 60);
  } catch {
    return undefined;
  }
}
