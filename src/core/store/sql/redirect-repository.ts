import type { PageRedirect } from '../../domain/wiki.ts';
import type { RedirectRepository } from '../repositories/links-and-media.ts';
import { chunkKeys, chunkRows, lastPerKey } from './batching.ts';
import type { SqlContext } from './sql-context.ts';

/** The `redirect` table, read and written by its primary key (wiki, page_id). */
export class SqlRedirectRepository implements RedirectRepository {
  constructor(private readonly ctx: SqlContext) {}

  async getMany(wiki: string, pageIds: number[]): Promise<Map<number, PageRedirect>> {
    const out = new Map<number, PageRedirect>();
    for (const ids of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.ctx
        .db()
        .selectFrom('redirect')
        .select(['page_id', 'namespace', 'title', 'fragment', 'interwiki'])
        .where('wiki', '=', wiki)
        .where('page_id', 'in', ids)
        .execute();
      for (const r of rows) {
        out.set(Number(r.page_id), {
          namespace: r.namespace,
          title: r.title,
          fragment: r.fragment,
          interwiki: r.interwiki,
        });
      }
    }
    return out;
  }

  /** Deletes the pages' rows, then multi-row inserts the non-null targets (the last entry per page wins). */
  async setMany(wiki: string, entries: { pageId: number; target: PageRedirect | null }[]): Promise<void> {
    if (entries.length === 0) return;
    const db = this.ctx.db();
    const latest = lastPerKey(entries, (e) => String(e.pageId));
    for (const ids of chunkKeys(latest.map((e) => e.pageId))) {
      await db.deleteFrom('redirect').where('wiki', '=', wiki).where('page_id', 'in', ids).execute();
    }
    const rows = latest.flatMap((e) =>
      e.target === null
        ? []
        : [
            {
              wiki,
              page_id: e.pageId,
              namespace: e.target.namespace,
              title: e.target.title,
              fragment: e.target.fragment,
              interwiki: e.target.interwiki,
            },
          ],
    );
    for (const chunk of chunkRows(rows, 6, this.ctx.dialect.maxParameters)) {
      await db.insertInto('redirect').values(chunk).execute();
    }
  }
}
