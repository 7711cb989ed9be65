import {
  sql,
  type ExpressionBuilder,
  type Expression,
  type RawBuilder,
  type Selectable,
  type SqlBool,
  type Updateable,
} from 'kysely';
import type { ReviewMetadata } from '../domain/metadata.ts';
import {
  matchesType,
  sortsByReview,
  sortsDescending,
  type OresClass,
  type OresIssue,
  type QueueFilter,
  type QueueListQuery,
} from '../domain/queue-filter.ts';
import type { ReviewStatus } from '../domain/review-status.ts';
import {
  FILTER_BITS,
  NAMESPACE_CREATED_INDEX,
  NAMESPACE_REVIEW_INDEX,
  RARE_FILTER_INDEXES,
  REVIEWED_PERIOD_SECONDS,
  SNIPPET_INDEX,
  type FilterBit,
  type RareFilter,
} from './review-schema-facts.ts';
import type { ReviewDatabase, ReviewPageTable } from './review-schema.ts';
import type {
  NewQueuedPage,
  QueueBucketStats,
  QueuedPage,
  ReviewQueueRepository,
} from './review-queue-repository.ts';
import { chunkKeys, chunkRows, lastPerKey } from '../../core/store/sql/batching.ts';
import type { DialectQueries, SubstringIndex } from '../../core/store/sql/dialect-queries.ts';
import {
  countedPart,
  countGroups,
  countSums,
  fromSums,
  rareFiltersOf,
  type CountGroup,
  type PlannerCounts,
} from './review-queue-counts.ts';
import type { SqlContext } from '../../core/store/sql/sql-context.ts';

type Eb = ExpressionBuilder<ReviewDatabase, 'review_page'>;

/**
 * What a queued page is read as: the columns it needs (not the key, the wiki, the bucket columns
 * or filter_bits), and its thirteen 0/1 flags packed into one integer by the database. A list of
 * 20 pages reads about 500 values instead of 800: on SQLite, handing the values to JavaScript is
 * most of a list's cost (finding 21 rows through an index: 0.03 ms; reading all their columns:
 * 0.2 ms).
 */
const PAGE_COLUMNS = [
  'page_id',
  'namespace',
  'title',
  'status',
  'created_at',
  'reviewed_updated',
  'tags_updated',
  'last_reviewed_by',
  'reviewer_name',
  'link_count',
  'category_count',
  'rev_count',
  'page_len',
  'snippet',
  'creator_id',
  'creator_name',
  'creator_editcount',
  'creator_registration',
  'creator_experience',
  'afc_state',
  'copyvio_rev_id',
  'ores_articlequality',
  'ores_draftquality',
] as const satisfies readonly (keyof ReviewPageTable)[];

/** The flags, by bit (0 is the lowest). */
const PACKED_FLAGS = [
  'is_redirect',
  'nominated',
  'has_metadata',
  'csd',
  'prod',
  'blp_prod',
  'afd',
  'creator_autoconfirmed',
  'creator_bot',
  'creator_autopatrol',
  'creator_blocked',
  'has_reference',
  'recreated',
] as const satisfies readonly (keyof ReviewPageTable)[];

// `|` and `<<` share one precedence in SQLite and PostgreSQL: every shift is parenthesised.
const packedFlags =
  sql<number>`${sql.raw(PACKED_FLAGS.map((c, i) => (i === 0 ? c : `(${c} << ${i})`)).join(' | '))}`.as(
    'flags',
  );
const PAGE_SELECTION = [...PAGE_COLUMNS, packedFlags] as const;

type Row = Pick<Selectable<ReviewPageTable>, (typeof PAGE_COLUMNS)[number]> & { flags: number };
type Flag = (typeof PACKED_FLAGS)[number];
const flagBit = Object.fromEntries(PACKED_FLAGS.map((c, i) => [c, 1 << i])) as Record<Flag, number>;

/** Draft-quality class ids (review-queue-reference.md §2.1 ORES; §10: spam is class 2, OK is 1). */
const DRAFT_CLASS: Record<'attack' | 'ok' | 'spam' | 'vandalism', number> = {
  attack: 0,
  ok: 1,
  spam: 2,
  vandalism: 3,
};
const ORES_CLASS_ORDER: OresClass[] = ['stub', 'start', 'c', 'b', 'good', 'featured'];

/**
 * The review queue. The list query is planned here, not left to the reference's OR + GROUP BY
 * (review-queue-reference.md §11 "Performance"). Every plan reads one index in a known way (SQLite:
 * INDEXED BY, so its planner cannot wander onto a scan), tests the remaining filters on the row,
 * and stops after limit+1 rows:
 *
 * - buckets: the state and type filters select up to eight (is_reviewed, is_redirect, nominated)
 *   buckets; each is read in the requested order from `review_page_bucket_{created,review}_idx`
 *   with keyset continuation; with several, one statement unions each bucket's first keys, keeps
 *   the first limit+1 of them and reads only those rows in full by queue_id; all eight (every
 *   state and type) are one read of `review_page_namespace_{created,review}_idx` instead;
 *
 *     SELECT … FROM review_page INDEXED BY review_page_bucket_created_idx
 *     WHERE wiki = ? AND namespace = ? AND is_reviewed = ? AND is_redirect = ? AND nominated = ?
 *       AND (created_at < ? OR (created_at = ? AND page_id < ?))     -- keyset, when continuing
 *       AND <column tests of the other filters>
 *     ORDER BY created_at DESC, page_id DESC LIMIT ?
 *
 * - a rare filter's partial index (`RARE_FILTER_INDEXES`: blocked, recreated, bot, learner,
 *   copyvio, AfC state), or the creator index for `username`: one query with the buckets as a
 *   condition; in creation order these indexes are already sorted, for the review orders all their
 *   rows are read and sorted;
 * - the keyword: up to N candidate queue_ids from the snippet trigram index, then those rows.
 *
 * The choice is by rows read, from `review_queue_count` (exact counts per bucket and every boolean
 * filter, kept by triggers, summed by the database in one statement) and capped probes of the
 * creator and keyword indexes. The counts also answer `count` exactly when the filter is made of
 * counted conditions only, and prove empty results (e.g. learners who are not autoconfirmed).
 *
 * The statements each plan sends, per database, with the index each relies on: ./queries/*.sql
 * (kept in step, plans included, by test/review/review-queue-sql.test.ts).
 */
