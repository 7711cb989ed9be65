import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { fail } from '../../errors.ts';

/**
 * Password hashing: scrypt with a random 16-byte salt, stored as
 * `scrypt$N$r$p$saltBase64$hashBase64`. The parameters travel with the hash, so raising the cost
 * (config.auth.scryptCost) never invalidates existing passwords.
 */

/** MediaWiki's $wgPasswordPolicy MinimalPasswordLength for ordinary users. */
export const MIN_PASSWORD_LENGTH = 8;

const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

/** Throws `password-too-short` when `password` does not meet the policy. */
export function checkPasswordPolicy(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) throw fail('password-too-short', MIN_PASSWORD_LENGTH);
}

/** Hashes with cost N = `cost` (a power of two, at least 2). */
export async function hashPassword(password: string, cost: number): Promise<string> {
  if (!Number.isInteger(cost) || cost < 2 || (cost & (cost - 1)) !== 0) {
    throw new RangeError(`scrypt cost must be a power of two, got ${cost}`);
  }
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, cost, BLOCK_SIZE, PARALLELISM, KEY_LENGTH);
  return ['scrypt', cost, BLOCK_SIZE, PARALLELISM, salt.toString('base64'), hash.toString('base64')].join(
    '$',
  );
}

/** Constant-time check of `password` against a stored hash; false for malformed hashes. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![n, r, p].every((x) => Number.isInteger(x) && x > 0) || (n & (n - 1)) !== 0 || n < 2) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length === 0 || expected.length === 0) return false;
  const actual = await derive(password, salt, n, r, p, expected.length);
  return timingSafeEqual(actual, expected);
}

function derive(
  password: string,
  salt: Buffer,
  n: number,
  r: number,
  p: number,
  keyLength: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      keyLength,
      { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}
