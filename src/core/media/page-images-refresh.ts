import { STREAM_PAGE_DELETE, STREAM_PAGE_UNDELETE, STREAM_REVISION_CREATE } from '../domain/events.ts';
import { NS_FILE, NS_MEDIAWIKI } from '../domain/namespaces.ts';
import { makeTitle } from '../domain/titles.ts';
import type { JobHandler } from '../jobs/job-queue.ts';
import type { BacklinkStart } from '../store/repositories/links-and-media.ts';
import type { NewJob } from '../store/repositories/jobs-and-schedules.ts';
import type { OutboxEvent } from '../store/repositories/event-log.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from '../domain/clock.ts';
import type { WikiRegistry } from '../wikis/wiki-registry.ts';
import { wikitextContextOf } from '../wikis/wikitext-context.ts';
import { analyzeWikitext } from '../../wikitext/analyze.ts';
import { PAGE_IMAGES_NAMESPACES } from '../domain/page-images.ts';
import { filesOnLists, isPageImagesListPage, mediaRepoFor, PageImagesUpdate } from './page-images-update.ts';

/**
 * Re-evaluates the page images of the pages of `job.wiki` that use some files, when what the
 * choice depends on changed outside the pages themselves (PageImages leaves this to the next
 * parse; we keep the properties current). Payload, one of:
 * - `files`: DB keys of files whose metadata changed on the wiki's media repository (an upload);
 * - `list`: `{ revId, parentId?, title? }`, a change of the bad image list or the PageImages
 *   denylist: the files named on it before or after. An edit gives the new revision and its parent;
 *   a deletion or an undeletion the page's latest revision then (`rev_id` of the event): the list is
 *   empty after a deletion and before an undeletion, so that one text names every file concerned.
 *   `title`, the list page's DB key, finds a revision deleted by then in the archive.
 *   An undeletion into a page recreated meanwhile re-evaluates the files of the restored text
 *   only: the event does not say which revision was the latest before.
 */
export const REFRESH_PAGE_IMAGES_JOB = 'core:refresh-page-images';

/** Pages re-evaluated per transaction. */
const BATCH = 100;

/** Files per job (an upload of many files is split). */
export const FILES_PER_JOB = 200;

/**
 * The job for a change of one of the lists PageImages reads: an edit (`mediawiki.revision-create`),
 * a deletion (`mediawiki.page-delete`) or an undeletion (`mediawiki.page-undelete`).
 */
export function pageImagesListSubscriber(event: OutboxEvent): NewJob[] {
  const streams: readonly string[] = [STREAM_REVISION_CREATE, STREAM_PAGE_DELETE, STREAM_PAGE_UNDELETE];
  if (!streams.includes(event.stream)) return [];
  const p = event.payload as {
    page_namespace?: number;
    page_title?: string;
    rev_id?: number;
    rev_parent_id?: number;
  };
  if (p.page_namespace !== NS_MEDIAWIKI || typeof p.page_title !== 'string' || typeof p.rev_id !== 'number')
    return [];
  const dbKey = p.page_title.slice(p.page_title.indexOf(':') + 1);
  if (!isPageImagesListPage(NS_MEDIAWIKI, dbKey)) return [];
  const list: Record<string, number | string> = { revId: p.rev_id, title: dbKey };
  if (event.stream === STREAM_REVISION_CREATE && typeof p.rev_parent_id === 'number')
    list.parentId = p.rev_parent_id;
  return [{ type: REFRESH_PAGE_IMAGES_JOB, wiki: event.wiki, payload: { list } }];
}

/** The jobs for files whose metadata changed on `repo`: one set per wiki showing that repository. */
export function pageImagesFileJobs(repo: string, files: readonly string[], wikis: WikiRegistry): NewJob[] {
  const jobs: NewJob[] = [];
  for (const w of wikis.list()) {
    if (mediaRepoFor(w.info, wikis) !== repo) continue;
    for (let i = 0; i < files.length; i += FILES_PER_JOB)
      jobs.push({
        type: REFRESH_PAGE_IMAGES_JOB,
        wiki: w.info.id,
        payload: { files: files.slice(i, i + FILES_PER_JOB) },
      });
  }
  return jobs;
}

export function refreshPageImagesHandler(deps: {
  store: Store;
  wikis: WikiRegistry;
  clock: Clock;
}): JobHandler {
  return async (job) => {
    const wiki = await deps.wikis.findFresh(job.wiki);
    if (!wiki) return;
    const ns = wiki.namespaces;
    const files = await filesOf(deps.store, job.wiki, job.payload, ns);
    if (files.length === 0) return;
    const repo = mediaRepoFor(wiki.info, deps.wikis);
    const targets = files.map((title) => ({ namespace: NS_FILE, title }));
    let start: BacklinkStart | undefined;
    for (;;) {
      const users = await deps.store.links.backlinks(job.wiki, {
        table: 'image_link',
        targets,
        fromNamespaces: [...PAGE_IMAGES_NAMESPACES],
        byFromNamespace: false,
        limit: BATCH + 1,
        ...(start ? { start } : {}),
      });
      const batch = users.slice(0, BATCH);
      await deps.store.transaction(async (tx) => {
        const update = new PageImagesUpdate(tx, { id: job.wiki, namespaces: ns }, repo);
        for (const pageId of new Set(batch.map((b) => b.pageId))) {
          const page = await tx.pages.getById(job.wiki, pageId);
          if (!page || page.contentModel !== 'wikitext') continue;
          const text = (await tx.revisions.get(job.wiki, page.latestRevId))?.text ?? '';
          const candidates = analyzeWikitext(text, wikitextContextOf(ns)).leadImageCandidates;
          const links = await tx.links.getForPage(job.wiki, pageId);
          const before = { ...links.properties };
          await update.apply(makeTitle(page.namespace, page.title, ns), candidates, links);
          if (sameProperties(before, links.properties)) continue;
          await tx.links.replaceForPage(
            job.wiki,
            pageId,
            { namespace: page.namespace, title: page.title, at: deps.clock() },
            links,
          );
        }
      });
      const next = users[BATCH];
      if (!next) return;
      start = { namespace: next.target.namespace, title: next.target.title, fromPageId: next.pageId };
    }
  };
}

async function filesOf(
  store: Store,
  wiki: string,
  payload: Record<string, unknown>,
  ns: Parameters<typeof filesOnLists>[2],
): Promise<string[]> {
  if (Array.isArray(payload.files)) return payload.files.filter((f): f is string => typeof f === 'string');
  const list = payload.list as { revId?: number; parentId?: number; title?: string } | undefined;
  if (!list || typeof list.revId !== 'number') return [];
  const textOf = async (revId: number | undefined): Promise<string> => {
    if (revId === undefined) return '';
    const live = await store.revisions.get(wiki, revId);
    if (live) return live.text;
    // A deleted list page's revisions are in the archive (until an undeletion brings them back).
    if (typeof list.title !== 'string') return '';
    const archived = await store.archive.listForTitle(wiki, NS_MEDIAWIKI, list.title);
    return archived.find((r) => r.id === revId)?.text ?? '';
  };
  return filesOnLists(await textOf(list.parentId), await textOf(list.revId), ns);
}

function sameProperties(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
