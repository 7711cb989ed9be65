import { sql, type Selectable, type SqlBool } from 'kysely';
import { parseIpRange, rangeStartLowerBound } from '../../domain/ip-addresses.ts';
import type { Block } from '../../domain/wiki.ts';
import type { UserBlockTable } from '../schema.ts';
import type { BlockRepository } from '../repositories/users-and-sessions.ts';
import { chunkKeys } from './batching.ts';
import type { SqlContext } from './sql-context.ts';

export class SqlBlockRepository implements BlockRepository {
  constructor(private readonly ctx: SqlContext) {}

  /**
   * Stores a sitewide or partial block; partial-block restrictions are not modelled yet (''). An
   * address or range target gets the hex of its first and last address (ipb_range_start/end).
   */
  async insert(block: Block): Promise<void> {
    const range = block.targetAddress === '' ? null : parseIpRange(block.targetAddress);
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
        range_start: range?.start ?? '',
        range_end: range?.end ?? '',
        anon_only: block.anonOnly ? 1 : 0,
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

  /**
   * SELECT * FROM user_block WHERE wiki = ? AND range_start BETWEEN :lowerBound AND :start
   *   AND range_end >= :end AND (expiry IS NULL OR expiry > :now)
   *   ORDER BY range_start DESC, range_end, timestamp DESC, block_id DESC (user_block_range_idx)
   * Covering ranges of one address are nested, so the largest start (then the smallest end) is
   * the narrowest. The lower bound keeps the scan to ranges within $wgBlockCIDRLimit.
   */
  async activeCovering(wiki: string, range: { start: string; end: string }, now: number): Promise<Block[]> {
    const rows = await this.#coveringQuery(wiki, range, now)
      .orderBy('range_start', 'desc')
      .orderBy('range_end')
      .orderBy('timestamp', 'desc')
      .orderBy('block_id', 'desc')
      .execute();
    return rows.map(toBlock);
  }

  /**
   * The account's newest active block (`kind` 0) and the blocks covering the range (`kind` 1) in
   * one statement, ordered as `activeForUser` and `activeCovering` order them.
   */
  async activeAgainst(
    wiki: string,
    userId: number,
    range: { start: string; end: string } | undefined,
    now: number,
  ): Promise<{ user: Block | undefined; covering: Block[] }> {
    const db = this.ctx.db();
    const unexpired = sql<SqlBool>`(expiry is null or expiry > ${now})`;
    const account = sql`select * from (select * from user_block where wiki = ${wiki} and target_user_id = ${userId} and ${unexpired}
      order by timestamp desc, block_id desc limit 1) as newest`;
    const covering =
      range &&
      sql`select * from user_block where wiki = ${wiki} and range_start >= ${rangeStartLowerBound(range.start)}
        and range_start <= ${range.start} and range_end >= ${range.end} and ${unexpired}`;
    const { rows } = await sql<Selectable<UserBlockTable> & { kind: number }>`
      select *, 0 as kind from (${account}) as a
      ${covering ? sql`union all select *, 1 as kind from (${covering}) as c` : sql``}
      order by kind, range_start desc, range_end, timestamp desc, block_id desc`.execute(db);
    const user = rows.find((r) => Number(r.kind) === 0);
    return {
      user: user && toBlock(user),
      covering: rows.filter((r) => Number(r.kind) === 1).map(toBlock),
    };
  }

  /** SELECT * FROM user_block WHERE wiki = ? [AND filter] AND unexpired ORDER BY timestamp DESC, block_id DESC. */
  async list(
    wiki: string,
    opts: {
      now: number;
      limit: number;
      ids?: number[];
      userIds?: number[];
      range?: { start: string; end: string };
      from?: { timestamp: number; id: number };
    },
  ): Promise<Block[]> {
    let query = opts.range
      ? this.#coveringQuery(wiki, opts.range, opts.now)
      : this.ctx
          .db()
          .selectFrom('user_block')
          .selectAll()
          .where('wiki', '=', wiki)
          .where((eb) => eb.or([eb('expiry', 'is', null), eb('expiry', '>', opts.now)]));
    if (opts.ids) query = query.where('block_id', 'in', opts.ids.length ? opts.ids : [-1]);
    if (opts.userIds) query = query.where('target_user_id', 'in', opts.userIds.length ? opts.userIds : [-1]);
    const from = opts.from;
    if (from) {
      query = query.where((eb) =>
        eb.or([
          eb('timestamp', '<', from.timestamp),
          eb.and([eb('timestamp', '=', from.timestamp), eb('block_id', '<=', from.id)]),
        ]),
      );
    }
    const rows = await query
      .orderBy('timestamp', 'desc')
      .orderBy('block_id', 'desc')
      .limit(opts.limit)
      .execute();
    return rows.map(toBlock);
  }

  #coveringQuery(wiki: string, range: { start: string; end: string }, now: number) {
    return this.ctx
      .db()
      .selectFrom('user_block')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('range_start', '>=', rangeStartLowerBound(range.start))
      .where('range_start', '<=', range.start)
      .where('range_end', '>=', range.end)
      .where((eb) => eb.or([eb('expiry', 'is', null), eb('expiry', '>', now)]));
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
    anonOnly: row.anon_only === 1,
  };
}
