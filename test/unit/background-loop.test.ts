import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  backoffDelay,
  BackgroundLoop,
  type BackgroundLoopOptions,
  type RoundOutcome,
} from '../../src/core/background/background-loop.ts';

/**
 * The loop runs on Vitest's fake timers: time passes only when a test moves it, so every
 * expectation about "before the pause ended" is exact, with no real waiting.
 */
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const HOUR = 3_600_000;

/** Lets every settled promise run its callbacks without moving the fake clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

/** A loop whose `n`-th round answers `outcome(n, signal)` (its value, or what it throws), counted. */
function loopOf(
  outcome: (n: number, signal: AbortSignal) => Promise<RoundOutcome> | RoundOutcome,
  opts: Partial<BackgroundLoopOptions> = {},
) {
  const rounds: number[] = [];
  const errors: { message: string; failures: number }[] = [];
  const loop = new BackgroundLoop({
    round: async (signal) => {
      rounds.push(rounds.length + 1);
      return outcome(rounds.length, signal);
    },
    pollIntervalMs: HOUR,
    backoff: { firstMs: 100, maxMs: 250 },
    onError: (e, failures) => errors.push({ message: (e as Error).message, failures }),
    ...opts,
  });
  return { loop, rounds, errors };
}

/** Whether `promise` has settled, as seen after the last settle(). */
function watch(promise: Promise<unknown>): { settled: boolean } {
  const state = { settled: false };
  void promise.then(() => (state.settled = true));
  return state;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('backoffDelay', () => {
  it('starts at the first wait and doubles with each failure in a row, up to the cap', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffDelay(n, 1000, 5000))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('stays at the cap however many failures there were', () => {
    expect(backoffDelay(5000, 1000, 5000)).toBe(5000);
  });
});

describe('BackgroundLoop', () => {
  it('pauses the poll interval after an idle round', async () => {
    const { loop, rounds } = loopOf(() => 'idle');
    void loop.start();
    await settle();
    expect(rounds).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(HOUR - 1);
    expect(rounds).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(rounds).toHaveLength(2);
    await loop.stop();
  });

  it('runs the next round at once after a busy one', async () => {
    const { loop, rounds } = loopOf((n) => (n < 3 ? 'busy' : 'idle'));
    void loop.start();
    await settle();
    expect(rounds).toHaveLength(3);
    await loop.stop();
  });

  it('stop() during a pause resolves without the pause running out, and starts no round', async () => {
    const { loop, rounds } = loopOf(() => 'idle');
    void loop.start();
    await settle();
    const stopped = watch(loop.stop());
    await settle();
    expect(stopped.settled).toBe(true);
    expect(loop.isRunning).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    expect(rounds).toHaveLength(1);
  });

  it('stop() waits for the round in progress, which sees its signal aborted', async () => {
    const gate = deferred();
    let aborted: boolean | undefined;
    const { loop, rounds } = loopOf(async (_n, signal): Promise<RoundOutcome> => {
      await gate.promise;
      aborted = signal.aborted;
      return 'busy';
    });
    void loop.start();
    await settle();
    const stopped = watch(loop.stop());
    await settle();
    expect(stopped.settled).toBe(false);
    gate.resolve();
    await settle();
    expect(stopped.settled).toBe(true);
    expect(aborted).toBe(true);
    expect(rounds).toHaveLength(1);
  });

  it('wake() ends a pause: the next round runs without the poll interval passing', async () => {
    const { loop, rounds } = loopOf(() => 'idle');
    void loop.start();
    await settle();
    loop.wake();
    await settle();
    expect(rounds).toHaveLength(2);
    await loop.stop();
  });

  it('wake() during a round skips the pause after it', async () => {
    const gate = deferred();
    const { loop, rounds } = loopOf(async (n): Promise<RoundOutcome> => {
      if (n === 1) await gate.promise;
      return 'idle';
    });
    void loop.start();
    await settle();
    loop.wake();
    gate.resolve();
    await settle();
    expect(rounds).toHaveLength(2);
    // The wake is spent: the second round's pause is the full interval.
    await vi.advanceTimersByTimeAsync(HOUR - 1);
    expect(rounds).toHaveLength(2);
    await loop.stop();
  });

  it('reports a round that throws and goes on after a back-off that doubles up to the cap', async () => {
    const { loop, rounds, errors } = loopOf((n) => {
      if (n <= 3) throw new Error(`store down ${n}`);
      return 'idle';
    });
    void loop.start();
    await settle();
    expect(rounds).toHaveLength(1);
    expect(errors).toEqual([{ message: 'store down 1', failures: 1 }]);
    await vi.advanceTimersByTimeAsync(99);
    expect(rounds).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1); // 100 ms after the first failure
    expect(rounds).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(199);
    expect(rounds).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1); // 200 ms after the second
    expect(rounds).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(249);
    expect(rounds).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1); // 250 ms (the cap, not 400) after the third
    expect(rounds).toHaveLength(4);
    expect(errors.map((e) => e.failures)).toEqual([1, 2, 3]);
    expect(loop.failures).toBe(0);
    await loop.stop();
  });

  it('backs off after a failed round without reporting it as an error, and resets on success', async () => {
    const { loop, rounds, errors } = loopOf((n) => (n === 1 ? 'failed' : n === 2 ? 'idle' : 'failed'));
    void loop.start();
    await settle();
    expect(loop.failures).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(rounds).toHaveLength(2);
    expect(loop.failures).toBe(0);
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(rounds).toHaveLength(3);
    // A failure after a success starts the back-off from the first wait again.
    expect(loop.failures).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(rounds).toHaveLength(4);
    expect(errors).toEqual([]);
    await loop.stop();
  });

  it('ends by itself after a round answers done, and can be started again', async () => {
    const { loop, rounds } = loopOf((n) => (n === 1 ? 'done' : 'idle'));
    const ended = watch(loop.start());
    await settle();
    expect(ended.settled).toBe(true);
    expect(loop.isRunning).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    void loop.start();
    await settle();
    expect(rounds).toHaveLength(2);
    expect(loop.isRunning).toBe(true);
    await loop.stop();
  });
});
