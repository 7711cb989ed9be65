import type { ExpressionBuilder, Expression, Selectable, SqlBool, Updateable } from 'kysely';
import type { ReviewMetadata } from '../../domain/review/metadata.ts';
import {
  matchesType,
  sortsByReview,
  sortsDescending,
  type OresClass,
  type OresIssue,
  type QueueFilter,
  type QueueListQuery,
} from '../../domain/review/queue-filter.ts';
import type { ReviewStatus } from '../../domain/review/review-status.ts';
import type { Database, ReviewPageTable } from '../schema.ts';
import type {
  NewQueuedPage,
  QueueBucketStats,
  QueuedPage,
  ReviewQueueRepository,
} from '../store.ts';
import { chunkKeys, chunkRows, lastPerKey } from './batching.ts';
import type { SqlContext } from './sql-context.ts';

type Eb = ExpressionBuilder<Database, 'review_page'>;
type Row = Selectable<ReviewPageTable>;

/** Draft-quality class ids (review-queue-reference.md §2.1 ORES; §10: spam is class 2, OK is 1). */
const DRAFT_CLASS: Record<'attack' | 'ok' | 'spam' | 'vandalism', number> = { attack: 0, ok: 1, spam: 2, vandalism: 3 };
const ORES_CLASS_ORDER: OresClass[] = ['stub', 'start', 'c', 'b', 'good', 'featured'];

/**
 * The review queue. The list query is planned here, not left to the reference's OR + GROUP BY:
 * the state and type filters select up to eight (is_reviewed, is_redirect, nominated) buckets; each
 * bucket is read in the requested order from `review_page_bucket_{created,review}_idx` (or a rare
 * filter's partial index) with LIMIT n+1 and keyset continuation, and the buckets are merged.
 * Every other filter is a test on a typed column of the same row.
 *
 *   SELECT … FROM review_page
 *   WHERE wiki = ? AND namespace = ? AND is_reviewed = ? AND is_redirect = ? AND nominated = ?
 *     AND (created_at < ? OR (created_at = ? AND page_id < ?))     -- keyset, when continuing
 *     AND <column tests of the other filters>
 *   ORDER BY created_at DESC, page_id DESC LIMIT ?                  -- per bucket, then merged
 */
export class SqlReviewQueueRepository implements ReviewQueueRepository {
  constructor(private readonly ctx: SqlContext) {}

  async get(wiki: string, pageId: number): Promise<QueuedPage | undefined> {
    const row = await this.ctx
      .db()
      .selectFrom('review_page')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('page_id', '=', pageId)
      .executeTakeFirst();
    return row && toQueuedPage(row);
  }

  async getMany(wiki: string, pageIds: number[]): Promise<QueuedPage[]> {
    const out: QueuedPage[] = [];
    for (const ids of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.ctx
        .db()
        .selectFrom('review_page')
        .selectAll()
        .where('wiki', '=', wiki)
        .where('page_id', 'in', ids)
        .execute();
      out.push(...rows.map(toQueuedPage));
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
              if (key !== 'wiki' && key !== 'page_id') set[key] = eb.ref(`excluded.${key}` as 'excluded.status');
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
    await this.ctx.db().updateTable('review_page').set(set).where('wiki', '=', wiki).where('page_id', '=', pageId).execute();
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
    await this.ctx.db().updateTable('review_page').set(set).where('wiki', '=', wiki).where('page_id', '=', pageId).execute();
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
      await this.ctx.db().deleteFrom('review_page').where('wiki', '=', wiki).where('page_id', 'in', ids).execute();
    }
  }

