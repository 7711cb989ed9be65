import type { CoreServices } from '../core/core-services.ts';
import type { Actor } from '../core/domain/actor.ts';
import { declareSettings, settingsOf, type SettingsDeclaration } from '../core/domain/settings-schema.ts';
import { formatTitle, toDbKey, toDisplayText, tryParseTitle } from '../core/domain/titles.ts';
import type { Page } from '../core/domain/wiki.ts';
import { NS_FILE } from '../core/domain/namespaces.ts';
import type { LoadedWiki } from '../core/wikis/wiki-registry.ts';
import { wikitextContextOf } from '../core/wikis/wikitext-context.ts';
import { fail } from '../errors.ts';
import { TAG_IMAGE, type SuggestionsService } from '../suggestions/suggestions-service.ts';
import { imageLink, insertImage } from '../wikitext/image-insertion.ts';
import type { Holder } from './domain/holder.ts';
import { PAGES_PER_JOB } from '../core/events/page-batch-jobs.ts';
import { formatContinue } from './domain/queue-cursor.ts';
import { pageQueueSettingsSchema, type PageQueueSettings } from './domain/queue-settings.ts';
import {
  importPageviewFile,
  type PageviewImportOptions,
  type PageviewImportSummary,
} from './pageview-import.ts';
import type { QueuedRow, QueuePosition } from './store/page-queue-repository.ts';
import { openPageQueueStore, type PageQueueStore } from './store/pagequeue-store.ts';

/** Per-wiki settings of the page queue: `wikiqueue wiki set W pagequeue.importance views`. */
export const pageQueueSettings: SettingsDeclaration<PageQueueSettings> = declareSettings(
  'pagequeue',
  pageQueueSettingsSchema,
);

/** A candidate's preferred representation (FileRepresentation, medium size). */
export interface FileRepresentation {
  mediatype: string;
  width: number;
  height: number;
  /** Bytes of the original when it is the representation; null for a scaled rendition (known once rendered). */
  size: number | null;
  url: string;
}

/** A lead-image candidate (a medium File). */
export interface CandidateFile {
  /** The file's name as text, without namespace. */
  title: string;
  /** Its licence's short name ("CC BY-SA 4.0"); empty when its description page names none. */
  license: string;
  preferred: FileRepresentation;
}

/** A queued page (a small Page) with its candidates. */
export interface QueuePage {
  id: number;
  /** The title as text, with its namespace. */
  title: string;
  /** The title in DB-key form, with its namespace. */
  key: string;
  lead_image_candidates: CandidateFile[];
}

export interface QueueRequest {
  limit: number;
  after?: QueuePosition;
  /** Who the pages are leased to; none: nothing is leased (pages leased to anyone are left out). */
  holder?: Holder;
  /** The client address of the request: an anonymous holder's live leases are capped per address. */
  address?: string;
}

export interface QueueResponse {
  pages: QueuePage[];
  /** Where the next response starts; absent at the end of the queue. */
  continue?: string;
}

export interface BuildOptions {
  /** Start over even when an unfinished build could be resumed. */
  restart?: boolean;
  /** Pages per batch (one transaction each). */
  batchSize?: number;
  onProgress?: (p: { pages: number; queued: number; total: number }) => void;
}

export interface BuildSummary {
  wiki: string;
  /** Pages with lead-image suggestions looked at. */
  pages: number;
  queued: number;
  /** Queued pages the build did not reach any more (no longer eligible), removed at the end. */
  swept: number;
  resumed: boolean;
  seconds: number;
}

export interface LeadImageChoice {
  file: string;
  caption?: string;
  summary?: string;
  /** Who the chooser holds leases as: its account, and the app's client id it used before logging in. */
  holders: readonly Holder[];
}

/**
 * The lead-image page queue (image-suggestions-and-page-queue.md §3) as routes, jobs and commands
 * use it. Every method names a wiki this service serves (`nosuchwiki`) that has a queue
 * (`pagequeue-unavailable`).
 */
