import type { Selectable } from 'kysely';
import type { User } from '../../domain/wiki.ts';
import type { WikiUserTable } from '../schema.ts';
import type { NewUser, UserRepository } from '../repositories/users-and-sessions.ts';
import { chunkKeys, chunkRows } from './batching.ts';
import type { SqlContext } from './sql-context.ts';
import { startsWith } from './title-range.ts';

const userColumns = 7;

export class SqlUserRepository implements UserRepository {
  constructor(private readonly ctx: SqlContext) {}

  /** `groups` are the groups unexpired at the store's clock. */
  async getById(wiki: string, userId: number): Promise<User | undefined> {
    const row = await this.ctx
      .db()
      .selectFrom('wiki_user')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row && (await this.withGroups(wiki, [row], this.ctx.clock()))[0];
  }

  /** `groups` are the groups unexpired at the store's clock. */
  async getByName(wiki: string, name: string): Promise<User | undefined> {
    const row = await this.ctx
      .db()
      .selectFrom('wiki_user')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('name', '=', name)
      .executeTakeFirst();
    return row && (await this.withGroups(wiki, [row], this.ctx.clock()))[0];
  }

  /** Users in name order; unknown names are left out. */
  async getManyByNames(wiki: string, names: string[]): Promise<User[]> {
    const rows: Selectable<WikiUserTable>[] = [];
    for (const chunk of chunkKeys([...new Set(names)])) {
      rows.push(
        ...(await this.ctx
          .db()
          .selectFrom('wiki_user')
          .selectAll()
          .where('wiki', '=', wiki)
          .where('name', 'in', chunk)
          .execute()),
      );
    }
    rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return this.withGroups(wiki, rows, this.ctx.clock());
  }

  /** Primary key look-ups; groups unexpired at `now`, else at the store's clock. */
  async getManyByIds(wiki: string, userIds: number[], now?: number): Promise<User[]> {
    const rows: Selectable<WikiUserTable>[] = [];
    for (const chunk of chunkKeys([...new Set(userIds)])) {
      rows.push(
        ...(await this.ctx
          .db()
          .selectFrom('wiki_user')
          .selectAll()
          .where('wiki', '=', wiki)
          .where('user_id', 'in', chunk)
          .execute()),
      );
    }
    rows.sort((a, b) => a.user_id - b.user_id);
    return this.withGroups(wiki, rows, now ?? this.ctx.clock());
  }

  async getPasswordHash(wiki: string, userId: number): Promise<string | undefined> {
    const row = await this.ctx
      .db()
      .selectFrom('wiki_user')
      .select('password_hash')
      .where('wiki', '=', wiki)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.password_hash;
  }

  async insert(user: NewUser): Promise<void> {
    await this.ctx.db().insertInto('wiki_user').values(toRow(user)).execute();
  }

