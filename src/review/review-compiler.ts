import type { Clock } from '../core/domain/clock.ts';
import {
  compileMetadata,
  creatorMetadata,
  LINK_COUNT_CAP,
  REV_COUNT_CAP,
  type CreatorFacts,
  type ReviewMetadata,
} from './domain/metadata.ts';
import type { ReviewPreset } from './domain/preset.ts';
import { experienceLevel, implicitGroups, rightsForGroups } from '../core/domain/rights.ts';
import { coreSettingsOf } from '../core/domain/wiki-settings.ts';
import { isIpAddress } from '../core/domain/user-names.ts';
import type { Page, Revision } from '../core/domain/wiki.ts';
import type { ReviewStoreOf } from './store/review-store.ts';
import { makeSnippet, type WikitextContext } from '../wikitext/analyze.ts';
import { resolveContext } from '../wikitext/context.ts';
import { hasReference } from '../wikitext/references.ts';
import type { WikiRegistry } from '../core/wikis/wiki-registry.ts';
import type { ReviewPresets } from './review-presets.ts';

/** Deletion log actions that make a title "previously deleted" (§1.6 recreated). */
const DELETE_ACTIONS = ['delete', 'delete_redir', 'delete_redir2'];

/** The repositories `gatherMany` reads the facts of pages from (a transaction may hand them out). */
export type PageFactSources = 'revisions' | 'links' | 'logs' | 'users' | 'blocks';

/** What `gatherMany` compiles for one page: its metadata and the time of its latest edit. */
export interface GatheredPage {
  metadata: ReviewMetadata;
  lastEdit: number;
}

/**
 * Compiles the review metadata of queued pages (review-queue-reference.md §1.5–1.6) from what the
 * store knows — the page, its first and latest revisions, links, categories, the creator's account,
 * groups and block, the deletion log — and saves it. Runs in jobs and in the backfill, never inside
 * a read request. One page or many, the facts are read with one batched query per kind of fact.
 */
export class ReviewCompiler {
  constructor(
    private readonly deps: {
      store: ReviewStoreOf<'reviewQueue' | 'pages' | PageFactSources>;
      wikis: WikiRegistry;
      presets: ReviewPresets;
      clock: Clock;
    },
  ) {}

  /**
   * Compiles and saves one queued page; returns the metadata, or null when the page is not queued
   * or has no revision (the reference then skips the remaining components).
   */
  async compile(wiki: string, pageId: number): Promise<ReviewMetadata | null> {
    return this.compileIn(this.deps.store, wiki, pageId);
  }

  /** `compile`, reading and writing through `store` (a transaction's repositories). */
  async compileIn(
    store: ReviewStoreOf<'reviewQueue' | 'pages' | PageFactSources>,
    wiki: string,
    pageId: number,
  ): Promise<ReviewMetadata | null> {
    const { clock } = this.deps;
    const queued = await store.reviewQueue.get(wiki, pageId);
    if (!queued) return null;
    const page = await store.pages.getById(wiki, pageId);
    if (!page) return null;
    const now = clock();
    const copyvio = queued.metadata?.copyvioRevId ?? null;
    const gathered = await this.gatherMany(store, [page], now, new Map([[pageId, copyvio]]));
    const result = gathered.get(pageId);
    if (!result) return null;
    const { metadata, lastEdit } = result;
    // T195547: entering "awaiting review" or "declined" from another state stamps the last edit time.
    const previous = queued.metadata?.afcState;
    const afcTransition =
      (metadata.afcState === 2 || metadata.afcState === 4) && previous !== metadata.afcState;
    await store.reviewQueue.saveMetadata(wiki, pageId, metadata, now, afcTransition ? lastEdit : undefined);
    return metadata;
  }

