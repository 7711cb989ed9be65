import { sql, type Selectable } from 'kysely';
import type { Revision } from '../../domain/wiki.ts';
import type { ArchiveTable, RevisionTable } from '../schema.ts';
import type {
  Contribution,
  ContributionQuery,
  PageContributor,
  RevisionKey,
  RevisionRepository,
  SortDir,
} from '../repositories/pages-and-revisions.ts';
import { chunkKeys, chunkRows } from './batching.ts';
import { startsWith } from './title-range.ts';
import type { SqlContext } from './sql-context.ts';

const revisionColumns = 12;

/** Columns copied from `revision` to `archive` (and back on restore). */
const revisionFields = [
  'wiki',
  'rev_id',
  'page_id',
  'parent_id',
  'timestamp',
  'user_id',
  'user_text',
  'comment',
  'minor',
  'len',
  'sha1',
  'text',
] as const;

export class SqlRevisionRepository implements RevisionRepository {
  constructor(private readonly ctx: SqlContext) {}

  async get(wiki: string, revId: number): Promise<Revision | undefined> {
    const row = await this.ctx
      .db()
      .selectFrom('revision')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('rev_id', '=', revId)
      .executeTakeFirst();
    return row && toRevision(row);
  }

  /**
   * SELECT rev_id, page_id, timestamp, sha1 FROM revision WHERE wiki = ? AND rev_id IN (…) (primary
   * key), and … AND page_id IN (…) AND timestamp IN (…) (revision_page_time_idx).
   */
  async findKeys(
    wiki: string,
    q: { revIds: number[]; pageIds: number[]; timestamps: number[] },
  ): Promise<RevisionKey[]> {
    const found = new Map<number, RevisionKey>();
    const select = () =>
      this.ctx
        .db()
        .selectFrom('revision')
        .select(['rev_id', 'page_id', 'timestamp', 'sha1'])
        .where('wiki', '=', wiki);
    const keep = (rows: Pick<RevisionTable, 'rev_id' | 'page_id' | 'timestamp' | 'sha1'>[]) => {
      for (const r of rows)
        found.set(r.rev_id, { id: r.rev_id, pageId: r.page_id, timestamp: r.timestamp, sha1: r.sha1 });
    };
    for (const chunk of chunkKeys([...new Set(q.revIds)]))
      keep(await select().where('rev_id', 'in', chunk).execute());
    const times = [...new Set(q.timestamps)];
    for (const pages of times.length > 0 ? chunkKeys([...new Set(q.pageIds)], 1000) : []) {
      for (const chunk of chunkKeys(times, 1000))
        keep(await select().where('page_id', 'in', pages).where('timestamp', 'in', chunk).execute());
    }
    return [...found.values()];
  }

  async insert(rev: Revision): Promise<void> {
    await this.ctx.db().insertInto('revision').values(toRow(rev)).execute();
  }

  async insertMany(revs: Revision[]): Promise<void> {
    for (const chunk of chunkRows(revs.map(toRow), revisionColumns, this.ctx.dialect.maxParameters)) {
      await this.ctx
        .db()
        .insertInto('revision')
        .values(chunk)
        .onConflict((oc) => oc.columns(['wiki', 'rev_id']).doNothing())
        .execute();
    }
  }

  /**
   * Keyset paging on (timestamp, rev_id) over index revision_page_time_idx. `startId` names a
   * revision (of any page, as rvstartid does) whose position starts the listing, inclusive; an
   * unknown startId gives an empty list. Without `withText` the text is returned as ''.
   */
  async listForPage(
    wiki: string,
    pageId: number,
    q: { dir: SortDir; limit: number; startId?: number; withText?: boolean },
  ): Promise<Revision[]> {
    const older = q.dir === 'older';
    let query = this.ctx
      .db()
      .selectFrom('revision')
      .select([...revisionFields.filter((c) => c !== 'text')])
      .select(q.withText ? sql.ref<string>('text').as('text') : sql<string>`''`.as('text'))
      .where('wiki', '=', wiki)
      .where('page_id', '=', pageId);
    if (q.startId !== undefined) {
      const start = await this.ctx
        .db()
        .selectFrom('revision')
        .select(['timestamp', 'rev_id'])
        .where('wiki', '=', wiki)
        .where('rev_id', '=', q.startId)
        .executeTakeFirst();
      if (!start) return [];
      query = query.where((eb) =>
        eb(eb.refTuple('timestamp', 'rev_id'), older ? '<=' : '>=', eb.tuple(start.timestamp, start.rev_id)),
      );
    }
    const order = older ? 'desc' : 'asc';
    const rows = await query.orderBy('timestamp', order).orderBy('rev_id', order).limit(q.limit).execute();
    return rows.map(toRevision);
  }

