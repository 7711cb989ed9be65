import type { Actor } from '../core/domain/actor.ts';
import type { Clock } from '../core/domain/clock.ts';
import type { RateLimiter } from '../core/accounts/rate-limiter.ts';
import type { EventDraft } from '../core/domain/event-stream.ts';
import {
  eventContext,
  performerOf,
  type EventContext,
  type EventPage,
  type PageDeleteEvent,
  type PageMoveEvent,
  type PagePatrolEvent,
  type PageUndeleteEvent,
  type Performer,
  type RevisionCreateEvent,
  type UserBlocksChangeEvent,
} from '../core/domain/events.ts';
import { makeTitle } from '../core/domain/titles.ts';
import { pageCopyvioEvent, pageEnqueueEvent, pageReviewEvent, pageTagEvent } from './domain/review-events.ts';
import type { ReviewPreset } from './domain/preset.ts';
import {
  AUTOPATROLLED,
  PATROLLED,
  REVIEWED,
  UNREVIEWED,
  initialStatus,
  reapplyStatus,
  reviewPermission,
  type ReviewStatus,
} from './domain/review-status.ts';
import { isMainPage } from '../core/domain/wiki-settings.ts';
import { rightsForGroups } from '../core/domain/rights.ts';
import { fail } from '../errors.ts';
import type { Page } from '../core/domain/wiki.ts';
import type { NewQueuedPage, QueuedPage } from './store/review-queue-repository.ts';
import type { ReviewStoreOf, ReviewTransactionsOf } from './store/review-store.ts';
import type { WikiRegistry } from '../core/wikis/wiki-registry.ts';
import type { LogPerformer, WikiSource, WikiSources } from '../wiki-source/wiki-source.ts';
import type { PageFactSources, ReviewCompiler } from './review-compiler.ts';
import type { ReviewPresets } from './review-presets.ts';

/** Echo-style notifications to page creators (review-queue-reference.md §7). */
export const NOTIFY_REVIEWED = 'pagetriage-mark-as-reviewed';
export const NOTIFY_MAINTENANCE_TAG = 'pagetriage-add-maintenance-tag';
export const NOTIFY_DELETION_TAG = 'pagetriage-add-deletion-tag';

/** Truncates to `max` UTF-8 bytes without splitting a character (log comments, notes). */
export function truncateBytes(s: string, max: number): string {
  if (Buffer.byteLength(s, 'utf8') <= max) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const b = Buffer.byteLength(ch, 'utf8');
    if (bytes + b > max) break;
    out += ch;
    bytes += b;
  }
  return out;
}

/**
 * The review queue's state changes: the server events of §3 (run from jobs) and the review,
 * enqueue and copyvio actions of §2.3 and §2.5 (run from the API). Each change is one transaction
 * with its log entries and notifications; a page entering the queue, and the review, tagging and
 * copyvio actions, append their event (domain/review-events.ts) in it too.
 *
 * The wiki is reached through its source (`wikiSources`, src/wiki-source/wiki-source.ts): the
 * page, creator and revision an action is decided on, the creation's patrol mark and every log
 * entry. The event handlers read the store's read model, which the event was written with.
 */
export class ReviewQueueService {
  constructor(
    private readonly deps: {
      store: ReviewTransactionsOf<
        'reviewQueue' | 'pages',
        'reviewQueue' | 'outbox' | 'notifications' | 'ids' | 'pages' | PageFactSources
      >;
      wikis: WikiRegistry;
      presets: ReviewPresets;
      compiler: ReviewCompiler;
      clock: Clock;
      wikiSources: Pick<WikiSources, 'for'>;
      rateLimiter: Pick<RateLimiter, 'limit'>;
    },
  ) {}