  async list(wiki: string, q: QueueListQuery, opts: { oresBounds: number[] }): Promise<QueuedPage[]> {
    const buckets = bucketsOf(q.filter);
    if (buckets.length === 0 || q.limit <= 0) return [];
    const byReview = sortsByReview(q.sort);
    const desc = sortsDescending(q.sort);
    const sortCol = byReview ? 'reviewed_updated' : 'created_at';
    const fetch = q.limit + 1;
    const perBucket = await Promise.all(
      buckets.map(async (b) => {
        let query = this.ctx
          .db()
          .selectFrom('review_page')
          .selectAll()
          .where('wiki', '=', wiki)
          .where('namespace', '=', q.filter.namespace)
          .where('is_reviewed', '=', b.reviewed)
          .where('is_redirect', '=', b.redirect)
          .where('nominated', '=', b.nominated)
          .where((eb) => filterExpression(eb, q.filter, opts.oresBounds));
        if (q.after) {
          const after = q.after;
          const op = desc ? '<' : '>';
          query = query.where((eb) =>
            after.pageId === undefined
              ? eb(sortCol, op, after.timestamp)
              : eb.or([
                  eb(sortCol, op, after.timestamp),
                  eb.and([eb(sortCol, '=', after.timestamp), eb('page_id', op, after.pageId)]),
                ]),
          );
        }
        return query
          .orderBy(sortCol, desc ? 'desc' : 'asc')
          .orderBy('page_id', desc ? 'desc' : 'asc')
          .limit(fetch)
          .execute();
      }),
    );
    const rows = perBucket.length === 1 ? perBucket[0]! : perBucket.flat();
    if (perBucket.length > 1) {
      rows.sort((a, b) => {
        const d = a[sortCol] - b[sortCol] || a.page_id - b.page_id;
        return desc ? -d : d;
      });
    }
    return rows.slice(0, fetch).map(toQueuedPage);
  }

  async count(wiki: string, filter: QueueFilter, opts: { oresBounds: number[] }): Promise<number> {
    const buckets = bucketsOf(filter);
    let total = 0;
    for (const b of buckets) {
      const row = await this.ctx
        .db()
        .selectFrom('review_page')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('wiki', '=', wiki)
        .where('namespace', '=', filter.namespace)
        .where('is_reviewed', '=', b.reviewed)
        .where('is_redirect', '=', b.redirect)
        .where('nominated', '=', b.nominated)
        .where((eb) => filterExpression(eb, filter, opts.oresBounds))
        .executeTakeFirstOrThrow();
      total += Number(row.n);
    }
    return total;
  }

