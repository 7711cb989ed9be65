import { sql, type Selectable } from 'kysely';
import type { Revision } from '../../domain/wiki.ts';
import type { ArchiveTable, RevisionTable } from '../schema.ts';
import type { RevisionKey, RevisionRepository, SortDir } from '../repositories/pages-and-revisions.ts';
import { chunkKeys, chunkRows } from './batching.ts';
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
