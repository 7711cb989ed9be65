import { randomBytes } from 'node:crypto';
import type { CoreServices } from '../../core/core-services.ts';
import { settingsOf, type SettingsDeclaration } from '../../core/domain/settings-schema.ts';
import type { Page, WikiInfo } from '../../core/domain/wiki.ts';
import { mediaRepoFor } from '../../core/media/page-images-update.ts';
import type { LoadedWiki } from '../../core/wikis/wiki-registry.ts';
import { fail } from '../../errors.ts';
import { withLanguageDefaults, type GeneratorSettings } from '../domain/generator-settings.ts';
import { datasetIdAt, uuidTime } from '../domain/image-suggestion.ts';
import {
  filterRules,
  suggestImages,
  type FilterRules,
  type PageSuggestion,
} from '../domain/page-suggestions.ts';
import { SectionAlignment } from '../domain/section-headings.ts';
import {
  TAG_IMAGE,
  TAG_SECTION_IMAGE,
  type GeneratorRun,
  type SuggestionTag,
} from '../store/generator-repository.ts';
import { appendTagEvents } from '../tag-events.ts';
import type { SuggestionsRepositories, SuggestionsStore } from '../store/suggestions-store.ts';
import type { Repositories } from '../../core/store/store.ts';
import { FileCache, readArticleFacts, type WikiPlan } from './article-facts.ts';

export interface GenerateProgress {
  done: number;
  /** Content pages of the wiki (an estimate: redirects are counted). */
  total: number;
  suggestedPages: number;
}

export interface GenerateOptions {
  /** Start a new dataset even when an unfinished run could be resumed. */
  restart?: boolean;
  /** Pages per batch (one transaction each). */
  batchSize?: number;
  onProgress?: (p: GenerateProgress) => void;
}

export interface GenerateSummary {
  wiki: string;
  datasetId: string;
  /** Pages looked at by this run, resumed parts included. */
  pages: number;
  suggestedPages: number;
  suggestions: number;
  sectionSuggestions: number;
  /** Whether an interrupted run was continued. */
  resumed: boolean;
  /** Rows of pages the run did not reach any more (no longer articles), removed at the end. */
  swept: number;
  seconds: number;
}

/** A batch's outcome. */
interface BatchResult {
  suggestedPages: number;
  suggestions: number;
  sectionSuggestions: number;
}

const DEFAULT_BATCH = 1000;

/** Seconds the family's content page count (the overuse threshold's base) is reused. */
const FAMILY_COUNT_TTL = 600;

/**
 * The suggestion generator (image-suggestions-and-page-queue.md §2): full runs over a wiki, one
 * dataset each, resumable; incremental updates of single pages with a dataset of their own. Each
 * batch is read with a fixed number of queries (article-facts.ts), decided without the database
 * (domain/page-suggestions.ts) and written in one transaction that replaces the pages'
 * suggestions and tags, unless a page already holds a newer dataset.
 */
export class SuggestionGenerator {
  readonly #core: CoreServices;
  readonly #store: SuggestionsStore;
  readonly #settings: SettingsDeclaration<GeneratorSettings>;

  constructor(core: CoreServices, store: SuggestionsStore, settings: SettingsDeclaration<GeneratorSettings>) {
    this.#core = core;
    this.#store = store;
    this.#settings = settings;
  }