  async bucketStats(
    wiki: string,
    q: { namespace: number; statuses: ReviewStatus[]; isRedirect: boolean; nominated?: boolean; afcState?: number },
  ): Promise<QueueBucketStats> {
    let query = this.ctx
      .db()
      .selectFrom('review_page')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('reviewed_updated').as('oldest')])
      .where('wiki', '=', wiki)
      .where('namespace', '=', q.namespace)
      .where('is_redirect', '=', q.isRedirect ? 1 : 0)
      .where('status', 'in', q.statuses);
    // Lead with the bucket columns so the count reads review_page_bucket_review_idx.
    if (q.statuses.every((s) => s > 0)) query = query.where('is_reviewed', '=', 1);
    else if (q.statuses.every((s) => s === 0)) query = query.where('is_reviewed', '=', 0);
    if (q.nominated !== undefined) query = query.where('nominated', '=', q.nominated ? 1 : 0);
    if (q.afcState !== undefined) query = query.where('afc_state', '=', q.afcState);
    const row = await query.executeTakeFirstOrThrow();
    const n = Number(row.n);
    return { count: n, oldest: n === 0 || row.oldest === null ? null : Number(row.oldest) };
  }

  async countReviewedSince(
    wiki: string,
    q: { namespace: number; statuses: ReviewStatus[]; isRedirect: boolean; since: number },
  ): Promise<number> {
    const row = await this.ctx
      .db()
      .selectFrom('review_page')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('wiki', '=', wiki)
      .where('namespace', '=', q.namespace)
      .where('is_reviewed', '=', 1)
      .where('is_redirect', '=', q.isRedirect ? 1 : 0)
      .where('status', 'in', q.statuses)
      .where('reviewed_updated', '>=', q.since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
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
    let query = this.ctx.db().selectFrom('review_page').selectAll().where('wiki', '=', wiki);
    if (q.createdBefore !== undefined) query = query.where('created_at', '<', q.createdBefore);
    if (q.namespaces) query = query.where('namespace', 'in', q.namespaces.length ? q.namespaces : [-999]);
    if (q.excludeNamespaces?.length) query = query.where('namespace', 'not in', q.excludeNamespaces);
    if (q.statuses) query = query.where('status', 'in', q.statuses.length ? q.statuses : [-1]);
    if (q.isRedirect !== undefined) query = query.where('is_redirect', '=', q.isRedirect ? 1 : 0);
    if (q.tagsUpdatedBefore !== undefined) query = query.where('tags_updated', '<', q.tagsUpdatedBefore);
    if (q.after) {
      const a = q.after;
      query = query.where((eb) =>
        eb.or([eb('created_at', '<', a.createdAt), eb.and([eb('created_at', '=', a.createdAt), eb('page_id', '<', a.pageId)])]),
      );
    }
    const rows = await query.orderBy('created_at', 'desc').orderBy('page_id', 'desc').limit(q.limit).execute();
    return rows.map(toQueuedPage);
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
        if (matchesType(f.type, redirect === 1, nominated === 1)) out.push({ reviewed: r, redirect, nominated });
  return out;
}

function filterExpression(eb: Eb, f: QueueFilter, oresBounds: number[]): Expression<SqlBool> {
  const terms: Expression<SqlBool>[] = [];
  if (f.createdFrom !== undefined) terms.push(eb('created_at', '>=', f.createdFrom));
  if (f.createdTo !== undefined) terms.push(eb('created_at', '<=', f.createdTo));
  if (f.noCategory) terms.push(eb('category_count', '=', 0));
  if (f.unreferenced) terms.push(eb('has_reference', '=', 0));
  if (f.noInboundLinks) terms.push(eb('link_count', '=', 0));
  if (f.recreated) terms.push(eb('recreated', '=', 1));
  if (f.nonAutoconfirmed) terms.push(eb('creator_autoconfirmed', '=', 0));
  if (f.learners) terms.push(eb('creator_experience', '=', 'learner'));
  if (f.blockedUsers) terms.push(eb('creator_blocked', '=', 1));
  if (f.bots) terms.push(eb('creator_bot', '=', 1));
  if (f.autopatrolledCreators) terms.push(eb('creator_autopatrol', '=', 1));
  if (f.username !== undefined) terms.push(eb('creator_name', '=', f.username));
  if (f.afcState !== undefined) terms.push(eb('afc_state', '=', f.afcState));
  // Case-sensitive and literal, as the reference's LIKE on a binary column (§10 "keyword is case-sensitive").
  if (f.keyword !== undefined && f.keyword !== '')
    terms.push(eb(eb.fn<string>('replace', [eb.ref('snippet'), eb.val(f.keyword), eb.val('')]), '<>', eb.ref('snippet')));
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
  const parts = issues.map((issue) => {
    switch (issue) {
      case 'copyvio':
        return eb('copyvio_rev_id', 'is not', null);
      case 'none':
        return eb.and([
          eb('copyvio_rev_id', 'is', null),
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

function toQueuedPage(r: Row): QueuedPage {
  return {
    wiki: r.wiki,
    pageId: Number(r.page_id),
    namespace: r.namespace,
    title: r.title,
    isRedirect: r.is_redirect === 1,
    status: r.status as ReviewStatus,
    nominated: r.nominated === 1,
    createdAt: Number(r.created_at),
    reviewedUpdated: Number(r.reviewed_updated),
    tagsUpdated: r.tags_updated === null ? null : Number(r.tags_updated),
    lastReviewedBy: Number(r.last_reviewed_by),
    reviewerName: r.reviewer_name,
    metadata: r.has_metadata
      ? {
          linkCount: r.link_count,
          categoryCount: r.category_count,
          csd: r.csd === 1,
          prod: r.prod === 1,
          blpProd: r.blp_prod === 1,
          afd: r.afd === 1,
          revCount: r.rev_count,
          pageLen: r.page_len,
          snippet: r.snippet,
          creatorId: Number(r.creator_id),
          creatorName: r.creator_name,
          creatorEditCount: r.creator_editcount,
          creatorRegistration: r.creator_registration === null ? null : Number(r.creator_registration),
          creatorAutoconfirmed: r.creator_autoconfirmed === 1,
          creatorExperience: r.creator_experience as ReviewMetadata['creatorExperience'],
          creatorBot: r.creator_bot === 1,
          creatorAutopatrol: r.creator_autopatrol === 1,
          creatorBlocked: r.creator_blocked === 1,
          hasReference: r.has_reference === 1,
          afcState: r.afc_state as 1 | 2 | 3 | 4,
          copyvioRevId: r.copyvio_rev_id === null ? null : Number(r.copyvio_rev_id),
          recreated: r.recreated === 1,
        }
      : null,
    oresArticleQuality: r.ores_articlequality,
    oresDraftQuality: r.ores_draftquality,
  };
}