export interface PageQueueService {
  settings(wiki: string): Promise<PageQueueSettings>;
  /** The next queued pages after `after`, leased to `holder` when there is one. */
  next(wiki: string, q: QueueRequest): Promise<QueueResponse>;
  /**
   * Saves `file` as the lead image of the page (an edit by `actor` through the wiki-source port,
   * at the top of the lead section in the wiki's own file syntax) and takes the page out of the
   * queue with its lease, in the edit's transaction.
   */
  chooseLeadImage(
    actor: Actor,
    wiki: string,
    pageId: number,
    choice: LeadImageChoice,
  ): Promise<{ newrevid: number }>;
  /** Releases the holder's lease of the page and keeps the page from the holder for `skipHours`. */
  skip(wiki: string, pageId: number, holder: Holder): Promise<void>;
  /** A full build of the queue from the newest suggestions: resumable, idempotent. */
  build(wiki: string, options?: BuildOptions): Promise<BuildSummary>;
  /** Brings these pages' places in the queue up to date (queued or removed); returns how many are queued. */
  refreshPages(wiki: string, pageIds: readonly number[]): Promise<number>;
  /** `wikiqueue pagequeue import-pageviews FILE`: pageview dump lines become the wiki's page views. */
  importPageviews(
    wiki: string,
    path: string,
    options?: PageviewImportOptions,
  ): Promise<PageviewImportSummary>;
  count(wiki: string): Promise<number>;
  /** Deletes ended leases and skips (they are ignored once ended; this only keeps the tables small). */
  purgeExpired(): Promise<number>;
}

/** The job that brings changed pages' places in the queue up to date. */
export const REFRESH_QUEUE_JOB = 'pagequeue:refresh-pages';

/** Reads of the queue one request makes at most (each of up to 2 × limit + 5 rows). */
const MAX_ROUNDS = 8;

/** Pages per build batch. */
const BUILD_BATCH = 5000;
/** Inbound links are counted up to this (beyond it, order among the most linked pages is kept coarse). */
const LINK_COUNT_CAP = 100_000;
/** Props that give a page a lead image (PageImages). */
const LEAD_IMAGE_PROPS = ['page_image_free', 'page_image'];

/**
 * Which files a media repository has, remembered across the batches of a build (a file is
 * suggested to many pages), bounded: when full it starts over.
 */
class RepoFiles {
  /** By repository, then by file name (a name is not copied into a longer key to be looked up). */
  readonly #known = new Map<string, Map<string, boolean>>();
  #size = 0;
  readonly #limit: number;

  constructor(limit = 500_000) {
    this.#limit = limit;
  }

  /**
   * Those of `names` the repository has; `lookUp` is asked about the ones not known yet. Calls may
   * overlap (a build reads a batch while it writes the one before).
   */
  async which(
    repo: string,
    names: ReadonlySet<string>,
    lookUp: (missing: string[]) => Promise<Set<string>>,
  ): Promise<Set<string>> {
    const out = new Set<string>();
    const missing: string[] = [];
    const known = this.#known.get(repo);
    for (const n of names) {
      const has = known?.get(n);
      if (has === undefined) missing.push(n);
      else if (has) out.add(n);
    }
    if (missing.length === 0) return out;
    // Full: start over.
    if (this.#size + missing.length > this.#limit) {
      this.#known.clear();
      this.#size = 0;
    }
    const found = await lookUp(missing);
    let files = this.#known.get(repo);
    if (!files) this.#known.set(repo, (files = new Map()));
    for (const n of missing) {
      if (!files.has(n)) this.#size++;
      files.set(n, found.has(n));
      if (found.has(n)) out.add(n);
    }
    return out;
  }
}

/** What a wiki's queue works with. */
interface QueueWiki {
  wiki: LoadedWiki;
  settings: PageQueueSettings;
  contentNamespaces: number[];
  mediaRepo: string;
}

