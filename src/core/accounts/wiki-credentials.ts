import { createHash } from 'node:crypto';
import type { Clock } from '../domain/clock.ts';
import type { Store } from '../store/store.ts';
import type { CredentialVault } from './credential-vault.ts';

/** How a session id is stored: SHA-256, hex. */
export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/**
 * The wiki sessions of logins relayed to a followed MediaWiki, kept sealed with the local session
 * (`AuthSession.wikiCredential`): the account service seals one when it opens the session, the
 * wiki's source opens it to act in the user's name. Nothing else reads them.
 */
export class WikiCredentials {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #vault: CredentialVault;

  constructor(deps: { store: Store; clock: Clock; vault: CredentialVault }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#vault = deps.vault;
  }

  /** The credential sealed for the session whose id hashes to `idHash`. */
  seal(idHash: string, credential: string): string {
    return this.#vault.seal(credential, idHash);
  }

  /**
   * The wiki credential of the live session `sessionId` on `wiki`; undefined when the session is
   * gone, belongs to another wiki, came from a login checked here, or its credential cannot be
   * opened (another secret).
   */
  async of(wiki: string, sessionId: string): Promise<string | undefined> {
    if (sessionId === '') return undefined;
    const idHash = hashSessionId(sessionId);
    const session = await this.#store.sessions.get(idHash, this.#clock());
    if (!session || session.wiki !== wiki || !session.wikiCredential) return undefined;
    return this.#vault.open(session.wikiCredential, idHash);
  }
}
