import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Database, WatchlistTable } from '../schema.ts';
import type { TitleKey, WatchedItem, WatchlistRepository } from '../repositories/watchlist.ts';
import type { SqlContext } from './sql-context.ts';

const BATCH = 500;

/** Watchlists, one row per user and title (watchlist_pk: wiki, user_id, namespace, title). */
export class SqlWatchlistRepository implements WatchlistRepository {
  constructor(private readonly ctx: SqlContext) {}

  async watch(wiki: string, userId: number, titles: TitleKey[], expiry: number | null): Promise<void> {
    for (let i = 0; i < titles.length; i += BATCH) {
      const rows = titles.slice(i, i + BATCH).map((t) => ({
        wiki,
        user_id: userId,
        namespace: t.namespace,
        title: t.title,
        expiry,
        notification_timestamp: null,
      }));
      await this.ctx
        .db()
        .insertInto('watchlist')
        .values(rows)
        .onConflict((oc) => oc.columns(['wiki', 'user_id', 'namespace', 'title']).doUpdateSet({ expiry }))
        .execute();
    }
  }

  async unwatch(wiki: string, userId: number, titles: TitleKey[]): Promise<void> {
    for (let i = 0; i < titles.length; i += BATCH) {
      const batch = titles.slice(i, i + BATCH);
      await this.ctx
        .db()
        .deleteFrom('watchlist')
        .where('wiki', '=', wiki)
        .where('user_id', '=', userId)
        .where((eb) =>
          eb.or(batch.map((t) => eb.and([eb('namespace', '=', t.namespace), eb('title', '=', t.title)]))),
        )
        .execute();
    }
  }

  /** SELECT … WHERE wiki = ? AND user_id = ? AND (namespace, title) IN (…) AND unexpired (watchlist_pk). */
  async getMany(
    wiki: string,
    userId: number,
    titles: TitleKey[],
    now: number,
  ): Promise<Map<string, WatchedItem>> {
    const out = new Map<string, WatchedItem>();
    for (let i = 0; i < titles.length; i += BATCH) {
      const batch = titles.slice(i, i + BATCH);
      const rows = await this.ctx
        .db()
        .selectFrom('watchlist')
        .selectAll()
        .where('wiki', '=', wiki)
        .where('user_id', '=', userId)
        .where((eb) =>
          eb.or(batch.map((t) => eb.and([eb('namespace', '=', t.namespace), eb('title', '=', t.title)]))),
        )
        .where((eb) => unexpired(eb, now))
        .execute();
      for (const row of rows) out.set(`${row.namespace}:${row.title}`, toItem(row));
    }
    return out;
  }

  /** SELECT namespace, title, COUNT(*) … GROUP BY namespace, title (watchlist_title_idx). */
  async countWatchers(wiki: string, titles: TitleKey[], now: number): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < titles.length; i += BATCH) {
      const batch = titles.slice(i, i + BATCH);
      const rows = await this.ctx
        .db()
        .selectFrom('watchlist')
        .select(['namespace', 'title', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('wiki', '=', wiki)
        .where((eb) =>
          eb.or(batch.map((t) => eb.and([eb('namespace', '=', t.namespace), eb('title', '=', t.title)]))),
        )
        .where((eb) => unexpired(eb, now))
        .groupBy(['namespace', 'title'])
        .execute();
      for (const row of rows) out.set(`${row.namespace}:${row.title}`, Number(row.n));
    }
    return out;
  }

  /** UPDATE watchlist SET notification_timestamp = ? WHERE wiki, namespace, title = … (watchlist_title_idx). */
  async notifyChange(wiki: string, title: TitleKey, editorId: number, timestamp: number): Promise<void> {
    await this.ctx
      .db()
      .updateTable('watchlist')
      .set({ notification_timestamp: timestamp })
      .where('wiki', '=', wiki)
      .where('namespace', '=', title.namespace)
      .where('title', '=', title.title)
      .where('user_id', '!=', editorId)
      .where('notification_timestamp', 'is', null)
      .execute();
  }

  /**
   * SELECT * FROM watchlist WHERE wiki = ? AND user_id = ? AND unexpired [AND namespace IN (…)]
   *   [AND (namespace, title) >= from] ORDER BY namespace, title LIMIT ? (watchlist_pk)
   */
  async list(
    wiki: string,
    userId: number,
    q: {
      now: number;
      limit: number;
      namespaces?: number[];
      from?: TitleKey;
      dir: 'ascending' | 'descending';
      changedOnly?: boolean;
    },
  ): Promise<WatchedItem[]> {
    const asc = q.dir === 'ascending';
    let query = this.ctx
      .db()
      .selectFrom('watchlist')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('user_id', '=', userId)
      .where((eb) => unexpired(eb, q.now));
    if (q.namespaces?.length) query = query.where('namespace', 'in', q.namespaces);
    if (q.changedOnly !== undefined)
      query = query.where('notification_timestamp', q.changedOnly ? 'is not' : 'is', null);
    const from = q.from;
    if (from)
      query = query.where((eb) =>
        eb(eb.refTuple('namespace', 'title'), asc ? '>=' : '<=', eb.tuple(from.namespace, from.title)),
      );
    const order = asc ? 'asc' : 'desc';
    const rows = await query.orderBy('namespace', order).orderBy('title', order).limit(q.limit).execute();
    return rows.map(toItem);
  }
}

function unexpired(eb: ExpressionBuilder<Database, 'watchlist'>, now: number) {
  return eb.or([eb('expiry', 'is', null), eb('expiry', '>', now)]);
}

function toItem(row: Selectable<WatchlistTable>): WatchedItem {
  return {
    namespace: row.namespace,
    title: row.title,
    expiry: row.expiry === null ? null : Number(row.expiry),
    notificationTimestamp: row.notification_timestamp === null ? null : Number(row.notification_timestamp),
  };
}
