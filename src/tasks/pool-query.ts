import { RANK_LIMIT, pageRank, phaseRange, walkStart, type WalkCursor } from './domain/task-order.ts';
import { TASK_TYPE_IDS, type TaskTypeId } from './domain/task-types.ts';
import type { PoolFilter, TaskPoolRepository, WalkRow, WalkStream } from './store/task-pool-repository.ts';

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

/** Rounds of a walk per request at most (a round reads as many rows as it expects to need). */
const MAX_ROUNDS = 50;
/** Rows a round reads at most. */
const MAX_FETCH = 10_000;
/**
 * Rows per page a first round expects where the counts do not tell (a page has a row per type it
 * has and topic it is asked under).
 */
const GUESSED_ROWS_PER_PAGE = 2;
/**
 * The share of the tasks under the walked topics (or of all) the asked types must have for a walk
 * to read every type's tasks in one range, skipping the others, rather than a range per type: at
 * most this many times the rows it hands out.
 */
const ONE_RANGE_SHARE = 1 / 4;
/** How much more than expected a round reads, so that one round is nearly always enough. */
const FETCH_MARGIN = 1.15;

/** A place in the walk from `start`: phase, rank, page id, compared in that order. */
type Position = readonly [phase: number, rank: number, pageId: number];

const positionOf = (c: WalkCursor): Position => [c.phase, c.rank, c.pageId];
const isAfter = (a: Position, b: Position): boolean =>
  a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] > b[2];

/**
 * One page of tasks in the seeded order (domain/task-order.ts): the streams of the filter (its
 * types, all at once or one by one, each in all or under a topic) merged by rank, each page once
 * with the first of its types in configuration order, excluded pages skipped. An AND of topics
 * walks the streams of its rarest topic only, the others checked in the same statement.
 *
 * A round reads the rows it expects to need: `limit + 1` pages (the one more tells whether the walk
 * goes on), at the filter's density (its exact page count over the ranks), plus the excluded pages
 * whose ranks fall in that stretch (a page's rank is a function of its id), which widen it. The
 * excluded pages the walk passed are counted from its rows; only the others are looked up.
 */