export class SqlReviewQueueRepository implements ReviewQueueRepository {
  /** The review_queue_count groups per wiki and namespace, as last read, for the list planner. */
  readonly #groupSnapshots = new Map<string, { groups: CountGroup[]; readAt: number; reading: boolean }>();

  constructor(private readonly ctx: SqlContext<ReviewDatabase>) {}

  async get(wiki: string, pageId: number): Promise<QueuedPage | undefined> {
    const row = await this.ctx
      .db()
      .selectFrom('review_page')
      .select(PAGE_SELECTION)
      .where('wiki', '=', wiki)
      .where('page_id', '=', pageId)
      .executeTakeFirst();
    return row && toQueuedPage(wiki, row);
  }

  async getMany(wiki: string, pageIds: number[]): Promise<QueuedPage[]> {
    const out: QueuedPage[] = [];
    for (const ids of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.ctx
        .db()
        .selectFrom('review_page')
        .select(PAGE_SELECTION)
        .where('wiki', '=', wiki)
        .where('page_id', 'in', ids)
        .execute();
      out.push(...rows.map((r) => toQueuedPage(wiki, r)));
    }
    return out;
  }

  async insert(page: NewQueuedPage): Promise<boolean> {
    const result = await this.ctx
      .db()
      .insertInto('review_page')
      .values(newRow(page))
      .onConflict((oc) => oc.columns(['wiki', 'page_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async upsertMany(
    pages: (NewQueuedPage & { metadata: ReviewMetadata | null; tagsUpdated: number | null })[],
  ): Promise<void> {
    const rows = lastPerKey(pages, (p) => `${p.wiki}\u0000${p.pageId}`).map((p) => ({
      ...newRow(p),
      ...(p.metadata ? metadataColumns(p.metadata) : uncompiledColumns),
      tags_updated: p.tagsUpdated,
    }));
    const width = rows[0] ? Object.keys(rows[0]).length : 1;
    for (const chunk of chunkRows(rows, width, this.ctx.dialect.maxParameters)) {
      await this.ctx
        .db()
        .insertInto('review_page')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['wiki', 'page_id']).doUpdateSet((eb) => {
            const set: Record<string, unknown> = {};
            for (const key of Object.keys(chunk[0]!)) {
              if (key !== 'wiki' && key !== 'page_id')
                set[key] = eb.ref(`excluded.${key}` as 'excluded.status');
            }
            return set as never;
          }),
        )
        .execute();
    }
  }

  async setStatus(
    wiki: string,
    pageId: number,
    change: { status: ReviewStatus; reviewedUpdated: number; lastReviewedBy: number; reviewerName: string },
  ): Promise<void> {
    await this.ctx
      .db()
      .updateTable('review_page')
      .set({
        status: change.status,
        is_reviewed: change.status > 0 ? 1 : 0,
        reviewed_updated: change.reviewedUpdated,
        last_reviewed_by: change.lastReviewedBy,
        reviewer_name: change.reviewerName,
      })
      .where('wiki', '=', wiki)
      .where('page_id', '=', pageId)
      .execute();
  }

  async updatePage(
    wiki: string,
    pageId: number,
    change: Partial<Pick<QueuedPage, 'namespace' | 'title' | 'isRedirect'>>,
  ): Promise<void> {
    const set: Updateable<ReviewPageTable> = {};
    if (change.namespace !== undefined) set.namespace = change.namespace;
    if (change.title !== undefined) set.title = change.title;
    if (change.isRedirect !== undefined) set.is_redirect = change.isRedirect ? 1 : 0;
    if (Object.keys(set).length === 0) return;
    await this.ctx
      .db()
      .updateTable('review_page')
      .set(set)
      .where('wiki', '=', wiki)
      .where('page_id', '=', pageId)
      .execute();
  }

  async saveMetadata(
    wiki: string,
    pageId: number,
    metadata: ReviewMetadata,
    now: number,
    reviewedUpdated?: number,
  ): Promise<void> {
    await this.ctx
      .db()
      .updateTable('review_page')
      .set({
        ...metadataColumns(metadata),
        tags_updated: now,
        ...(reviewedUpdated !== undefined ? { reviewed_updated: reviewedUpdated } : {}),
      })
      .where('wiki', '=', wiki)
      .where('page_id', '=', pageId)
      .execute();
  }

  async setCopyvio(wiki: string, pageId: number, revId: number | null, now: number): Promise<void> {
    await this.ctx
      .db()
      .updateTable('review_page')
      .set({ copyvio_rev_id: revId, tags_updated: now })
      .where('wiki', '=', wiki)
      .where('page_id', '=', pageId)
      .execute();
  }

  async setPredictions(
    wiki: string,
    pageId: number,
    p: { articleQuality?: number | null; draftQuality?: number | null },
  ): Promise<void> {
    const set: Updateable<ReviewPageTable> = {};
    if (p.articleQuality !== undefined) set.ores_articlequality = p.articleQuality;
    if (p.draftQuality !== undefined) set.ores_draftquality = p.draftQuality;
    if (Object.keys(set).length === 0) return;
    await this.ctx
      .db()
      .updateTable('review_page')
      .set(set)
      .where('wiki', '=', wiki)
      .where('page_id', '=', pageId)
      .execute();
  }

  async setCreatorBlocked(wiki: string, creatorName: string, blocked: boolean, now: number): Promise<number> {
    const result = await this.ctx
      .db()
      .updateTable('review_page')
      .set({ creator_blocked: blocked ? 1 : 0, tags_updated: now })
      .where('wiki', '=', wiki)
      .where('creator_name', '=', creatorName)
      .where('creator_blocked', '=', blocked ? 0 : 1)
      .where('has_metadata', '=', 1)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async delete(wiki: string, pageIds: number[]): Promise<void> {
    for (const ids of chunkKeys([...new Set(pageIds)])) {
      await this.ctx
        .db()
        .deleteFrom('review_page')
        .where('wiki', '=', wiki)
        .where('page_id', 'in', ids)
        .execute();
    }
  }

  async list(wiki: string, q: QueueListQuery, opts: { oresBounds: number[] }): Promise<QueuedPage[]> {
    const buckets = bucketsOf(q.filter);
    if (buckets.length === 0 || q.limit <= 0) return [];
    const fetch = q.limit + 1;
    // With nothing but buckets to read and nothing counted to prove empty, there is no choice.
    const access = needsPlan(q.filter)
      ? await this.#chooseAccess(wiki, q.filter, q.sort, fetch, await this.#plannerCounts(wiki, q.filter))
      : ({ kind: 'buckets' } as const);
    if (access === null) return [];
    const byReview = sortsByReview(q.sort);
    const desc = sortsDescending(q.sort);
    const direction = desc ? 'desc' : 'asc';
    const sortCol = byReview ? 'reviewed_updated' : 'created_at';
    const parts =
      access.kind !== 'buckets'
        ? [{ index: access.kind === 'index' ? access.index : '', bucket: undefined }]
        : buckets.length === ALL_BUCKETS
          ? [{ index: byReview ? NAMESPACE_REVIEW_INDEX : NAMESPACE_CREATED_INDEX, bucket: undefined }]
          : buckets.map((b) => ({ index: byReview ? BUCKET_REVIEW_INDEX : BUCKET_CREATED_INDEX, bucket: b }));
    const perPart = parts.map(({ index, bucket }) => {
      let query = this.#select(wiki, q.filter, opts.oresBounds, { index, bucket, access });
      if (q.after) {
        const after = q.after;
        const op = desc ? '<' : '>';
        // A row-value comparison is one range of the index on both databases; the equivalent OR of
        // two comparisons made SQLite sort the whole bucket once the limit was a literal.
        query = query.where((eb) =>
          after.pageId === undefined
            ? eb(sortCol, op, after.timestamp)
            : eb(eb.refTuple(sortCol, 'page_id'), op, eb.tuple(after.timestamp, after.pageId)),
        );
      }
      return query.orderBy(sortCol, direction).orderBy('page_id', direction).limit(sql.lit(fetch));
    });
    if (perPart.length === 1) {
      const keysFirst = this.#keysFirst(q.filter, parts[0]!, buckets.length, byReview, access);
      if (!keysFirst && access.kind !== 'keyword')
        return (await perPart[0]!.select(PAGE_SELECTION).execute()).map((r) => toQueuedPage(wiki, r));
      // The matching keys first, then only their rows: from the index alone (keysFirst), or, for
      // the keyword's candidates, sorting their keys rather than every matching row in full.
      const rows = await this.ctx
        .db()
        .selectFrom('review_page')
        .select(PAGE_SELECTION)
        .where((eb) =>
          keysFirst
            ? eb.and([eb('wiki', '=', wiki), eb('page_id', 'in', perPart[0]!.select('page_id'))])
            : eb('queue_id', 'in', perPart[0]!.select('queue_id')),
        )
        .orderBy(sortCol, direction)
        .orderBy('page_id', direction)
        .execute();
      return rows.map((r) => toQueuedPage(wiki, r));
    }
    // Several buckets, in one statement: each bucket's first keys in order (the bucket indexes
    // hold them, queue_id being the rowid on SQLite), the merged first `fetch` of those, and only
    // their rows in full.
    const dir = sql.raw(direction);
    const keys = sql.join(
      perPart.map(
        (query, i) =>
          sql`select queue_id, ${sql.ref(sortCol)}, page_id from ${query.select(['queue_id', sortCol, 'page_id']).as(`b${i}`)}`,
      ),
      sql` union all `,
    );
    const rows = await this.ctx
      .db()
      .selectFrom('review_page')
      .select(PAGE_SELECTION)
      .where(
        sql<SqlBool>`queue_id in (select queue_id from (${keys}) as k order by ${sql.ref(sortCol)} ${dir}, page_id ${dir} limit ${sql.lit(fetch)})`,
      )
      .execute();
    const order = (a: { page_id: number; sort: number }, b: { page_id: number; sort: number }) => {
      const d = a.sort - b.sort || a.page_id - b.page_id;
      return desc ? -d : d;
    };
    return rows
      .map((r) => ({ r, page_id: Number(r.page_id), sort: Number(r[sortCol]) }))
      .sort(order)
      .map((x) => toQueuedPage(wiki, x.r));
  }

  async count(wiki: string, filter: QueueFilter, opts: { oresBounds: number[] }): Promise<number> {
    const buckets = bucketsOf(filter);
    if (buckets.length === 0) return 0;
    const counts = await this.#exactCounts(wiki, filter);
    if (countedPart(filter).complete || counts.matches === 0) return counts.matches;
    // Every row must be read: drive from the smallest index range, in any order.
    const access = await this.#chooseAccess(wiki, filter, 'newestfirst', Number.MAX_SAFE_INTEGER, counts);
    if (access === null) return 0;
    const parts =
      access.kind === 'buckets'
        ? buckets.map((bucket) => ({ index: BUCKET_CREATED_INDEX, bucket }))
        : [{ index: access.kind === 'index' ? access.index : '', bucket: undefined }];
    const totals = await Promise.all(
      parts.map(async ({ index, bucket }) => {
        const row = await this.#select(wiki, filter, opts.oresBounds, { index, bucket, access })
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        return Number(row.n);
      }),
    );
    return totals.reduce((a, b) => a + b, 0);
  }

  async bucketStats(
    wiki: string,
    q: {
      namespace: number;
      statuses: ReviewStatus[];
      isRedirect: boolean;
      nominated?: boolean;
      afcState?: number;
    },
  ): Promise<QueueBucketStats> {
    const statuses = new Set<number>(q.statuses);
    const redirect = q.isRedirect ? 1 : 0;
    const nominated = q.nominated === undefined ? undefined : q.nominated ? 1 : 0;
    if (statuses.size === 0) return { count: 0, oldest: null };
    let counted = this.ctx
      .db()
      .selectFrom('review_queue_count')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('n'), eb.lit(0)).as('n'))
      .where('wiki', '=', wiki)
      .where('namespace', '=', q.namespace)
      .where('status', 'in', [...statuses])
      .where('is_redirect', '=', redirect);
    if (nominated !== undefined) counted = counted.where('nominated', '=', nominated);
    if (q.afcState !== undefined) counted = counted.where('afc_state', '=', q.afcState);
    const n = Number((await counted.executeTakeFirstOrThrow()).n);
    if (n === 0) return { count: n, oldest: null };
    // MIN(reviewed_updated): the first row of an index in that order that passes the other tests.
    const first = (index: string, where: (eb: Eb) => Expression<SqlBool>) =>
      this.ctx
        .db()
        .selectFrom(this.#table(index))
        .select('reviewed_updated')
        .where('wiki', '=', wiki)
        .where('namespace', '=', q.namespace)
        .where('is_redirect', '=', redirect)
        .where('status', 'in', [...statuses])
        .where(where)
        .orderBy('reviewed_updated')
        .limit(1)
        .executeTakeFirst();
    let found: ({ reviewed_updated: number } | undefined)[];
    if (q.afcState !== undefined && q.afcState > 1) {
      const afcState = q.afcState;
      found = [
        await first(AFC_REVIEW_INDEX, (eb) =>
          eb.and([
            rareCondition('afc'),
            eb('afc_state', '=', afcState),
            ...(nominated === undefined ? [] : [eb('nominated', '=', nominated)]),
          ]),
        ),
      ];
    } else {
      const reviewed = [...new Set([...statuses].map((s) => (s > 0 ? 1 : 0)))];
      const nominatedValues = nominated === undefined ? [0, 1] : [nominated];
      found = await Promise.all(
        reviewed.flatMap((r) =>
          nominatedValues.map((d) =>
            first(BUCKET_REVIEW_INDEX, (eb) =>
              eb.and([
                eb('is_reviewed', '=', r),
                eb('nominated', '=', d),
                ...(q.afcState !== undefined ? [eb('afc_state', '=', q.afcState)] : []),
              ]),
            ),
          ),
        ),
      );
    }
    const times = found.filter((r) => r !== undefined).map((r) => Number(r.reviewed_updated));
    return { count: n, oldest: times.length === 0 ? null : Math.min(...times) };
  }

  async countReviewedSince(
    wiki: string,
    q: { namespace: number; statuses: ReviewStatus[]; isRedirect: boolean; since: number },
  ): Promise<number> {
    const statuses = q.statuses.filter((s) => s > 0);
    if (statuses.length === 0) return 0;
    // Whole periods from the counter; the part of the first period after `since` from
    // review_page_bucket_review_idx alone (status is its last column): at most an hour of reviews.
    const firstWhole = Math.ceil(q.since / REVIEWED_PERIOD_SECONDS);
    const row = await this.ctx
      .db()
      .selectNoFrom((eb) => [
        eb
          .selectFrom('review_reviewed_count')
          .select((c) => c.fn.coalesce(c.fn.sum<number>('n'), c.lit(0)).as('n'))
          .where('wiki', '=', wiki)
          .where('namespace', '=', q.namespace)
          .where('is_redirect', '=', q.isRedirect ? 1 : 0)
          .where('status', 'in', statuses)
          .where('period', '>=', firstWhole)
          .as('counted'),
        eb
          .selectFrom(this.#table(BUCKET_REVIEW_INDEX))
          .select((c) => c.fn.countAll<number>().as('n'))
          .where('wiki', '=', wiki)
          .where('namespace', '=', q.namespace)
          .where('is_reviewed', '=', 1)
          .where('is_redirect', '=', q.isRedirect ? 1 : 0)
          .where('nominated', 'in', [0, 1])
          .where('reviewed_updated', '>=', q.since)
          .where('reviewed_updated', '<', firstWhole * REVIEWED_PERIOD_SECONDS)
          .where('status', 'in', statuses)
          .as('partial'),
      ])
      .executeTakeFirstOrThrow();
    return Number(row.counted ?? 0) + Number(row.partial ?? 0);
  }

  /** The planner's counts for `f` as they are now, summed by the database in one statement. */
  async #exactCounts(wiki: string, f: QueueFilter): Promise<PlannerCounts> {
    const { select, where } = countSums(f);
    const { rows } = await sql<Record<string, unknown>>`select ${sql.raw(select)}
      from review_queue_count where wiki = ${wiki} and namespace = ${f.namespace} and ${sql.raw(where)}`.execute(
      this.ctx.db(),
    );
    return fromSums(f, rows[0] ?? {});
  }

  /** The namespace's review_queue_count groups as they are now. */
  async #readGroups(wiki: string, namespace: number): Promise<CountGroup[]> {
    const rows = await this.ctx
      .db()
      .selectFrom('review_queue_count')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('namespace', '=', namespace)
      .execute();
    for (const r of rows) r.n = Number(r.n);
    return rows;
  }