  /** Multi-row INSERT … ON CONFLICT DO NOTHING: an existing id or name leaves the row as it is. */
  async insertManyIfMissing(users: NewUser[]): Promise<void> {
    for (const chunk of chunkRows(users.map(toRow), userColumns, this.ctx.dialect.maxParameters)) {
      await this.ctx
        .db()
        .insertInto('wiki_user')
        .values(chunk)
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }

  async upsertFacts(users: readonly NewUser[]): Promise<void> {
    for (const chunk of chunkRows(users.map(toRow), userColumns, this.ctx.dialect.maxParameters)) {
      await this.ctx
        .db()
        .insertInto('wiki_user')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['wiki', 'user_id']).doUpdateSet((eb) => ({
            registration: eb.ref('excluded.registration'),
            editcount: eb.ref('excluded.editcount'),
          })),
        )
        .execute();
    }
  }

  async setPasswordHash(wiki: string, userId: number, hash: string): Promise<void> {
    await this.ctx
      .db()
      .updateTable('wiki_user')
      .set({ password_hash: hash })
      .where('wiki', '=', wiki)
      .where('user_id', '=', userId)
      .execute();
  }

  async incrementEditCount(wiki: string, userId: number, by = 1): Promise<void> {
    await this.ctx
      .db()
      .updateTable('wiki_user')
      .set((eb) => ({ editcount: eb('editcount', '+', by) }))
      .where('wiki', '=', wiki)
      .where('user_id', '=', userId)
      .execute();
  }

  /**
   * One grouped pass over the wiki's revisions and archive (`SELECT user_id, count(*) … GROUP BY
   * user_id`; no index on user_id: a range scan of the (wiki, rev_id) primary keys, as
   * initEditCount.php reads them), then the accounts in primary-key order, 1000 at a time (keyset
   * on user_id), each updated only when its count differs.
   */
  async recountEditCounts(wiki: string, userIds?: number[]): Promise<{ users: number; changed: number }> {
    const counts = new Map<number, number>();
    for (const table of ['revision', 'archive'] as const) {
      const rows = await this.ctx
        .db()
        .selectFrom(table)
        .select((eb) => ['user_id', eb.fn.countAll<number | string | bigint>().as('edits')])
        .where('wiki', '=', wiki)
        .where('user_id', '>', 0)
        .groupBy('user_id')
        .execute();
      for (const r of rows)
        counts.set(Number(r.user_id), (counts.get(Number(r.user_id)) ?? 0) + Number(r.edits));
    }
    let users = 0;
    let changed = 0;
    const update = async (accounts: { user_id: number; editcount: number }[]) => {
      users += accounts.length;
      for (const a of accounts) {
        const edits = counts.get(Number(a.user_id)) ?? 0;
        if (Number(a.editcount) === edits) continue;
        changed++;
        await this.ctx
          .db()
          .updateTable('wiki_user')
          .set({ editcount: edits })
          .where('wiki', '=', wiki)
          .where('user_id', '=', a.user_id)
          .execute();
      }
    };
    const select = () =>
      this.ctx.db().selectFrom('wiki_user').select(['user_id', 'editcount']).where('wiki', '=', wiki);
    if (userIds !== undefined) {
      for (const chunk of chunkKeys([...new Set(userIds)]))
        await update(await select().where('user_id', 'in', chunk).execute());
      return { users, changed };
    }
    for (let after = 0; ;) {
      const page = await select().where('user_id', '>', after).orderBy('user_id').limit(1000).execute();
      await update(page);
      const last = page[page.length - 1];
      if (!last || page.length < 1000) break;
      after = Number(last.user_id);
    }
    return { users, changed };
  }

  async groups(wiki: string, userId: number, now: number): Promise<string[]> {
    return (await this.groupsOf(wiki, [userId], now)).get(userId) ?? [];
  }

  /** Adds the group or changes its expiry (null = permanent). */
  async addGroup(wiki: string, userId: number, group: string, expiry: number | null): Promise<void> {
    await this.ctx
      .db()
      .insertInto('user_group')
      .values({ wiki, user_id: userId, group_name: group, expiry })
      .onConflict((oc) => oc.columns(['wiki', 'user_id', 'group_name']).doUpdateSet({ expiry }))
      .execute();
  }

  async removeGroup(wiki: string, userId: number, group: string): Promise<void> {
    await this.ctx
      .db()
      .deleteFrom('user_group')
      .where('wiki', '=', wiki)
      .where('user_id', '=', userId)
      .where('group_name', '=', group)
      .execute();
  }

  /**
   * list=allusers: names in code point order from `from` (inclusive, in the direction of travel),
   * over the unique key (wiki, name); group filters use user_group_group_idx.
   */
  async list(
    wiki: string,
    q: {
      from?: string;
      prefix?: string;
      groups?: string[];
      excludeGroups?: string[];
      withEditsOnly?: boolean;
      dir: 'ascending' | 'descending';
      limit: number;
      now: number;
    },
  ): Promise<User[]> {
    const ascending = q.dir === 'ascending';
    const db = this.ctx.db();
    const members = (groups: string[]) =>
      db
        .selectFrom('user_group')
        .select('user_group.user_id')
        .where('user_group.wiki', '=', wiki)
        .where('user_group.group_name', 'in', groups)
        .where((eb) => eb.or([eb('user_group.expiry', 'is', null), eb('user_group.expiry', '>', q.now)]));
    let query = db.selectFrom('wiki_user').selectAll().where('wiki', '=', wiki);
    if (q.from !== undefined) query = query.where('name', ascending ? '>=' : '<=', q.from);
    if (q.prefix) query = query.where(startsWith('name', q.prefix));
    if (q.groups?.length) query = query.where('user_id', 'in', members(q.groups));
    if (q.excludeGroups?.length) query = query.where('user_id', 'not in', members(q.excludeGroups));
    if (q.withEditsOnly) query = query.where('editcount', '>', 0);
    const rows = await query
      .orderBy('name', ascending ? 'asc' : 'desc')
      .limit(q.limit)
      .execute();
    return this.withGroups(wiki, rows, q.now);
  }

  async getOptions(wiki: string, userId: number): Promise<Record<string, string>> {
    const rows = await this.ctx
      .db()
      .selectFrom('user_option')
      .select(['name', 'value'])
      .where('wiki', '=', wiki)
      .where('user_id', '=', userId)
      .orderBy('name')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.name, r.value]));
  }

  /** Sets each option; a null value removes it (back to the default). */
  async setOptions(wiki: string, userId: number, options: Record<string, string | null>): Promise<void> {
    const db = this.ctx.db();
    const entries = Object.entries(options);
    const removed = entries.filter(([, v]) => v === null).map(([k]) => k);
    const set = entries.flatMap(([name, value]) =>
      value === null ? [] : [{ wiki, user_id: userId, name, value }],
    );
    if (removed.length > 0) {
      await db
        .deleteFrom('user_option')
        .where('wiki', '=', wiki)
        .where('user_id', '=', userId)
        .where('name', 'in', removed)
        .execute();
    }
    for (const chunk of chunkRows(set, 4, this.ctx.dialect.maxParameters)) {
      await db
        .insertInto('user_option')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['wiki', 'user_id', 'name']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })),
        )
        .execute();
    }
  }

  /** Creates or replaces the bot password of (user, appId). */
  async addBotPassword(
    wiki: string,
    userId: number,
    appId: string,
    passwordHash: string,
    grants: string[],
    now: number,
  ): Promise<void> {
    const row = {
      wiki,
      user_id: userId,
      app_id: appId,
      password_hash: passwordHash,
      grants: JSON.stringify(grants),
      created_at: now,
    };
    await this.ctx
      .db()
      .insertInto('bot_password')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['wiki', 'user_id', 'app_id'])
          .doUpdateSet({ password_hash: row.password_hash, grants: row.grants, created_at: now }),
      )
      .execute();
  }

  async getBotPassword(
    wiki: string,
    userId: number,
    appId: string,
  ): Promise<{ passwordHash: string; grants: string[] } | undefined> {
    const row = await this.ctx
      .db()
      .selectFrom('bot_password')
      .select(['password_hash', 'grants'])
      .where('wiki', '=', wiki)
      .where('user_id', '=', userId)
      .where('app_id', '=', appId)
      .executeTakeFirst();
    return row && { passwordHash: row.password_hash, grants: JSON.parse(row.grants) as string[] };
  }

  /** user_group by its primary key (wiki, user_id, group_name). */
  async groupMemberships(
    wiki: string,
    userIds: number[],
    now: number,
  ): Promise<Map<number, { group: string; expiry: number | null }[]>> {
    const out = new Map<number, { group: string; expiry: number | null }[]>();
    for (const chunk of chunkKeys([...new Set(userIds)])) {
      const rows = await this.ctx
        .db()
        .selectFrom('user_group')
        .select(['user_id', 'group_name', 'expiry'])
        .where('wiki', '=', wiki)
        .where('user_id', 'in', chunk)
        .where((eb) => eb.or([eb('expiry', 'is', null), eb('expiry', '>', now)]))
        .orderBy('user_id')
        .orderBy('group_name')
        .execute();
      for (const r of rows) {
        const list = out.get(r.user_id) ?? [];
        list.push({ group: r.group_name, expiry: r.expiry });
        out.set(r.user_id, list);
      }
    }
    return out;
  }

  private async groupsOf(wiki: string, userIds: number[], now: number): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    for (const chunk of chunkKeys(userIds)) {
      const rows = await this.ctx
        .db()
        .selectFrom('user_group')
        .select(['user_id', 'group_name'])
        .where('wiki', '=', wiki)
        .where('user_id', 'in', chunk)
        .where((eb) => eb.or([eb('expiry', 'is', null), eb('expiry', '>', now)]))
        .orderBy('user_id')
        .orderBy('group_name')
        .execute();
      for (const r of rows) {
        const list = out.get(r.user_id) ?? [];
        list.push(r.group_name);
        out.set(r.user_id, list);
      }
    }
    return out;
  }

  private async withGroups(wiki: string, rows: Selectable<WikiUserTable>[], now: number): Promise<User[]> {
    if (rows.length === 0) return [];
    const groups = await this.groupsOf(
      wiki,
      rows.map((r) => r.user_id),
      now,
    );
    return rows.map((r) => ({
      wiki: r.wiki,
      id: r.user_id,
      name: r.name,
      registration: r.registration,
      editCount: r.editcount,
      email: r.email,
      groups: groups.get(r.user_id) ?? [],
    }));
  }
}

function toRow(user: NewUser): WikiUserTable {
  return {
    wiki: user.wiki,
    user_id: user.id,
    name: user.name,
    password_hash: user.passwordHash,
    registration: user.registration,
    editcount: user.editCount ?? 0,
    email: user.email ?? '',
  };
}
