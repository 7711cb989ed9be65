import type { Config } from '../../src/config.ts';
import type { Actor } from '../../src/core/domain/actor.ts';
import { implicitGroups, rightsForGroups } from '../../src/core/domain/rights.ts';
import type { Block } from '../../src/core/domain/wiki.ts';

/** Auth settings for tests: a cheap scrypt cost and a small throttle (3 attempts in 300 s). */
export const TEST_AUTH: Readonly<Config['auth']> = Object.freeze({
  sessionTtl: 3600,
  rememberedSessionTtl: 30 * 86400,
  visitorCookieTtl: 600,
  passwordAttemptThrottle: [{ count: 3, seconds: 300 }],
  scryptCost: 1024,
  accountCreationThrottle: [{ count: 6, seconds: 86400 }],
  secretKey: 'the test secret key: at least 32 characters long',
});

/** A visitor without a session. */
export function anonymousActor(opts: { wiki?: string; ip?: string; block?: Block | null } = {}): Actor {
  const ip = opts.ip ?? '192.0.2.1';
  return {
    wiki: opts.wiki ?? 'enwiki',
    userId: 0,
    name: ip,
    ip,
    isAnonymous: true,
    groups: ['*'],
    rights: rightsForGroups(['*']),
    block: opts.block ?? null,
    sessionId: '',
    appId: '',
    editCount: 0,
    registration: null,
  };
}

/**
 * An account actor with `groups` as its explicit groups plus the implicit ones its stats earn
 * (by default 100 edits and no recorded registration: autoconfirmed). It has no session, so the
 * account service gives it no tokens; use AccountService.actorFor for token tests.
 */
export function userActor(
  opts: {
    wiki?: string;
    userId?: number;
    name?: string;
    groups?: string[];
    editCount?: number;
    registration?: number | null;
    now?: number;
    ip?: string;
    block?: Block | null;
    appId?: string;
  } = {},
): Actor {
  const stats = { editCount: opts.editCount ?? 100, registration: opts.registration ?? null };
  const explicit = opts.groups ?? [];
  const groups = [
    ...explicit,
    ...implicitGroups(stats, opts.now ?? 1_700_000_000).filter((g) => !explicit.includes(g)),
  ];
  return {
    wiki: opts.wiki ?? 'enwiki',
    userId: opts.userId ?? 1,
    name: opts.name ?? 'Example',
    ip: opts.ip ?? '192.0.2.1',
    isAnonymous: false,
    groups,
    rights: rightsForGroups(groups),
    block: opts.block ?? null,
    sessionId: '',
    appId: opts.appId ?? '',
    ...stats,
  };
}

/** An indefinite sitewide block on `target` (an account id or an IP address). */
export function sitewideBlock(opts: {
  wiki?: string;
  id?: number;
  targetUserId?: number;
  targetAddress?: string;
  timestamp?: number;
  noCreate?: boolean;
}): Block {
  return {
    wiki: opts.wiki ?? 'enwiki',
    id: opts.id ?? 1,
    targetUserId: opts.targetUserId ?? 0,
    targetAddress: opts.targetAddress ?? '',
    byUserId: 1,
    byName: 'Admin',
    reason: 'vandalism',
    timestamp: opts.timestamp ?? 1_700_000_000,
    expiry: null,
    sitewide: true,
    noCreate: opts.noCreate ?? false,
    noEmail: false,
    allowUserTalk: true,
    anonOnly: false,
  };
}
