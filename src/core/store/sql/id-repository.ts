import type { IdKind, IdRepository } from '../repositories/wikis-and-ids.ts';
import type { SqlContext } from './sql-context.ts';

/**
 * Per-wiki id counters in `id_sequence` (next_id = the next id to hand out). Each call is one
 * upsert, so it runs in the caller's transaction and holds the counter row until it commits.
 */
export class SqlIdRepository implements IdRepository {
  constructor(private readonly ctx: SqlContext) {}

  async next(wiki: string, kind: IdKind, count = 1): Promise<number> {
    if (!Number.isInteger(count) || count < 1)
      throw new RangeError(`id count must be a positive integer, got ${count}`);
    const row = await this.ctx
      .db()
      .insertInto('id_sequence')
      .values({ wiki, name: kind, next_id: 1 + count })
      .onConflict((oc) =>
        oc
          .columns(['wiki', 'name'])
          .doUpdateSet((eb) => ({ next_id: eb('id_sequence.next_id', '+', count) })),
      )
      .returning('next_id')
      .executeTakeFirstOrThrow();
    return Number(row.next_id) - count;
  }

  async turn(wiki: string, name: string): Promise<void> {
    // An upsert that always writes the row: it holds the row lock until the transaction ends.
    await this.ctx
      .db()
      .insertInto('id_sequence')
      .values({ wiki, name: `turn:${name}`, next_id: 1 })
      .onConflict((oc) =>
        oc.columns(['wiki', 'name']).doUpdateSet((eb) => ({ next_id: eb('id_sequence.next_id', '+', 1) })),
      )
      .execute();
  }

  async ensureAbove(wiki: string, kind: IdKind, id: number): Promise<void> {
    await this.ctx
      .db()
      .insertInto('id_sequence')
      .values({ wiki, name: kind, next_id: id + 1 })
      .onConflict((oc) =>
        oc
          .columns(['wiki', 'name'])
          .doUpdateSet((eb) => ({ next_id: eb.ref('excluded.next_id') }))
          .whereRef('id_sequence.next_id', '<', 'excluded.next_id'),
      )
      .execute();
  }
}
