import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

/**
 * Encryption at rest for what a login to another system leaves behind — the session cookies of a
 * followed MediaWiki that a user signed in to through wikiqueue. AES-256-GCM under a key derived
 * (HKDF-SHA-256) from the service's secret (`auth.secretKey`, else the key file in the data
 * folder): a copy of the database alone opens nothing. Each sealed value is bound to its context
 * (the session's id hash) as associated data, so a value copied into another session's row does
 * not open there.
 */
export class CredentialVault {
  readonly #secret: () => string;
  #derived: Buffer | undefined;

  /** `secret` is read on first use (a server that never relays a login never needs one). */
  constructor(secret: string | (() => string)) {
    this.#secret = typeof secret === 'string' ? () => secret : secret;
  }

  get #key(): Buffer {
    if (this.#derived) return this.#derived;
    const secret = this.#secret();
    if (secret.length < 32) throw new Error('the credential vault needs a secret of at least 32 characters');
    this.#derived = Buffer.from(hkdfSync('sha256', secret, '', 'wikiqueue credential vault', 32));
    return this.#derived;
  }

  /** `v1.<iv>.<tag>.<ciphertext>`, each part base64url. */
  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  /** The sealed value's text; undefined when it was sealed under another key or context, or altered. */
  open(sealed: string, context: string): string | undefined {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) return undefined;
    try {
      const decipher = createDecipheriv(ALGORITHM, this.#key, Buffer.from(iv, 'base64url'), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      return undefined;
    }
  }
}

/**
 * The secret in `file`, made on first use (32 random bytes, hex, mode 0600) when there is none —
 * MediaWiki's $wgSecretKey written by its installer. Every server process of one deployment must
 * read the same secret: give them `auth.secretKey` (or WIKIQUEUE_SECRET_KEY) when they do not share
 * a data folder.
 */
export function secretFromFile(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  // Written whole under another name, then linked into place: another process never reads a
  // half-written key, and the first link wins.
  const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  writeFileSync(draft, `${secret}\n`, { mode: 0o600 });
  try {
    linkSync(draft, file);
    return secret;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw e;
  } finally {
    unlinkSync(draft);
  }
}