  /** Recompiles only the creator facts (the user-metadata refresh job and block changes). */
  async compileUser(wiki: string, pageId: number): Promise<boolean> {
    const { store, clock } = this.deps;
    const queued = await store.reviewQueue.get(wiki, pageId);
    if (!queued?.metadata) return (await this.compile(wiki, pageId)) !== null;
    const first = await store.revisions.first(wiki, pageId);
    if (!first) return false;
    const now = clock();
    const creator = (await this.#creatorFacts(store, wiki, [first], now)).get(creatorKey(first))!;
    await store.reviewQueue.saveMetadata(
      wiki,
      pageId,
      { ...queued.metadata, ...creatorMetadata(creator) },
      now,
    );
    return true;
  }

  /**
   * Gathers the facts of many pages and compiles them (no write), by page id; a page without a
   * first or latest revision is left out. `copyvioRevIds` carries each page's flagged revision
   * (absent = none). The store is read with one query per kind of fact for the whole batch
   * (`repos` may be a transaction), so a batch of hundreds costs about as many queries as one page.
   */
  async gatherMany(
    repos: ReviewStoreOf<PageFactSources>,
    pages: readonly Page[],
    now: number,
    copyvioRevIds: ReadonlyMap<number, number | null> = new Map(),
  ): Promise<Map<number, GatheredPage>> {
    const out = new Map<number, GatheredPage>();
    const byWiki = new Map<string, Page[]>();
    for (const page of pages) {
      const list = byWiki.get(page.wiki);
      if (list) list.push(page);
      else byWiki.set(page.wiki, [page]);
    }
    for (const [wiki, list] of byWiki) await this.#gatherWiki(repos, wiki, list, now, copyvioRevIds, out);
    return out;
  }

  async #gatherWiki(
    repos: ReviewStoreOf<PageFactSources>,
    wiki: string,
    pages: Page[],
    now: number,
    copyvioRevIds: ReadonlyMap<number, number | null>,
    out: Map<number, GatheredPage>,
  ): Promise<void> {
    const preset = this.preset(wiki);
    const ctx = this.#wikitextContext(wiki);
    const [firsts, latests] = await Promise.all([
      repos.revisions.firstMany(
        wiki,
        pages.map((p) => p.id),
      ),
      repos.revisions.getMany(
        wiki,
        pages.map((p) => p.latestRevId),
      ),
    ]);
    const ready = pages.filter((p) => firsts.has(p.id) && latests.has(p.latestRevId));
    if (ready.length === 0) return;
    const ids = ready.map((p) => p.id);
    const [revCounts, inbound, categories, deleted, creators] = await Promise.all([
      repos.revisions.countForPages(wiki, ids, REV_COUNT_CAP),
      repos.links.countInboundForPages(
        wiki,
        ready.filter((p) => !p.isRedirect).map((p) => p.id),
        { fromNamespace: 0, cap: LINK_COUNT_CAP },
      ),
      repos.links.categoriesOf(wiki, ids),
      repos.logs.existsMany(wiki, 'delete', DELETE_ACTIONS, ready),
      this.#creatorFacts(
        repos,
        wiki,
        ready.map((p) => firsts.get(p.id)!),
        now,
      ),
    ]);
    ready.forEach((page, i) => {
      const latest = latests.get(page.latestRevId)!;
      const metadata = compileMetadata(
        {
          isRedirect: page.isRedirect,
          pageLen: page.len,
          revCount: revCounts.get(page.id) ?? 0,
          inboundLinks: page.isRedirect ? 0 : (inbound.get(page.id) ?? 0),
          categories: (categories.get(page.id) ?? []).map((c) => c.replace(/_/g, ' ')),
          // Only what §1.6 takes from the text: analyzeWikitext computes these two the same way.
          snippet: makeSnippet(latest.text, ctx),
          hasReference: hasReference(latest.text, resolveContext(ctx)),
          previouslyDeleted: deleted[i]!,
          creator: creators.get(creatorKey(firsts.get(page.id)!))!,
          copyvioRevId: copyvioRevIds.get(page.id) ?? null,
        },
        preset,
      );
      out.set(page.id, { metadata, lastEdit: latest.timestamp });
    });
  }

  /** One analysis context per wiki and preset, so the analyser's per-context set-up is done once. */
  #wikitextContext(wiki: string): WikitextContext {
    const loaded = this.deps.wikis.get(wiki);
    const preset = this.preset(wiki);
    let ctx = this.#contexts.get(preset);
    if (!ctx || ctx.namespaces !== loaded.namespaces) {
      ctx = { namespaces: loaded.namespaces, citationTemplates: preset.citationTemplates };
      this.#contexts.set(preset, ctx);
    }
    return ctx;
  }

  readonly #contexts = new WeakMap<ReviewPreset, WikitextContext>();

  preset(wiki: string): ReviewPreset {
    return this.deps.presets.for(this.deps.wikis.get(wiki).info);
  }

  /**
   * The creator facts of each distinct author (by `creatorKey`) of the given revisions, at `now`:
   * the account, its groups unexpired at `now`, and its newest active block. An author without an
   * account (IP edits, imported names) gets the anonymous facts.
   */
  async #creatorFacts(
    repos: ReviewStoreOf<PageFactSources>,
    wiki: string,
    authors: readonly Pick<Revision, 'userId' | 'userText'>[],
    now: number,
  ): Promise<Map<string, CreatorFacts>> {
    const preset = this.preset(wiki);
    const autoconfirm = coreSettingsOf(this.deps.wikis.get(wiki).info).autoconfirm;
    const userIds = [...new Set(authors.filter((a) => a.userId > 0).map((a) => a.userId))];
    const [users, blocks] =
      userIds.length === 0
        ? [[], new Map()]
        : await Promise.all([
            repos.users.getManyByIds(wiki, userIds, now),
            repos.blocks.activeForUsers(wiki, userIds, now),
          ]);
    const byId = new Map(users.map((u) => [u.id, u]));
    const out = new Map<string, CreatorFacts>();
    for (const author of authors) {
      const key = creatorKey(author);
      if (out.has(key)) continue;
      const user = author.userId > 0 ? byId.get(author.userId) : undefined;
      if (!user) {
        out.set(key, {
          userId: 0,
          name: author.userText,
          isAnonymous: true,
          editCount: 0,
          registration: null,
          autoconfirmed: false,
          experience: isIpAddress(author.userText) || author.userText === '' ? 'anonymous' : 'newcomer',
          bot: false,
          autopatrol: false,
          blockedSitewide: false,
        });
        continue;
      }
      const stats = { editCount: user.editCount, registration: user.registration };
      const implicit = implicitGroups(stats, now, autoconfirm);
      const rights = rightsForGroups([...implicit, ...user.groups]);
      const block = blocks.get(user.id);
      out.set(key, {
        userId: user.id,
        name: user.name,
        isAnonymous: false,
        editCount: user.editCount,
        // §1.6: a NULL registration yields the compile time.
        registration: user.registration ?? now,
        autoconfirmed: rights.has('autoconfirmed'),
        experience: experienceLevel(stats, now, {
          learnerAgeDays: preset.experience.learnerDays,
          learnerEdits: preset.experience.learnerEdits,
          experiencedEdits: preset.experience.experiencedEdits,
          experiencedAgeDays: preset.experience.experiencedDays,
        }),
        bot: rights.has('bot'),
        autopatrol: rights.has('autopatrol'),
        blockedSitewide: block !== undefined && block.sitewide,
      });
    }
    return out;
  }
}

function creatorKey(author: Pick<Revision, 'userId' | 'userText'>): string {
  return `${author.userId}\u0000${author.userText}`;
}
