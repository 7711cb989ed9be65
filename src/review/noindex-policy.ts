import type { Clock } from '../core/domain/clock.ts';
import { shouldNoIndex } from './domain/noindex.ts';
import type { Page } from '../core/domain/wiki.ts';
import type { ReviewStoreOf } from './store/review-store.ts';
import type { WikiRegistry } from '../core/wikis/wiki-registry.ts';
import type { ReviewPresets } from './review-presets.ts';

/**
 * Whether a page view gets `noindex,nofollow` (review-queue-reference.md §5), from the stored queue
 * row and the `noindex` page property the last edit recorded. Two primary-key reads; nothing is
 * computed from wikitext at view time.
 */
export class NoIndexPolicy {
  constructor(
    private readonly deps: {
      store: ReviewStoreOf<'reviewQueue' | 'links'>;
      wikis: WikiRegistry;
      presets: ReviewPresets;
      clock: Clock;
    },
  ) {}

  async isNoIndex(page: Page): Promise<boolean> {
    const { store, wikis, presets, clock } = this.deps;
    const preset = presets.for(wikis.get(page.wiki).info);
    const [queued, props] = await Promise.all([
      store.reviewQueue.get(page.wiki, page.id),
      store.links.pageProps(page.wiki, [page.id], ['noindex']),
    ]);
    return shouldNoIndex({
      queued: queued ? { status: queued.status, createdAt: queued.createdAt } : null,
      hasNoIndexMagicWord: props.get(page.id)?.noindex !== undefined,
      noIndexUnreviewedNewArticles: preset.noIndexUnreviewedNewArticles,
      maxAge: preset.ages.maxAge,
      maxNoIndexAge: preset.ages.maxNoIndexAge,
      now: clock(),
    });
  }
}
