import type { Logger } from 'pino';
import type { FollowStatusBoard } from './wikis/follow-status.ts';
import type { Config } from '../config.ts';
import type { AccountService } from './accounts/accounts.ts';
import type { RateLimiter } from './accounts/rate-limiter.ts';
import type { Clock } from './domain/clock.ts';
import type { StreamRegistry } from './events/stream-registry.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import type { MediaService } from './media/media-service.ts';
import type { Store } from './store/store.ts';
import type { WikiRegistry } from './wikis/wiki-registry.ts';
import type { WikiSources } from '../wiki-source/wiki-source.ts';

/**
 * What the core offers every subsystem, HTTP handler and command: the typed config, the store,
 * the clock, the wikis, accounts and rights, the wiki sources and the job queue. Built once by
 * `createServices` (src/create-services.ts); a subsystem receives it in `start`.
 *
 * Every write to a wiki goes through `wikiSources.for(wiki)` (src/wiki-source/wiki-source.ts); the
 * embedded wiki behind the local source is not reachable from here.
 */
export interface CoreServices {
  readonly config: Readonly<Config>;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly wikis: WikiRegistry;
  readonly accounts: AccountService;
  /** $wgRateLimits: the Action API counts a module's `rateLimit` action; subsystems their own. */
  readonly rateLimiter: RateLimiter;
  readonly wikiSources: WikiSources;
  /** How following each followed MediaWiki goes in this process (lag and errors, for /healthz and /metrics). */
  readonly following: FollowStatusBoard;
  readonly jobs: JobQueue;
  /** Media repositories: files with their URLs, thumbnails, uploads to the embedded repository. */
  readonly media: MediaService;
  /** Every declared event stream: the core's and each subsystem's. */
  readonly streams: StreamRegistry;
  /** The user preferences the subsystems register, with their defaults (Subsystem.preferences). */
  readonly preferences: Readonly<Record<string, string | number>>;
}
