import type { Page, PageLinksData } from '../domain/wiki.ts';
import type { Repositories } from '../store/store.ts';

/**
 * A page's rows moved to a new title, as MovePage moves them — the embedded wiki's moves and a
 * followed MediaWiki's, which the follower replays: the page row (with `update`, e.g. the move's
 * null revision), the new title freed from create protection, the page's link rows re-keyed by
 * their new source title (the page links to the same things; category sort keys follow the
 * title) and its search entry. `withLinks` sees the page's links before they are written back:
 * page images, which go by title, set their properties there.
 */
export async function retitlePage(
  tx: Repositories,
  wiki: string,
  page: Page,
  to: { namespace: number; dbKey: string },
  now: number,
  update: { latestRevId?: number } = {},
  withLinks?: (links: PageLinksData) => Promise<void>,
): Promise<void> {
  await tx.pages.update(wiki, page.id, {
    namespace: to.namespace,
    title: to.dbKey,
    touchedAt: now,
    ...update,
  });
  await tx.protectedTitles.delete(wiki, to.namespace, to.dbKey);
  const links = await tx.links.getForPage(wiki, page.id);
  await withLinks?.(links);
  await tx.links.replaceForPage(wiki, page.id, { namespace: to.namespace, title: to.dbKey, at: now }, links);
  await tx.searchIndex.retitle(wiki, page.id, to.namespace, to.dbKey);
}
