import type { Clock } from '../core/domain/clock.ts';
import { initialStatus } from './domain/review-status.ts';
import type { Page } from '../core/domain/wiki.ts';
import type { QueuedPage } from './store/review-queue-repository.ts';
import type { ReviewTransactionsOf } from './store/review-store.ts';
import { newQueueRow } from './review-queue-service.ts';
import type { WikiRegistry } from '../core/wikis/wiki-registry.ts';
import type { PageFactSources, ReviewCompiler } from './review-compiler.ts';
import type { ReviewPresets } from './review-presets.ts';

export type PrintLine = (line: string) => void;
const DAY = 86400;
const BATCH = 100;
/** Pages per transaction when queueing existing pages. */
const BACKFILL_BATCH = 500;
const NO_REVIEWER = { userId: 0, name: '' };

/**
 * The review queue's maintenance (review-queue-reference.md §4) and the backfill the reference
 * lacks. Each task works in batches that commit on their own, so it can be stopped at any point and
 * run again. Printed lines follow the reference's maintenance scripts.
 */
export class ReviewMaintenance {
  constructor(
    private readonly deps: {
      store: ReviewTransactionsOf<'reviewQueue' | 'pages', 'reviewQueue' | PageFactSources>;
      wikis: WikiRegistry;
      presets: ReviewPresets;
      compiler: ReviewCompiler;
      clock: Clock;
    },
  ) {}

