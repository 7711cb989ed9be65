import { fail } from '../../../../errors.ts';

/**
 * Continuation values are `|`-joined fields, as MediaWiki's ApiBase::parseContinueParamOrDie reads
 * them. A value with the wrong number of fields or a non-integer where an integer belongs is
 * `badcontinue`, never a silently restarted listing.
 */
export function parseContinue(value: string, shape: readonly ('int' | 'string')[]): (string | number)[] {
  const parts = splitContinue(value, shape.length);
  return parts.map((p, i) => {
    if (shape[i] === 'string') return p;
    if (!/^-?\d+$/.test(p)) throw fail('badcontinue');
    return Number(p);
  });
}

/** Splits into exactly `count` fields; the last field keeps any further `|` (titles may not, sortkeys may). */
function splitContinue(value: string, count: number): string[] {
  const out: string[] = [];
  let rest = value;
  for (let i = 0; i < count - 1; i++) {
    const at = rest.indexOf('|');
    if (at < 0) throw fail('badcontinue');
    out.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  out.push(rest);
  return out;
}

export function continueInts(value: string, count: number): number[] {
  return parseContinue(value, Array<'int'>(count).fill('int')) as number[];
}
