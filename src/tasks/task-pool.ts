import type { CoreServices } from '../core/core-services.ts';
import type { Page } from '../core/domain/wiki.ts';
import type { SuggestionsService } from '../suggestions/suggestions-service.ts';
import { taskTypesOf, recentEditEnds, type PageTaskFacts } from './domain/task-eligibility.ts';
import { phaseRange, walkStart, type WalkCursor } from './domain/task-order.ts';
import type { TaskSettings } from './domain/task-settings.ts';
import { TASK_TYPE_IDS, type TaskTypeId } from './domain/task-types.ts';
import type { PoolEntry, PoolFilter } from './store/task-pool-repository.ts';
import type { TasksStore } from './store/tasks-store.ts';

/** The job that brings pages' tasks up to date (after edits, tag changes, protections…). */
export const REFRESH_TASKS_JOB = 'tasks:refresh-pages';

/** Pages per rebuild batch (one transaction each). */
const REBUILD_BATCH = 500;

/** A task as a query returns it. */
export interface PoolTask {
  pageId: number;
  taskType: TaskTypeId;
  /** The requested topics the page is filed under. */
  topics: string[];
}

export interface PoolQuery {
  filter: PoolFilter;
  /** Walk start (from the seed) and where to resume. */
  start: number;
  cursor: WalkCursor | undefined;
  limit: number;
  excludePageIds: ReadonlySet<number>;
}

export interface PoolPage {
  tasks: PoolTask[];
  /** Distinct pages matching the filter, excluded pages left out. */
  totalCount: number;
  /** Where the next page starts; undefined when the walk is complete. */
  next: WalkCursor | undefined;
}

/** Rows fetched per stream per round of a walk. */
const WALK_FETCH = 64;
/** Rounds of a walk per request: an AND filter over sparse topics may need several. */
const MAX_ROUNDS = 50;

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

  /**
   * One page of tasks in the seeded order: the streams of the filter (a type, or a type under a
   * topic) merged by rank, each page once with the first of its types in configuration order,
   * AND-filtered by topic where asked, excluded pages skipped.
   */
  async query(wiki: string, q: PoolQuery): Promise<PoolPage> {
    const { filter } = q;
    const topics = filter.topics;
    const and = filter.mode === 'AND' && topics.length > 1;
    const streams = filter.taskTypes.flatMap((taskType) =>
      topics.length === 0
        ? [{ taskType }]
        : (and ? topics.slice(0, 1) : topics).map((topic) => ({ taskType, topic })),
    );
    const out: (PoolTask & { rank: number })[] = [];
    let cursor = q.cursor ?? walkStart(q.start);
    let complete = false;
    for (let round = 0; round < MAX_ROUNDS && out.length <= q.limit; round++) {
      const { from, below } = phaseRange(q.start, cursor);
      const rows = await this.#store.pool.walk(wiki, streams, from, below, WALK_FETCH);
      if (rows.length === 0) {
        if (cursor.phase === 1) {
          complete = true;
          break;
        }
        cursor = { phase: 1, rank: -1, pageId: -1 };
        continue;
      }
      // Rows are complete up to the earliest last row of a stream that returned a full fetch.
      const lastOf = new Map<number, { rank: number; pageId: number }>();
      const perStream = new Map<number, number>();
      for (const r of rows) {
        lastOf.set(r.stream, r);
        perStream.set(r.stream, (perStream.get(r.stream) ?? 0) + 1);
      }
      let horizon: { rank: number; pageId: number } | undefined;
      for (const [stream, n] of perStream) {
        if (n < WALK_FETCH) continue;
        const last = lastOf.get(stream) as { rank: number; pageId: number };
        if (
          !horizon ||
          last.rank < horizon.rank ||
          (last.rank === horizon.rank && last.pageId < horizon.pageId)
        )
          horizon = last;
      }
      const upTo = rows.filter(
        (r) => !horizon || r.rank < horizon.rank || (r.rank === horizon.rank && r.pageId <= horizon.pageId),
      );
      const byPage = new Map<number, { rank: number; types: Set<string> }>();
      for (const r of upTo) {
        const e = byPage.get(r.pageId) ?? { rank: r.rank, types: new Set<string>() };
        e.types.add((streams[r.stream] as { taskType: string }).taskType);
        byPage.set(r.pageId, e);
      }
      const candidates = [...byPage.keys()].filter((id) => !q.excludePageIds.has(id));
      const filed =
        topics.length > 0 ? await this.#store.pool.topicsAmong(wiki, candidates, topics) : new Map();
      for (const pageId of candidates) {
        const e = byPage.get(pageId) as { rank: number; types: Set<string> };
        const has = filed.get(pageId) ?? new Set<string>();
        if (and && !topics.every((t) => has.has(t))) continue;
        const taskType = TASK_TYPE_IDS.find((t) => e.types.has(t)) as TaskTypeId;
        out.push({ pageId, taskType, topics: topics.filter((t) => has.has(t)), rank: e.rank });
      }
      const last = upTo.at(-1) as { rank: number; pageId: number };
      cursor = { phase: cursor.phase, rank: last.rank, pageId: last.pageId };
    }
    const tasks = out.slice(0, q.limit);
    const more = out.length > q.limit || !complete;
    const lastTask = tasks.at(-1);
    const excluded = [...q.excludePageIds];
    const totalCount =
      (await this.#store.pool.count(wiki, filter)) -
      (excluded.length > 0 ? await this.#store.pool.count(wiki, filter, excluded) : 0);
    let next: WalkCursor | undefined;
    if (more) {
      next =
        out.length > q.limit && lastTask
          ? { phase: phaseOf(lastTask.rank, q.start), rank: lastTask.rank, pageId: lastTask.pageId }
          : cursor;
    }
    return { tasks: tasks.map(({ rank: _, ...t }) => t), totalCount, next };
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

/** The phase of the walk from `start` a rank falls in. */
function phaseOf(rank: number, start: number): 0 | 1 {
  return rank >= start ? 0 : 1;
}
