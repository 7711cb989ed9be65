import { sql } from 'kysely';
import { chunkKeys, chunkList } from '../../core/store/sql/batching.ts';
import { BULK_ROWS } from '../../core/store/sql/dialect-queries.ts';
import type { SqlContext } from '../../core/store/sql/sql-context.ts';
import type { PageQueueRepository, QueueBuild, QueuedRow, QueuePosition } from './page-queue-repository.ts';
import type { PageQueueDatabase } from './pagequeue-schema.ts';

const QUEUE_COLUMNS = { wiki: 'text', page_id: 'int', importance: 'int', built_at: 'int' } as const;
const VIEW_COLUMNS = { import_key: 'text', wiki: 'text', page_id: 'int', views: 'int' } as const;

export class SqlPageQueueRepository implements PageQueueRepository {
  readonly #ctx: SqlContext<PageQueueDatabase>;

  constructor(ctx: SqlContext<PageQueueDatabase>) {
    this.#ctx = ctx;
  }

  async upsert(wiki: string, rows: readonly QueuedRow[], builtAt: number): Promise<void> {
    const db = this.#ctx.db();
    const unique = [...new Map(rows.map((r) => [r.pageId, r])).values()];
    for (const chunk of chunkList(unique, BULK_ROWS)) {
      const table = this.#ctx.dialect.rowsTable(
        QUEUE_COLUMNS,
        chunk.map((r) => ({ wiki, page_id: r.pageId, importance: r.importance, built_at: builtAt })),
        'r',
      );
      await db
        .insertInto('page_queue')
        .columns(['wiki', 'page_id', 'importance', 'built_at'])
        .expression(
          db
            .selectFrom(table)
            .select(['wiki', 'page_id', 'importance', 'built_at'])
            .where(sql<boolean>`true`),
        )
        .onConflict((oc) =>
          oc.columns(['wiki', 'page_id']).doUpdateSet((eb) => ({
            importance: eb.ref('excluded.importance'),
            built_at: eb
              .case()
              .when('excluded.built_at', '>', eb.ref('page_queue.built_at'))
              .then(eb.ref('excluded.built_at'))
              .else(eb.ref('page_queue.built_at'))
              .end(),
          })),
        )
        .execute();
    }
  }

  async remove(wiki: string, pageIds: readonly number[]): Promise<number> {
    let removed = 0;
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      const r = await this.#ctx
        .db()
        .deleteFrom('page_queue')
        .where('wiki', '=', wiki)
        .where(this.#ctx.dialect.anyOf('page_id', chunk))
        .executeTakeFirst();
      removed += Number(r.numDeletedRows);
    }
    return removed;
  }

  async queued(wiki: string, pageIds: readonly number[]): Promise<Set<number>> {
    const out = new Set<number>();
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.#ctx
        .db()
        .selectFrom('page_queue')
        .select('page_id')
        .where('wiki', '=', wiki)
        .where(this.#ctx.dialect.anyOf('page_id', chunk))
        .execute();
      for (const r of rows) out.add(Number(r.page_id));
    }
    return out;
  }

  async count(wiki: string): Promise<number> {
    const r = await this.#ctx
      .db()
      .selectFrom('page_queue')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('wiki', '=', wiki)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /**
   * page_queue_order read backwards from the position, the lease tested on the index entry; a
   * skip is probed by its primary key.
   */
  #walkQuery(wiki: string, q: { after?: QueuePosition; limit: number; holder?: string; now: number }) {
    const { after, holder, now } = q;
    return this.#ctx
      .db()
      .selectFrom('page_queue as q')
      .select(['q.page_id', 'q.importance'])
      .where('q.wiki', '=', wiki)
      .$if(after !== undefined, (qb) =>
        qb.where((eb) =>
          eb(eb.refTuple('q.importance', 'q.page_id'), '<', eb.tuple(after!.importance, after!.pageId)),
        ),
      )
      .where((eb) =>
        holder === undefined
          ? eb('q.leased_until', '<=', now)
          : eb.or([eb('q.leased_until', '<=', now), eb('q.holder', '=', holder)]),
      )
      .$if(holder !== undefined, (qb) =>
        qb.where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('page_queue_skip as s')
                .select(sql.lit(1).as('one'))
                .whereRef('s.wiki', '=', 'q.wiki')
                .where('s.holder', '=', holder!)
                .whereRef('s.page_id', '=', 'q.page_id')
                .where('s.until', '>', now),
            ),
          ),
        ),
      )
      .orderBy('q.importance', 'desc')
      .orderBy('q.page_id', 'desc')
      .limit(q.limit);
  }

  async walk(
    wiki: string,
    q: { after?: QueuePosition; limit: number; holder?: string; now: number },
  ): Promise<QueuedRow[]> {
    const rows = await this.#walkQuery(wiki, q).execute();
    return rows.map((r) => ({ pageId: Number(r.page_id), importance: Number(r.importance) }));
  }

  /**
   * One statement, so that it needs no transaction of its own (on PostgreSQL, one round trip):
   *   UPDATE page_queue SET holder = :holder, address = :address,
   *     leased_at = CASE WHEN <own live lease> THEN leased_at ELSE :now END,
   *     leased_until = CASE WHEN <own live lease> THEN leased_until ELSE :expiresAt END
   *   WHERE wiki = :wiki AND page_id IN (<the walk> [FOR UPDATE SKIP LOCKED])
   *   RETURNING page_id, importance
   * The walk reads page_queue_order as `walk` does; RETURNING keeps no order, so the rows are put
   * back in the queue's.
   */
  async lease(
    wiki: string,
    q: {
      after?: QueuePosition;
      limit: number;
      holder: string;
      address: string;
      now: number;
      expiresAt: number;
    },
  ): Promise<QueuedRow[]> {
    const { holder, address, now, expiresAt } = q;
    const walk = this.#ctx.dialect.lockSkippingLocked(
      this.#walkQuery(wiki, q).clearSelect().select('q.page_id'),
    );
    const rows = await this.#ctx
      .db()
      .updateTable('page_queue')
      .set((eb) => {
        // The holder's own live lease is kept as it is; any other (ended) one is replaced.
        const own = eb.and([eb('holder', '=', holder), eb('leased_until', '>', now)]);
        return {
          holder,
          address,
          leased_at: eb.case().when(own).then(eb.ref('leased_at')).else(eb.val(now)).end(),
          leased_until: eb.case().when(own).then(eb.ref('leased_until')).else(eb.val(expiresAt)).end(),
        };
      })
      .where('wiki', '=', wiki)
      .where('page_id', 'in', walk)
      .returning(['page_id', 'importance'])
      .execute();
    return rows
      .map((r) => ({ pageId: Number(r.page_id), importance: Number(r.importance) }))
      .sort((a, b) => b.importance - a.importance || b.pageId - a.pageId);
  }

  /**
   * Both counts in one statement of two scalar subqueries, each over its partial index:
   * page_queue_holder (wiki, holder, leased_at) and page_queue_address (address, leased_until).
   */
  async leaseCounts(
    wiki: string,
    q: { holder: string; address: string; now: number },
  ): Promise<{ held: number; fromAddress: number }> {
    const { holder, address, now } = q;
    const r = await this.#ctx
      .db()
      .selectNoFrom((eb) => [
        eb
          .selectFrom('page_queue')
          .select((c) => c.fn.countAll<number | string | bigint>().as('n'))
          .where('wiki', '=', wiki)
          // `holder <> ''` and `address <> ''` are the partial indexes' conditions: the planner
          // needs them in the query.
          .where('holder', '<>', '')
          .where('holder', '=', holder)
          .as('held'),
        eb
          .selectFrom('page_queue')
          .select((c) => c.fn.countAll<number | string | bigint>().as('n'))
          .where('address', '<>', '')
          .where('address', '=', address)
          .where('leased_until', '>', now)
          .as('from_address'),
      ])
      .executeTakeFirstOrThrow();
    return { held: Number(r.held ?? 0), fromAddress: Number(r.from_address ?? 0) };
  }

  async leaseOf(
    wiki: string,
    pageId: number,
    now: number,
  ): Promise<{ holder: string; expiresAt: number } | undefined> {
    const r = await this.#ctx
      .db()
      .selectFrom('page_queue')
      .select(['holder', 'leased_until'])
      .where('wiki', '=', wiki)
      .where('page_id', '=', pageId)
      .where('leased_until', '>', now)
      .executeTakeFirst();
    return r && { holder: r.holder, expiresAt: Number(r.leased_until) };
  }

  async trimLeases(wiki: string, holder: string, keep: number): Promise<void> {
    const db = this.#ctx.db();
    // `holder <> ''` is the partial index's condition: the planner needs it in the query.
    const kept = db
      .selectFrom('page_queue')
      .select('page_id')
      .where('wiki', '=', wiki)
      .where('holder', '<>', '')
      .where('holder', '=', holder)
      .orderBy('leased_at', 'desc')
      .orderBy('page_id', 'desc')
      .limit(keep);
    await db
      .updateTable('page_queue')
      .set({ holder: '', address: '', leased_until: 0 })
      .where('wiki', '=', wiki)
      .where('holder', '<>', '')
      .where('holder', '=', holder)
      .where('page_id', 'not in', kept)
      .execute();
  }

  async release(wiki: string, pageIds: readonly number[], holder: string): Promise<number> {
    if (pageIds.length === 0) return 0;
    const r = await this.#ctx
      .db()
      .updateTable('page_queue')
      .set({ holder: '', address: '', leased_until: 0 })
      .where('wiki', '=', wiki)
      .where(this.#ctx.dialect.anyOf('page_id', [...new Set(pageIds)]))
      .where('holder', '=', holder)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async skip(wiki: string, pageId: number, holder: string, until: number): Promise<void> {
    await this.#ctx
      .db()
      .insertInto('page_queue_skip')
      .values({ wiki, holder, page_id: pageId, until })
      .onConflict((oc) => oc.columns(['wiki', 'holder', 'page_id']).doUpdateSet({ until }))
      .execute();
  }

  async purgeExpired(now: number): Promise<number> {
    const skips = await this.#ctx
      .db()
      .deleteFrom('page_queue_skip')
      .where('until', '<=', now)
      .executeTakeFirst();
    return Number(skips.numDeletedRows);
  }

  async builtBefore(wiki: string, builtAt: number, limit: number): Promise<number[]> {
    const rows = await this.#ctx
      .db()
      .selectFrom('page_queue')
      .select('page_id')
      .where('wiki', '=', wiki)
      .where('built_at', '<', builtAt)
      .orderBy('built_at')
      .orderBy('page_id')
      .limit(limit)
      .execute();
    return rows.map((r) => Number(r.page_id));
  }

  async latestBuild(wiki: string): Promise<QueueBuild | undefined> {
    const r = await this.#ctx
      .db()
      .selectFrom('page_queue_build')
      .selectAll()
      .where('wiki', '=', wiki)
      .executeTakeFirst();
    return (
      r && {
        wiki: r.wiki,
        startedAt: Number(r.started_at),
        afterPageId: Number(r.after_page_id),
        pages: Number(r.pages),
        queued: Number(r.queued),
        finishedAt: r.finished_at === null ? null : Number(r.finished_at),
      }
    );
  }

  async saveBuild(b: QueueBuild): Promise<void> {
    const values = {
      wiki: b.wiki,
      started_at: b.startedAt,
      after_page_id: b.afterPageId,
      pages: b.pages,
      queued: b.queued,
      finished_at: b.finishedAt,
    };
    await this.#ctx
      .db()
      .insertInto('page_queue_build')
      .values(values)
      .onConflict((oc) =>
        oc.column('wiki').doUpdateSet({
          started_at: values.started_at,
          after_page_id: values.after_page_id,
          pages: values.pages,
          queued: values.queued,
          finished_at: values.finished_at,
        }),
      )
      .execute();
  }

  async viewsOf(wiki: string, pageIds: readonly number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.#ctx
        .db()
        .selectFrom('page_view')
        .select(['page_id', 'views'])
        .where('wiki', '=', wiki)
        .where(this.#ctx.dialect.anyOf('page_id', chunk))
        .execute();
      for (const r of rows) out.set(Number(r.page_id), Number(r.views));
    }
    return out;
  }

  async addImportViews(importKey: string, wiki: string, views: ReadonlyMap<number, number>): Promise<void> {
    const db = this.#ctx.db();
    const rows = [...views].map(([pageId, n]) => ({
      import_key: importKey,
      wiki,
      page_id: pageId,
      views: n,
    }));
    for (const chunk of chunkList(rows, BULK_ROWS)) {
      const table = this.#ctx.dialect.rowsTable(VIEW_COLUMNS, chunk, 'r');
      await db
        .insertInto('page_view_import')
        .columns(['import_key', 'wiki', 'page_id', 'views'])
        .expression(
          db
            .selectFrom(table)
            .select(['import_key', 'wiki', 'page_id', 'views'])
            .where(sql<boolean>`true`),
        )
        .onConflict((oc) =>
          oc.columns(['import_key', 'wiki', 'page_id']).doUpdateSet((eb) => ({
            views: eb(eb.ref('page_view_import.views'), '+', eb.ref('excluded.views')),
          })),
        )
        .execute();
    }
  }

  async finishViewImport(importKey: string, wiki: string): Promise<number | undefined> {
    const db = this.#ctx.db();
    const staged = await db
      .selectFrom('page_view_import')
      .select('page_id')
      .where('import_key', '=', importKey)
      .where('wiki', '=', wiki)
      .limit(1)
      .executeTakeFirst();
    if (!staged) return undefined;
    await db.deleteFrom('page_view').where('wiki', '=', wiki).execute();
    const r = await db
      .insertInto('page_view')
      .columns(['wiki', 'page_id', 'views'])
      .expression(
        db
          .selectFrom('page_view_import')
          .select(['wiki', 'page_id', 'views'])
          .where('import_key', '=', importKey)
          .where('wiki', '=', wiki),
      )
      .executeTakeFirst();
    await db
      .deleteFrom('page_view_import')
      .where('import_key', '=', importKey)
      .where('wiki', '=', wiki)
      .execute();
    return Number(r.numInsertedOrUpdatedRows ?? 0n);
  }
}
