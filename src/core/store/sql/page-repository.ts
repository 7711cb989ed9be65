import type { Selectable, Updateable } from 'kysely';
import type { Page } from '../../domain/wiki.ts';
import type { PageTable } from '../schema.ts';
import type { PageRepository } from '../repositories/pages-and-revisions.ts';
import { chunkKeys, chunkRows, lastPerKey } from './batching.ts';
import type { SqlContext } from './sql-context.ts';
import { startsWith } from './title-range.ts';

const pageColumns = 10;

/** The SQL of the hot title lookups, per database, with their index: ./queries/pages-*.sql. */
export class SqlPageRepository implements PageRepository {
  constructor(private readonly ctx: SqlContext) {}

  async getById(wiki: string, pageId: number): Promise<Page | undefined> {
    const row = await this.ctx
      .db()
      .selectFrom('page')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('page_id', '=', pageId)
      .executeTakeFirst();
    return row && toPage(row);
  }

  async getByTitle(wiki: string, namespace: number, title: string): Promise<Page | undefined> {
    const row = await this.ctx
      .db()
      .selectFrom('page')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('namespace', '=', namespace)
      .where('title', '=', title)
      .executeTakeFirst();
    return row && toPage(row);
  }

  /** Pages in ascending page id order; unknown ids are left out. */
  async getManyByIds(wiki: string, pageIds: number[]): Promise<Page[]> {
    const out: Page[] = [];
    for (const ids of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.ctx
        .db()
        .selectFrom('page')
        .selectAll()
        .where('wiki', '=', wiki)
        .where(this.ctx.dialect.anyOf('page_id', ids))
        .execute();
      out.push(...rows.map(toPage));
    }
    return out.sort((a, b) => a.id - b.id);
  }

  /** Pages in ascending page id order; unknown titles are left out. */
  /** One statement per chunk of titles, a UNION ALL of one index look-up per namespace. */
  async getManyByTitles(wiki: string, titles: { namespace: number; title: string }[]): Promise<Page[]> {
    const unique = [...new Map(titles.map((t) => [`${t.namespace}:${t.title}`, t])).values()];
    const out: Page[] = [];
    for (const chunk of chunkKeys(unique)) {
      const byNamespace = new Map<number, string[]>();
      for (const t of chunk) {
        const list = byNamespace.get(t.namespace) ?? [];
        list.push(t.title);
        byNamespace.set(t.namespace, list);
      }
      const [first, ...rest] = [...byNamespace].map(([namespace, list]) =>
        this.ctx
          .db()
          .selectFrom('page')
          .selectAll()
          .where('wiki', '=', wiki)
          .where('namespace', '=', namespace)
          .where(this.ctx.dialect.anyOf('title', list)),
      );
      if (!first) continue;
      const rows = await rest.reduce((query, next) => query.unionAll(next), first).execute();
      out.push(...rows.map(toPage));
    }
    return out.sort((a, b) => a.id - b.id);
  }

  async listByIdAfter(
    wiki: string,
    q: { namespaces: number[]; afterId: number; limit: number },
  ): Promise<Page[]> {
    if (q.namespaces.length === 0) return [];
    const rows = await this.ctx
      .db()
      .selectFrom('page')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('page_id', '>', q.afterId)
      .where(this.ctx.dialect.anyOf('namespace', q.namespaces))
      .where('is_redirect', '=', 0)
      .orderBy('page_id')
      .limit(q.limit)
      .execute();
    return rows.map(toPage);
  }

  async existingTitles(
    wiki: string,
    namespaces: number[],
    titles: string[],
  ): Promise<{ namespace: number; title: string }[]> {
    if (namespaces.length === 0 || titles.length === 0) return [];
    const out: { namespace: number; title: string }[] = [];
    for (const chunk of chunkKeys([...new Set(titles)])) {
      const rows = await this.ctx
        .db()
        .selectFrom('page')
        .select(['namespace', 'title'])
        .where('wiki', '=', wiki)
        .where('namespace', 'in', namespaces)
        .where(this.ctx.dialect.anyOf('title', chunk))
        .execute();
      out.push(...rows);
    }
    return out;
  }

  async insert(page: Page): Promise<void> {
    await this.ctx.db().insertInto('page').values(toRow(page)).execute();
  }

