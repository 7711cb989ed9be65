import { parseTimestamp } from '../../../domain/clock.ts';
import { isIpAddress, normalizeUserName } from '../../../domain/user-names.ts';
import { fail } from '../../../errors.ts';
import type { ApiRequestContext, ParamValues } from '../module.ts';

/**
 * Readers for validated query-module parameters. The dispatcher validates by the declared spec;
 * these readers accept both the validated forms (string[] for multi, numbers for integers and
 * namespaces, seconds for timestamps) and raw strings, so modules stay correct whichever the
 * dispatcher hands over (defaults may arrive unsplit, e.g. `ids|timestamp|flags`).
 */
export function listParam(params: ParamValues, name: string): string[] {
  const v = params[name];
  if (v === undefined || v === null || v === '') return [];
  if (Array.isArray(v)) return v.map(String);
  return String(v)
    .split(String(v).startsWith('\u001f') ? '\u001f' : '|')
    .filter((x) => x !== '');
}

export function stringParam(params: ParamValues, name: string): string | undefined {
  const v = params[name];
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.length ? String(v[0]) : undefined;
  return String(v);
}

export function boolParam(params: ParamValues, name: string): boolean {
  const v = params[name];
  return v === true || (typeof v === 'string' && v !== 'false') || v === 1;
}

export function intParam(params: ParamValues, name: string): number | undefined {
  const v = params[name];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) throw fail('badinteger', name, String(v));
  return Math.trunc(n);
}

export function intListParam(params: ParamValues, name: string): number[] {
  return listParam(params, name).map((x) => {
    const n = Number(x);
    if (!Number.isInteger(n)) throw fail('badinteger', name, x);
    return n;
  });
}

/** A timestamp parameter as Unix seconds. */
export function timestampParam(
  ctx: ApiRequestContext,
  params: ParamValues,
  name: string,
): number | undefined {
  const v = params[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number') return v;
  const t = parseTimestamp(String(v), ctx.now);
  if (t === undefined) throw fail('badtimestamp', name, String(v));
  return t;
}

/**
 * A `limit` parameter: a number, or `max` (the normal maximum, or the high one for holders of
 * `apihighlimits`), as ApiBase::getParameter does for PARAM_TYPE limit.
 */
export function limitParam(
  ctx: ApiRequestContext,
  params: ParamValues,
  name: string,
  dflt: number,
  max: number,
  highMax: number,
): number {
  const v = params[name];
  const top = ctx.actor.rights.has('apihighlimits') ? highMax : max;
  if (v === undefined || v === null || v === '') return dflt;
  if (v === 'max') return top;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) throw fail('badinteger', name, String(v));
  return Math.max(1, Math.min(Math.trunc(n), top));
}

/** A user-name parameter in canonical form ("foo_bar" → "Foo bar"); IP addresses are kept as given. */
export function userNameParam(params: ParamValues, name: string): string | undefined {
  const v = stringParam(params, name);
  if (v === undefined || v === '') return undefined;
  if (isIpAddress(v.trim())) return v.trim().toUpperCase();
  return normalizeUserName(v) ?? v.replace(/_/g, ' ').trim();
}