  #source(wiki: string): WikiSource {
    return this.deps.wikiSources.for(wiki);
  }

  preset(wiki: string): ReviewPreset {
    return this.deps.presets.for(this.deps.wikis.get(wiki).info);
  }

  /** Tracked namespaces: the preset's plus Draft when the wiki has one. */
  isTracked(wiki: string, namespace: number): boolean {
    const p = this.preset(wiki);
    return p.namespaces.includes(namespace) || p.draftNamespace === namespace;
  }

  isDraft(wiki: string, namespace: number): boolean {
    return this.preset(wiki).draftNamespace === namespace;
  }

  // --- server events (§3) -------------------------------------------------------------------

  /** Page creation: the enqueue rule with the creator, then a full compile. */
  async onPageCreated(wiki: string, e: RevisionCreateEvent): Promise<void> {
    if (!this.isTracked(wiki, e.page_namespace)) return;
    const page = await this.deps.store.pages.getById(wiki, e.page_id);
    if (!page) return;
    if (!(await this.#applyRule(page, ruleUser(e.performer), e.performer)))
      await this.deps.compiler.compile(wiki, page.id);
  }

  /**
   * A later revision: recompile, and re-apply the rule with the editor when the page flipped
   * between redirect and article in either direction (T371834).
   */
  async onRevisionCreated(wiki: string, e: RevisionCreateEvent): Promise<void> {
    if (e.rev_parent_id === undefined || !this.isTracked(wiki, e.page_namespace)) return;
    const { store } = this.deps;
    const [queued, page] = await Promise.all([
      store.reviewQueue.get(wiki, e.page_id),
      store.pages.getById(wiki, e.page_id),
    ]);
    if (!queued || !page) return;
    if (queued.isRedirect !== page.isRedirect) {
      await store.reviewQueue.updatePage(wiki, page.id, { isRedirect: page.isRedirect });
      await this.#applyRule(page, ruleUser(e.performer), e.performer);
    }
    await this.deps.compiler.compile(wiki, page.id);
  }

  /**
   * Moves (§3): within the same namespace only the title changes (status kept, T370593); into a
   * tracked namespace the rule is applied with the mover; out of the tracked namespaces the row is
   * dropped, where the reference leaves it behind (§11 probable bugs).
   */
  async onPageMoved(wiki: string, e: PageMoveEvent): Promise<void> {
    const { store } = this.deps;
    const toTracked = this.isTracked(wiki, e.page_namespace);
    const queued = await store.reviewQueue.get(wiki, e.page_id);
    const title = stripPrefix(e.page_title, e.page_namespace);
    if (!toTracked) {
      if (queued) await store.reviewQueue.delete(wiki, [e.page_id]);
      return;
    }
    if (queued && queued.namespace === e.page_namespace) {
      await store.reviewQueue.updatePage(wiki, e.page_id, { title });
      await this.deps.compiler.compile(wiki, e.page_id);
      return;
    }
    const page = await store.pages.getById(wiki, e.page_id);
    if (!page) return;
    if (queued)
      await store.reviewQueue.updatePage(wiki, e.page_id, { namespace: page.namespace, title: page.title });
    if (!(await this.#applyRule(page, ruleUser(e.performer), e.performer)))
      await this.deps.compiler.compile(wiki, e.page_id);
  }

  /** Deletion removes the row (§3). */
  async onPageDeleted(wiki: string, e: PageDeleteEvent): Promise<void> {
    await this.deps.store.reviewQueue.delete(wiki, [e.page_id]);
  }

  /** Undeletion that recreates a page in a tracked namespace enqueues it with no user (status 0). */
  async onPageUndeleted(wiki: string, e: PageUndeleteEvent): Promise<void> {
    if (!this.isTracked(wiki, e.page_namespace)) return;
    const page = await this.deps.store.pages.getById(wiki, e.page_id);
    if (!page) return;
    const noUser = { hasUser: false, groups: [], userId: 0, userName: '' };
    if (!(await this.#applyRule(page, noUser, e.performer)))
      await this.deps.compiler.compile(wiki, e.page_id);
  }

  /**
   * Core patrolling (MarkPatrolledAudit, §3): the page is upserted at status 2 with the patroller;
   * outside Draft the creator is notified and `reviewed-(article|redirect)` is logged.
   * Autopatrolled changes are not patrol actions and change nothing.
   */
  async onPagePatrolled(wiki: string, e: PagePatrolEvent): Promise<void> {
    if (e.auto || !this.isTracked(wiki, e.page_namespace)) return;
    const { store, clock } = this.deps;
    const page = await store.pages.getById(wiki, e.page_id);
    if (!page) return;
    const now = clock();
    const patroller = { userId: e.performer.user_id ?? 0, name: e.performer.user_text };
    await store.transaction(async (tx) => {
      const queued = await tx.reviewQueue.get(wiki, page.id);
      if (queued?.status === PATROLLED) return;
      // The wiki's echo of a review made here (a followed MediaWiki patrols the creation in the
      // reviewer's name): the reviewer patrolling what they reviewed changes nothing.
      if (queued?.status === REVIEWED && patroller.userId !== 0 && queued.lastReviewedBy === patroller.userId)
        return;
      if (!queued)
        await this.#enter(tx, page, newQueueRow(page, PATROLLED, now, patroller), e.performer, now);
      else
        await tx.reviewQueue.setStatus(wiki, page.id, {
          status: PATROLLED,
          reviewedUpdated: now,
          lastReviewedBy: patroller.userId,
          reviewerName: patroller.name,
        });
      if (!this.isDraft(wiki, page.namespace)) {
        await this.#log(
          wiki,
          page,
          patroller,
          `reviewed-${page.isRedirect ? 'redirect' : 'article'}`,
          '',
          {},
          [],
        );
        await this.#notifyCreator(tx, wiki, page, patroller, NOTIFY_REVIEWED, {}, now);
      }
    });
  }

  /**
   * Block changes set `user_block_status` on every page the user created (§3), without the
   * reference's 500-page cap: it is one indexed UPDATE.
   */
  async onBlocksChanged(wiki: string, e: UserBlocksChangeEvent): Promise<void> {
    if (e.user_id === undefined) return;
    await this.deps.store.reviewQueue.setCreatorBlocked(
      wiki,
      e.user_text,
      e.blocks.sitewide,
      this.deps.clock(),
    );
  }

  /**
   * Applies the enqueue rule (§3) for `page` with a user (or none); `performer` made the change.
   * Answers whether the page entered the queue (compiled then: see #enter).
   */
  async #applyRule(
    page: Page,
    user: { hasUser: boolean; groups: string[]; userId: number; userName: string },
    performer: Performer,
  ): Promise<boolean> {
    const draft = this.isDraft(page.wiki, page.namespace);
    const rights = rightsForGroups(user.groups);
    const status = initialStatus({
      hasUser: user.hasUser,
      userHasAutopatrol: rights.has('autopatrol'),
      isDraft: draft,
      isRedirect: page.isRedirect,
      patrollingEnabled: true,
    });
    const { store, clock } = this.deps;
    const now = clock();
    return store.transaction(async (tx) => {
      const queued = await tx.reviewQueue.get(page.wiki, page.id);
      if (status === null) {
        if (queued) await tx.reviewQueue.delete(page.wiki, [page.id]);
        return false;
      }
      const reviewer =
        status === AUTOPATROLLED ? { userId: user.userId, name: user.userName } : { userId: 0, name: '' };
      if (!queued)
        return this.#enter(
          tx,
          page,
          newQueueRow(page, status, now, reviewer, page.touchedAt),
          performer,
          now,
        );
      const next = reapplyStatus(queued.status, status);
      if (next !== queued.status)
        await tx.reviewQueue.setStatus(page.wiki, page.id, {
          status: next,
          reviewedUpdated: now,
          lastReviewedBy: reviewer.userId,
          reviewerName: reviewer.name,
        });
      return false;
    });
  }

  /**
   * Puts `page` in the queue as `row` with its metadata compiled, and appends its
   * `wikiqueue.page-enqueue` event, in the caller's transaction: whoever reads the event finds the
   * page listed. Answers false (and changes nothing) when the page is queued already.
   */
  async #enter(
    tx: ReviewStoreOf<'reviewQueue' | 'outbox' | 'pages' | PageFactSources>,
    page: Page,
    row: NewQueuedPage,
    performer: Performer,
    now: number,
  ): Promise<boolean> {
    if (!(await tx.reviewQueue.insert(row))) return false;
    await this.deps.compiler.compileIn(tx, page.wiki, page.id);
    await this.#emit(tx, page, now, (ctx, evPage) =>
      pageEnqueueEvent(ctx, evPage, { performer, status: row.status }),
    );
    return true;
  }

  // --- actions (§2.3, §2.5) -----------------------------------------------------------------

  /**
   * pagetriageaction with `reviewed`: the HEAD permission rules, the rate limit, then the status
   * change with its core patrol mark, log entry and notification — in one transaction.
   */
  async setReviewed(
    actor: Actor,
    p: { pageId: number; reviewed: number; note?: string; skipNotif?: boolean; tags?: string[] },
  ): Promise<{ result: 'success' } | { result: 'done'; pagetriage_unchanged_status: number }> {
    const { store, clock } = this.deps;
    const wiki = actor.wiki;
    const source = this.#source(wiki);
    const page = await source.getPage({ pageId: p.pageId });
    if (!page) throw fail('bad-page');
    const requested: 0 | 1 = p.reviewed === 1 ? 1 : 0;
    const first = await source.getCreation(page.id);
    const isCreator =
      first !== undefined &&
      (actor.isAnonymous
        ? first.userId === 0 && first.userText === actor.name
        : first.userId === actor.userId);
    const refusal = reviewPermission({
      requested,
      hasPatrol: actor.rights.has('patrol'),
      hasAutopatrol: actor.rights.has('autopatrol'),
      isCreator,
      blockedFromPatrol: actor.block !== null && actor.block.sitewide,
    });
    if (refusal === 'blocked') throw fail('blocked');
    if (refusal) throw fail('permissiondenied', "mark others' edits as patrolled");
    await this.#rateLimit(actor, 'mark');
    const now = clock();
    // The creation's patrol mark (core patrol log, tag `pagetriage`), §2.3: with the status change
    // in one transaction on the embedded wiki; on a remote wiki first, its answer then recorded.
    const patrol = requested !== UNREVIEWED && first !== undefined;
    if (patrol && !source.joinsTransactions)
      await source.markPatrolled(actor, { revId: first.id, tags: ['pagetriage'] });
    return store.transaction(async (tx) => {
      const queued = await tx.reviewQueue.get(wiki, page.id);
      if (!queued) throw fail('bad-pagetriage-page');
      const next: ReviewStatus = requested;
      if (queued.status === next || (queued.status === AUTOPATROLLED && next !== UNREVIEWED))
        return { result: 'done' as const, pagetriage_unchanged_status: page.id };
      const reviewer = { userId: actor.userId, name: actor.name };
      await tx.reviewQueue.setStatus(wiki, page.id, {
        status: next,
        reviewedUpdated: now,
        lastReviewedBy: actor.userId,
        reviewerName: actor.name,
      });
      const tags = [...new Set(['pagetriage', ...(p.tags ?? [])])];
      if (patrol && source.joinsTransactions)
        await source.markPatrolled(actor, { revId: first.id, tags: ['pagetriage'] });
      if (next === 1 && !p.skipNotif)
        await this.#notifyCreator(tx, wiki, page, reviewer, NOTIFY_REVIEWED, { note: p.note ?? '' }, now);
      const action = `${next === UNREVIEWED ? 'unreviewed' : 'reviewed'}-${page.isRedirect ? 'redirect' : 'article'}`;
      await this.#log(wiki, page, reviewer, action, truncateBytes(p.note ?? '', 150), {}, tags);
      await this.#emit(tx, page, now, (ctx, evPage) =>
        pageReviewEvent(ctx, evPage, {
          performer: performerOf(actor),
          status: next,
          prior: queued.status,
          note: truncateBytes(p.note ?? '', 150),
          tags,
        }),
      );
      return { result: 'success' as const };
    });
  }

  /** pagetriageaction with `enqueue` (§2.3): patrol right; main page, namespace and duplicate checks. */
  async enqueue(
    actor: Actor,
    p: { pageId: number; note?: string; tags?: string[] },
  ): Promise<{ result: 'success' }> {
    const { store, clock } = this.deps;
    const wiki = actor.wiki;
    const page = await this.#source(wiki).getPage({ pageId: p.pageId });
    if (!page) throw fail('bad-page');
    if (!actor.rights.has('patrol')) throw fail('permissiondenied', 'add pages to the new pages queue');
    const loaded = this.deps.wikis.get(wiki);
    if (isMainPage(page, loaded.info, loaded.namespaces)) throw fail('bad-pagetriage-enqueue-mainpage');
    if (!this.isTracked(wiki, page.namespace)) throw fail('bad-pagetriage-enqueue-invalidnamespace');
    const now = clock();
    const tags = [...new Set(['pagetriage', ...(p.tags ?? [])])];
    await store.transaction(async (tx) => {
      const row = newQueueRow(page, UNREVIEWED, now, { userId: 0, name: '' }, page.touchedAt);
      if (!(await this.#enter(tx, page, row, performerOf(actor), now)))
        throw fail('bad-pagetriage-enqueue-alreadyqueued');
      const who = { userId: actor.userId, name: actor.name };
      const note = truncateBytes(p.note ?? '', 150);
      await this.#log(wiki, page, who, 'enqueue', note, {}, tags);
      await this.#log(
        wiki,
        page,
        who,
        `unreviewed-${page.isRedirect ? 'redirect' : 'article'}`,
        note,
        {},
        tags,
      );
    });
    return { result: 'success' };
  }

  /** pagetriagetagcopyvio (§2.5): flag or unflag a revision as a likely copyright violation. */
  async tagCopyvio(
    actor: Actor,
    p: { revId: number; untag?: boolean },
  ): Promise<{ result: 'success' } | { result: 'done'; pagetriage_unchanged_status: number }> {
    if (!actor.rights.has('pagetriage-copyvio')) throw fail('permissiondenied', 'flag copyright violations');
    const { store, clock } = this.deps;
    const wiki = actor.wiki;
    const source = this.#source(wiki);
    const rev = await source.getRevision(p.revId);
    if (!rev) throw fail('nosuchrevid', p.revId);
    const now = clock();
    return store.transaction(async (tx) => {
      const queued = await tx.reviewQueue.get(wiki, rev.pageId);
      if (!queued) throw fail('bad-pagetriage-page');
      const current = queued.metadata?.copyvioRevId ?? null;
      const done = { result: 'done' as const, pagetriage_unchanged_status: p.revId };
      if (p.untag ? current !== p.revId : current === p.revId) return done;
      await tx.reviewQueue.setCopyvio(wiki, rev.pageId, p.untag ? null : p.revId, now);
      const page = await source.getPage({ pageId: rev.pageId });
      if (page)
        await this.#logEntry(
          wiki,
          page,
          { userId: actor.userId, name: actor.name },
          'pagetriage-copyvio',
          p.untag ? 'delete' : 'insert',
          '',
          { '4::revId': p.revId },
          [],
        );
      if (page)
        await this.#emit(tx, page, now, (ctx, evPage) =>
          pageCopyvioEvent(ctx, evPage, { performer: performerOf(actor), revId: p.revId, copyvio: !p.untag }),
        );
      return { result: 'success' as const };
    });
  }

  /** Status of many pages for prop=isreviewed (§2.6): false only for queued pages at status 0. */
  async statuses(wiki: string, pageIds: number[]): Promise<Map<number, QueuedPage>> {
    const rows = await this.deps.store.reviewQueue.getMany(wiki, pageIds);
    return new Map(rows.map((r) => [r.pageId, r]));
  }

  /**
   * Records a pagetriage-curation `tag` / `delete` action after the page was edited, and notifies
   * the creator (§2.4).
   */
  async recordTagging(
    actor: Actor,
    p: { page: Page; tags: string[]; deletion: boolean; note: string; revId: number },
  ): Promise<void> {
    if (p.tags.length === 0) return;
    const { store, clock } = this.deps;
    const now = clock();
    const who = { userId: actor.userId, name: actor.name };
    await store.transaction(async (tx) => {
      await this.#notifyCreator(
        tx,
        actor.wiki,
        p.page,
        who,
        p.deletion ? NOTIFY_DELETION_TAG : NOTIFY_MAINTENANCE_TAG,
        p.deletion ? { tags: p.tags, note: p.note } : { tags: p.tags, note: p.note, revId: p.revId },
        now,
      );
      await this.#log(actor.wiki, p.page, who, p.deletion ? 'delete' : 'tag', '', { tags: p.tags }, [
        'pagetriage',
      ]);
      await this.#emit(tx, p.page, now, (ctx, evPage) =>
        pageTagEvent(ctx, evPage, {
          performer: performerOf(actor),
          revId: p.revId,
          tags: p.tags,
          deletion: p.deletion,
          note: p.note,
        }),
      );
    });
  }

  /** Checks that a tagging request may go ahead (§2.4 checks 1–4). */
  async checkTagging(
    actor: Actor,
    pageId: number,
    deletion: boolean,
  ): Promise<{ page: Page; queued: QueuedPage }> {
    const { store } = this.deps;
    const queued = await store.reviewQueue.get(actor.wiki, pageId);
    const page = queued && (await this.#source(actor.wiki).getPage({ pageId }));
    if (!queued || !page) throw fail('bad-page');
    for (const right of ['createpage', 'edit', 'patrol'])
      if (!actor.rights.has(right)) throw fail('permissiondenied', 'tag pages for review');
    await this.#rateLimit(actor, 'tagging');
    const m = queued.metadata;
    if (deletion && m && (m.csd || m.prod || m.blpProd || m.afd)) throw fail('pagetriage-tag-deletion-error');
    return { page, queued };
  }

  /**
   * PageTriage's `pagetriage-mark-action` / `pagetriage-tagging-action` rate limits (its
   * $wgRateLimits: `anon` and `user`), with the wiki preset's count and window.
   */
  async #rateLimit(actor: Actor, kind: 'mark' | 'tagging'): Promise<void> {
    const { count, seconds } = this.preset(actor.wiki).rateLimits[kind];
    await this.deps.rateLimiter.limit(actor, `pagetriage-${kind}-action`, {
      anon: [count, seconds],
      user: [count, seconds],
    });
  }

  /** A `pagetriage-curation` entry about the page. */
  async #log(
    wiki: string,
    page: Page,
    who: LogPerformer,
    action: string,
    comment: string,
    params: Record<string, unknown>,
    tags: string[],
  ) {
    await this.#logEntry(wiki, page, who, 'pagetriage-curation', action, comment, params, tags);
  }

  /** A log entry about the page, written by the wiki's source; PageTriage's are not in recent changes. */
  async #logEntry(
    wiki: string,
    page: Page,
    who: LogPerformer,
    type: string,
    action: string,
    comment: string,
    params: Record<string, unknown>,
    tags: string[],
  ) {
    await this.#source(wiki).writeLog(who, {
      type,
      action,
      target: page,
      comment,
      params,
      tags,
      recentChange: false,
    });
  }

  /** Appends the event `make` builds to the log, in the caller's transaction (transactional outbox). */
  async #emit<P extends Record<string, unknown>>(
    tx: ReviewStoreOf<'outbox'>,
    page: Page,
    now: number,
    make: (ctx: EventContext, page: EventPage) => EventDraft<P>,
  ) {
    const wiki = this.deps.wikis.get(page.wiki);
    const draft = make(eventContext(wiki.info, now), {
      page_id: page.id,
      page_title: makeTitle(page.namespace, page.title, wiki.namespaces).prefixedDbKey,
      page_namespace: page.namespace,
      page_is_redirect: page.isRedirect,
    });
    await tx.outbox.append(page.wiki, draft.stream.name, draft.payload, now);
  }

  /** Notifies the registered creator of the page, unless the agent is the creator (Echo skips agents). */
  async #notifyCreator(
    tx: ReviewStoreOf<'notifications' | 'ids'>,
    wiki: string,
    page: Page,
    agent: { userId: number; name: string },
    eventType: string,
    extra: Record<string, unknown>,
    now: number,
  ) {
    const first = await this.#source(wiki).getCreation(page.id);
    if (!first || first.userId === 0 || first.userId === agent.userId) return;
    await tx.notifications.insert({
      wiki,
      id: await tx.ids.next(wiki, 'notification'),
      userId: first.userId,
      eventType,
      category: 'page-review',
      agentId: agent.userId,
      agentName: agent.name,
      pageNamespace: page.namespace,
      pageTitle: page.title,
      pageId: page.id,
      extra: { ...extra, ...(typeof extra.note === 'string' ? { note: extra.note.slice(0, 150) } : {}) },
      timestamp: now,
      readAt: null,
    });
  }
}