  /**
   * The counts a list plans with. They only choose the index, and a plan chosen on slightly old
   * counts returns the same rows, so they come from a snapshot of the namespace's groups, tested
   * in memory (a few hundred to a few thousand groups; reading them costs milliseconds, testing
   * them microseconds), read again in the background once PLANNER_COUNTS_MAX_AGE_MS old. The one
   * conclusion drawn from counts — no row matches, so nothing is read — is drawn from exact ones.
   */
  async #plannerCounts(wiki: string, f: QueueFilter): Promise<PlannerCounts> {
    const key = `${wiki}\u0000${f.namespace}`;
    let snapshot = this.#groupSnapshots.get(key);
    if (!snapshot) {
      snapshot = {
        groups: await this.#readGroups(wiki, f.namespace),
        readAt: performance.now(),
        reading: false,
      };
      this.#groupSnapshots.set(key, snapshot);
    } else if (performance.now() - snapshot.readAt > PLANNER_COUNTS_MAX_AGE_MS && !snapshot.reading) {
      const stale = snapshot;
      stale.reading = true;
      setImmediate(() => {
        const readAt = performance.now();
        this.#readGroups(wiki, f.namespace).then(
          (groups) => this.#groupSnapshots.set(key, { groups, readAt, reading: false }),
          () => {
            stale.reading = false;
          },
        );
      });
    }
    const counts = countGroups(snapshot.groups, f);
    return counts.matches > 0 ? counts : this.#exactCounts(wiki, f);
  }

  /**
   * Picks the index to read (see the class comment). Costs are rows read: an index in the sort
   * order with R rows of which M match reads about fetch·R/M rows; one in another order reads all R
   * and sorts them. M is bounded by the counted filters; the keyword's R is probed with a cap at the
   * break-even point, so a frequent keyword costs the probe only. Null when the counts prove the
   * result empty.
   */
  async #chooseAccess(
    wiki: string,
    f: QueueFilter,
    sort: QueueListQuery['sort'],
    fetch: number,
    counts: PlannerCounts,
  ): Promise<Access | null> {
    if (counts.matches === 0) return null;
    const byCreation = !sortsByReview(sort);
    const options: { access: Access; rows: number; ordered: boolean }[] = [
      { access: { kind: 'buckets' }, rows: counts.bucketRows, ordered: true },
    ];
    // Matches are at most the counted ones, and at most what a complete probe found.
    let bound = counts.matches;
    for (const { name, rows } of counts.rare) {
      options.push({
        access: { kind: 'index', index: `review_page_${name}_idx`, rare: name },
        rows,
        ordered: byCreation,
      });
    }
    if (f.username !== undefined) {
      const row = await this.ctx
        .db()
        .selectFrom((db) =>
          db
            .selectFrom(this.#table(CREATOR_INDEX))
            .select('page_id')
            .where('wiki', '=', wiki)
            .where('creator_name', '=', f.username!)
            .where('namespace', '=', f.namespace)
            .limit(USERNAME_PROBE_CAP)
            .as('c'),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const rows = Number(row.n);
      if (rows < USERNAME_PROBE_CAP) bound = Math.min(bound, rows);
      options.push({ access: { kind: 'index', index: CREATOR_INDEX }, rows, ordered: byCreation });
    }
    if (f.keyword !== undefined && f.keyword !== '') {
      // Break-even of an unordered read (R rows) with an ordered one (fetch·R'/R rows).
      const orderedRows = Math.min(...options.filter((o) => o.ordered).map((o) => o.rows));
      const cap = Math.max(
        KEYWORD_PROBE_MIN,
        Math.min(KEYWORD_PROBE_MAX, Math.ceil(Math.sqrt(fetch * orderedRows))),
      );
      const candidates = await this.ctx.dialect.substringCandidates(this.ctx.db(), SNIPPET, f.keyword, cap);
      if (candidates !== undefined && candidates.rows < cap) {
        bound = Math.min(bound, candidates.rows);
        options.push({
          access: { kind: 'keyword', candidates: candidates.condition },
          rows: candidates.rows,
          ordered: false,
        });
      }
    }
    const cost = (o: { rows: number; ordered: boolean }) =>
      o.ordered ? Math.min(o.rows, (fetch * o.rows) / Math.max(bound, 1)) : 1.5 * o.rows;
    let best = options[0]!;
    for (const o of options) if (cost(o) < cost(best)) best = o;
    return best.access;
  }

  /**
   * Whether to read the keys first (see DialectQueries.filtersOnTableRow): only where filter_bits
   * filters the index's entries (PostgreSQL tests the ORES columns, plain comparisons, on the
   * entries already) and the index holds every column the conditions and the order test, so that
   * the key scan is index-only. The rare filters' and the creator's indexes have no bucket
   * columns: through them, only a read of every bucket qualifies.
   */
  #keysFirst(
    f: QueueFilter,
    part: { index: string; bucket: Bucket | undefined },
    buckets: number,
    byReview: boolean,
    access: Access,
  ): boolean {
    if (!this.ctx.dialect.filtersOnTableRow) return false;
    // A rare filter's index holds only rows with its bit set: that bit filters nothing there.
    const implied =
      access.kind === 'index' && access.rare ? (FILTER_BITS[access.rare as FilterBit]?.bit ?? 0) : 0;
    if ((filterBitsOf(f) & ~implied) === 0) return false;
    // Only the review-order indexes hold reviewed_updated.
    if (byReview && part.index !== BUCKET_REVIEW_INDEX && part.index !== NAMESPACE_REVIEW_INDEX) return false;
    if ((f.keyword !== undefined && f.keyword !== '') || f.afcState !== undefined) return false;
    if (f.username !== undefined && part.index !== CREATOR_INDEX) return false;
    return part.bucket !== undefined || buckets === ALL_BUCKETS;
  }

  /**
   * SELECT … FROM review_page (through `index`) WHERE wiki, namespace, one bucket or the union of
   * the filter's buckets, the access path's own condition, and every filter.
   */
  #select(
    wiki: string,
    f: QueueFilter,
    oresBounds: number[],
    part: { index: string; bucket: Bucket | undefined; access: Access },
  ) {
    const { bucket, access } = part;
    // The keyword's candidates are read by primary key; SQLite's NOT INDEXED makes that IN list
    // an order of magnitude slower, and no index competes with a short list of rowids.
    let query = this.ctx
      .db()
      .selectFrom(
        access.kind === 'keyword'
          ? sql<Selectable<ReviewPageTable>>`review_page`.as('review_page')
          : this.#table(part.index),
      )
      .where('wiki', '=', wiki)
      .where('namespace', '=', f.namespace);
    if (bucket) {
      query = query
        .where('is_reviewed', '=', sql.lit(bucket.reviewed))
        .where('is_redirect', '=', sql.lit(bucket.redirect))
        .where('nominated', '=', sql.lit(bucket.nominated));
    } else {
      query = query.where((eb) => bucketCondition(eb, f));
    }
    if (access.kind === 'index' && access.rare) query = query.where(rareCondition(access.rare));
    if (access.kind === 'keyword') query = query.where(access.candidates);
    return query.where((eb) => filterExpression(eb, f, oresBounds, this.ctx.dialect.containsText));
  }

  /** review_page read through `index` only; null: by its primary key or in full. */
  #table(index: string | null) {
    return sql<Selectable<ReviewPageTable>>`review_page`.as<'review_page'>(
      this.ctx.dialect.aliasUsingIndex('review_page', index),
    );
  }

  async compactKeywordIndex(): Promise<{ done: boolean }> {
    const more = await this.ctx.dialect.compactSubstringIndex(this.ctx.db(), SNIPPET, COMPACT_STEP_PAGES);
    return { done: !more };
  }

  async reclaimCounters(): Promise<void> {
    await this.ctx.dialect.reclaimDeadRows(this.ctx.db(), ['review_queue_count', 'review_reviewed_count']);
  }

  async scan(
    wiki: string,
    q: {
      createdBefore?: number;
      namespaces?: number[];
      excludeNamespaces?: number[];
      statuses?: ReviewStatus[];
      isRedirect?: boolean;
      tagsUpdatedBefore?: number;
      after?: { createdAt: number; pageId: number };
      limit: number;
    },
  ): Promise<QueuedPage[]> {
    let query = this.ctx.db().selectFrom('review_page').select(PAGE_SELECTION).where('wiki', '=', wiki);
    if (q.createdBefore !== undefined) query = query.where('created_at', '<', q.createdBefore);
    if (q.namespaces) query = query.where('namespace', 'in', q.namespaces.length ? q.namespaces : [-999]);
    if (q.excludeNamespaces?.length) query = query.where('namespace', 'not in', q.excludeNamespaces);
    if (q.statuses) query = query.where('status', 'in', q.statuses.length ? q.statuses : [-1]);
    if (q.isRedirect !== undefined) query = query.where('is_redirect', '=', q.isRedirect ? 1 : 0);
    if (q.tagsUpdatedBefore !== undefined) query = query.where('tags_updated', '<', q.tagsUpdatedBefore);
    if (q.after) {
      const a = q.after;
      query = query.where((eb) =>
        eb(eb.refTuple('created_at', 'page_id'), '<', eb.tuple(a.createdAt, a.pageId)),
      );
    }
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('page_id', 'desc')
      .limit(q.limit)
      .execute();
    return rows.map((r) => toQueuedPage(wiki, r));
  }
}

