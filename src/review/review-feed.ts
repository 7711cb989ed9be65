import { NS_MAIN, NS_USER, NS_USER_TALK } from '../core/domain/namespaces.ts';
import { timeCorrection } from '../core/domain/time-correction.ts';
import { makeTitle, talkPageOf, type Title } from '../core/domain/titles.ts';
import { userNameToDbKey } from '../core/domain/user-names.ts';
import type { JobQueue } from '../core/jobs/job-queue.ts';
import type { WikiRegistry } from '../core/wikis/wiki-registry.ts';
import type { ReviewMetadata } from './domain/metadata.ts';
import type { QueueListQuery } from './domain/queue-filter.ts';
import { UNREVIEWED } from './domain/review-status.ts';
import type { NoIndexPolicy } from './noindex-policy.ts';
import type { ReviewPresets } from './review-presets.ts';
import type { QueuedPage } from './store/review-queue-repository.ts';
import type { ReviewStoreOf } from './store/review-store.ts';

/** The compile job a read leaves for pages it found without metadata (§1.5, T154719). */
export const REVIEW_COMPILE_JOB = 'review:compile';

/** The change tag that marks talk-page feedback left through the review tools (§2.1 talkpage_feedback_count). */
const FEEDBACK_TAG = 'pagetriage';

/** What pagetriagelist asks for: one page (`page_id` mode), or a page of the queue. */
export type FeedRequest = { pageId: number } | { query: QueueListQuery };

/** A queued page whose metadata was compiled. */
export type CompiledQueuedPage = QueuedPage & { metadata: ReviewMetadata };

/** Whether a user's user page and user-talk page exist. */
export interface UserPagesExist {
  userPage: boolean;
  talkPage: boolean;
}

/** The `page_id` mode facts of a page (§2.1). */
export interface FeedPageDetails {
  /** The talk page (Draft talk: for drafts); null where the namespace has none. */
  talkPage: Title | null;
  /** How many revisions of the talk page were left through the review tools. */
  talkPageFeedbackCount: number;
  /** No page of the main namespace links here. */
  isOrphan: boolean;
  /**
   * Whether views of the page get `noindex,nofollow` (review-queue-reference.md §5): the reference
   * applies the decision to page views only; exposing it lets tools show it.
   */
  noindex: boolean;
}

/** One page of the feed with everything its rendering needs besides the request's URLs. */
export interface FeedPage {
  queued: CompiledQueuedPage;
  /** The creation time in the viewer's time correction (user option `timecorrection`). */
  createdAtForViewer: number;
  creatorPages: UserPagesExist;
  /** Null when nobody reviewed the page. */
  reviewerPages: UserPagesExist | null;
  /** Where a redirect points, when that is a page of this wiki. */
  redirectTarget: Title | null;
  /** Only in `page_id` mode. */
  details: FeedPageDetails | null;
}

export interface Feed {
  pages: FeedPage[];
  /** Queued pages left out because their metadata is not compiled yet; each got a compile job. */
  pagesMissingMetadata: number[];
}

/**
 * The review queue as its readers see it (pagetriagelist, prop=isreviewed): the stored queue rows
 * with the facts the feed shows next to them, all read from the store (the redirect table, page
 * existence, page properties), never computed from wikitext on the request.
 *
 * A read never writes review metadata: pages found without it are left out of the feed and get a
 * compile job, which runs off the request path (§1.5).
 */
export class ReviewFeed {
  constructor(
    private readonly deps: {
      store: ReviewStoreOf<'reviewQueue' | 'pages' | 'redirects' | 'users' | 'links' | 'changeTags'>;
      wikis: WikiRegistry;
      presets: ReviewPresets;
      jobs: JobQueue;
      noindex: NoIndexPolicy;
    },
  ) {}

  /**
   * The requested page or page of the queue, in the queue's order. `viewerId` is the reading user
   * (0 when anonymous), whose time correction applies to the creation times.
   */
  async list(wiki: string, request: FeedRequest, viewerId: number): Promise<Feed> {
    const { store } = this.deps;
    let rows: QueuedPage[];
    if ('pageId' in request) {
      const row = await store.reviewQueue.get(wiki, request.pageId);
      rows = row ? [row] : [];
    } else {
      const preset = this.deps.presets.for(this.deps.wikis.get(wiki).info);
      rows = await store.reviewQueue.list(wiki, request.query, {
        oresBounds: preset.oresArticleQualityBounds,
      });
    }
    const missing: number[] = [];
    const compiled: CompiledQueuedPage[] = [];
    for (const r of rows) {
      if (r.metadata === null) missing.push(r.pageId);
      else compiled.push(r as CompiledQueuedPage);
    }
    if (missing.length > 0) await this.#enqueueCompile(wiki, missing);
    return {
      pages: await this.#describe(wiki, compiled, viewerId, 'pageId' in request),
      pagesMissingMetadata: missing,
    };
  }