  /**
   * PurgeOldPages: pass 1 drops reviewed articles and rows of tracked non-main namespaces older than
   * the retention age (drafts and unreviewed articles are kept); pass 2 drops redirects older than
   * redirectAutoreviewAge, whatever their status. Age is measured from creation.
   */
  async purgeOldPages(wiki: string, print: PrintLine = () => {}): Promise<number> {
    const preset = this.#preset(wiki);
    const now = this.deps.clock();
    let total = 0;
    print('Started processing... ');
    print('cleanReviewedPagesAndUnusedNamespaces()... ');
    const otherTracked = preset.namespaces.filter((n) => n !== 0);
    total += await this.#purge(wiki, print, {
      createdBefore: now - preset.ages.reviewedRetention * DAY,
      keep: (p) =>
        p.namespace === preset.draftNamespace ||
        !((p.namespace === 0 && p.status > 0) || otherTracked.includes(p.namespace)),
    });
    print('cleanRedirects()... ');
    total += await this.#purge(wiki, print, {
      createdBefore: now - preset.ages.redirectAutoreviewAge * DAY,
      isRedirect: true,
      keep: () => false,
    });
    print('Completed ');
    return total;
  }

  async #purge(
    wiki: string,
    print: PrintLine,
    q: { createdBefore: number; isRedirect?: boolean; keep: (p: QueuedPage) => boolean },
  ): Promise<number> {
    const { store } = this.deps;
    let after: { createdAt: number; pageId: number } | undefined;
    let total = 0;
    for (;;) {
      const rows = await store.reviewQueue.scan(wiki, {
        createdBefore: q.createdBefore,
        ...(q.isRedirect !== undefined ? { isRedirect: q.isRedirect } : {}),
        ...(after ? { after } : {}),
        limit: BATCH,
      });
      if (rows.length === 0) break;
      const last = rows[rows.length - 1]!;
      after = { createdAt: last.createdAt, pageId: last.pageId };
      const doomed = rows.filter((r) => !q.keep(r)).map((r) => r.pageId);
      if (doomed.length) await store.reviewQueue.delete(wiki, doomed);
      total += doomed.length;
      print(`processed ${doomed.length} `);
    }
    if (total === 0) print('processed 0 ');
    return total;
  }

  /**
   * CleanupPageTriage: removes rows of namespaces that are no longer tracked. Unlike the reference
   * (which hard-codes 0 and 2 and so deletes every draft, §11), it keeps every tracked namespace,
   * Draft included.
   */
  async cleanup(wiki: string, print: PrintLine = () => {}): Promise<number> {
    const preset = this.#preset(wiki);
    const tracked = [
      ...preset.namespaces,
      ...(preset.draftNamespace === null ? [] : [preset.draftNamespace]),
    ];
    let after: { createdAt: number; pageId: number } | undefined;
    let total = 0;
    for (;;) {
      const rows = await this.deps.store.reviewQueue.scan(wiki, {
        excludeNamespaces: tracked,
        ...(after ? { after } : {}),
        limit: BATCH,
      });
      if (rows.length === 0) break;
      const last = rows[rows.length - 1]!;
      after = { createdAt: last.createdAt, pageId: last.pageId };
      print(`processing ${rows.length}`);
      await this.deps.store.reviewQueue.delete(
        wiki,
        rows.map((r) => r.pageId),
      );
      total += rows.length;
    }
    return total;
  }

  /**
   * PopulateDraftQueue: queues every non-redirect draft that is not queued yet or has no metadata,
   * at status 0, and compiles it. Reviewed drafts keep their status (the reference resets them, §11).
   */
  async populateDraftQueue(wiki: string, print: PrintLine = () => {}): Promise<number | false> {
    const preset = this.#preset(wiki);
    if (preset.draftNamespace === null) {
      print('Draft namespace is not configured for this wiki.');
      return false;
    }
    print(`Processing drafts in NS ${preset.draftNamespace}...`);
    let batchNo = 0;
    let processed = 0;
    for await (const pages of this.#pagesOf(wiki, preset.draftNamespace, { nonRedirectsOnly: true })) {
      const queued = new Map(
        (
          await this.deps.store.reviewQueue.getMany(
            wiki,
            pages.map((p) => p.id),
          )
        ).map((q) => [q.pageId, q]),
      );
      const todo = pages.filter((p) => !queued.get(p.id)?.metadata);
      if (todo.length === 0) continue;
      print(`- batch ${++batchNo}`);
      for (const page of todo) {
        if (!queued.has(page.id))
          await this.deps.store.reviewQueue.insert(
            newQueueRow(page, 0, this.deps.clock(), NO_REVIEWER, page.touchedAt),
          );
        await this.deps.compiler.compile(wiki, page.id);
        processed++;
      }
    }
    print(`Complete; ${processed} drafts processed.`);
    return processed;
  }

  /** UpdateUserMetadata: recompiles the creator facts of rows compiled more than a day ago. */
  async updateUserMetadata(wiki: string, print: PrintLine = () => {}): Promise<number> {
    const { store, clock } = this.deps;
    const preset = this.#preset(wiki);
    const cutoff = clock() - preset.ages.userMetadataRefreshHours * 3600;
    print('Started processing... ');
    let total = 0;
    for (;;) {
      const rows = await store.reviewQueue.scan(wiki, { tagsUpdatedBefore: cutoff, limit: 300 });
      if (rows.length === 0) break;
      for (const r of rows) await this.deps.compiler.compileUser(wiki, r.pageId);
      total += rows.length;
      print(`processed ${rows.length} `);
    }
    print('Completed ');
    return total;
  }

  /**
   * Compacts what writes leave in pieces, for every wiki (the structures are shared): the keyword
   * index in short steps, each its own transaction, so that writers wait at most one step; then the
   * counters' old row versions. Returns the number of keyword-index steps that merged something.
   */
  async compact(print: PrintLine = () => {}): Promise<number> {
    const queue = this.deps.store.reviewQueue;
    print('Compacting the keyword index... ');
    let steps = 0;
    while (!(await queue.compactKeywordIndex()).done) {
      steps++;
      if (steps % 20 === 0) print(`${steps} steps `);
    }
    print(`${steps} steps `);
    print('Reclaiming the counters... ');
    await queue.reclaimCounters();
    print('Completed ');
    return steps;
  }

  /** The namespaces whose pages `backfill` scans: the tracked ones and the draft namespace. */
  backfillNamespaces(wiki: string): number[] {
    const preset = this.#preset(wiki);
    return [
      ...new Set([...preset.namespaces, ...(preset.draftNamespace === null ? [] : [preset.draftNamespace])]),
    ];
  }

  /**
   * Backfill: queues pages of the tracked namespaces that exist but were never queued (an imported
   * dump, a wiki connected late), created at or after `since` (or all). Status comes from the
   * creator's current rights (the enqueue rule); metadata is compiled in the same batch transaction.
   * Idempotent: queued pages are skipped, so an interrupted run is finished by running it again.
   */
  async backfill(
    wiki: string,
    opts: { since?: number; onProgress?: (done: number, queued: number) => void } = {},
  ): Promise<{ scanned: number; queued: number; seconds: number }> {
    const started = performance.now();
    const namespaces = this.backfillNamespaces(wiki);
    let scanned = 0;
    let queuedCount = 0;
    for (const ns of namespaces) {
      for await (const pages of this.#pagesOf(wiki, ns, { batch: BACKFILL_BATCH })) {
        scanned += pages.length;
        const candidates = pages.filter((p) => opts.since === undefined || p.createdAt >= opts.since);
        queuedCount += await this.#queueNew(wiki, candidates);
        opts.onProgress?.(scanned, queuedCount);
      }
    }
    return { scanned, queued: queuedCount, seconds: (performance.now() - started) / 1000 };
  }

  /**
   * The given existing pages of `wiki` (a dump import's), queued as `backfill` queues them: pages
   * outside the tracked and draft namespaces, missing pages and queued ones are skipped, so running
   * it again changes nothing. Returns how many pages were queued.
   */
  async backfillPages(wiki: string, pageIds: readonly number[]): Promise<number> {
    const namespaces = new Set(this.backfillNamespaces(wiki));
    let queued = 0;
    for (let i = 0; i < pageIds.length; i += BACKFILL_BATCH) {
      const pages = await this.deps.store.pages.getManyByIds(wiki, pageIds.slice(i, i + BACKFILL_BATCH));
      queued += await this.#queueNew(
        wiki,
        pages.filter((p) => namespaces.has(p.namespace)),
      );
    }
    return queued;
  }

  /**
   * Queues those of `candidates` that are not queued yet, with status from the creator's current
   * rights (the enqueue rule) and metadata compiled in the same transaction; returns how many.
   */
  async #queueNew(wiki: string, candidates: Page[]): Promise<number> {
    const { store, clock } = this.deps;
    const preset = this.#preset(wiki);
    let queued = 0;
    const already = new Set(
      (
        await store.reviewQueue.getMany(
          wiki,
          candidates.map((p) => p.id),
        )
      ).map((q) => q.pageId),
    );
    const todo = candidates.filter((p) => !already.has(p.id));
    if (todo.length) {
      const now = clock();
      await store.transaction(async (tx) => {
        const rows = [];
        const gathered = await this.deps.compiler.gatherMany(tx, todo, now);
        for (const page of todo) {
          const facts = gathered.get(page.id);
          if (!facts) continue;
          const creatorAutopatrol = facts.metadata.creatorAutopatrol;
          const status = initialStatus({
            hasUser: facts.metadata.creatorId > 0,
            userHasAutopatrol: creatorAutopatrol,
            isDraft: page.namespace === preset.draftNamespace,
            isRedirect: page.isRedirect,
            patrollingEnabled: true,
          });
          if (status === null) continue;
          rows.push({
            ...newQueueRow(
              page,
              status,
              now,
              status === 3
                ? { userId: facts.metadata.creatorId, name: facts.metadata.creatorName }
                : NO_REVIEWER,
              page.touchedAt,
            ),
            metadata: facts.metadata,
            tagsUpdated: now,
          });
        }
        await tx.reviewQueue.upsertMany(rows);
        queued += rows.length;
      });
    }
    return queued;
  }

  /** Pages of one namespace in title order, in batches (keyset on the title). */
  async *#pagesOf(
    wiki: string,
    namespace: number,
    opts: { batch?: number; nonRedirectsOnly?: boolean } = {},
  ): AsyncGenerator<Page[]> {
    const size = opts.batch ?? BATCH;
    let from: string | undefined;
    for (;;) {
      const rows = await this.deps.store.pages.list(wiki, {
        namespace,
        ...(from !== undefined ? { from } : {}),
        redirects: opts.nonRedirectsOnly ? 'nonredirects' : 'all',
        dir: 'ascending',
        limit: size + 1,
      });
      const page = from === undefined ? rows : rows.filter((r) => r.title !== from);
      const batch = page.slice(0, size);
      if (batch.length === 0) return;
      yield batch;
      if (rows.length <= size) return;
      from = batch[batch.length - 1]!.title;
    }
  }

  #preset(wiki: string) {
    return this.deps.presets.for(this.deps.wikis.get(wiki).info);
  }
}