interface Bucket {
  reviewed: 0 | 1;
  redirect: 0 | 1;
  nominated: 0 | 1;
}

/** The (is_reviewed, is_redirect, nominated) buckets the state and type filters allow. */
export function bucketsOf(f: QueueFilter): Bucket[] {
  const reviewed: (0 | 1)[] =
    f.state === 'none' ? [] : f.state === 'unreviewed' ? [0] : f.state === 'reviewed' ? [1] : [0, 1];
  const out: Bucket[] = [];
  for (const r of reviewed)
    for (const redirect of [0, 1] as const)
      for (const nominated of [0, 1] as const)
        if (matchesType(f.type, redirect === 1, nominated === 1))
          out.push({ reviewed: r, redirect, nominated });
  return out;
}

/** How a list or count reads review_page: per bucket in order, or through one other index. */
type Access =
  | { kind: 'buckets' }
  | { kind: 'index'; index: string; rare?: RareFilter }
  | { kind: 'keyword'; candidates: RawBuilder<SqlBool> };

const BUCKET_CREATED_INDEX = 'review_page_bucket_created_idx';
/** Every (reviewed, redirect, nominated) combination: the namespace indexes read them all at once. */
const ALL_BUCKETS = 8;
const BUCKET_REVIEW_INDEX = 'review_page_bucket_review_idx';
const AFC_REVIEW_INDEX = 'review_page_afc_review_idx';
const CREATOR_INDEX = 'review_page_creator_idx';
/** Pages of the keyword index merged per compaction step: about 35 ms of writing at 1M pages. */
const COMPACT_STEP_PAGES = 500;
const SNIPPET: SubstringIndex = {
  name: SNIPPET_INDEX,
  table: 'review_page',
  key: 'queue_id',
  column: 'snippet',
};
/** The creator probe counts at most this many pages: beyond it the creator index is not "small". */
const USERNAME_PROBE_CAP = 2000;
const KEYWORD_PROBE_MIN = 64;
const KEYWORD_PROBE_MAX = 20_000;

