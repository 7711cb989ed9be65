import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DialectQueries, SubstringIndex } from '../sql/dialect-queries.ts';

/** SQLite has one writer at a time (and BEGIN IMMEDIATE transactions), so claims need no row locks. */
export const sqliteQueries: DialectQueries = Object.freeze({
  // SQLITE_MAX_VARIABLE_NUMBER's default since SQLite 3.32.
  maxParameters: 32766,
  lockSkippingLocked: (query) => query,
  lockForUpdate: (query) => query,
  serializeInserts: () => Promise.resolve(),
  containsText: (column, text) => sql`instr(${column}, ${text}) > 0`,
  substringCandidates: async (db, index, text, cap) => {
    const trigrams = distinctTrigrams(text);
    if (trigrams === undefined) return undefined;
    // Rows containing `text` contain each of its trigrams. An FTS5 AND reads the whole doclist of
    // every term, and common trigrams have hundreds of thousands of rows: AND only the two
    // rarest, by estimate, and leave the rest to the caller's substring test.
    const cache = frequencyCache(db, index);
    const estimates: { t: string; n: number }[] = [];
    for (const t of spread(trigrams, MAX_ESTIMATED)) {
      estimates.push({ t, n: cache.get(t) ?? (await trigramFrequency(db, index, cache, t)) });
    }
    estimates.sort((a, b) => a.n - b.n);
    const rarest = estimates.slice(0, 2);
    if (rarest.length === 1 && rarest[0]!.n >= cap) return undefined;
    const query = rarest.map((e) => quoteTerm(e.t)).join(' AND ');
    const counts = candidateCounts(db, index);
    const known = counts.get(query);
    const now = performance.now();
    if (
      known !== undefined &&
      now - known.at < CANDIDATE_COUNT_TTL_MS &&
      (known.complete || known.n >= cap)
    ) {
      // Planned from a recent probe; the candidates themselves are read by the list statement.
      if (known.n >= cap) return undefined;
      const idx = sql.id(index.name);
      return {
        rows: known.n,
        condition: sql<SqlBool>`${sql.ref(index.key)} in (select rowid from ${idx} where ${idx} match ${query})`,
      };
    }
    const { rows } = await sql<{
      id: number;
    }>`select rowid as id from ${sql.id(index.name)} where ${sql.id(index.name)} match ${query} limit ${cap}`.execute(
      db,
    );
    if (counts.size >= ESTIMATE_CACHE_MAX) counts.clear();
    counts.set(query, { n: rows.length, complete: rows.length < cap, at: now });
    if (rows.length >= cap) return undefined;
    const ids = rows.map((r) => Number(r.id));
    return { rows: ids.length, condition: anyKey(index.key, ids) };
  },
  // A negative page count merges segments of any level, not only of levels holding `usermerge`
  // of them: repeated, it ends with one segment, as 'optimize' does in one long write. FTS5 made
  // no change (under two) when nothing was left to merge.
  compactSubstringIndex: async (db, index, pages) => {
    const changes = sql<{ n: number }>`select total_changes() as n`;
    const before = (await changes.execute(db)).rows[0]!.n;
    await sql`insert into ${sql.id(index.name)} (${sql.id(index.name)}, rank) values ('merge', ${sql.lit(-Math.max(1, Math.floor(pages)))})`.execute(
      db,
    );
    return (await changes.execute(db)).rows[0]!.n - before >= 2;
  },
  // `{cols} : "a b"` is a phrase in those columns; phrases side by side are ANDed.
  fullTextMatches: (index, phrases) => {
    const n = sql.id(index.name);
    const query = phrases
      .map((p) => `{${index.fields[p.field]!.join(' ')}} : "${p.words.join(' ')}"`)
      .join(' AND ');
    return sql`(select rowid as "key", -bm25(${n}) as score from ${n} where ${n} match ${query})`;
  },
  reclaimDeadRows: async () => {},
  aliasUsingIndex: (alias, index) =>
    index === null ? sql`${sql.id(alias)} not indexed` : sql`${sql.id(alias)} indexed by ${sql.id(index)}`,
  mergeOrdered: <R>(parts: readonly RawBuilder<R>[], orderBy: readonly string[], limit: number) =>
    sql<R>`${sql.join(parts, sql` union all `)} order by ${sql.join(orderBy.map((c) => sql.ref(c)))} limit ${limit}`,
  anyOf: (column, values) => anyKey(column, values),
  valuesTable: (values, alias) => ({
    table: sql`json_each(${JSON.stringify(values)})`.as(alias),
    column: sql.ref(`${alias}.value`),
  }),
  rowsTable: (columns, rows, alias) => {
    const names = Object.keys(columns);
    const cells = rows.map((r) => names.map((n) => r[n] ?? null));
    // `value ->> i` is the i-th element as an SQL value (a JSON string stays text).
    const select = names.map((n, i) => sql`value ->> ${sql.lit(i)} as ${sql.ref(n)}`);
    return sql`(select ${sql.join(select)} from json_each(${JSON.stringify(cells)}))`.as(alias) as never;
  },
  filtersOnTableRow: false,
} satisfies DialectQueries);

