import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Clock } from './core/domain/clock.ts';
import type { Store } from './core/store/store.ts';
import type { AccountService } from './core/accounts/accounts.ts';
import type { LocalWiki } from './wiki-source/local/local-wiki.ts';
import type { WikiRegistry } from './core/wikis/wiki-registry.ts';
import type { JobQueue } from './core/jobs/job-queue.ts';
import type { ReviewCompiler } from './review/review-compiler.ts';
import type { ReviewPresets } from './review/review-presets.ts';
import type { ReviewQueueService } from './review/review-queue-service.ts';
import type { ReviewMaintenance } from './review/review-maintenance.ts';
import type { NoIndexPolicy } from './review/noindex-policy.ts';

/**
 * Everything the HTTP layer and the CLI can reach, wired once in `main.ts` (or a test) by
 * `createServices`. Handlers take what they need from here; services themselves receive only
 * their own dependencies through their constructors.
 */
export interface AppServices {
  config: Readonly<Config>;
  store: Store;
  clock: Clock;
  logger: Logger;
  wikis: WikiRegistry;
  accounts: AccountService;
  localWiki: LocalWiki;
  jobs: JobQueue;
  review: {
    presets: ReviewPresets;
    compiler: ReviewCompiler;
    queue: ReviewQueueService;
    maintenance: ReviewMaintenance;
    noindex: NoIndexPolicy;
  };
}