/** How old the list planner's snapshot of review_queue_count may get before it is read again (see #plannerCounts). */
const PLANNER_COUNTS_MAX_AGE_MS = 2000;

/** Whether `f` has an index besides the buckets' to choose, or counted conditions that may prove it empty. */
function needsPlan(f: QueueFilter): boolean {
  return (
    rareFiltersOf(f).length > 0 ||
    countedPart(f).condition.length > 0 ||
    f.username !== undefined ||
    (f.keyword !== undefined && f.keyword !== '')
  );
}

/** The partial index's condition, word for word, so that SQLite may use the index. */
function rareCondition(name: RareFilter): Expression<SqlBool> {
  return sql.raw<SqlBool>(RARE_FILTER_INDEXES[name]);
}

/** The union of the filter's buckets as one condition (state, then the type truth table of §2.1). */
function bucketCondition(eb: Eb, f: QueueFilter): Expression<SqlBool> {
  const terms: Expression<SqlBool>[] = [];
  if (f.state === 'unreviewed') terms.push(eb('is_reviewed', '=', sql.lit(0)));
  if (f.state === 'reviewed') terms.push(eb('is_reviewed', '=', sql.lit(1)));
  if (f.state === 'none') terms.push(sql<SqlBool>`1 = 0`);
  const t = f.type;
  if (t.kind !== 'all') {
    const typeTerms: Expression<SqlBool>[] = [];
    if (t.redirect !== undefined) typeTerms.push(eb('is_redirect', '=', sql.lit(t.redirect ? 1 : 0)));
    if (t.nominated !== undefined) typeTerms.push(eb('nominated', '=', sql.lit(t.nominated ? 1 : 0)));
    terms.push(t.kind === 'and' ? eb.and(typeTerms) : eb.or(typeTerms));
  }
  return eb.and(terms);
}

