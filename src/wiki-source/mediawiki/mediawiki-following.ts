import { BackgroundLoop } from '../../core/background/background-loop.ts';
import type { FollowStatusBoard } from '../../core/wikis/follow-status.ts';
import type { WikiRegistry } from '../../core/wikis/wiki-registry.ts';
import { isWikiqueueError } from '../../errors.ts';
import type { MediaWikiMirror } from './mediawiki-mirror.ts';

export interface FollowingOptions {
  mirror: MediaWikiMirror;
  wikis: WikiRegistry;
  board: FollowStatusBoard;
  /** The namespaces whose page changes are brought in, per wiki. */
  namespacesOf(wiki: string): readonly number[];
  /** Pause between rounds once caught up (ms). */
  pollIntervalMs: number;
  /** Back-off while the wiki fails: first pause and longest (ms). */
  backoff: { firstMs: number; maxMs: number };
  onError(wiki: string, error: unknown, failures: number): void;
}

/**
 * One background loop per followed MediaWiki (`wikiqueue serve`): rounds of `followOnce` back to
 * back while changes are waiting, `pollIntervalMs` apart once caught up, backing off while the
 * wiki is down, slow or refusing (each failed round is reported to the board, which `/healthz`
 * and `/metrics` read), and catching up by itself once the wiki answers again.
 */
export function followingLoops(
  opts: FollowingOptions,
  skip: ReadonlySet<string> = new Set(),
): BackgroundLoop[] {
  return opts.wikis
    .list()
    .filter((w) => w.info.source === 'mediawiki' && !skip.has(w.info.id))
    .map(({ info: { id } }) => {
      const loop = new BackgroundLoop({
        pollIntervalMs: opts.pollIntervalMs,
        backoff: opts.backoff,
        round: async () => {
          const r = await opts.mirror.followOnce(id, { namespaces: opts.namespacesOf(id) });
          opts.board.succeeded(id, r.caughtUp);
          return r.caughtUp ? 'idle' : 'busy';
        },
        onError: (error, failures) => {
          opts.board.failed(id, isWikiqueueError(error) ? error.message : String(error));
          opts.onError(id, error, failures);
        },
      });
      FOLLOWED.set(loop, id);
      return loop;
    });
}

/** The wiki each following loop follows. */
const FOLLOWED = new WeakMap<BackgroundLoop, string>();

/**
 * A loop that finds wikis followed since the process started (`wikiqueue wiki add` run beside a
 * running `serve`): every `everyMs` it reloads the wiki registry and starts a following loop for
 * each followed wiki that has none, adding it to `loops` (which the caller stops at shutdown).
 */
export function discoveryLoop(
  opts: FollowingOptions,
  loops: BackgroundLoop[],
  everyMs: number,
): BackgroundLoop {
  return new BackgroundLoop({
    pollIntervalMs: everyMs,
    backoff: { firstMs: everyMs, maxMs: everyMs * 10 },
    round: async () => {
      await opts.wikis.reload();
      const followed = new Set(loops.flatMap((l) => FOLLOWED.get(l) ?? []));
      for (const loop of followingLoops(opts, followed)) {
        loops.push(loop);
        void loop.start();
      }
      return 'idle';
    },
    onError: (error, failures) => opts.onError('(discovery)', error, failures),
  });
}