  async first(wiki: string, pageId: number): Promise<Revision | undefined> {
    const row = await this.ctx
      .db()
      .selectFrom('revision')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('page_id', '=', pageId)
      .orderBy('timestamp', 'asc')
      .orderBy('rev_id', 'asc')
      .limit(1)
      .executeTakeFirst();
    return row && toRevision(row);
  }

  async countForPage(wiki: string, pageId: number, cap: number): Promise<number> {
    const row = await this.ctx
      .db()
      .selectFrom((eb) =>
        eb
          .selectFrom('revision')
          .select('rev_id')
          .where('wiki', '=', wiki)
          .where('page_id', '=', pageId)
          .limit(cap)
          .as('capped'),
      )
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** SELECT * FROM revision WHERE wiki = ? AND rev_id IN (…) (primary key). */
  async getMany(wiki: string, revIds: number[]): Promise<Map<number, Revision>> {
    const out = new Map<number, Revision>();
    for (const chunk of chunkKeys([...new Set(revIds)])) {
      const rows = await this.ctx
        .db()
        .selectFrom('revision')
        .selectAll()
        .where('wiki', '=', wiki)
        .where('rev_id', 'in', chunk)
        .execute();
      for (const row of rows) out.set(row.rev_id, toRevision(row));
    }
    return out;
  }

  /**
   * One index seek per page (revision_page_time_idx), driven by the page table so that a huge
   * history costs no more than a short one:
   *   SELECT <all but text> FROM revision WHERE wiki = ? AND rev_id IN (
   *     SELECT (SELECT r.rev_id FROM revision r WHERE r.wiki = ? AND r.page_id = p.page_id
   *             ORDER BY r.timestamp, r.rev_id LIMIT 1)
   *     FROM page p WHERE p.wiki = ? AND p.page_id IN (…))
   */
  async firstMany(wiki: string, pageIds: number[]): Promise<Map<number, Revision>> {
    const out = new Map<number, Revision>();
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.ctx
        .db()
        .selectFrom('revision')
        .select([...revisionFields.filter((c) => c !== 'text')])
        .select(sql<string>`''`.as('text'))
        .where('wiki', '=', wiki)
        .where('rev_id', 'in', (eb) =>
          eb
            .selectFrom('page as p')
            .select((inner) =>
              inner
                .selectFrom('revision as r')
                .select('r.rev_id')
                .where('r.wiki', '=', wiki)
                .whereRef('r.page_id', '=', 'p.page_id')
                .orderBy('r.timestamp', 'asc')
                .orderBy('r.rev_id', 'asc')
                .limit(1)
                .as('first_rev_id'),
            )
            .where('p.wiki', '=', wiki)
            .where('p.page_id', 'in', chunk),
        )
        .execute();
      for (const row of rows) out.set(row.page_id, toRevision(row));
    }
    return out;
  }