/** The FILTER_BITS that every row of `f` has set. */
function filterBitsOf(f: QueueFilter): number {
  const wanted: [boolean, FilterBit][] = [
    [f.blockedUsers, 'blocked'],
    [f.recreated, 'recreated'],
    [f.bots, 'bot'],
    [f.learners, 'learner'],
    [f.nonAutoconfirmed, 'nonAutoconfirmed'],
    [f.autopatrolledCreators, 'autopatrol'],
    [f.noCategory, 'noCategory'],
    [f.unreferenced, 'unreferenced'],
    [f.noInboundLinks, 'noInboundLinks'],
  ];
  return wanted.reduce((bits, [on, name]) => (on ? bits | FILTER_BITS[name].bit : bits), 0);
}

function filterExpression(
  eb: Eb,
  f: QueueFilter,
  oresBounds: number[],
  containsText: DialectQueries['containsText'],
): Expression<SqlBool> {
  const terms: Expression<SqlBool>[] = [];
  if (f.createdFrom !== undefined) terms.push(eb('created_at', '>=', f.createdFrom));
  if (f.createdTo !== undefined) terms.push(eb('created_at', '<=', f.createdTo));
  // The boolean filters in one test of filter_bits, which the ordered indexes carry.
  const bits = filterBitsOf(f);
  if (bits !== 0) terms.push(sql<SqlBool>`(${sql.ref('filter_bits')} & ${sql.lit(bits)}) = ${sql.lit(bits)}`);
  if (f.username !== undefined) terms.push(eb('creator_name', '=', f.username));
  if (f.afcState !== undefined) terms.push(eb('afc_state', '=', f.afcState));
  // Case-sensitive and literal, as the reference's LIKE on a binary column (§10 "keyword is case-sensitive").
  if (f.keyword !== undefined && f.keyword !== '') terms.push(containsText(eb.ref('snippet'), f.keyword));
  if (f.ores) {
    if (f.ores.classes) terms.push(oresClassExpression(eb, f.ores.classes, oresBounds));
    if (f.ores.issues) terms.push(oresIssueExpression(eb, f.ores.issues));
  }
  return eb.and(terms);
}