function anyKey(column: string, values: readonly number[] | readonly string[]) {
  return sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`;
}

/**
 * How many candidates a probe of an FTS5 query found lately, per database and index: `complete`
 * when it found fewer than its cap (`n` is the count), else `n` is the cap it reached. A keyword
 * is often asked for again (the next page, the stats, other patrollers); planning from this count
 * lets the list statement read the candidates itself, instead of a probe handing them over.
 */
const candidateCountCaches = new WeakMap<object, Map<string, Map<string, CandidateCount>>>();
interface CandidateCount {
  n: number;
  complete: boolean;
  /** performance.now() of the probe. */
  at: number;
}
/** How long a probe's count plans later statements (writes move it little in a minute). */
const CANDIDATE_COUNT_TTL_MS = 60_000;

function candidateCounts(db: object, index: SubstringIndex): Map<string, CandidateCount> {
  return cacheFor(candidateCountCaches, db, index);
}

/** Trigrams whose frequency is estimated per keyword, spread over it. */
const MAX_ESTIMATED = 32;
/** The newest rows read per trigram for its frequency estimate. */
const ESTIMATE_SAMPLE = 32;
const ESTIMATE_CACHE_MAX = 50_000;

/**
 * Estimated frequencies of trigrams, per database and index. They only choose which trigrams to
 * AND (results are exact whatever they say), so a cached one may be a little stale.
 */
const frequencyCaches = new WeakMap<object, Map<string, Map<string, number>>>();

function frequencyCache(db: object, index: SubstringIndex): Map<string, number> {
  return cacheFor(frequencyCaches, db, index);
}

/** The map of `caches` for this database and index, made on first use. */
function cacheFor<V>(
  caches: WeakMap<object, Map<string, Map<string, V>>>,
  db: object,
  index: SubstringIndex,
) {
  let byIndex = caches.get(db);
  if (!byIndex) {
    byIndex = new Map();
    caches.set(db, byIndex);
  }
  let cache = byIndex.get(index.name);
  if (!cache) {
    cache = new Map();
    byIndex.set(index.name, cache);
  }
  return cache;
}

/**
 * About how many rows hold `trigram`, remembered in `cache`: the exact count when it is rare,
 * otherwise extrapolated from the rowid span of its newest rows (rowids grow with insertion).
 */
async function trigramFrequency<DB>(
  db: Kysely<DB>,
  index: SubstringIndex,
  cache: Map<string, number>,
  trigram: string,
): Promise<number> {
  const { rows } = await sql<{
    id: number;
  }>`select rowid as id from ${sql.id(index.name)} where ${sql.id(index.name)} match ${quoteTerm(trigram)} order by rowid desc limit ${ESTIMATE_SAMPLE}`.execute(
    db,
  );
  const ids = rows.map((r) => Number(r.id));
  const n =
    ids.length < ESTIMATE_SAMPLE
      ? ids.length
      : Math.round(((ESTIMATE_SAMPLE - 1) * ids[0]!) / Math.max(1, ids[0]! - ids[ESTIMATE_SAMPLE - 1]!));
  if (cache.size >= ESTIMATE_CACHE_MAX) cache.clear();
  cache.set(trigram, n);
  return n;
}

/** The distinct (overlapping) trigrams of `text`; undefined below three characters. */
function distinctTrigrams(text: string): string[] | undefined {
  const chars = Array.from(text);
  if (chars.length < 3) return undefined;
  const trigrams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) trigrams.add(chars.slice(i, i + 3).join(''));
  return [...trigrams];
}

/** At most `max` items of `all`, spread over it (first and last included). */
function spread<T>(all: T[], max: number): T[] {
  if (all.length <= max) return all;
  return Array.from({ length: max }, (_, i) => all[Math.round((i * (all.length - 1)) / (max - 1))]!);
}

/** One FTS5 string term, taken literally. */
function quoteTerm(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}