  /**
   * prop=isreviewed (§2.6): for pages of the main namespace, false only when the page is queued
   * and unreviewed (status 0); reviewed, patrolled, autopatrolled and unqueued pages are reviewed.
   * Pages of other namespaces are absent.
   */
  async reviewedStates(
    wiki: string,
    pages: readonly { pageId: number; namespace: number }[],
  ): Promise<Map<number, boolean>> {
    const ids = pages.filter((p) => p.namespace === NS_MAIN).map((p) => p.pageId);
    const out = new Map<number, boolean>();
    if (ids.length === 0) return out;
    const queued = new Map((await this.deps.store.reviewQueue.getMany(wiki, ids)).map((r) => [r.pageId, r]));
    for (const id of ids) out.set(id, queued.get(id)?.status !== UNREVIEWED);
    return out;
  }

  /**
   * The facts of each page, batched over all rows: one query for the user and user-talk pages of
   * every creator and reviewer, one for the redirects' targets.
   */
  async #describe(
    wiki: string,
    rows: CompiledQueuedPage[],
    viewerId: number,
    withDetails: boolean,
  ): Promise<FeedPage[]> {
    if (rows.length === 0) return [];
    const names = new Set<string>();
    for (const r of rows) {
      names.add(r.metadata.creatorName);
      if (r.reviewerName !== '') names.add(r.reviewerName);
    }
    const [existing, redirects, adjust] = await Promise.all([
      this.#existingUserPages(wiki, [...names]),
      this.#redirectTargets(
        wiki,
        rows.filter((r) => r.isRedirect),
      ),
      this.#viewerTimeCorrection(wiki, viewerId),
    ]);
    // One answer per user name, shared by every row of that creator or reviewer.
    const byName = new Map<string, UserPagesExist>();
    for (const name of names) {
      const key = userNameToDbKey(name);
      byName.set(name, {
        userPage: existing.has(`${NS_USER}:${key}`),
        talkPage: existing.has(`${NS_USER_TALK}:${key}`),
      });
    }
    const pagesOf = (name: string): UserPagesExist => byName.get(name)!;
    const details = withDetails
      ? await Promise.all(rows.map((r) => this.#details(wiki, r)))
      : rows.map(() => null);
    return rows.map((r, i) => ({
      queued: r,
      createdAtForViewer: adjust(r.createdAt),
      creatorPages: pagesOf(r.metadata.creatorName),
      reviewerPages: r.reviewerName !== '' ? pagesOf(r.reviewerName) : null,
      redirectTarget: redirects.get(r.pageId) ?? null,
      details: details[i]!,
    }));
  }

  /** `ns:dbkey` of the user and user-talk pages of `names` that exist, in one query. */
  async #existingUserPages(wiki: string, names: string[]): Promise<Set<string>> {
    if (names.length === 0) return new Set();
    const pages = await this.deps.store.pages.existingTitles(
      wiki,
      [NS_USER, NS_USER_TALK],
      names.map(userNameToDbKey),
    );
    return new Set(pages.map((p) => `${p.namespace}:${p.title}`));
  }

  /** The stored target of each redirect that points at a page of this wiki (the redirect table). */
  async #redirectTargets(wiki: string, redirects: QueuedPage[]): Promise<Map<number, Title>> {
    const out = new Map<number, Title>();
    if (redirects.length === 0) return out;
    const ns = this.deps.wikis.get(wiki).namespaces;
    const stored = await this.deps.store.redirects.getMany(
      wiki,
      redirects.map((r) => r.pageId),
    );
    for (const [pageId, target] of stored) {
      if (target.interwiki === '') out.set(pageId, makeTitle(target.namespace, target.title, ns));
    }
    return out;
  }

  async #viewerTimeCorrection(wiki: string, viewerId: number): Promise<(t: number) => number> {
    if (viewerId === 0) return (t) => t;
    const options = await this.deps.store.users.getOptions(wiki, viewerId);
    return timeCorrection(options.timecorrection);
  }

  async #details(wiki: string, r: QueuedPage): Promise<FeedPageDetails> {
    const { store } = this.deps;
    const ns = this.deps.wikis.get(wiki).namespaces;
    const talk = talkPageOf(makeTitle(r.namespace, r.title, ns), ns);
    const [talkPage, inbound, page] = await Promise.all([
      talk ? store.pages.getByTitle(wiki, talk.namespace, talk.dbKey) : Promise.resolve(undefined),
      store.links.countInbound(wiki, r.namespace, r.title, { fromNamespace: 0, cap: 1 }),
      store.pages.getById(wiki, r.pageId),
    ]);
    const noindex = page ? await this.deps.noindex.isNoIndex(page) : false;
    const feedback = talkPage ? await store.changeTags.countForPage(wiki, talkPage.id, FEEDBACK_TAG) : 0;
    return { talkPage: talk, talkPageFeedbackCount: feedback, isOrphan: inbound === 0, noindex };
  }

  async #enqueueCompile(wiki: string, pageIds: number[]): Promise<void> {
    for (const id of pageIds) {
      await this.deps.jobs.enqueue({
        type: REVIEW_COMPILE_JOB,
        wiki,
        payload: { pageId: id },
        dedupeKey: `review-compile:${wiki}:${id}`,
      });
    }
  }
}
