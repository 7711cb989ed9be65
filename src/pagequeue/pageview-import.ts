import type { CoreServices } from '../core/core-services.ts';
import { tryParseTitle } from '../core/domain/titles.ts';
import { importLineFile } from '../core/imports/resumable-line-file.ts';
import type { Repositories } from '../core/store/store.ts';
import type { LoadedWiki } from '../core/wikis/wiki-registry.ts';
import { parsePageviewLine } from './domain/pageview-line.ts';
import { pageviewDomainsOf, type PageQueueSettings } from './domain/queue-settings.ts';
import type { PageQueueRepositories, PageQueueStore } from './store/pagequeue-store.ts';

type QueueTx = Repositories & PageQueueRepositories;

export interface PageviewImportOptions {
  /** Lines per transaction (default 10,000). */
  batch?: number;
  /** Bytes read so far of `totalBytes`. */
  onProgress?: (bytesDone: number, totalBytes: number) => void;
  /** Each line that could not be read, as it is met. */
  onBadLine?: (report: { line: number; reason: string }) => void;
}

export interface PageviewImportSummary {
  wiki: string;
  /** Lines read in this run (lines a previous run did are not counted). */
  lines: number;
  /** Lines of the wiki's domains whose title is one of its content pages (a redirect counts for its target). */
  counted: number;
  /** Lines of other domains (other wikis, other projects). */
  otherDomains: number;
  /** Lines of the wiki's domains naming no content page of it. */
  unknownTitles: number;
  /** Lines that are not pageview lines. */
  bad: number;
  /**
   * Pages with views once the import finished; absent when a previous run had finished the file,
   * or when no line counted (the wiki's views are then kept as they were).
   */
  pages?: number;
  resumedAfter: number;
  /** Whether a previous run had imported the whole file (this one changed nothing). */
  importedBefore: boolean;
}

interface ViewLine {
  namespace: number;
  dbKey: string;
  views: number;
}

/**
 * Reads a public pageview dump (hourly `pageviews-*` lines, uncompressed) into the wiki's page
 * views: the lines of the wiki's domain codes, summed per page over the file (desktop and mobile
 * lines of a page, a redirect's for its target), staged batch by batch with the import's state,
 * then made the wiki's counts in the last batch's transaction — an interrupted import resumes
 * after its last batch, and importing the file again changes nothing. The counts order the queue
 * where the wiki's setting `pagequeue.importance` is `views` (run `wikiqueue pagequeue build` to
 * re-rank pages already queued).
 */
export async function importPageviewFile(
  core: CoreServices,
  store: PageQueueStore,
  wiki: LoadedWiki,
  settings: PageQueueSettings,
  path: string,
  options: PageviewImportOptions,
): Promise<PageviewImportSummary> {
  const id = wiki.info.id;
  const domains = pageviewDomainsOf(settings, wiki.info.lang);
  const content = new Set(wiki.info.namespaces.filter((n) => n.content).map((n) => n.id));
  const summary: PageviewImportSummary = {
    wiki: id,
    lines: 0,
    counted: 0,
    otherDomains: 0,
    unknownTitles: 0,
    bad: 0,
    resumedAfter: 0,
    importedBefore: false,
  };
  const { resumedAfter, finishedBefore } = await importLineFile<ViewLine, QueueTx>({
    store,
    clock: core.clock,
    kind: `pageviews:${id}`,
    wiki: id,
    path,
    batchSize: options.batch ?? 10_000,
    onProgress: options.onProgress,
    parseLine(text, line) {
      summary.lines++;
      const parsed = parsePageviewLine(text);
      if (!parsed.ok) {
        summary.bad++;
        options.onBadLine?.({ line, reason: parsed.reason });
        return undefined;
      }
      if (!domains.has(parsed.line.domain)) {
        summary.otherDomains++;
        return undefined;
      }
      const title = tryParseTitle(parsed.line.title, wiki.namespaces);
      if (!title || !content.has(title.namespace) || title.fragment !== '') {
        summary.unknownTitles++;
        return undefined;
      }
      return { namespace: title.namespace, dbKey: title.dbKey, views: parsed.line.views };
    },
    async commitBatch(tx, items, sourceKey) {
      const views = await viewsByPage(tx, id, items);
      summary.counted += views.counted;
      summary.unknownTitles += items.length - views.counted;
      await tx.pageQueue.addImportViews(sourceKey, id, views.byPage);
    },
    async finish(tx, sourceKey) {
      const pages = await tx.pageQueue.finishViewImport(sourceKey, id);
      if (pages !== undefined) summary.pages = pages;
    },
  });
  summary.resumedAfter = resumedAfter;
  summary.importedBefore = finishedBefore;
  return summary;
}

/** The views of `items` summed per page, a redirect's (one hop) counted for its target. */
async function viewsByPage(
  tx: QueueTx,
  wiki: string,
  items: readonly ViewLine[],
): Promise<{ byPage: Map<number, number>; counted: number }> {
  const key = (ns: number, dbKey: string) => `${ns}:${dbKey}`;
  const titles = [
    ...new Map(
      items.map((i) => [key(i.namespace, i.dbKey), { namespace: i.namespace, title: i.dbKey }]),
    ).values(),
  ];
  const pages = await tx.pages.getManyByTitles(wiki, titles);
  const redirects = pages.filter((p) => p.isRedirect);
  const targets =
    redirects.length > 0
      ? await tx.redirects.getMany(
          wiki,
          redirects.map((p) => p.id),
        )
      : new Map();
  const wanted = redirects.flatMap((p) => {
    const t = targets.get(p.id);
    return t && t.interwiki === '' ? [{ namespace: t.namespace, title: t.title }] : [];
  });
  const targetPages = wanted.length > 0 ? await tx.pages.getManyByTitles(wiki, wanted) : [];
  const targetId = new Map(
    targetPages.filter((p) => !p.isRedirect).map((p) => [key(p.namespace, p.title), p.id]),
  );
  const pageOf = new Map<string, number>();
  for (const p of pages) {
    if (!p.isRedirect) {
      pageOf.set(key(p.namespace, p.title), p.id);
      continue;
    }
    const t = targets.get(p.id);
    const to = t && targetId.get(key(t.namespace, t.title));
    if (to !== undefined) pageOf.set(key(p.namespace, p.title), to);
  }
  const byPage = new Map<number, number>();
  let counted = 0;
  for (const i of items) {
    const pageId = pageOf.get(key(i.namespace, i.dbKey));
    if (pageId === undefined) continue;
    counted++;
    byPage.set(pageId, (byPage.get(pageId) ?? 0) + i.views);
  }
  return { byPage, counted };
}