/** Article-quality classes as score ranges: class i covers (bounds[i-1], bounds[i]]; the last is open. */
function oresClassExpression(eb: Eb, classes: OresClass[], bounds: number[]): Expression<SqlBool> {
  const ranges = classes.map((c) => {
    const i = ORES_CLASS_ORDER.indexOf(c);
    const lower = i === 0 ? undefined : bounds[i - 1];
    const upper = i < bounds.length ? bounds[i] : undefined;
    const parts: Expression<SqlBool>[] = [eb('ores_articlequality', 'is not', null)];
    if (lower !== undefined) parts.push(eb('ores_articlequality', '>=', lower));
    if (upper !== undefined) parts.push(eb('ores_articlequality', '<', upper));
    return eb.and(parts);
  });
  return eb.or(ranges);
}

/** §2.1: the issue options are ORed; `none` = no copyvio and (class OK or no prediction). */
function oresIssueExpression(eb: Eb, issues: OresIssue[]): Expression<SqlBool> {
  const copyvio = FILTER_BITS.copyvio.bit;
  const parts = issues.map((issue) => {
    switch (issue) {
      case 'copyvio':
        return sql<SqlBool>`(${sql.ref('filter_bits')} & ${sql.lit(copyvio)}) = ${sql.lit(copyvio)}`;
      case 'none':
        return eb.and([
          sql<SqlBool>`(${sql.ref('filter_bits')} & ${sql.lit(copyvio)}) = 0`,
          eb.or([eb('ores_draftquality', '=', DRAFT_CLASS.ok), eb('ores_draftquality', 'is', null)]),
        ]);
      default:
        return eb('ores_draftquality', '=', DRAFT_CLASS[issue]);
    }
  });
  return eb.or(parts);
}

