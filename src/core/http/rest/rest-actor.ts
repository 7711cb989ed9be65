import { fastifyCookie } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { CoreServices } from '../../core-services.ts';
import type { Actor } from '../../domain/actor.ts';
import { fail } from '../../../errors.ts';
import { clientAddress } from '../client-address.ts';
import { SESSION_COOKIE, sessionIdOf } from '../action-api/register-action-api.ts';

/**
 * Who makes a REST request on `wiki`: the user of its session cookie (the one the Action API sets
 * at login), from its client address (X-Forwarded-For only from trusted proxies), or an anonymous
 * visitor.
 */
export function restActor(core: CoreServices, req: FastifyRequest, wiki: string): Promise<Actor> {
  return core.accounts.actorFor(
    wiki,
    // The cookie plugin lives in the Action API's scope; REST routes read the header themselves.
    sessionIdOf(fastifyCookie.parse(req.headers.cookie ?? '')[SESSION_COOKIE]),
    clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], core.config.trustedProxies),
  );
}

/**
 * A REST write's checks (MediaWiki's REST handlers with `needsWriteAccess` and a token body
 * parameter): a named user (`rest-permission-denied-anon`, 401) with a valid CSRF token
 * (`notoken`, `badtoken`).
 */
export async function requireWriter(core: CoreServices, actor: Actor, token: unknown): Promise<void> {
  if (actor.isAnonymous) throw fail('rest-permission-denied-anon');
  if (typeof token !== 'string' || token === '') throw fail('notoken', 'token');
  if (!(await core.accounts.verifyToken(actor, 'csrf', token))) throw fail('badtoken');
}