  /** A full run over the wiki's content pages. */
  async run(wikiId: string, options: GenerateOptions = {}): Promise<GenerateSummary> {
    const started = performance.now();
    const plan = await this.plan(wikiId);
    if (!plan) throw fail('suggestions-unavailable', wikiId);
    const rules = await this.#rules(plan);
    const previous = await this.#store.generator.latestRun(wikiId);
    const resumed = !options.restart && previous !== undefined && previous.finishedAt === null;
    const now = this.#core.clock();
    const run: GeneratorRun = resumed
      ? previous
      : {
          wiki: wikiId,
          datasetId: datasetIdAt(Date.now(), randomBytes(10)),
          startedAt: now,
          afterPageId: 0,
          pagesDone: 0,
          suggestedPages: 0,
          suggestions: 0,
          sectionSuggestions: 0,
          finishedAt: null,
        };
    if (!resumed) await this.#store.generator.saveRun(run);
    let total = 0;
    for (const ns of plan.contentNamespaces) total += await this.#store.pages.count(wikiId, ns);
    const files = new FileCache(await this.#store.links.filesUsedOnAtLeast(plan.family, rules.overuse));
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    options.onProgress?.({ done: run.pagesDone, total, suggestedPages: run.suggestedPages });
    for (;;) {
      const pages = await this.#store.pages.listByIdAfter(wikiId, {
        namespaces: plan.contentNamespaces,
        afterId: run.afterPageId,
        limit: batchSize,
      });
      if (pages.length === 0) break;
      const decided = await this.#decide(plan, rules, files, pages);
      run.afterPageId = (pages.at(-1) as Page).id;
      run.pagesDone += pages.length;
      await this.#store.transaction(async (tx) => {
        const r = await writeBatch(
          tx,
          plan.wiki.info,
          this.#core.clock(),
          run.datasetId,
          pages.map((p) => p.id),
          decided,
        );
        run.suggestedPages += r.suggestedPages;
        run.suggestions += r.suggestions;
        run.sectionSuggestions += r.sectionSuggestions;
        await tx.generator.saveRun(run);
      });
      options.onProgress?.({
        done: run.pagesDone,
        total: Math.max(total, run.pagesDone),
        suggestedPages: run.suggestedPages,
      });
    }
    const swept = await this.#sweep(plan, run.datasetId);
    run.finishedAt = this.#core.clock();
    await this.#store.generator.saveRun(run);
    return {
      wiki: wikiId,
      datasetId: run.datasetId,
      pages: run.pagesDone,
      suggestedPages: run.suggestedPages,
      suggestions: run.suggestions,
      sectionSuggestions: run.sectionSuggestions,
      resumed,
      swept,
      seconds: (performance.now() - started) / 1000,
    };
  }

  /**
   * Brings the suggestions of `pageIds` up to date with a dataset of their own (incremental
   * updates): pages that are no longer articles (deleted, moved out, redirects) lose theirs.
   */
  async regenerate(wikiId: string, pageIds: readonly number[]): Promise<BatchResult> {
    const plan = await this.plan(wikiId);
    if (!plan || pageIds.length === 0) return { suggestedPages: 0, suggestions: 0, sectionSuggestions: 0 };
    const rules = await this.#rules(plan);
    const found = await this.#store.pages.getManyByIds(wikiId, [...new Set(pageIds)]);
    const articles = found.filter((p) => !p.isRedirect && plan.contentNamespaces.includes(p.namespace));
    const decided = await this.#decide(plan, rules, new FileCache(), articles);
    const datasetId = datasetIdAt(Date.now(), randomBytes(10));
    return this.#store.transaction(async (tx) => {
      const gone = [...new Set(pageIds)].filter((id) => !articles.some((p) => p.id === id));
      if (gone.length > 0) {
        await tx.generator.deleteSuggestions(wikiId, gone);
        await appendTagEvents(
          tx,
          plan.wiki.info,
          this.#core.clock(),
          await tx.generator.setTags(wikiId, gone, new Map()),
        );
        await tx.generator.deleteSections(
          wikiId,
          gone.filter((id) => !found.some((p) => p.id === id)),
        );
      }
      return writeBatch(
        tx,
        plan.wiki.info,
        this.#core.clock(),
        datasetId,
        articles.map((p) => p.id),
        decided,
      );
    });
  }

  /**
   * The articles of other wikis whose suggestions depend on the page `title` (prefixed display
   * or DB form) of `wikiId`: those linking to it by an interlanguage link. By wiki.
   */
  async dependents(wikiId: string, titles: readonly string[]): Promise<Map<string, number[]>> {
    const source = await this.#core.wikis.load(wikiId);
    const out = new Map<string, number[]>();
    for (const other of this.#core.wikis.list()) {
      if (other.info.id === wikiId || other.info.isMediaRepo) continue;
      const plan = await this.plan(other.info.id);
      if (!plan?.siblings.some((s) => s.info.id === wikiId)) continue;
      const ids = new Set<number>();
      for (const title of new Set(titles.map((t) => t.replace(/_/g, ' ')))) {
        for (const id of await this.#store.links.pagesWithLanglink(other.info.id, source.info.lang, title))
          ids.add(id);
      }
      if (ids.size > 0)
        out.set(
          other.info.id,
          [...ids].sort((a, b) => a - b),
        );
    }
    return out;
  }

  /** What a run of `wikiId` reads, or undefined when the wiki gets no suggestions. */
  async plan(wikiId: string): Promise<WikiPlan | undefined> {
    const wiki = await this.#core.wikis.load(wikiId);
    if (wiki.info.isMediaRepo) return undefined;
    const settings = withLanguageDefaults(settingsOf(wiki.info, this.#settings), wiki.info.lang);
    const mediaRepo = mediaRepoFor(wiki.info, this.#core.wikis);
    if (!settings.enabled || !mediaRepo) return undefined;
    const all = this.#core.wikis.list();
    const siblings: LoadedWiki[] =
      settings.siblings.length > 0
        ? settings.siblings.flatMap((id) => all.filter((w) => w.info.id === id && id !== wikiId))
        : all.filter((w) => !w.info.isMediaRepo && w.info.id !== wikiId && w.info.lang !== wiki.info.lang);
    return {
      wiki,
      settings,
      contentNamespaces: wiki.info.namespaces.filter((n) => n.content).map((n) => n.id),
      siblings,
      mediaRepo,
      family: all.map((w) => w.info.id),
      titlePatterns: settings.excludedTitlePatterns.map((p) => new RegExp(p, 'iu')),
      sections: settings.sections,
    };
  }

  /** The filter of the plan's wiki: "very many pages" measured against the family's content pages. */
  async #rules(plan: WikiPlan): Promise<FilterRules> {
    return filterRules(plan.settings, await this.#familyContentPages());
  }

  /** The family's content pages counted at most every 10 minutes (each incremental update reads it). */
  #familyPages: { at: number; pages: number } | undefined;

  async #familyContentPages(): Promise<number> {
    const now = this.#core.clock();
    if (this.#familyPages && now - this.#familyPages.at < FAMILY_COUNT_TTL) return this.#familyPages.pages;
    let pages = 0;
    for (const w of this.#core.wikis.list()) {
      if (w.info.isMediaRepo) continue;
      for (const ns of w.info.namespaces.filter((n) => n.content))
        pages += await this.#store.pages.count(w.info.id, ns.id);
    }
    this.#familyPages = { at: now, pages };
    return pages;
  }

  async #decide(
    plan: WikiPlan,
    rules: FilterRules,
    files: FileCache,
    pages: readonly Page[],
  ): Promise<Map<number, PageSuggestion[]>> {
    const facts = await readArticleFacts(this.#store, plan, pages);
    const names = new Set<string>();
    for (const a of facts) {
      if (a.excluded) continue;
      for (const cp of a.counterparts) {
        if (cp.leadImage !== null && !a.hasLeadImage) names.add(cp.leadImage);
        if (plan.sections) for (const s of cp.sections) for (const f of s.files) names.add(f);
      }
      if (!a.hasLeadImage) for (const f of a.categoryFiles) names.add(f);
    }
    const known = await files.load(this.#store, plan, names, rules.overuse);
    const alignment = plan.sections ? new SectionAlignment(plan.settings.sectionHeadings) : undefined;
    const out = new Map<number, PageSuggestion[]>();
    for (const a of facts) {
      const rows = suggestImages(a, known, rules, alignment, plan.mediaRepo);
      if (rows.length > 0) out.set(a.pageId, rows);
    }
    return out;
  }

  /**
   * Removes what the finished run `datasetId` superseded without visiting: rows of older datasets
   * of pages it never reached (no longer articles of the wiki). Newer datasets stay.
   */
  async #sweep(plan: WikiPlan, datasetId: string): Promise<number> {
    const wikiId = plan.wiki.info.id;
    const time = uuidTime(datasetId) as number;
    let swept = 0;
    let after = 0;
    for (;;) {
      const pages = await this.#store.generator.pagesWithDatasetBefore(wikiId, time, after, DEFAULT_BATCH);
      if (pages.length === 0) break;
      after = pages.at(-1) as number;
      const newest = await this.#store.generator.newestDatasets(wikiId, pages);
      const stale = pages.filter((id) => (newest.get(id)?.time ?? 0) < time);
      if (stale.length === 0) continue;
      swept += await this.#store.transaction(async (tx) => {
        const n = await tx.generator.deleteSuggestions(wikiId, stale);
        await appendTagEvents(
          tx,
          plan.wiki.info,
          this.#core.clock(),
          await tx.generator.setTags(wikiId, stale, new Map()),
        );
        return n;
      });
    }
    return swept;
  }
}

/**
 * Replaces the suggestions and tags of `pageIds` with `decided` (pages absent have none) as
 * dataset `datasetId`, in the caller's transaction; a page whose stored dataset is newer keeps it.
 * Each page whose tags change gets its `wikiqueue.image-suggestion-tags` event.
 */
async function writeBatch(
  tx: Repositories & SuggestionsRepositories,
  wikiInfo: WikiInfo,
  now: number,
  datasetId: string,
  pageIds: readonly number[],
  decided: ReadonlyMap<number, readonly PageSuggestion[]>,
): Promise<BatchResult> {
  const wiki = wikiInfo.id;
  const time = uuidTime(datasetId) as number;
  const newest = await tx.generator.newestDatasets(wiki, pageIds);
  const fresh = pageIds.filter((id) => {
    const n = newest.get(id);
    return !n || n.time < time || (n.time === time && n.id <= datasetId);
  });
  await tx.generator.deleteSuggestions(wiki, fresh);
  const rows = fresh.flatMap((id) =>
    (decided.get(id) ?? []).map((r) => ({ ...r, wiki, page_id: id, id: datasetId })),
  );
  await tx.suggestions.insertMissing(rows);
  const tags = new Map<number, SuggestionTag[]>();
  let sectionSuggestions = 0;
  for (const id of fresh) {
    const list = decided.get(id) ?? [];
    const sections = list.filter((r) => r.section_heading !== null).length;
    sectionSuggestions += sections;
    const t: SuggestionTag[] = [];
    if (list.length > sections) t.push(TAG_IMAGE);
    if (sections > 0) t.push(TAG_SECTION_IMAGE);
    if (t.length > 0) tags.set(id, t);
  }
  const tagChanges = await tx.generator.setTags(wiki, fresh, tags);
  await appendTagEvents(tx, wikiInfo, now, tagChanges);
  return {
    suggestedPages: tags.size,
    suggestions: rows.length - sectionSuggestions,
    sectionSuggestions,
  };
}
