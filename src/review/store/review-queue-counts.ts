import type { QueueFilter } from '../domain/queue-filter.ts';
import type { RareFilter } from './review-schema-facts.ts';
import type { ReviewQueueCountTable } from './review-schema.ts';

/**
 * The review queue's counted conditions: what `review_queue_count` can tell about a filter, as
 * data that is both tested against the groups in memory (the list planner's snapshot) and rendered
 * as SQL over the counter (exact counts, summed by the database).
 */

/** One row of review_queue_count: how many rows of a namespace have these counted values. */
export type CountGroup = Omit<ReviewQueueCountTable, 'wiki' | 'namespace'>;

type CountColumn = Exclude<keyof CountGroup, 'n'>;

/** `column op value` on a counter column. */
interface Term {
  column: CountColumn;
  op: '=' | '>';
  value: number;
}

/** Terms ORed; an empty clause is false. A condition is its clauses ANDed (none: true). */
type Clause = Term[];
export type Condition = Clause[];

const is = (column: CountColumn, value: number): Clause => [{ column, op: '=', value }];

/** What the planner reads from review_queue_count. */
export interface PlannerCounts {
  /** Rows in the filter's buckets. */
  bucketRows: number;
  /** Rows in the buckets that pass every counted condition: exact when the filter is `complete`. */
  matches: number;
  /** Rows of each usable rare filter's partial index in the namespace (all buckets). */
  rare: { name: RareFilter; rows: number }[];
}

/** The groups in the range of a rare filter's partial index for this filter. */
const RARE_FLAGS: Record<RareFilter, (f: QueueFilter) => Clause> = {
  blocked: () => is('creator_blocked', 1),
  recreated: () => is('recreated', 1),
  bot: () => is('creator_bot', 1),
  copyvio: () => is('copyvio', 1),
  learner: () => is('learner', 1),
  afc: (f) => is('afc_state', Math.trunc(Number(f.afcState))),
};

/** Rare filters of `f` whose partial index the planner may read (each implies its index's condition). */
export function rareFiltersOf(f: QueueFilter): RareFilter[] {
  const out: RareFilter[] = [];
  if (f.blockedUsers) out.push('blocked');
  if (f.recreated) out.push('recreated');
  if (f.bots) out.push('bot');
  if (f.learners) out.push('learner');
  if (onlyCopyvio(f)) out.push('copyvio');
  if (f.afcState !== undefined && f.afcState > 1) out.push('afc');
  return out;
}

function onlyCopyvio(f: QueueFilter): boolean {
  return f.ores?.issues?.length === 1 && f.ores.issues[0] === 'copyvio';
}

/**
 * The filters that review_queue_count can count; `complete` when they are the whole filter besides
 * namespace, state and type, so the count is exact.
 */
export function countedPart(f: QueueFilter): { condition: Condition; complete: boolean } {
  const condition: Condition = rareFiltersOf(f).map((name) => RARE_FLAGS[name](f));
  if (f.afcState !== undefined && f.afcState <= 1)
    condition.push(is('afc_state', Math.trunc(Number(f.afcState))));
  if (f.nonAutoconfirmed) condition.push(is('creator_autoconfirmed', 0));
  if (f.autopatrolledCreators) condition.push(is('creator_autopatrol', 1));
  if (f.noCategory) condition.push(is('no_category', 1));
  if (f.unreferenced) condition.push(is('unreferenced', 1));
  if (f.noInboundLinks) condition.push(is('no_inbound_links', 1));
  const complete =
    f.createdFrom === undefined &&
    f.createdTo === undefined &&
    f.username === undefined &&
    (f.keyword === undefined || f.keyword === '') &&
    (f.ores === null || (f.ores.classes === null && onlyCopyvio(f)));
  return { condition, complete };
}

