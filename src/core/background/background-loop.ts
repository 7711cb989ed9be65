/** Longest delay a Node timer takes (a longer one fires at once). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The wait after the `failures`-th failure in a row (1-based): `firstMs`, doubling with each
 * further failure, never more than `maxMs`.
 */
export function backoffDelay(failures: number, firstMs: number, maxMs: number): number {
  return Math.min(maxMs, firstMs * 2 ** Math.max(0, failures - 1));
}

/** What a round found; it sets the pause before the next round. */
export type RoundOutcome =
  /** Work is left: the next round starts at once. */
  | 'busy'
  /** Nothing (more) to do: the next round starts after the poll interval, or when woken. */
  | 'idle'
  /** The work failed (its target is down): the next round waits the back-off. */
  | 'failed'
  /** The work is over for good (a stream's client left): the loop ends. */
  | 'done';

export interface BackgroundLoopOptions {
  /**
   * One round of work. `signal` aborts when stop() is called: a round may end a wait of its own
   * early with it (stop() waits for the round to return either way).
   */
  round(signal: AbortSignal): Promise<RoundOutcome>;
  /** Pause after an idle round (ms). */
  pollIntervalMs: number;
  /** Pause after failed rounds in a row (ms): `firstMs`, doubling, at most `maxMs`. */
  backoff: { firstMs: number; maxMs: number };
  /**
   * Told of a round that threw (`failures`: rounds failed in a row, this one included); the loop
   * counts it as failed and goes on after the back-off.
   */
  onError(error: unknown, failures: number): void;
}

/**
 * Runs rounds of work one after another in the background until stopped: back to back while
 * there is work, the poll interval apart while idle, with exponential back-off while failing. The
 * loop behind the job runner, the EventGate delivery and each server-sent event stream.
 */
export class BackgroundLoop {
  readonly #opts: BackgroundLoopOptions;
  #running: Promise<void> | undefined;
  #stop: AbortController | undefined;
  #wake: (() => void) | undefined;
  /** wake() was called while no pause was going on: the next pause is skipped. */
  #woken = false;
  #failures = 0;

  constructor(opts: BackgroundLoopOptions) {
    this.#opts = opts;
  }

  /**
   * Starts the loop unless it runs already; resolves when it has ended (stopped, or a round
   * answered `done`).
   */
  start(): Promise<void> {
    if (!this.#running) {
      const stop = new AbortController();
      this.#stop = stop;
      this.#woken = false;
      const running = this.#run(stop.signal).finally(() => {
        if (this.#running === running) this.#running = undefined;
      });
      this.#running = running;
    }
    return this.#running;
  }

  /** Starts no more rounds, cuts a pause short, and resolves once the round in progress returned. */
  async stop(): Promise<void> {
    this.#stop?.abort();
    await this.#running;
  }

  /** Ends the pause in progress, or skips the next one when a round is running. */
  wake(): void {
    if (this.#wake) this.#wake();
    else if (this.#running) this.#woken = true;
  }

  get isRunning(): boolean {
    return this.#running !== undefined && this.#stop?.signal.aborted === false;
  }

  /** Rounds that failed in a row, up to the latest. */
  get failures(): number {
    return this.#failures;
  }

  async #run(signal: AbortSignal): Promise<void> {
    const { round, pollIntervalMs, backoff, onError } = this.#opts;
    while (!signal.aborted) {
      let outcome: RoundOutcome;
      try {
        outcome = await round(signal);
      } catch (e) {
        onError(e, this.#failures + 1);
        outcome = 'failed';
      }
      if (outcome === 'done') return;
      this.#failures = outcome === 'failed' ? this.#failures + 1 : 0;
      const wait =
        outcome === 'busy'
          ? 0
          : outcome === 'idle'
            ? pollIntervalMs
            : backoffDelay(this.#failures, backoff.firstMs, backoff.maxMs);
      if (wait > 0) await this.#pause(wait, signal);
      else this.#woken = false;
    }
  }

  #pause(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted || this.#woken) {
      this.#woken = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.min(ms, MAX_TIMER_MS));
      signal.addEventListener('abort', done);
      this.#wake = done;
    });
  }
}
