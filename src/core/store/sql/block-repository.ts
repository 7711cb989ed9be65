import type { Selectable } from 'kysely';
import type { Block } from '../../domain/wiki.ts';
import type { UserBlockTable } from '../schema.ts';
import type { BlockRepository } from '../repositories/users-and-sessions.ts';
import { chunkKeys } from './batching.ts';
import type { SqlContext } from './sql-context.ts';

export class SqlBlockRepository implements BlockRepository {
  constructor(private readonly ctx: SqlContext) {}

  /** Stores a sitewide or partial block; partial-block restrictions are not modelled yet (''). */
  async insert(block: Block): Promise<void> {
    await this.ctx
      .db()
      .insertInto('user_block')
      .values({
        wiki: block.wiki,
        block_id: block.id,
        target_user_id: block.targetUserId,
        target_address: block.targetAddress,
        by_user_id: block.byUserId,
        by_name: block.byName,
        reason: block.reason,
        timestamp: block.timestamp,
        expiry: block.expiry,
        sitewide: block.sitewide ? 1 : 0,
        no_create: block.noCreate ? 1 : 0,
        no_email: block.noEmail ? 1 : 0,
        allow_usertalk: block.allowUserTalk ? 1 : 0,
        restrictions: '',
      })
      .execute();
  }

  /** The newest block on the account whose expiry is null (infinite) or after `now` (user_block_user_idx). */
  activeForUser(wiki: string, userId: number, now: number): Promise<Block | undefined> {
    return this.#newestActive(wiki, now, { column: 'target_user_id', value: userId });
  }

  /** As activeForUser, for an IP address target (user_block_address_idx). */
  activeForAddress(wiki: string, address: string, now: number): Promise<Block | undefined> {
    return this.#newestActive(wiki, now, { column: 'target_address', value: address });
  }

  /**
   * SELECT * FROM user_block WHERE wiki = ? AND target_user_id IN (…) AND (expiry IS NULL OR
   *   expiry > :now) ORDER BY target_user_id, timestamp DESC, block_id DESC (user_block_user_idx);
   * the first row of each account wins.
   */
  async activeForUsers(wiki: string, userIds: number[], now: number): Promise<Map<number, Block>> {
    const out = new Map<number, Block>();
    for (const chunk of chunkKeys([...new Set(userIds)])) {
      const rows = await this.ctx
        .db()
        .selectFrom('user_block')
        .selectAll()
        .where('wiki', '=', wiki)
        .where('target_user_id', 'in', chunk)
        .where((eb) => eb.or([eb('expiry', 'is', null), eb('expiry', '>', now)]))
        .orderBy('target_user_id')
        .orderBy('timestamp', 'desc')
        .orderBy('block_id', 'desc')
        .execute();
      for (const row of rows) if (!out.has(row.target_user_id)) out.set(row.target_user_id, toBlock(row));
    }
    return out;
  }

  /**
   * SELECT * FROM user_block WHERE wiki = ? AND <target> = ? AND (expiry IS NULL OR expiry > :now)
   *   ORDER BY timestamp DESC, block_id DESC LIMIT 1
   */
  async #newestActive(
    wiki: string,
    now: number,
    target: { column: 'target_user_id'; value: number } | { column: 'target_address'; value: string },
  ): Promise<Block | undefined> {
    let query = this.ctx.db().selectFrom('user_block').selectAll().where('wiki', '=', wiki);
    query =
      target.column === 'target_user_id'
        ? query.where('target_user_id', '=', target.value)
        : query.where('target_address', '=', target.value);
    const row = await query
      .where((eb) => eb.or([eb('expiry', 'is', null), eb('expiry', '>', now)]))
      .orderBy('timestamp', 'desc')
      .orderBy('block_id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && toBlock(row);
  }

  async delete(wiki: string, blockId: number): Promise<void> {
    await this.ctx
      .db()
      .deleteFrom('user_block')
      .where('wiki', '=', wiki)
      .where('block_id', '=', blockId)
      .execute();
  }

  async get(wiki: string, blockId: number): Promise<Block | undefined> {
    const row = await this.ctx
      .db()
      .selectFrom('user_block')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('block_id', '=', blockId)
      .executeTakeFirst();
    return row && toBlock(row);
  }
}

function toBlock(row: Selectable<UserBlockTable>): Block {
  return {
    wiki: row.wiki,
    id: row.block_id,
    targetUserId: row.target_user_id,
    targetAddress: row.target_address,
    byUserId: row.by_user_id,
    byName: row.by_name,
    reason: row.reason,
    timestamp: row.timestamp,
    expiry: row.expiry,
    sitewide: row.sitewide === 1,
    noCreate: row.no_create === 1,
    noEmail: row.no_email === 1,
    allowUserTalk: row.allow_usertalk === 1,
  };
}
