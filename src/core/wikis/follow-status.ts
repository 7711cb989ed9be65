/**
 * How following each followed wiki goes in this process (issue 16 item 5), for `/healthz` and
 * `/metrics`: the follower (wiki-source/mediawiki) reports each round here; readers see the lag —
 * seconds since the follower last reached the wiki's newest change — and the last error while
 * the wiki cannot be reached. Kept in memory: it describes this process's follower.
 */
export interface FollowState {
  wiki: string;
  /** When a round last ended with nothing left to read (Unix seconds); null before the first. */
  caughtUpAt: number | null;
  /** The error of the last round when it failed (the wiki down, slow, refusing); null after a success. */
  error: string | null;
  /** Failed rounds in a row. */
  failures: number;
}

export class FollowStatusBoard {
  readonly #states = new Map<string, FollowState>();
  readonly #clock: () => number;
  readonly #startedAt: number;

  constructor(clock: () => number) {
    this.#clock = clock;
    this.#startedAt = clock();
  }

  /** A round that read everything there was (`caughtUp`) or left changes for the next one. */
  succeeded(wiki: string, caughtUp: boolean): void {
    const state = this.#state(wiki);
    if (caughtUp) state.caughtUpAt = this.#clock();
    state.error = null;
    state.failures = 0;
  }

  failed(wiki: string, error: string): void {
    const state = this.#state(wiki);
    state.error = error;
    state.failures++;
  }

  /** Every followed wiki's state with its lag in seconds (since it was last caught up, or since this process started). */
  list(): (FollowState & { lagSeconds: number })[] {
    const now = this.#clock();
    return [...this.#states.values()]
      .map((s) => ({ ...s, lagSeconds: Math.max(0, now - (s.caughtUpAt ?? this.#startedAt)) }))
      .sort((a, b) => (a.wiki < b.wiki ? -1 : 1));
  }

  #state(wiki: string): FollowState {
    let state = this.#states.get(wiki);
    if (!state) this.#states.set(wiki, (state = { wiki, caughtUpAt: null, error: null, failures: 0 }));
    return state;
  }
}