function newRow(p: NewQueuedPage) {
  return {
    wiki: p.wiki,
    page_id: p.pageId,
    namespace: p.namespace,
    title: p.title,
    is_redirect: p.isRedirect ? 1 : 0,
    status: p.status,
    is_reviewed: p.status > 0 ? 1 : 0,
    created_at: p.createdAt,
    reviewed_updated: p.reviewedUpdated,
    last_reviewed_by: p.lastReviewedBy,
    reviewer_name: p.reviewerName,
  };
}

function metadataColumns(m: ReviewMetadata) {
  const b = (v: boolean) => (v ? 1 : 0);
  return {
    has_metadata: 1,
    nominated: b(m.csd || m.prod || m.blpProd || m.afd),
    link_count: m.linkCount,
    category_count: m.categoryCount,
    csd: b(m.csd),
    prod: b(m.prod),
    blp_prod: b(m.blpProd),
    afd: b(m.afd),
    rev_count: m.revCount,
    page_len: m.pageLen,
    snippet: m.snippet,
    creator_id: m.creatorId,
    creator_name: m.creatorName,
    creator_editcount: m.creatorEditCount,
    creator_registration: m.creatorRegistration,
    creator_autoconfirmed: b(m.creatorAutoconfirmed),
    creator_experience: m.creatorExperience as string,
    creator_bot: b(m.creatorBot),
    creator_autopatrol: b(m.creatorAutopatrol),
    creator_blocked: b(m.creatorBlocked),
    has_reference: b(m.hasReference),
    afc_state: m.afcState,
    copyvio_rev_id: m.copyvioRevId,
    recreated: b(m.recreated),
  };
}

/** Column values of a page whose metadata was never compiled (the migration's defaults). */
const uncompiledColumns: ReturnType<typeof metadataColumns> = {
  has_metadata: 0,
  nominated: 0,
  link_count: 0,
  category_count: 0,
  csd: 0,
  prod: 0,
  blp_prod: 0,
  afd: 0,
  rev_count: 0,
  page_len: 0,
  snippet: '',
  creator_id: 0,
  creator_name: '',
  creator_editcount: 0,
  creator_registration: null,
  creator_autoconfirmed: 0,
  creator_experience: '',
  creator_bot: 0,
  creator_autopatrol: 0,
  creator_blocked: 0,
  has_reference: 0,
  afc_state: 1,
  copyvio_rev_id: null,
  recreated: 0,
};

function toQueuedPage(wiki: string, r: Row): QueuedPage {
  const flags = r.flags;
  const on = (flag: Flag) => (flags & flagBit[flag]) !== 0;
  return {
    wiki,
    pageId: Number(r.page_id),
    namespace: r.namespace,
    title: r.title,
    isRedirect: on('is_redirect'),
    status: r.status as ReviewStatus,
    nominated: on('nominated'),
    createdAt: Number(r.created_at),
    reviewedUpdated: Number(r.reviewed_updated),
    tagsUpdated: r.tags_updated === null ? null : Number(r.tags_updated),
    lastReviewedBy: Number(r.last_reviewed_by),
    reviewerName: r.reviewer_name,
    metadata: on('has_metadata')
      ? {
          linkCount: r.link_count,
          categoryCount: r.category_count,
          csd: on('csd'),
          prod: on('prod'),
          blpProd: on('blp_prod'),
          afd: on('afd'),
          revCount: r.rev_count,
          pageLen: r.page_len,
          snippet: r.snippet,
          creatorId: Number(r.creator_id),
          creatorName: r.creator_name,
          creatorEditCount: r.creator_editcount,
          creatorRegistration: r.creator_registration === null ? null : Number(r.creator_registration),
          creatorAutoconfirmed: on('creator_autoconfirmed'),
          creatorExperience: r.creator_experience as ReviewMetadata['creatorExperience'],
          creatorBot: on('creator_bot'),
          creatorAutopatrol: on('creator_autopatrol'),
          creatorBlocked: on('creator_blocked'),
          hasReference: on('has_reference'),
          afcState: r.afc_state as 1 | 2 | 3 | 4,
          copyvioRevId: r.copyvio_rev_id === null ? null : Number(r.copyvio_rev_id),
          recreated: on('recreated'),
        }
      : null,
    oresArticleQuality: r.ores_articlequality,
    oresDraftQuality: r.ores_draftquality,
  };
}
