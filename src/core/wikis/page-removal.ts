import type { Page } from '../domain/wiki.ts';
import type { Repositories } from '../store/store.ts';

/**
 * A page's rows removed as DeletePage removes them — the embedded wiki's deletions and a followed
 * MediaWiki's, which the follower replays: its revisions archived under the deletion's log id (0
 * where there is none, as for a redirect a move deleted), its links, redirect, search entry and
 * edit/move protection, then the page row. Answers how many revisions were archived.
 */
export async function removePageRows(
  tx: Repositories,
  wiki: string,
  page: Page,
  logId: number,
): Promise<number> {
  const revCount = await tx.revisions.archivePage(wiki, page.id, page.namespace, page.title, logId);
  await tx.links.deleteForPage(wiki, page.id);
  await tx.redirects.setMany(wiki, [{ pageId: page.id, target: null }]);
  await tx.searchIndex.deleteMany(wiki, [page.id]);
  for (const type of ['edit', 'move']) await tx.restrictions.set(wiki, page.id, type, null, null);
  await tx.pages.delete(wiki, page.id);
  return revCount;
}
