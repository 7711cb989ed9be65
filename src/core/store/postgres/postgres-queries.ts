import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DialectQueries, RowColumnType, SubstringIndex } from '../sql/dialect-queries.ts';
import { fullTextVector } from './full-text.ts';

export const postgresQueries: DialectQueries = Object.freeze({
  // The wire protocol counts bind parameters in 16 bits.
  maxParameters: 65535,
  lockSkippingLocked: (query) => query.forUpdate().skipLocked(),
  lockForUpdate: (query) => query.forUpdate(),
  serializeInserts: async (db, table) => {
    await sql`lock table ${sql.table(table)} in share row exclusive mode`.execute(db);
  },
  containsText: (column, text) => sql`strpos(${column}, ${text}) > 0`,
  // pg_trgm's GIN index answers LIKE, not strpos. A LIKE of the whole text makes GIN read the
  // posting list of every trigram, and common ones hold most rows: ask for the rarest trigrams
  // only (by a sample of the column: the two rarest; a third narrows little, as a word's trigrams
  // go together, and costs its posting list) and leave the rest to the caller's substring test.
  // GIN reads each posting list whole before the limit applies, so a keyword whose rarest trigram
  // is in too many rows is not probed at all. That bound is on the posting list, not on the cap:
  // two trigrams in a few thousand rows each commonly share a few hundred, under a cap of one or
  // two thousand (a bound of twice the cap left such keywords to a scan of the whole queue).
  substringCandidates: async (db, index, text, cap) => {
    const trigrams = distinctTrigrams(text);
    if (trigrams === undefined) return undefined;
    const sample = await sampledTrigrams(db, index);
    const rowsOf = (n: number) => (sample.rows > 0 ? (n / sample.rows) * sample.tableRows : 0);
    const rarest = trigrams
      .map((t) => ({ t, n: sample.counts.get(t) ?? 0 }))
      .sort((a, b) => a.n - b.n)
      .slice(0, 2);
    if (rowsOf(rarest[0]!.n) > Math.max(POSTING_LIST_ROWS, 2 * cap)) return undefined;
    const likes = sql.join(
      rarest.map((r) => sql`${sql.id(index.column)} like ${likePattern(r.t)}`),
      sql` and `,
    );
    const { rows } = await sql<{
      id: number;
    }>`select ${sql.id(index.key)} as id from ${sql.id(index.table)} where ${likes} limit ${cap}`.execute(db);
    if (rows.length >= cap) return undefined;
    const ids = rows.map((r) => Number(r.id));
    return { rows: ids.length, condition: anyKey(index.key, ids) };
  },
  // GIN keeps recent entries in a pending list that every search reads in full; autovacuum moves
  // them into the index eventually, this does it now, in one call. Only the index's owner may: a
  // service running as another role (migrations run by the owner) leaves it to autovacuum.
  compactSubstringIndex: async (db, index) => {
    await sql`select gin_clean_pending_list(c.oid) from pg_class c
      where c.oid = to_regclass(${index.name}) and pg_has_role(c.relowner, 'USAGE')`.execute(db);
    return false;
  },
  // VACUUM skips, with a warning, the tables this role does not own.
  // Per field one tsquery of its phrases (`'a' <-> 'b' & 'c'`), matched against the expression
  // its GIN index was built on; the score sums ts_rank over the fields searched.
  fullTextMatches: (index, phrases) => {
    const byField = new Map<string, string[]>();
    for (const p of phrases) {
      const list = byField.get(p.field) ?? [];
      list.push(p.words.map((w) => `'${w}'`).join(' <-> '));
      byField.set(p.field, list);
    }
    const parts = [...byField].map(([field, list]) => ({
      vector: fullTextVector(index.fields[field]!),
      query: sql`to_tsquery('simple'::regconfig, ${list.join(' & ')})`,
    }));
    const where = sql.join(
      parts.map((p) => sql`${p.vector} @@ ${p.query}`),
      sql` and `,
    );
    const score = sql.join(
      parts.map((p) => sql`ts_rank(${p.vector}, ${p.query})`),
      sql` + `,
    );
    return sql`(select ${sql.id(index.key)} as "key", ${score} as score from ${sql.id(index.table)} where ${where})`;
  },
  reclaimDeadRows: async (db, tables) => {
    if (tables.length > 0) await sql`vacuum (analyze) ${sql.join(tables.map((t) => sql.id(t)))}`.execute(db);
  },
  aliasUsingIndex: (alias) => sql.id(alias),
  mergeOrdered: <R>(parts: readonly RawBuilder<R>[], orderBy: readonly string[], limit: number) => {
    const order = sql`order by ${sql.join(orderBy.map((c) => sql.ref(c)))} limit ${limit}`;
    const limited = parts.map((p, i) => sql`select * from (${p} ${order}) as ${sql.id(`part${i}`)}`);
    return sql<R>`select * from (${sql.join(limited, sql` union all `)}) as merged ${order}`;
  },
  anyOf: (column, values) => anyKey(column, values),
  // A function in FROM returning a scalar names its one column after the alias.
  valuesTable: (values, alias) => ({
    table: (typeof values[0] === 'string'
      ? sql`unnest(${values}::text[])`
      : sql`unnest(${values}::int8[])`
    ).as(alias),
    column: sql.ref(alias),
  }),
  rowsTable: (columns, rows, alias) => {
    const names = Object.keys(columns) as (keyof typeof columns & string)[];
    const arrays = names.map((n) => {
      const values = rows.map((r) => {
        const v = r[n] ?? null;
        return typeof v === 'boolean' ? Number(v) : v;
      });
      return sql`${values}::${sql.raw(ARRAY_TYPES[columns[n]])}`;
    });
    return sql`unnest(${sql.join(arrays)})`.as(
      sql`${sql.ref(alias)}(${sql.join(names.map((n) => sql.ref(n)))})` as never,
    ) as never;
  },
  filtersOnTableRow: true,
} satisfies DialectQueries);