export async function queryPool(pool: TaskPoolRepository, wiki: string, q: PoolQuery): Promise<PoolPage> {
  const { filter } = q;
  const topics = filter.topics;
  const and = filter.mode === 'AND' && topics.length > 1;
  const size = await pool.size(wiki, filter);
  const matching = size.pages;
  const byTopic = and ? size.byTopic : undefined;
  const walked = byTopic
    ? [topics.reduce((a, b) => ((byTopic.get(b) ?? 0) < (byTopic.get(a) ?? 0) ? b : a))]
    : topics;
  const alsoUnder = and ? topics.filter((t) => t !== walked[0]) : [];
  // Where the asked types are a good share of what the pool holds, a stream reads them all in one
  // range of the rank index; else a stream per type reads only theirs.
  const typeSets = size.typeShare >= ONE_RANGE_SHARE ? [filter.taskTypes] : filter.taskTypes.map((t) => [t]);
  const streams: WalkStream[] = (walked.length === 0 ? [undefined] : walked).flatMap((topic) =>
    typeSets.map((taskTypes) => (topic === undefined ? { taskTypes } : { taskTypes, topic })),
  );
  /** Rows a page can have at most: one per stream and type. */
  const rowsOfPage = streams.reduce((n, s) => n + s.taskTypes.length, 0);

  const excluded = excludedPositions(q.excludePageIds, q.start);
  /**
   * Pages (excluded ones included) a round should read to find `need` more that are not: the
   * excluded pages ahead, in walk order, widen the stretch as long as it would not hold `need`
   * others at the filter's density before reaching them.
   */
  const widened = (from: WalkCursor, need: number): number => {
    const at = positionOf(from);
    const ahead = excluded.filter((e) => isAfter(e.position, at));
    if (matching === 0 || ahead.length === 0) return need;
    const offset = (rank: number) => (rank - q.start + RANK_LIMIT) % RANK_LIMIT;
    const origin = offset(Math.max(from.rank, 0));
    const perRank = matching / RANK_LIMIT;
    // Before the k-th excluded page ahead lie about `pages` matching pages (a Poisson count), k of
    // them perhaps excluded: it widens the read unless the others surely make `need` first.
    let k = 0;
    for (; k < ahead.length; k++) {
      const pages = (offset(ahead[k]!.rank) - origin) * perRank;
      if (pages - k - 3 * Math.sqrt(pages) >= need) break;
    }
    return need + k;
  };

  const out: (PoolTask & { rank: number })[] = [];
  const begin = q.cursor ?? walkStart(q.start);
  let cursor = begin;
  let rowsPerPage = size.tasks !== undefined && matching > 0 ? size.tasks / matching : GUESSED_ROWS_PER_PAGE;
  let complete = false;
  const excludedMet = new Set<number>();
  for (let round = 0; round < MAX_ROUNDS && out.length <= q.limit; round++) {
    const pages = widened(cursor, q.limit + 1 - out.length);
    const fetch = Math.min(MAX_FETCH, Math.ceil(pages * rowsPerPage * FETCH_MARGIN) + rowsOfPage + 1);
    const { from, below } = phaseRange(q.start, cursor);
    const rows = await pool.walk(wiki, { streams, alsoUnder, from, below, limit: fetch });
    const full = rows.length === fetch;
    // All but the last page of a full read are whole (a read holds more rows than a page can have).
    const last = rows.at(-1);
    const whole = full && last ? rows.filter((r) => r.rank !== last.rank || r.pageId !== last.pageId) : rows;
    const met = pagesOf(whole);
    for (const p of met) {
      if (q.excludePageIds.has(p.pageId)) {
        excludedMet.add(p.pageId);
        continue;
      }
      const taskType = TASK_TYPE_IDS.find((t) => p.rows.some((r) => r.taskType === t))!;
      const filed = and ? topics : topics.filter((t) => p.rows.some((r) => streams[r.stream]!.topic === t));
      out.push({ pageId: p.pageId, taskType, topics: [...filed], rank: p.rank });
    }
    if (met.length > 0) {
      if (size.tasks === undefined) rowsPerPage = Math.max(1, whole.length / met.length);
      const end = whole.at(-1)!;
      cursor = { phase: cursor.phase, rank: end.rank, pageId: end.pageId };
    }
    if (!full) {
      if (cursor.phase === 1) {
        complete = true;
        break;
      }
      cursor = { phase: 1, rank: -1, pageId: -1 };
    }
  }

  // Excluded pages the walk passed are those of its rows; the others are looked up.
  const passed = (p: Position) =>
    isAfter(p, positionOf(begin)) && (complete || !isAfter(p, positionOf(cursor)));
  const elsewhere = excluded.filter((e) => !passed(e.position)).map((e) => e.pageId);
  const excludedMatching =
    excludedMet.size + (elsewhere.length > 0 ? await pool.countAmong(wiki, filter, elsewhere) : 0);

  const tasks = out.slice(0, q.limit);
  const lastTask = tasks.at(-1);
  let next: WalkCursor | undefined;
  if (out.length > q.limit && lastTask)
    next = { phase: lastTask.rank >= q.start ? 0 : 1, rank: lastTask.rank, pageId: lastTask.pageId };
  else if (!complete) next = cursor;
  return { tasks: tasks.map(({ rank: _, ...t }) => t), totalCount: matching - excludedMatching, next };
}

/** Each excluded page with its rank and place in the walk from `start`, in walk order. */
function excludedPositions(
  pageIds: ReadonlySet<number>,
  start: number,
): { pageId: number; rank: number; position: Position }[] {
  return [...pageIds]
    .map((pageId) => {
      const rank = pageRank(pageId);
      return { pageId, rank, position: [rank >= start ? 0 : 1, rank, pageId] as const };
    })
    .sort((a, b) => a.position[0] - b.position[0] || a.rank - b.rank || a.pageId - b.pageId);
}

/** Rows (in walk order) grouped by page, in the same order. */
function pagesOf(rows: readonly WalkRow[]): { pageId: number; rank: number; rows: WalkRow[] }[] {
  const out: { pageId: number; rank: number; rows: WalkRow[] }[] = [];
  for (const r of rows) {
    const current = out.at(-1);
    if (current?.pageId === r.pageId && current.rank === r.rank) current.rows.push(r);
    else out.push({ pageId: r.pageId, rank: r.rank, rows: [r] });
  }
  return out;
}
