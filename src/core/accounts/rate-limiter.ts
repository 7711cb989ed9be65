import type { RateLimit, RateLimitsConfig } from '../../config.ts';
import { fail } from '../../errors.ts';
import type { Actor } from '../domain/actor.ts';
import type { Clock } from '../domain/clock.ts';
import type { ThrottleRepository } from '../store/repositories/users-and-sessions.ts';

/** One action's limits: entity type or group → `[count, seconds]` (null: none). */
export type ActionLimits = Readonly<Record<string, RateLimit | null>>;

/**
 * MediaWiki's rate limits ($wgRateLimits, RateLimiter::limit): before an action, every limit that
 * applies to the actor counts it, each counter in the store's throttle table with one atomic
 * upsert, so parallel requests are counted exactly. A counter over its limit makes the action
 * `ratelimited`; the counters are fixed windows that open at their first hit.
 *
 * Which limits apply: `anon` for visitors (one counter for all of them on the wiki); for accounts
 * the per-account limit — `newbie` for an account without the `autoconfirmed` right when set, else
 * the most generous of `user` and the limits of the account's groups; `ip` (per address, across
 * wikis) for visitors and newbies; `ip-all` for everyone unless their per-account limit is more
 * generous. The `noratelimit` right is exempt. Unlike MediaWiki, a refused action counts too.
 */
export class RateLimiter {
  readonly #throttles: Pick<ThrottleRepository, 'hit'>;
  readonly #clock: Clock;
  readonly #limits: Readonly<RateLimitsConfig>;

  constructor({
    throttles,
    clock,
    limits,
  }: {
    throttles: Pick<ThrottleRepository, 'hit'>;
    clock: Clock;
    limits: Readonly<RateLimitsConfig>;
  }) {
    this.#throttles = throttles;
    this.#clock = clock;
    this.#limits = limits;
  }

  /**
   * Counts `action` by `actor` and throws `ratelimited` when a limit that applies is exceeded.
   * `limits` replaces the configured ones (a subsystem's per-wiki limits).
   */
  async limit(actor: Actor, action: string, limits?: ActionLimits | null): Promise<void> {
    const applicable = limits === undefined ? this.#limits[action] : limits;
    if (!applicable || actor.rights.has('noratelimit')) return;
    const now = this.#clock();
    let exceeded = false;
    for (const { key, limit } of countersFor(actor, action, applicable)) {
      const [count, seconds] = limit;
      if ((await this.#throttles.hit(key, seconds, now)) > count) exceeded = true;
    }
    if (exceeded) throw fail('ratelimited');
  }

  /**
   * The limits that concern `actor`, per action and entity type (ApiQueryUserInfo::getRateLimits):
   * `anon` or `user`; `ip`, `ip-all` and for accounts `newbie` while not autoconfirmed; the
   * account's groups. Empty for the `noratelimit` right unless `ignoreExemption` (uiprop's
   * `theoreticalratelimits`).
   */
  limitsOf(
    actor: Actor,
    ignoreExemption = false,
  ): Record<string, Record<string, { hits: number; seconds: number }>> {
    const out: Record<string, Record<string, { hits: number; seconds: number }>> = {};
    if (!ignoreExemption && actor.rights.has('noratelimit')) return out;
    const entities = [actor.isAnonymous ? 'anon' : 'user'];
    if (!actor.rights.has('autoconfirmed')) entities.push('ip', ...(actor.isAnonymous ? [] : ['newbie']));
    entities.push('ip-all', ...actor.groups.filter((g) => g !== '*' && g !== 'user'));
    for (const [action, limits] of Object.entries(this.#limits)) {
      for (const entity of entities) {
        const limit = limits?.[entity];
        if (limit) (out[action] ??= {})[entity] = { hits: limit[0], seconds: limit[1] };
      }
    }
    return out;
  }
}

function perSecond([count, seconds]: RateLimit): number {
  return count / seconds;
}

/** The counters `action` by `actor` bumps, each with its limit (RateLimiter::limit's keys). */
function countersFor(
  actor: Actor,
  action: string,
  limits: ActionLimits,
): { key: string; limit: RateLimit }[] {
  const counters: { key: string; limit: RateLimit }[] = [];
  const add = (key: string, limit: RateLimit | null | undefined) => {
    if (limit) counters.push({ key: `ratelimit:${action}:${key}`, limit });
  };
  const isNewbie = !actor.rights.has('autoconfirmed');
  if (actor.isAnonymous) add(`${actor.wiki}:anon`, limits.anon);
  if (isNewbie) add(`ip:${actor.ip}`, limits.ip);

  let own: { entity: string; limit: RateLimit } | undefined;
  if (!actor.isAnonymous) {
    if (isNewbie && limits.newbie) own = { entity: 'newbie', limit: limits.newbie };
    else {
      if (limits.user) own = { entity: 'user', limit: limits.user };
      for (const group of actor.groups) {
        const limit = group === '*' || group === 'user' ? undefined : limits[group];
        if (limit && (!own || perSecond(limit) > perSecond(own.limit))) own = { entity: group, limit };
      }
    }
  }
  if (own) add(`${actor.wiki}:${own.entity}:${actor.userId}`, own.limit);

  const ipAll = limits['ip-all'];
  if (ipAll && (isNewbie || !own || perSecond(ipAll) > perSecond(own.limit)))
    add(`ip-all:${actor.ip}`, ipAll);
  return counters;
}
