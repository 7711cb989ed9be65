import type { Block } from './wiki.ts';

/**
 * Who performs a request or an operation: a logged-in user, or an anonymous visitor known by IP.
 * Built by the account service from the session; services check rights on it, never on HTTP state.
 */
export interface Actor {
  wiki: string;
  /** 0 for anonymous visitors. */
  userId: number;
  /** User name, or the IP address for anonymous visitors. */
  name: string;
  ip: string;
  isAnonymous: boolean;
  /** Effective groups, implicit ones included (`*`, `user`, `autoconfirmed`). */
  groups: string[];
  rights: ReadonlySet<string>;
  /** The active block that applies to this actor, if any. */
  block: Block | null;
  /** The session this actor came from ('' when none). */
  sessionId: string;
  /** Bot password application id, '' for a normal login. */
  appId: string;
  editCount: number;
  registration: number | null;
}

export function hasRight(actor: Actor, right: string): boolean {
  return actor.rights.has(right);
}
