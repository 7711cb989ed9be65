import { fail } from '../../errors.ts';

/**
 * Who pages are leased to: a logged-in user (`u:<id>`), or an anonymous app that names itself
 * with a client id (`c:<id>`); undefined: an anonymous request without one, which leases nothing.
 */
export type Holder = string;

/** A client id: 8–64 letters, digits, `-`, `_` or `.` (a UUID fits). */
const CLIENT_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * The holder of a request: the user when logged in (a client id is then ignored), else the client
 * id of the `X-Client-Id` header or the `client` parameter (they must agree when both are given);
 * a malformed id is `pagequeue-badclientid`.
 */
export function holderOf(
  userId: number | undefined,
  header: string | undefined,
  param: string | undefined,
): Holder | undefined {
  if (userId !== undefined && userId > 0) return `u:${userId}`;
  const given = [header, param].filter((v): v is string => v !== undefined && v !== '');
  if (given.length === 0) return undefined;
  for (const id of given) if (!CLIENT_ID.test(id)) throw fail('pagequeue-badclientid', id);
  if (given.length === 2 && given[0] !== given[1])
    throw fail('pagequeue-badclientid', `${given[0]} / ${given[1]}`);
  return `c:${given[0]}`;
}
