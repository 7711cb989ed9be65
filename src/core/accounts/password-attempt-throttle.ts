import type { PasswordAttemptThrottle } from '../../config.ts';
import type { Clock } from '../domain/clock.ts';
import { fail } from '../../errors.ts';
import { formatDuration } from '../domain/durations.ts';
import type { ThrottleRepository } from '../store/repositories/users-and-sessions.ts';
import type { Store } from '../store/store.ts';

/** What a login attempt is counted as: a main-password login or a bot-password one (MediaWiki's types). */
export type LoginAttemptType = 'password' | 'botpassword';

interface CountedKey {
  key: string;
  condition: PasswordAttemptThrottle;
}

/**
 * MediaWiki's password attempt throttle (Throttler with $wgPasswordAttemptThrottle, called by
 * ThrottlePreAuthenticationProvider and BotPassword::login): every attempt is counted before the
 * password is looked at, one counter per condition, keyed by (user name, address) — by the name
 * alone for an `allIPs` condition, by the address alone for `allNames` or when the name is not a
 * valid user name — so that one address cannot lock an account out for everybody else. The
 * counters are fixed windows of the condition's `seconds` (ThrottleRepository), counted with one
 * upsert each in one transaction: parallel attempts each get their own count, and those past
 * `count` are refused without a password check.
 */
export class PasswordAttemptThrottler {
  readonly #store: Pick<Store, 'transaction' | 'throttles'>;
  readonly #clock: Clock;
  readonly #conditions: readonly PasswordAttemptThrottle[];

  constructor(
    store: Pick<Store, 'transaction' | 'throttles'>,
    clock: Clock,
    conditions: readonly PasswordAttemptThrottle[],
  ) {
    this.#store = store;
    this.#clock = clock;
    this.#conditions = conditions;
  }

  /**
   * Counts one attempt to log in as `name` (canonical, or null when it is no valid user name) from
   * `ip`; throws `login-throttled` with the longest wait of the conditions it went past.
   */
  async countAttempt(type: LoginAttemptType, wiki: string, name: string | null, ip: string): Promise<void> {
    const keys = this.#keys(type, wiki, name, ip, true);
    if (keys.length === 0) return;
    const now = this.#clock();
    const counts = await this.#store.transaction(async (tx) => {
      const out: number[] = [];
      for (const { key, condition } of keys) out.push(await tx.throttles.hit(key, condition.seconds, now));
      return out;
    });
    let wait = 0;
    keys.forEach(({ condition }, i) => {
      if ((counts[i] ?? 0) > condition.count) wait = Math.max(wait, condition.seconds);
    });
    if (wait > 0) throw fail('login-throttled', formatDuration(wait));
  }

  /**
   * After a successful login: clears the counters of this name (from this address, or from every
   * address), as Throttler::clear does. Counters of the address alone stay, so that logging in to
   * one's own account does not reset a limit on trying other names.
   */
  async clear(type: LoginAttemptType, wiki: string, name: string, ip: string): Promise<void> {
    const throttles: Pick<ThrottleRepository, 'reset'> = this.#store.throttles;
    for (const { key } of this.#keys(type, wiki, name, ip, false)) await throttles.reset(key);
  }

  #keys(
    type: LoginAttemptType,
    wiki: string,
    name: string | null,
    ip: string,
    withAddressOnly: boolean,
  ): CountedKey[] {
    const keys: CountedKey[] = [];
    this.#conditions.forEach((condition, index) => {
      const byName = condition.allNames ? null : name;
      const byAddress = condition.allIPs ? null : ip;
      // A count of 0 disables a condition; throttling the whole world is never meant.
      if (condition.count === 0 || (byName === null && byAddress === null)) return;
      if (byName === null && !withAddressOnly) return;
      keys.push({ key: `login:${JSON.stringify([type, wiki, index, byAddress, byName])}`, condition });
    });
    return keys;
  }
}
