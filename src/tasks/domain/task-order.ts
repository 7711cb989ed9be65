/**
 * The order a task list is walked in (suggested-edits-reference.md §1 and §9.1, the reference's
 * unstable continuation). Every page has a fixed pseudo-random rank, 0 ≤ rank < 2³¹, from its id;
 * a request's seed picks where in the rank order its walk starts, and the walk goes once around:
 * ranks from the start up, then from 0 up to the start. The order is a random permutation, the
 * same seed gives the same order, and a cursor (phase, rank, page) resumes it exactly: a page that
 * stays a task is visited once, whatever comes and goes meanwhile.
 */

export const RANK_LIMIT = 2 ** 31;

/** A 32-bit integer mix (splitmix32's finalizer): well spread, the same in every process. */
function mix32(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** The page's rank: the same for all its tasks, so one page is one place in the order. */
export function pageRank(pageId: number): number {
  const high = Math.floor(pageId / 2 ** 32);
  return mix32(mix32(pageId >>> 0) ^ mix32(high + 0x9e3779b9)) % RANK_LIMIT;
}

/** Where a seed's walk starts. */
export function seedStart(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return mix32(h) % RANK_LIMIT;
}

/** A position in a walk: after (rank, pageId) in phase 0 (ranks ≥ start) or 1 (ranks < start). */
export interface WalkCursor {
  phase: 0 | 1;
  rank: number;
  pageId: number;
}

/** The rank range one phase of a walk covers, from a cursor (exclusive) to the phase's end. */
export function phaseRange(start: number, cursor: WalkCursor): { from: WalkCursor; below: number } {
  return { from: cursor, below: cursor.phase === 0 ? RANK_LIMIT : start };
}

/** The cursor a walk begins at. */
export const walkStart = (start: number): WalkCursor => ({ phase: 0, rank: start, pageId: -1 });

const SEED = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * `seed|phase|rank|pageId|done`: what `continue` carries (`done`: tasks handed out before, for
 * their `order`).
 */
export function encodeCursor(seed: string, c: WalkCursor, done: number): string {
  return `${seed}|${c.phase}|${c.rank}|${c.pageId}|${done}`;
}

/** The parts of a `continue` value; undefined when it is not one. */
export function decodeCursor(value: string): { seed: string; cursor: WalkCursor; done: number } | undefined {
  const parts = value.split('|');
  if (parts.length !== 5) return undefined;
  const [seed, phase, rank, pageId, done] = parts as [string, string, string, string, string];
  if (!SEED.test(seed) || (phase !== '0' && phase !== '1')) return undefined;
  if (!/^(-1|\d{1,10})$/.test(rank) || !/^(-1|\d{1,16})$/.test(pageId) || !/^\d{1,9}$/.test(done))
    return undefined;
  const r = Number(rank);
  if (r >= RANK_LIMIT) return undefined;
  return {
    seed,
    cursor: { phase: phase === '0' ? 0 : 1, rank: r, pageId: Number(pageId) },
    done: Number(done),
  };
}

export const isSeed = (s: string): boolean => SEED.test(s);