const ARRAY_TYPES: Record<RowColumnType, string> = { int: 'int8[]', real: 'float8[]', text: 'text[]' };

function anyKey(column: string, values: readonly number[] | readonly string[]) {
  return typeof values[0] === 'string'
    ? sql<SqlBool>`${sql.ref(column)} = any(${values}::text[])`
    : sql<SqlBool>`${sql.ref(column)} = any(${values}::int8[])`;
}

/** `%text%` with LIKE's wildcards and its escape character (backslash) taken literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The most rows a probed trigram is estimated to be in (its GIN posting list is read whole). */
const POSTING_LIST_ROWS = 50_000;

/** Rows of the column sampled for trigram frequencies. */
const SAMPLE_ROWS = 5000;

/** Lookups served by one sample before the column is sampled again. */
const SAMPLE_USES = 10_000;

/**
 * Trigram counts over a sample of `index.column`, per database handle, taken again every
 * SAMPLE_USES lookups: they only choose which trigrams to ask the index for (results are exact
 * whatever they say), so a stale sample costs speed, never correctness.
 */
const samples = new WeakMap<object, Map<string, { counts: Promise<TrigramSample>; uses: number }>>();

interface TrigramSample {
  /** Sampled rows holding each trigram. */
  counts: Map<string, number>;
  /** Rows sampled. */
  rows: number;
  /** The planner's row count of the table (pg_class.reltuples). */
  tableRows: number;
}

function sampledTrigrams<DB>(db: Kysely<DB>, index: SubstringIndex): Promise<TrigramSample> {
  let byIndex = samples.get(db);
  if (!byIndex) {
    byIndex = new Map();
    samples.set(db, byIndex);
  }
  const cached = byIndex.get(index.name);
  if (cached && cached.uses++ < SAMPLE_USES) return cached.counts;
  const sample = (async () => {
    const { rows } = await sql<{
      text: string;
    }>`select ${sql.id(index.column)} as text from ${sql.id(index.table)} tablesample system (1) limit ${SAMPLE_ROWS}`.execute(
      db,
    );
    const counts = new Map<string, number>();
    for (const { text } of rows)
      for (const t of distinctTrigrams(text) ?? []) counts.set(t, (counts.get(t) ?? 0) + 1);
    const size = await sql<{
      n: number;
    }>`select reltuples::float8 as n from pg_class where oid = ${index.table}::regclass`.execute(db);
    return { counts, rows: rows.length, tableRows: Math.max(0, Number(size.rows[0]?.n ?? 0)) };
  })();
  byIndex.set(index.name, { counts: sample, uses: 0 });
  sample.catch(() => byIndex.delete(index.name));
  return sample;
}

/** The distinct (overlapping) trigrams of `text`; undefined below three characters. */
function distinctTrigrams(text: string): string[] | undefined {
  const chars = Array.from(text);
  if (chars.length < 3) return undefined;
  const trigrams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) trigrams.add(chars.slice(i, i + 3).join(''));
  return [...trigrams];
}
