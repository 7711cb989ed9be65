import type { Selectable } from 'kysely';
import type { TitleProtection } from '../../domain/wiki.ts';
import type { ProtectedTitleRepository } from '../repositories/pages-and-revisions.ts';
import type { ProtectedTitleTable } from '../schema.ts';
import type { SqlContext } from './sql-context.ts';

/** Create protection of titles without a page (MediaWiki's protected_titles), one row per title. */
export class SqlProtectedTitleRepository implements ProtectedTitleRepository {
  constructor(private readonly ctx: SqlContext) {}

  /** SELECT * FROM protected_title WHERE (wiki, namespace, title) = (?, ?, ?) AND unexpired (primary key). */
  async get(
    wiki: string,
    namespace: number,
    title: string,
    now: number,
  ): Promise<TitleProtection | undefined> {
    const row = await this.ctx
      .db()
      .selectFrom('protected_title')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('namespace', '=', namespace)
      .where('title', '=', title)
      .where((eb) => eb.or([eb('expiry', 'is', null), eb('expiry', '>', now)]))
      .executeTakeFirst();
    return row && toProtection(row);
  }

  async set(p: TitleProtection): Promise<void> {
    const row = {
      level: p.level,
      expiry: p.expiry,
      timestamp: p.timestamp,
      by_user_id: p.byUserId,
      by_name: p.byName,
      reason: p.reason,
    };
    await this.ctx
      .db()
      .insertInto('protected_title')
      .values({ wiki: p.wiki, namespace: p.namespace, title: p.title, ...row })
      .onConflict((oc) => oc.columns(['wiki', 'namespace', 'title']).doUpdateSet(row))
      .execute();
  }

  async delete(wiki: string, namespace: number, title: string): Promise<boolean> {
    const result = await this.ctx
      .db()
      .deleteFrom('protected_title')
      .where('wiki', '=', wiki)
      .where('namespace', '=', namespace)
      .where('title', '=', title)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /**
   * SELECT * FROM protected_title WHERE wiki = ? AND unexpired [AND namespace IN (…)] [AND level IN (…)]
   *   [AND (timestamp, namespace, title) <= (from)] ORDER BY timestamp DESC, namespace DESC,
   *   title DESC LIMIT ? (protected_title_time_idx)
   */
  async list(
    wiki: string,
    opts: {
      now: number;
      limit: number;
      namespaces?: number[];
      levels?: string[];
      from?: { timestamp: number; namespace: number; title: string };
    },
  ): Promise<TitleProtection[]> {
    let query = this.ctx
      .db()
      .selectFrom('protected_title')
      .selectAll()
      .where('wiki', '=', wiki)
      .where((eb) => eb.or([eb('expiry', 'is', null), eb('expiry', '>', opts.now)]));
    if (opts.namespaces?.length) query = query.where('namespace', 'in', opts.namespaces);
    if (opts.levels?.length) query = query.where('level', 'in', opts.levels);
    const from = opts.from;
    if (from) {
      query = query.where((eb) =>
        eb.or([
          eb('timestamp', '<', from.timestamp),
          eb.and([eb('timestamp', '=', from.timestamp), eb('namespace', '<', from.namespace)]),
          eb.and([
            eb('timestamp', '=', from.timestamp),
            eb('namespace', '=', from.namespace),
            eb('title', '<=', from.title),
          ]),
        ]),
      );
    }
    const rows = await query
      .orderBy('timestamp', 'desc')
      .orderBy('namespace', 'desc')
      .orderBy('title', 'desc')
      .limit(opts.limit)
      .execute();
    return rows.map(toProtection);
  }
}

function toProtection(row: Selectable<ProtectedTitleTable>): TitleProtection {
  return {
    wiki: row.wiki,
    namespace: row.namespace,
    title: row.title,
    level: row.level,
    expiry: row.expiry === null ? null : Number(row.expiry),
    timestamp: Number(row.timestamp),
    byUserId: Number(row.by_user_id),
    byName: row.by_name,
    reason: row.reason,
  };
}
