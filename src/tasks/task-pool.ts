import type { CoreServices } from '../core/core-services.ts';
import type { Page } from '../core/domain/wiki.ts';
import type { SuggestionsService } from '../suggestions/suggestions-service.ts';
import { taskTypesOf, recentEditEnds, type PageTaskFacts } from './domain/task-eligibility.ts';
import type { TaskSettings } from './domain/task-settings.ts';
import { queryPool, type PoolPage, type PoolQuery } from './pool-query.ts';
import type { PoolEntry } from './store/task-pool-repository.ts';
import type { TasksStore } from './store/tasks-store.ts';

/** The job that brings pages' tasks up to date (after edits, tag changes, protections…). */
export const REFRESH_TASKS_JOB = 'tasks:refresh-pages';

/** Pages per rebuild batch (one transaction each). */
const REBUILD_BATCH = 500;

/**
 * The task pool: which pages are tasks of which types (domain/task-eligibility.ts), kept in the
 * store (`task`, `task_topic`) from page facts, and queried in the seeded order of
 * domain/task-order.ts.
 */
export class TaskPool {
  readonly #core: CoreServices;
  readonly #store: TasksStore;
  readonly #suggestions: SuggestionsService;
  readonly #settings: (wiki: string) => Promise<TaskSettings>;
  readonly #topicsOf: (wiki: string, pageIds: readonly number[]) => Promise<Map<number, string[]>>;

  constructor(deps: {
    core: CoreServices;
    store: TasksStore;
    suggestions: SuggestionsService;
    settings: (wiki: string) => Promise<TaskSettings>;
    topicsOf: (wiki: string, pageIds: readonly number[]) => Promise<Map<number, string[]>>;
  }) {
    this.#core = deps.core;
    this.#store = deps.store;
    this.#suggestions = deps.suggestions;
    this.#settings = deps.settings;
    this.#topicsOf = deps.topicsOf;
  }

  /**
   * Recomputes the tasks of `pageIds` (gone pages lose theirs) in one transaction; a page left
   * out for a recent edit gets a refresh job for when that ends. Returns how many tasks they have.
   */
  async refresh(wiki: string, pageIds: readonly number[]): Promise<number> {
    const ids = [...new Set(pageIds)];
    if (ids.length === 0) return 0;
    const settings = await this.#settings(wiki);
    const pages = settings.enabled ? await this.#store.pages.getManyByIds(wiki, ids) : [];
    const now = this.#core.clock();
    const facts = await this.#facts(wiki, pages, now);
    const topics = await this.#topicsOf(
      wiki,
      pages.map((p) => p.id),
    );
    const excluded = await this.#store.pool.exclusionsAmong(
      wiki,
      pages.map((p) => p.id),
      now,
    );
    const entries: PoolEntry[] = [];
    const later: { pageId: number; at: number }[] = [];
    for (const p of pages) {
      const f = facts.get(p.id);
      if (!f) continue;
      const held = excluded.get(p.id);
      for (const taskType of taskTypesOf(f, settings, now)) {
        const until = held?.get(taskType);
        // Held out (an invalidated recommendation): back when the hold ends, if still a task then.
        if (until === undefined) entries.push({ pageId: p.id, taskType, topics: topics.get(p.id) ?? [] });
        else later.push({ pageId: p.id, at: until });
      }
      const end = recentEditEnds(f, settings, now);
      if (end !== undefined && f.namespace === 0 && !f.isRedirect) later.push({ pageId: p.id, at: end + 1 });
    }
    await this.#store.transaction(async (tx) => {
      await tx.pool.replacePages(wiki, ids, entries);
      for (const l of later)
        await this.#core.jobs.enqueueIn(tx, {
          type: REFRESH_TASKS_JOB,
          wiki,
          payload: { pageIds: [l.pageId] },
          runAfter: l.at,
          dedupeKey: `tasks-recheck:${wiki}:${String(l.pageId)}:${String(l.at)}`,
        });
    });
    return entries.length;
  }

  /** Recomputes the tasks of every article of the wiki, in batches; returns pages and tasks. */
  async rebuild(
    wiki: string,
    onProgress?: (done: number, total: number) => void,
  ): Promise<{ pages: number; tasks: number }> {
    const total = await this.#store.pages.count(wiki, 0);
    let after = 0;
    let pages = 0;
    let tasks = 0;
    for (;;) {
      const batch = await this.#store.pages.listByIdAfter(wiki, {
        namespaces: [0],
        afterId: after,
        limit: REBUILD_BATCH,
      });
      if (batch.length === 0) break;
      tasks += await this.refresh(
        wiki,
        batch.map((p) => p.id),
      );
      pages += batch.length;
      after = (batch.at(-1) as Page).id;
      onProgress?.(pages, Math.max(total, pages));
    }
    return { pages, tasks };
  }

  /** One page of tasks in the seeded order (pool-query.ts). */
  query(wiki: string, q: PoolQuery): Promise<PoolPage> {
    return queryPool(this.#store.pool, wiki, q);
  }

  /** What the eligibility rules read, for a batch of pages, in a fixed number of queries. */
  async #facts(wiki: string, pages: readonly Page[], now: number): Promise<Map<number, PageTaskFacts>> {
    const out = new Map<number, PageTaskFacts>();
    const articles = pages.filter((p) => p.namespace === 0 && !p.isRedirect);
    const ids = articles.map((p) => p.id);
    if (ids.length === 0) return out;
    const [props, templates, categories, protectedPages, revisions, tags] = await Promise.all([
      this.#store.links.pageProps(wiki, ids, ['disambiguation']),
      this.#store.links.templatesOf(wiki, ids),
      this.#store.links.categoriesOf(wiki, ids),
      this.#store.restrictions.restrictedAmong(wiki, ids, 'edit', now),
      this.#store.revisions.findKeys(wiki, {
        revIds: articles.map((p) => p.latestRevId),
        pageIds: [],
        timestamps: [],
      }),
      this.#suggestions.tagsOf(wiki, ids),
    ]);
    const lastEdit = new Map(revisions.map((r) => [r.id, r.timestamp]));
    for (const p of articles) {
      out.set(p.id, {
        namespace: p.namespace,
        isRedirect: p.isRedirect,
        disambiguation: props.get(p.id)?.disambiguation !== undefined,
        protected: protectedPages.has(p.id),
        lastEdit: lastEdit.get(p.latestRevId) ?? 0,
        templates: new Set(templates.get(p.id) ?? []),
        categories: new Set(categories.get(p.id) ?? []),
        suggestionTags: new Set(tags.get(p.id) ?? []),
      });
    }
    return out;
  }
}
