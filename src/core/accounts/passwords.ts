import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashing: scrypt with a random 16-byte salt, stored as
 * `scrypt$N$r$p$saltBase64$hashBase64`. The parameters travel with the hash, so raising the cost
 * (config.auth.scryptCost) never invalidates existing passwords, and a login upgrades a hash made
 * with weaker parameters (needsRehash), as MediaWiki's PasswordFactory::needsUpdate does.
 */

const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

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

interface StoredHash {
  n: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

/** The parts of a stored hash, or undefined when it is malformed. */
function parseHash(stored: string): StoredHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![n, r, p].every((x) => Number.isInteger(x) && x > 0) || (n & (n - 1)) !== 0 || n < 2) return undefined;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const hash = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length === 0 || hash.length === 0) return undefined;
  return { n, r, p, salt, hash };
}

/** Constant-time check of `password` against a stored hash; false for malformed hashes. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parseHash(stored);
  if (!h) return false;
  const actual = await derive(password, h.salt, h.n, h.r, h.p, h.hash.length);
  return timingSafeEqual(actual, h.hash);
}

/**
 * Whether a stored hash was made with parameters below those hashPassword uses at `cost` (a lower
 * N, block size, parallelism or key length), or is malformed: such a hash is replaced at the next
 * successful login, and verifying it costs less than the current parameters do.
 */
export function needsRehash(stored: string, cost: number): boolean {
  const h = parseHash(stored);
  return !h || h.n < cost || h.r < BLOCK_SIZE || h.p < PARALLELISM || h.hash.length < KEY_LENGTH;
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