  /**
   * A capped count per page over the covering revision_page_time_idx, driven by the page table:
   *   SELECT p.page_id, (SELECT count(*) FROM (SELECT r.rev_id FROM revision r
   *     WHERE r.wiki = ? AND r.page_id = p.page_id LIMIT :cap) capped) AS n
   *   FROM page p WHERE p.wiki = ? AND p.page_id IN (…)
   */
  async countForPages(wiki: string, pageIds: number[], cap: number): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.ctx
        .db()
        .selectFrom('page as p')
        .select('p.page_id')
        .select((eb) =>
          eb
            .selectFrom(
              eb
                .selectFrom('revision as r')
                .select('r.rev_id')
                .where('r.wiki', '=', wiki)
                .whereRef('r.page_id', '=', 'p.page_id')
                .limit(cap)
                .as('capped'),
            )
            .select((c) => c.fn.countAll().as('n'))
            .as('n'),
        )
        .where('p.wiki', '=', wiki)
        .where('p.page_id', 'in', chunk)
        .execute();
      for (const row of rows) out.set(row.page_id, Number(row.n ?? 0));
    }
    return out;
  }

  /**
   * Over revision_actor_time_idx, keyset on (user_text, timestamp, rev_id), the page and the parent
   * revision by primary key, the recent change by recentchange_rev_idx:
   *   SELECT r.<all but text>, p.namespace, p.title, p.latest_rev_id, pr.len, rc.patrolled
   *   FROM revision r JOIN page p ON (p.wiki, p.page_id) = (r.wiki, r.page_id)
   *   LEFT JOIN revision pr ON (pr.wiki, pr.rev_id) = (r.wiki, r.parent_id)
   *   LEFT JOIN recentchange rc ON (rc.wiki, rc.rev_id) = (r.wiki, r.rev_id)
   *   WHERE r.wiki = ? AND r.user_text IN (…) [AND (r.user_text, r.timestamp, r.rev_id) <= (?, ?, ?)] …
   *   ORDER BY r.user_text DESC, r.timestamp DESC, r.rev_id DESC LIMIT ?
   */
  async listContributions(wiki: string, q: ContributionQuery): Promise<Contribution[]> {
    const older = q.dir === 'older';
    const order = older ? 'desc' : 'asc';
    if (q.users !== undefined && q.users.length === 0) return [];
    let query = this.ctx
      .db()
      .selectFrom('revision as r')
      .innerJoin('page as p', (j) => j.onRef('p.wiki', '=', 'r.wiki').onRef('p.page_id', '=', 'r.page_id'))
      .leftJoin('revision as pr', (j) =>
        j.onRef('pr.wiki', '=', 'r.wiki').onRef('pr.rev_id', '=', 'r.parent_id'),
      )
      .leftJoin('recentchange as rc', (j) =>
        j.onRef('rc.wiki', '=', 'r.wiki').onRef('rc.rev_id', '=', 'r.rev_id'),
      )
      .select(revisionFields.filter((c) => c !== 'text').map((c) => `r.${c}` as const))
      .select([
        'p.namespace',
        'p.title',
        'p.latest_rev_id',
        'pr.len as parent_len',
        'rc.patrolled as rc_patrolled',
      ])
      .where('r.wiki', '=', wiki);
    if (q.users !== undefined) query = query.where('r.user_text', 'in', q.users);
    if (q.prefix !== undefined) query = query.where(startsWith('r.user_text', q.prefix));
    if (q.namespaces?.length) query = query.where('p.namespace', 'in', q.namespaces);
    if (q.newest !== undefined) query = query.where('r.timestamp', '<=', q.newest);
    if (q.oldest !== undefined) query = query.where('r.timestamp', '>=', q.oldest);
    if (q.minor !== undefined) query = query.where('r.minor', '=', q.minor ? 1 : 0);
    if (q.creation !== undefined) {
      query = query.where((eb) =>
        q.creation
          ? eb.or([eb('r.parent_id', 'is', null), eb('r.parent_id', '=', 0)])
          : eb('r.parent_id', '>', 0),
      );
    }
    if (q.top !== undefined)
      query = query.where((eb) => eb('p.latest_rev_id', q.top ? '=' : '!=', eb.ref('r.rev_id')));
    if (q.patrolled !== undefined) query = query.where('rc.patrolled', 'in', q.patrolled);
    if (q.tag !== undefined) {
      const tag = q.tag;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('change_tag as ct')
            .select('ct.rev_id')
            .whereRef('ct.wiki', '=', 'r.wiki')
            .whereRef('ct.rev_id', '=', 'r.rev_id')
            .where('ct.tag', '=', tag),
        ),
      );
    }
    if (q.from !== undefined) {
      const from = q.from;
      query = query.where((eb) =>
        eb(
          eb.refTuple('r.user_text', 'r.timestamp', 'r.rev_id'),
          older ? '<=' : '>=',
          eb.tuple(from.userText, from.timestamp, from.id),
        ),
      );
    }
    const rows = await query
      .orderBy('r.user_text', order)
      .orderBy('r.timestamp', order)
      .orderBy('r.rev_id', order)
      .limit(q.limit)
      .execute();
    return rows.map((row) => ({
      revision: toRevision({ ...row, text: '' }),
      namespace: row.namespace,
      title: row.title,
      isTop: row.latest_rev_id === row.rev_id,
      parentLen: row.parent_len,
      patrolled: row.rc_patrolled,
    }));
  }

  /**
   * Over revision_page_time_idx (each page's revisions), the group filters by user_group_group_idx:
   *   SELECT page_id, user_id, max(user_text) FROM revision WHERE wiki = ? AND page_id IN (…)
   *   AND user_id > 0 [AND (page_id, user_id) >= (?, ?)] GROUP BY page_id, user_id
   *   ORDER BY page_id, user_id LIMIT ?
   */
  async listContributors(
    wiki: string,
    q: {
      pageIds: number[];
      limit: number;
      now: number;
      from?: { pageId: number; userId: number };
      groups?: string[];
      excludeGroups?: string[];
    },
  ): Promise<PageContributor[]> {
    if (q.pageIds.length === 0) return [];
    const db = this.ctx.db();
    const members = (groups: string[]) =>
      db
        .selectFrom('user_group')
        .select('user_group.user_id')
        .where('user_group.wiki', '=', wiki)
        .where('user_group.group_name', 'in', groups)
        .where((eb) => eb.or([eb('user_group.expiry', 'is', null), eb('user_group.expiry', '>', q.now)]));
    let query = db
      .selectFrom('revision')
      .select(['page_id', 'user_id'])
      .select((eb) => eb.fn.max('user_text').as('name'))
      .where('wiki', '=', wiki)
      .where('page_id', 'in', [...new Set(q.pageIds)])
      .where('user_id', '>', 0);
    if (q.from !== undefined) {
      const from = q.from;
      query = query.where((eb) =>
        eb(eb.refTuple('page_id', 'user_id'), '>=', eb.tuple(from.pageId, from.userId)),
      );
    }
    if (q.groups?.length) query = query.where('user_id', 'in', members(q.groups));
    if (q.excludeGroups?.length) query = query.where('user_id', 'not in', members(q.excludeGroups));
    const rows = await query
      .groupBy(['page_id', 'user_id'])
      .orderBy('page_id')
      .orderBy('user_id')
      .limit(q.limit)
      .execute();
    return rows.map((r) => ({ pageId: r.page_id, userId: r.user_id, name: r.name }));
  }

  /** SELECT page_id, count(DISTINCT user_text) … WHERE user_id = 0 GROUP BY page_id (revision_page_time_idx). */
  async countAnonymousContributors(wiki: string, pageIds: number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.ctx
        .db()
        .selectFrom('revision')
        .select('page_id')
        .select((eb) => eb.fn.count<number>('user_text').distinct().as('n'))
        .where('wiki', '=', wiki)
        .where('page_id', 'in', chunk)
        .where('user_id', '=', 0)
        .groupBy('page_id')
        .execute();
      for (const r of rows) out.set(r.page_id, Number(r.n));
    }
    return out;
  }

  /** INSERT … SELECT into `archive`, then deletes the page's revisions; returns how many moved. */
  async archivePage(
    wiki: string,
    pageId: number,
    namespace: number,
    title: string,
    logId: number,
  ): Promise<number> {
    const db = this.ctx.db();
    await db
      .insertInto('archive')
      .columns([...revisionFields, 'namespace', 'title', 'delete_log_id'])
      .expression((eb) =>
        eb
          .selectFrom('revision')
          .select([...revisionFields])
          .select([
            sql<number>`cast(${namespace} as integer)`.as('namespace'),
            sql<string>`cast(${title} as text)`.as('title'),
            sql<number>`cast(${logId} as bigint)`.as('delete_log_id'),
          ])
          .where('wiki', '=', wiki)
          .where('page_id', '=', pageId),
      )
      .execute();
    const deleted = await db
      .deleteFrom('revision')
      .where('wiki', '=', wiki)
      .where('page_id', '=', pageId)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows);
  }
}

function toRow(rev: Revision): RevisionTable {
  return {
    wiki: rev.wiki,
    rev_id: rev.id,
    page_id: rev.pageId,
    parent_id: rev.parentId,
    timestamp: rev.timestamp,
    user_id: rev.userId,
    user_text: rev.userText,
    comment: rev.comment,
    minor: rev.minor ? 1 : 0,
    len: rev.len,
    sha1: rev.sha1,
    text: rev.text,
  };
}

export function toRevision(row: Selectable<RevisionTable> | Selectable<ArchiveTable>): Revision {
  return {
    wiki: row.wiki,
    id: row.rev_id,
    pageId: row.page_id,
    parentId: row.parent_id,
    timestamp: row.timestamp,
    userId: row.user_id,
    userText: row.user_text,
    comment: row.comment,
    minor: row.minor === 1,
    len: row.len,
    sha1: row.sha1,
    text: row.text,
  };
}
