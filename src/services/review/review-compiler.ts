import type { Clock } from '../../domain/clock.ts';
import {
  compileMetadata,
  creatorMetadata,
  type CreatorFacts,
  type ReviewMetadata,
} from '../../domain/review/metadata.ts';
import type { ReviewPreset } from '../../domain/review/preset.ts';
import { experienceLevel, implicitGroups, rightsForGroups } from '../../domain/rights.ts';
import { isIpAddress } from '../../domain/user-names.ts';
import type { Page } from '../../domain/wiki.ts';
import type { Repositories, Store } from '../../store/store.ts';
import { analyzeWikitext, type WikitextContext } from '../../wikitext/analyze.ts';
import type { WikiRegistry } from '../wiki-registry.ts';
import type { ReviewPresets } from './review-presets.ts';

/** Deletion log actions that make a title "previously deleted" (§1.6 recreated). */
const DELETE_ACTIONS = ['delete', 'delete_redir', 'delete_redir2'];

/**
 * Compiles the review metadata of queued pages (review-queue-reference.md §1.5–1.6) from what the
 * store knows — the page, its first and latest revisions, links, categories, the creator's account,
 * groups and block, the deletion log — and saves it. Runs in jobs and in the backfill, never inside
 * a read request.
 */
export class ReviewCompiler {
  constructor(
    private readonly deps: { store: Store; wikis: WikiRegistry; presets: ReviewPresets; clock: Clock },
  ) {}

  /**
   * Compiles and saves one queued page; returns the metadata, or null when the page is not queued
   * or has no revision (the reference then skips the remaining components).
   */
  async compile(wiki: string, pageId: number): Promise<ReviewMetadata | null> {
    const { store, clock } = this.deps;
    const queued = await store.reviewQueue.get(wiki, pageId);
    if (!queued) return null;
    const page = await store.pages.getById(wiki, pageId);
    if (!page) return null;
    const now = clock();
    const result = await this.gather(store, page, now, queued.metadata?.copyvioRevId ?? null);
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
    const creator = await this.creatorFacts(store, wiki, first.userId, first.userText, now);
    await store.reviewQueue.saveMetadata(
      wiki,
      pageId,
      { ...queued.metadata, ...creatorMetadata(creator) },
      now,
    );
    return true;
  }

  /**
   * Gathers the facts of one page and compiles them (no write). `creators` shares creator facts
   * between the pages of one batch compiled at the same `now` (they depend on nothing else).
   */
  async gather(
    repos: Repositories,
    page: Page,
    now: number,
    copyvioRevId: number | null,
    creators?: Map<string, Promise<CreatorFacts>>,
  ): Promise<{ metadata: ReviewMetadata; lastEdit: number } | null> {
    const preset = this.preset(page.wiki);
    const [first, latest] = await Promise.all([
      repos.revisions.first(page.wiki, page.id),
      repos.revisions.get(page.wiki, page.latestRevId),
    ]);
    if (!first || !latest) return null;
    const [revCount, inbound, categories, previouslyDeleted, creator] = await Promise.all([
      repos.revisions.countForPage(page.wiki, page.id, 101),
      page.isRedirect
        ? Promise.resolve(0)
        : repos.links.countInbound(page.wiki, page.namespace, page.title, { fromNamespace: 0, cap: 51 }),
      repos.links.categoriesOf(page.wiki, [page.id]),
      repos.logs.exists(page.wiki, 'delete', DELETE_ACTIONS, page.namespace, page.title),
      this.#sharedCreatorFacts(repos, page.wiki, first.userId, first.userText, now, creators),
    ]);
    const analysis = analyzeWikitext(latest.text, this.#wikitextContext(page.wiki));
    const metadata = compileMetadata(
      {
        isRedirect: page.isRedirect,
        pageLen: page.len,
        revCount,
        inboundLinks: inbound,
        categories: (categories.get(page.id) ?? []).map((c) => c.replace(/_/g, ' ')),
        snippet: analysis.snippet,
        hasReference: analysis.references.hasReference,
        previouslyDeleted,
        creator,
        copyvioRevId,
      },
      preset,
    );
    return { metadata, lastEdit: latest.timestamp };
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

  #sharedCreatorFacts(
    repos: Repositories,
    wiki: string,
    userId: number,
    userText: string,
    now: number,
    creators: Map<string, Promise<CreatorFacts>> | undefined,
  ): Promise<CreatorFacts> {
    if (!creators) return this.creatorFacts(repos, wiki, userId, userText, now);
    const key = `${wiki}\u0000${userId}\u0000${userText}\u0000${now}`;
    let facts = creators.get(key);
    if (!facts) {
      facts = this.creatorFacts(repos, wiki, userId, userText, now);
      creators.set(key, facts);
    }
    return facts;
  }

  preset(wiki: string): ReviewPreset {
    return this.deps.presets.for(this.deps.wikis.get(wiki).info);
  }

  async creatorFacts(
    repos: Repositories,
    wiki: string,
    userId: number,
    userText: string,
    now: number,
  ): Promise<CreatorFacts> {
    const user = userId > 0 ? await repos.users.getById(wiki, userId) : undefined;
    if (!user) {
      return {
        userId: 0,
        name: userText,
        isAnonymous: true,
        editCount: 0,
        registration: null,
        autoconfirmed: false,
        experience: isIpAddress(userText) || userText === '' ? 'anonymous' : 'newcomer',
        bot: false,
        autopatrol: false,
        blockedSitewide: false,
      };
    }
    const preset = this.preset(wiki);
    const [groups, block] = await Promise.all([
      repos.users.groups(wiki, user.id, now),
      repos.blocks.activeForUser(wiki, user.id, now),
    ]);
    const stats = { editCount: user.editCount, registration: user.registration };
    const implicit = implicitGroups(stats, now, {
      minEdits: preset.autoconfirm.edits,
      minAgeSeconds: preset.autoconfirm.days * 86400,
    });
    const rights = rightsForGroups([...implicit, ...groups]);
    return {
      userId: user.id,
      name: user.name,
      isAnonymous: false,
      editCount: user.editCount,
      // §1.6: a NULL registration yields the compile time.
      registration: user.registration ?? now,
      autoconfirmed: rights.has('autoconfirmed'),
      experience: experienceLevel(stats, now, {
        learnerEdits: preset.experience.learnerEdits,
        learnerAgeDays: preset.experience.learnerDays,
        experiencedEdits: preset.experience.experiencedEdits,
        experiencedAgeDays: preset.experience.experiencedDays,
      }),
      bot: rights.has('bot'),
      autopatrol: rights.has('autopatrol'),
      blockedSitewide: block !== undefined && block.sitewide,
    };
  }
}
