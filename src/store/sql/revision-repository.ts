import { sql, type Selectable } from 'kysely';
import type { Revision } from '../../domain/wiki.ts';
import type { ArchiveTable, RevisionTable } from '../schema.ts';
import type { RevisionRepository, SortDir } from '../store.ts';
import { chunkRows } from './batching.ts';
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
