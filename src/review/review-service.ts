import type { CoreServices } from '../core/core-services.ts';
import { NoIndexPolicy } from './noindex-policy.ts';
import { PresetCoverageCheck } from './preset-coverage.ts';
import { ReviewCompiler } from './review-compiler.ts';
import { ReviewFeed } from './review-feed.ts';
import { ReviewMaintenance } from './review-maintenance.ts';
import { ReviewPresets } from './review-presets.ts';
import { ReviewQueueService } from './review-queue-service.ts';
import { ReviewStatsService } from './review-stats.ts';
import { openReviewStore, type ReviewStore } from './store/review-store.ts';

/**
 * The review subsystem's service: what its API modules, jobs and commands use, and what other
 * subsystems may use (`services.review`).
 */
export interface ReviewService {
  readonly store: ReviewStore;
  readonly presets: ReviewPresets;
  readonly compiler: ReviewCompiler;
  readonly queue: ReviewQueueService;
  readonly maintenance: ReviewMaintenance;
  readonly noindex: NoIndexPolicy;
  /** What the queue's readers see: pagetriagelist's pages, prop=isreviewed. */
  readonly feed: ReviewFeed;
  /** pagetriagestats' counts. */
  readonly stats: ReviewStatsService;
  /** Which preset a wiki's settings start from, and what the wiki lacks of it (`wiki show`). */
  readonly coverage: PresetCoverageCheck;
}

/** Wires the review services over the core ones; each gets only what it uses. */
export function createReviewService(core: CoreServices): ReviewService {
  const { wikis, clock, jobs } = core;
  const store = openReviewStore(core.store);
  const presets = new ReviewPresets();
  const compiler = new ReviewCompiler({ store, wikis, presets, clock });
  const noindex = new NoIndexPolicy({ store, wikis, presets, clock });
  return {
    store,
    presets,
    compiler,
    queue: new ReviewQueueService({
      store,
      wikis,
      presets,
      compiler,
      clock,
      wikiSources: core.wikiSources,
      rateLimiter: core.rateLimiter,
    }),
    maintenance: new ReviewMaintenance({ store, wikis, presets, compiler, clock }),
    noindex,
    feed: new ReviewFeed({ store, wikis, presets, jobs, noindex }),
    stats: new ReviewStatsService({ store, wikis, presets, clock }),
    coverage: new PresetCoverageCheck({ store: core.store, wikis, presets }),
  };
}
