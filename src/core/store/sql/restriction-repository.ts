import { chunkKeys } from './batching.ts';
import type { RestrictionRepository } from '../repositories/pages-and-revisions.ts';
import type { SqlContext } from './sql-context.ts';

/** Page protection (page_restrictions), one level per (page, type). */
export class SqlRestrictionRepository implements RestrictionRepository {
  constructor(private readonly ctx: SqlContext) {}

  /** Protections in force at `now` (expiry null = infinite), by type. */
  async get(
    wiki: string,
    pageId: number,
    now: number,
  ): Promise<{ type: string; level: string; expiry: number | null }[]> {
    return this.ctx
      .db()
      .selectFrom('page_restriction')
      .select(['type', 'level', 'expiry'])
      .where('wiki', '=', wiki)
      .where('page_id', '=', pageId)
      .where((eb) => eb.or([eb('expiry', 'is', null), eb('expiry', '>', now)]))
      .orderBy('type')
      .execute();
  }

  async restrictedAmong(
    wiki: string,
    pageIds: readonly number[],
    type: string,
    now: number,
  ): Promise<Set<number>> {
    const out = new Set<number>();
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.ctx
        .db()
        .selectFrom('page_restriction')
        .select('page_id')
        .where('wiki', '=', wiki)
        .where('page_id', 'in', chunk)
        .where('type', '=', type)
        .where((eb) => eb.or([eb('expiry', 'is', null), eb('expiry', '>', now)]))
        .execute();
      for (const r of rows) out.add(Number(r.page_id));
    }
    return out;
  }

  /** Sets the protection level of one type; a null level removes the protection. */
  async set(
    wiki: string,
    pageId: number,
    type: string,
    level: string | null,
    expiry: number | null,
  ): Promise<void> {
    const db = this.ctx.db();
    if (level === null) {
      await db
        .deleteFrom('page_restriction')
        .where('wiki', '=', wiki)
        .where('page_id', '=', pageId)
        .where('type', '=', type)
        .execute();
      return;
    }
    await db
      .insertInto('page_restriction')
      .values({ wiki, page_id: pageId, type, level, expiry })
      .onConflict((oc) => oc.columns(['wiki', 'page_id', 'type']).doUpdateSet({ level, expiry }))
      .execute();
  }
}