  /**
   * Multi-row upsert on (wiki, page_id); within one call a later page with the same id wins. A page
   * whose (namespace, title) belongs to another page id still violates the title key.
   */
  async upsertMany(pages: Page[]): Promise<void> {
    const rows = lastPerKey(pages, (p) => `${p.wiki}\u0000${p.id}`).map(toRow);
    for (const chunk of chunkRows(rows, pageColumns, this.ctx.dialect.maxParameters)) {
      await this.ctx
        .db()
        .insertInto('page')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['wiki', 'page_id']).doUpdateSet((eb) => ({
            namespace: eb.ref('excluded.namespace'),
            title: eb.ref('excluded.title'),
            is_redirect: eb.ref('excluded.is_redirect'),
            latest_rev_id: eb.ref('excluded.latest_rev_id'),
            len: eb.ref('excluded.len'),
            created_at: eb.ref('excluded.created_at'),
            touched_at: eb.ref('excluded.touched_at'),
            content_model: eb.ref('excluded.content_model'),
          })),
        )
        .execute();
    }
  }

  async update(
    wiki: string,
    pageId: number,
    changes: Partial<Pick<Page, 'latestRevId' | 'len' | 'isRedirect' | 'touchedAt' | 'namespace' | 'title'>>,
  ): Promise<void> {
    const set: Updateable<PageTable> = {};
    if (changes.latestRevId !== undefined) set.latest_rev_id = changes.latestRevId;
    if (changes.len !== undefined) set.len = changes.len;
    if (changes.isRedirect !== undefined) set.is_redirect = changes.isRedirect ? 1 : 0;
    if (changes.touchedAt !== undefined) set.touched_at = changes.touchedAt;
    if (changes.namespace !== undefined) set.namespace = changes.namespace;
    if (changes.title !== undefined) set.title = changes.title;
    if (Object.keys(set).length === 0) return;
    await this.ctx
      .db()
      .updateTable('page')
      .set(set)
      .where('wiki', '=', wiki)
      .where('page_id', '=', pageId)
      .execute();
  }

  async delete(wiki: string, pageId: number): Promise<void> {
    await this.ctx.db().deleteFrom('page').where('wiki', '=', wiki).where('page_id', '=', pageId).execute();
  }

  /**
   * list=allpages: titles in code point order. `from` and `to` are inclusive bounds in the
   * direction of travel (apfrom/apto); uses the unique key (wiki, namespace, title).
   */
  async list(
    wiki: string,
    q: {
      namespace: number;
      from?: string;
      to?: string;
      prefix?: string;
      redirects?: 'all' | 'redirects' | 'nonredirects';
      dir: 'ascending' | 'descending';
      limit: number;
    },
  ): Promise<Page[]> {
    const ascending = q.dir === 'ascending';
    let query = this.ctx
      .db()
      .selectFrom('page')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('namespace', '=', q.namespace);
    if (q.from !== undefined) query = query.where('title', ascending ? '>=' : '<=', q.from);
    if (q.to !== undefined) query = query.where('title', ascending ? '<=' : '>=', q.to);
    if (q.prefix) query = query.where(startsWith('title', q.prefix));
    if (q.redirects === 'redirects') query = query.where('is_redirect', '=', 1);
    if (q.redirects === 'nonredirects') query = query.where('is_redirect', '=', 0);
    const rows = await query
      .orderBy('title', ascending ? 'asc' : 'desc')
      .limit(q.limit)
      .execute();
    return rows.map(toPage);
  }

  async count(wiki: string, namespace?: number): Promise<number> {
    let query = this.ctx
      .db()
      .selectFrom('page')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('wiki', '=', wiki);
    if (namespace !== undefined) query = query.where('namespace', '=', namespace);
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function toRow(page: Page): PageTable {
  return {
    wiki: page.wiki,
    page_id: page.id,
    namespace: page.namespace,
    title: page.title,
    is_redirect: page.isRedirect ? 1 : 0,
    latest_rev_id: page.latestRevId,
    len: page.len,
    created_at: page.createdAt,
    touched_at: page.touchedAt,
    content_model: page.contentModel,
  };
}

function toPage(row: Selectable<PageTable>): Page {
  return {
    wiki: row.wiki,
    id: Number(row.page_id),
    namespace: row.namespace,
    title: row.title,
    isRedirect: row.is_redirect === 1,
    latestRevId: Number(row.latest_rev_id),
    len: row.len,
    createdAt: Number(row.created_at),
    touchedAt: Number(row.touched_at),
    contentModel: row.content_model,
  };
}