export function createPageQueueService(
  core: CoreServices,
  suggestions: SuggestionsService,
  settings: SettingsDeclaration<PageQueueSettings> = pageQueueSettings,
): PageQueueService {
  const store: PageQueueStore = openPageQueueStore(core.store);
  const nowMs = () => core.clock() * 1000;

  const queueWiki = async (id: string): Promise<QueueWiki> => {
    const wiki = await core.wikis.load(id);
    const s = settingsOf(wiki.info, settings);
    const repo = core.media.repositoryOf(wiki.info);
    if (wiki.info.isMediaRepo || !repo || !s.enabled) throw fail('pagequeue-unavailable', id);
    return {
      wiki,
      settings: s,
      contentNamespaces: wiki.info.namespaces.filter((n) => n.content).map((n) => n.id),
      mediaRepo: repo.repo,
    };
  };

  /** The pages of `ids` that are articles without a lead image, by id. */
  const articlesWithoutLeadImage = async (
    q: QueueWiki,
    ids: readonly number[],
  ): Promise<Map<number, Page>> => {
    const id = q.wiki.info.id;
    const [pages, props] = await Promise.all([
      core.store.pages.getManyByIds(id, [...ids]),
      core.store.links.pageProps(id, [...ids], LEAD_IMAGE_PROPS),
    ]);
    const out = new Map<number, Page>();
    for (const p of pages) {
      if (p.isRedirect || !q.contentNamespaces.includes(p.namespace)) continue;
      const pr = props.get(p.id);
      if (pr && LEAD_IMAGE_PROPS.some((n) => pr[n] !== undefined)) continue;
      out.set(p.id, p);
    }
    return out;
  };

  /** Each page's candidates that the media repository has, in suggestion order. */
  const candidatesOf = async (
    q: QueueWiki,
    ids: readonly number[],
  ): Promise<Map<number, CandidateFile[]>> => {
    const images = await suggestions.leadImagesOf(q.wiki.info.id, ids);
    const names = new Set<string>();
    for (const list of images.values()) for (const n of list) names.add(n);
    const files = await core.media.getFiles(q.mediaRepo, [...names]);
    const out = new Map<number, CandidateFile[]>();
    for (const [pageId, list] of images) {
      const found: CandidateFile[] = [];
      for (const name of list) {
        const f = files.get(name);
        if (!f) continue;
        const thumb = core.media.thumbnail(f, { width: q.settings.candidateWidth });
        const original = thumb.url === f.url;
        found.push({
          title: toDisplayText(f.name),
          license: f.license,
          preferred: {
            mediatype: f.mediaType,
            width: thumb.width,
            height: thumb.height,
            size: original ? f.size : null,
            url: thumb.url,
          },
        });
      }
      if (found.length > 0) out.set(pageId, found);
    }
    return out;
  };

  /** The importance of each page under the wiki's settings (0 when unknown). */
  const importanceOf = async (q: QueueWiki, ids: readonly number[]): Promise<Map<number, number>> => {
    const id = q.wiki.info.id;
    if (q.settings.importance === 'views') return store.pageQueue.viewsOf(id, ids);
    return core.store.links.countInboundForPages(id, [...ids], {
      fromNamespace: q.contentNamespaces.includes(0) ? 0 : q.contentNamespaces[0],
      cap: LINK_COUNT_CAP,
    });
  };

  /** Those of `images` (each page's suggested files) that the media repository has. */
  const onRepo = (q: QueueWiki, images: ReadonlyMap<number, string[]>, files: RepoFiles) => {
    const names = new Set<string>();
    for (const list of images.values()) for (const n of list) names.add(n);
    return files.which(q.mediaRepo, names, (missing) =>
      core.store.media.getShapes(q.mediaRepo, missing).then((shapes) => new Set(shapes.keys())),
    );
  };

  /**
   * The pages of `ids` that belong in the queue: articles without a lead image that have a
   * suggested image the media repository has.
   */
  const eligible = async (q: QueueWiki, ids: readonly number[], files = new RepoFiles()): Promise<Page[]> => {
    const articles = await articlesWithoutLeadImage(q, ids);
    if (articles.size === 0) return [];
    const images = await suggestions.leadImagesOf(q.wiki.info.id, [...articles.keys()]);
    const found = await onRepo(q, images, files);
    return [...articles.values()].filter((p) => images.get(p.id)?.some((n) => found.has(n)));
  };

  /**
   * What a build queues of `ids`: the eligible pages with their importance. Most pages a build
   * reads are eligible, so the facts of all of them are read at once (on PostgreSQL, over several
   * connections), the files after.
   */
  const rowsToQueue = async (
    q: QueueWiki,
    ids: readonly number[],
    files: RepoFiles,
  ): Promise<QueuedRow[]> => {
    const [articles, images, importance] = await Promise.all([
      articlesWithoutLeadImage(q, ids),
      suggestions.leadImagesOf(q.wiki.info.id, ids),
      importanceOf(q, ids),
    ]);
    for (const pageId of images.keys()) if (!articles.has(pageId)) images.delete(pageId);
    const found = await onRepo(q, images, files);
    const rows: QueuedRow[] = [];
    for (const pageId of articles.keys())
      if (images.get(pageId)?.some((n) => found.has(n)))
        rows.push({ pageId, importance: importance.get(pageId) ?? 0 });
    return rows;
  };

  const service: PageQueueService = {
    async settings(wiki) {
      return (await queueWiki(wiki)).settings;
    },

    async next(wiki, req) {
      const q = await queueWiki(wiki);
      const id = q.wiki.info.id;
      const now = nowMs();
      const leasing = req.holder !== undefined && q.settings.leaseMinutes > 0;
      // An anonymous app's id costs nothing to make: the live leases of one address are capped.
      const address = req.holder?.startsWith('c:') ? (req.address ?? '') : '';
      // The holder keeps its `keep` most recent leases: a request that cannot take it past them
      // has nothing to trim (requests of one holder that run at once may each go past them until
      // its next request).
      const keep = Math.max(q.settings.maxLeases, req.limit);
      let mayTrim = leasing;
      if (leasing) {
        const counts = await store.pageQueue.leaseCounts(id, { holder: req.holder!, address, now });
        if (address !== '' && counts.fromAddress + req.limit > q.settings.maxLeasesPerAddress)
          throw fail('pagequeue-toomanyleases', q.settings.maxLeasesPerAddress, q.settings.leaseMinutes);
        mayTrim = counts.held + req.limit > keep;
      }
      const pages: QueuePage[] = [];
      const stale: number[] = [];
      let after = req.after;
      let more = true;
      for (let round = 0; pages.length < req.limit; round++) {
        // A request reads a bounded part of the queue: past that it answers what it found, with
        // a `continue` to go on from.
        if (round === MAX_ROUNDS) break;
        const wanted = req.limit - pages.length;
        // Leasing: the rows are leased as they are read (one statement; a page that turns out not
        // to belong any more is given back). Reading: a few more rows than needed, as some
        // may have lost their lead-image need or their files.
        const fetch = leasing ? wanted : wanted + 5;
        const rows = leasing
          ? await store.pageQueue.lease(id, {
              after,
              limit: fetch,
              holder: req.holder!,
              address,
              now,
              expiresAt: now + q.settings.leaseMinutes * 60_000,
            })
          : await store.pageQueue.walk(id, { after, limit: fetch, holder: req.holder, now });
        if (rows.length === 0) {
          more = false;
          break;
        }
        const ids = rows.map((r) => r.pageId);
        const [articles, candidates] = await Promise.all([
          articlesWithoutLeadImage(q, ids),
          candidatesOf(q, ids),
        ]);
        let i = 0;
        for (; i < rows.length && pages.length < req.limit; i++) {
          const r = rows[i]!;
          after = r;
          const page = articles.get(r.pageId);
          const files = candidates.get(r.pageId);
          if (!page || !files) {
            stale.push(r.pageId);
            continue;
          }
          const title = formatTitle(page.namespace, page.title, q.wiki.namespaces);
          pages.push({ id: page.id, title, key: toDbKey(title), lead_image_candidates: files });
        }
        if (rows.length < fetch && i === rows.length) {
          more = false;
          break;
        }
      }
      if (leasing && stale.length > 0) await store.pageQueue.release(id, stale, req.holder!);
      if (mayTrim && pages.length > 0) await store.pageQueue.trimLeases(id, req.holder!, keep);
      // Pages the queue holds that no longer belong (their lead image or files changed without an
      // event this process has followed yet): brought up to date by a job, not by this read.
      if (stale.length > 0)
        await core.jobs.enqueue({
          type: REFRESH_QUEUE_JOB,
          wiki: id,
          payload: { pageIds: stale.slice(0, PAGES_PER_JOB) },
          dedupeKey: `pagequeue-stale:${id}:${stale[0]!}`,
        });
      return more && after ? { pages, continue: formatContinue(after) } : { pages };
    },

    async chooseLeadImage(actor, wiki, pageId, choice) {
      const q = await queueWiki(wiki);
      const id = q.wiki.info.id;
      const source = core.wikiSources.for(id);
      const page = await source.getPage({ pageId });
      if (!page || page.isRedirect || !q.contentNamespaces.includes(page.namespace))
        throw fail('pagequeue-nosuchpage', pageId, id);
      if ((await articlesWithoutLeadImage(q, [pageId])).size === 0) throw fail('pagequeue-page-done', pageId);
      const parsed = tryParseTitle(choice.file, q.wiki.namespaces, NS_FILE);
      const name = parsed?.namespace === NS_FILE ? parsed.dbKey : toDbKey(choice.file);
      const candidates = (await candidatesOf(q, [pageId])).get(pageId) ?? [];
      const names = candidates.map((c) => toDbKey(c.title));
      if (!names.includes(name))
        throw fail(
          'pagequeue-not-a-candidate',
          toDisplayText(name),
          pageId,
          names.map(toDisplayText).join(', ') || '—',
        );
      const now = nowMs();
      const heldByOther = async (at: number) => {
        const lease = await store.pageQueue.leaseOf(id, pageId, at);
        if (lease && !choice.holders.includes(lease.holder))
          throw fail('pagequeue-leased', pageId, new Date(lease.expiresAt).toISOString());
      };
      await heldByOther(now);
      const current = await source.getPageText(formatTitle(page.namespace, page.title, q.wiki.namespaces));
      if (!current) throw fail('pagequeue-nosuchpage', pageId, id);
      const fileNs = q.wiki.namespaces.get(NS_FILE)?.name || 'File';
      const link = imageLink(fileNs, name, q.wiki.info.lang, choice.caption ?? '');
      // A lead placement always finds its place (null is for a section that is not there).
      const text = insertImage(current.text, link, { section: null }, wikitextContextOf(q.wiki.namespaces))!;
      const result = await source.edit(
        actor,
        {
          title: current.title.prefixedText,
          text,
          baseRevId: current.page.latestRevId,
          summary: choice.summary ?? `Lead image: [[${fileNs}:${toDisplayText(name)}]]`,
        },
        {
          // In the edit's transaction: a lease taken by someone else since the check above undoes
          // the edit; otherwise the page leaves the queue with the edit.
          afterSave: async () => {
            await heldByOther(nowMs());
            await store.pageQueue.remove(id, [pageId]);
          },
        },
      );
      // The text always changes (an image link is added), so the edit is never a null edit; the
      // page's revision is the answer if the source reports none.
      return { newrevid: 'newrevid' in result ? result.newrevid : current.page.latestRevId };
    },

    async skip(wiki, pageId, holder) {
      const q = await queueWiki(wiki);
      const id = q.wiki.info.id;
      const now = nowMs();
      // Only queued pages: a skip row of any other id would be kept for nothing.
      if (!(await store.pageQueue.queued(id, [pageId])).has(pageId))
        throw fail('pagequeue-nosuchpage', pageId, id);
      await store.transaction(async (tx) => {
        await tx.pageQueue.release(id, [pageId], holder);
        if (q.settings.skipHours > 0)
          await tx.pageQueue.skip(id, pageId, holder, now + q.settings.skipHours * 3_600_000);
      });
    },

    async build(wiki, options = {}) {
      const started = performance.now();
      const q = await queueWiki(wiki);
      const id = q.wiki.info.id;
      const previous = await store.pageQueue.latestBuild(id);
      const resumed = !options.restart && previous !== undefined && previous.finishedAt === null;
      const build = resumed
        ? previous
        : { wiki: id, startedAt: nowMs(), afterPageId: 0, pages: 0, queued: 0, finishedAt: null };
      if (!resumed) await store.pageQueue.saveBuild(build);
      const total = await suggestions.countWithTag(id, TAG_IMAGE);
      const batch = options.batchSize ?? BUILD_BATCH;
      // A file is suggested to many pages: each is looked up once per build.
      const files = new RepoFiles();
      const nextIds = (after: number) => suggestions.pagesWithTag(id, TAG_IMAGE, after, batch);
      const read = (ids: number[]) => {
        const rows = rowsToQueue(q, ids, files);
        // Awaited once the batch before is written; a failure meanwhile is not unhandled.
        rows.catch(() => undefined);
        return rows;
      };
      // Each batch is read while the one before is written; the rows and the build's progress
      // are written in one transaction, so a resumed build goes on after the last written batch.
      let ids = await nextIds(build.afterPageId);
      let reading = ids.length > 0 ? read(ids) : undefined;
      while (reading) {
        const next = await nextIds(ids.at(-1)!);
        const following = next.length > 0 ? read(next) : undefined;
        const rows = await reading;
        await store.transaction(async (tx) => {
          await tx.pageQueue.upsert(id, rows, build.startedAt);
          build.afterPageId = ids.at(-1)!;
          build.pages += ids.length;
          build.queued += rows.length;
          await tx.pageQueue.saveBuild(build);
        });
        options.onProgress?.({
          pages: build.pages,
          queued: build.queued,
          total: Math.max(total, build.pages),
        });
        ids = next;
        reading = following;
      }
      // Pages queued before this build that it did not queue again are no longer eligible.
      let swept = 0;
      for (;;) {
        const stale = await store.pageQueue.builtBefore(id, build.startedAt, BUILD_BATCH);
        if (stale.length === 0) break;
        swept += await store.pageQueue.remove(id, stale);
      }
      build.finishedAt = nowMs();
      await store.pageQueue.saveBuild(build);
      return {
        wiki: id,
        pages: build.pages,
        queued: build.queued,
        swept,
        resumed,
        seconds: (performance.now() - started) / 1000,
      };
    },

    async refreshPages(wiki, pageIds) {
      const q = await queueWiki(wiki);
      const id = q.wiki.info.id;
      const ids = [...new Set(pageIds)];
      if (ids.length === 0) return 0;
      const tags = await suggestions.tagsOf(id, ids);
      const tagged = ids.filter((p) => tags.get(p)?.includes(TAG_IMAGE));
      return store.transaction(async (tx) => {
        // A page already queued keeps its place (and importance) until the next full build, so
        // that a walk through the queue with `continue` does not meet it twice.
        const queued = await tx.pageQueue.queued(id, ids);
        const pages = await eligible(q, tagged);
        const keep = new Set(pages.map((p) => p.id));
        await tx.pageQueue.remove(
          id,
          ids.filter((p) => !keep.has(p)),
        );
        const fresh = pages.filter((p) => !queued.has(p.id)).map((p) => p.id);
        if (fresh.length > 0) {
          const importance = await importanceOf(q, fresh);
          await tx.pageQueue.upsert(
            id,
            fresh.map((pageId) => ({ pageId, importance: importance.get(pageId) ?? 0 })),
            nowMs(),
          );
        }
        return keep.size;
      });
    },

    async importPageviews(wiki, path, options = {}) {
      const q = await queueWiki(wiki);
      return importPageviewFile(core, store, q.wiki, q.settings, path, options);
    },

    async count(wiki) {
      const q = await queueWiki(wiki);
      return store.pageQueue.count(q.wiki.info.id);
    },

    purgeExpired: () => store.pageQueue.purgeExpired(nowMs()),
  };
  return service;
}