/** The filter's buckets on the counter (status > 0 is is_reviewed), as bucketCondition has them on rows. */
export function countedBuckets(f: QueueFilter): Condition {
  if (f.state === 'none') return [[]];
  const out: Condition = [];
  if (f.state === 'unreviewed') out.push(is('status', 0));
  if (f.state === 'reviewed') out.push([{ column: 'status', op: '>', value: 0 }]);
  const t = f.type;
  if (t.kind !== 'all') {
    const terms: Term[] = [];
    if (t.redirect !== undefined) terms.push(...is('is_redirect', t.redirect ? 1 : 0));
    if (t.nominated !== undefined) terms.push(...is('nominated', t.nominated ? 1 : 0));
    if (t.kind === 'or') out.push(terms);
    else out.push(...terms.map((term) => [term]));
  }
  return out;
}

/** Plain loops: the planner tests every group of a namespace (hundreds) at each list request. */
function holds(condition: Condition, g: CountGroup): boolean {
  for (let i = 0; i < condition.length; i++) {
    const clause = condition[i]!;
    let any = false;
    for (let j = 0; j < clause.length && !any; j++) {
      const t = clause[j]!;
      any = t.op === '=' ? g[t.column] === t.value : g[t.column] > t.value;
    }
    if (!any) return false;
  }
  return true;
}

/** The planner's counts for `f` from the groups of its namespace, tested in memory. */
export function countGroups(groups: readonly CountGroup[], f: QueueFilter): PlannerCounts {
  const buckets = countedBuckets(f);
  const { condition } = countedPart(f);
  const rare = rareFiltersOf(f);
  const rareConditions = rare.map((name) => [RARE_FLAGS[name](f)]);
  const rareRows = rare.map(() => 0);
  let bucketRows = 0;
  let matches = 0;
  for (const g of groups) {
    for (let i = 0; i < rareConditions.length; i++) if (holds(rareConditions[i]!, g)) rareRows[i]! += g.n;
    if (!holds(buckets, g)) continue;
    bucketRows += g.n;
    if (holds(condition, g)) matches += g.n;
  }
  return { bucketRows, matches, rare: rare.map((name, i) => ({ name, rows: rareRows[i]! })) };
}

/** A condition as SQL over review_queue_count's columns (inlined integer literals). */
function toSql(condition: Condition): string {
  if (condition.length === 0) return '(1 = 1)';
  const clause = (c: Clause) =>
    c.length === 0 ? '1 = 0' : c.map((t) => `${t.column} ${t.op} ${Math.trunc(t.value)}`).join(' or ');
  return `(${condition.map((c) => `(${clause(c)})`).join(' and ')})`;
}

/**
 * The select list that sums the planner's counts for `f` in one statement over the namespace's
 * groups (s0 bucket rows, s1 matches, s2… each rare filter), and the condition that limits the
 * groups read: without rare filters only the buckets' groups count, and (status, is_redirect,
 * nominated) follow (wiki, namespace) in the counter's key.
 */
export function countSums(f: QueueFilter): { select: string; where: string } {
  const rare = rareFiltersOf(f);
  const inBuckets = toSql(countedBuckets(f));
  const { condition } = countedPart(f);
  const matching = toSql([...countedBuckets(f), ...condition]);
  const sums = [inBuckets, matching, ...rare.map((name) => toSql([RARE_FLAGS[name](f)]))].map(
    (c) => `coalesce(sum(case when ${c} then n else 0 end), 0)`,
  );
  if (rare.length === 0) sums[0] = 'coalesce(sum(n), 0)';
  if (condition.length === 0) sums[1] = sums[0]!;
  return {
    select: sums.map((x, i) => `${x} as s${i}`).join(', '),
    where: rare.length === 0 ? inBuckets : '(1 = 1)',
  };
}

/** The planner's counts from the row countSums selected. */
export function fromSums(f: QueueFilter, row: Record<string, unknown>): PlannerCounts {
  const sum = (i: number) => Number(row[`s${i}`] ?? 0);
  return {
    bucketRows: sum(0),
    matches: sum(1),
    rare: rareFiltersOf(f).map((name, i) => ({ name, rows: sum(2 + i) })),
  };
}