/** The queue row of a page entering the queue with `status`, reviewed (or not) by `reviewer`. */
export function newQueueRow(
  page: Page,
  status: ReviewStatus,
  now: number,
  reviewer: { userId: number; name: string },
  reviewedUpdated = now,
): NewQueuedPage {
  return {
    wiki: page.wiki,
    pageId: page.id,
    namespace: page.namespace,
    title: page.title,
    isRedirect: page.isRedirect,
    status,
    createdAt: page.createdAt,
    reviewedUpdated,
    lastReviewedBy: reviewer.userId,
    reviewerName: reviewer.name,
  };
}

/** The user the enqueue rule is applied with: an event's performer (anonymous performers have no id). */
function ruleUser(p: Performer): { hasUser: boolean; groups: string[]; userId: number; userName: string } {
  return {
    hasUser: p.user_id !== undefined,
    groups: p.user_groups,
    userId: p.user_id ?? 0,
    userName: p.user_text,
  };
}

/** "Talk:Foo_bar" → "Foo_bar" for a page in a non-main namespace (event titles are prefixed). */
function stripPrefix(prefixed: string, namespace: number): string {
  if (namespace === 0) return prefixed;
  const i = prefixed.indexOf(':');
  return i >= 0 ? prefixed.slice(i + 1) : prefixed;
}
