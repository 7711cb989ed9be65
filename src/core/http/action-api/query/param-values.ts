import { isIpAddress, normalizeUserName } from '../../../domain/user-names.ts';
import { sanitizeIp } from '../../../domain/ip-addresses.ts';
import type { ParamSpec, ParamValues } from '../module.ts';

/**
 * A user-name parameter in canonical form ("foo_bar" → "Foo bar"); IP addresses as
 * IPUtils::sanitizeIP writes them (`2001:db8::1` → `2001:DB8:0:0:0:0:0:1`), the form they are
 * stored under. The dispatcher validates parameters by their declared type but leaves `user`
 * values as typed; query modules that filter by user read them through this.
 */
export function userNameParam(params: ParamValues, name: string): string | undefined {
  const v = params[name] as string | undefined;
  if (v === undefined || v === '') return undefined;
  if (isIpAddress(v.trim())) return sanitizeIp(v);
  return normalizeUserName(v) ?? v.replace(/_/g, ' ').trim();
}

/** MediaWiki's ApiBase::LIMIT_BIG1 and LIMIT_BIG2: the usual list limit, and with apihighlimits. */
export const LIMIT_BIG1 = 500;
export const LIMIT_BIG2 = 5000;

/**
 * The `limit` parameter most list and prop modules have: 1 to 500 (5000 with apihighlimits),
 * `default` 10 unless given (`null` for none, as prop=revisions, whose default depends on mode).
 */
export function standardLimit(description: string, defaultValue: number | null = 10): ParamSpec {
  return {
    type: 'limit',
    description,
    ...(defaultValue === null ? {} : { default: defaultValue }),
    min: 1,
    max: LIMIT_BIG1,
    highMax: LIMIT_BIG2,
  };
}
