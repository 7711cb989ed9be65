import { isIpAddress, normalizeUserName } from '../../../domain/user-names.ts';
import type { ParamValues } from '../module.ts';

/**
 * A user-name parameter in canonical form ("foo_bar" → "Foo bar"); IP addresses are kept as given
 * (upper-cased). The dispatcher validates parameters by their declared type but leaves `user` values
 * as typed; query modules that filter by user read them through this.
 */
export function userNameParam(params: ParamValues, name: string): string | undefined {
  const v = params[name] as string | undefined;
  if (v === undefined || v === '') return undefined;
  if (isIpAddress(v.trim())) return v.trim().toUpperCase();
  return normalizeUserName(v) ?? v.replace(/_/g, ' ').trim();
}
