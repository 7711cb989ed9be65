import type { Selectable } from 'kysely';
import type { RecentChange } from '../../domain/wiki.ts';
import type { RecentChangeTable } from '../schema.ts';
import type { RecentChangeQuery, RecentChangeRepository } from '../repositories/logs-and-changes.ts';
import type { SqlChangeTagRepository } from './change-tag-repository.ts';
import type { SqlContext } from './sql-context.ts';

export class SqlRecentChangeRepository implements RecentChangeRepository {
  constructor(
    private readonly ctx: SqlContext,
    private readonly tags: SqlChangeTagRepository,
  ) {}

  /** Stores the change and its `tags` (as change tags of the change, its revision and log entry). */
  async insert(rc: RecentChange): Promise<void> {
    await this.ctx
      .db()
      .insertInto('recentchange')
      .values({
        wiki: rc.wiki,
        rc_id: rc.id,
        timestamp: rc.timestamp,
        actor_id: rc.actorId,
        actor_name: rc.actorName,
        namespace: rc.namespace,
        title: rc.title,
        page_id: rc.pageId,
        rev_id: rc.revId,
        old_rev_id: rc.oldRevId,
        rc_type: rc.type,
        minor: rc.minor ? 1 : 0,
        bot: rc.bot ? 1 : 0,
        patrolled: rc.patrolled,
        comment: rc.comment,
        old_len: rc.oldLen,
        new_len: rc.newLen,
        log_id: rc.logId,
        log_type: rc.logType,
        log_action: rc.logAction,
      })
      .execute();
    if (rc.tags.length > 0) {
      await this.tags.add(rc.wiki, rc.tags, {
        rcId: rc.id,
        revId: rc.revId > 0 ? rc.revId : undefined,
        logId: rc.logId > 0 ? rc.logId : undefined,
      });
    }
  }

  async get(wiki: string, rcId: number): Promise<RecentChange | undefined> {
    const row = await this.ctx
      .db()
      .selectFrom('recentchange')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('rc_id', '=', rcId)
      .executeTakeFirst();
    return row && (await this.withTags(wiki, [row]))[0];
  }

  /** recentchange_rev_idx; the earliest change when several name the revision. */
  async findByRevision(wiki: string, revId: number): Promise<RecentChange | undefined> {
    const row = await this.ctx
      .db()
      .selectFrom('recentchange')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('rev_id', '=', revId)
      .orderBy('rc_id')
      .limit(1)
      .executeTakeFirst();
    return row && (await this.withTags(wiki, [row]))[0];
  }

  /**
   * list=recentchanges: keyset on (timestamp, rc_id) over recentchange_time_idx; `start`/`end`
   * bound the listing inclusively in the direction of travel (rcstart/rcend). `patrolled: true`
   * means patrolled or autopatrolled.
   */
  async list(wiki: string, q: RecentChangeQuery): Promise<RecentChange[]> {
    const older = q.dir === 'older';
    let query = this.ctx.db().selectFrom('recentchange').selectAll().where('wiki', '=', wiki);
    if (q.namespaces?.length) query = query.where('namespace', 'in', q.namespaces);
    if (q.types?.length) query = query.where('rc_type', 'in', q.types);
    if (q.actorName !== undefined) query = query.where('actor_name', '=', q.actorName);
    if (q.excludeActorName !== undefined) query = query.where('actor_name', '!=', q.excludeActorName);
    if (q.patrolled !== undefined) query = query.where('patrolled', q.patrolled ? '>' : '=', 0);
    if (q.bot !== undefined) query = query.where('bot', '=', q.bot ? 1 : 0);
    if (q.minor !== undefined) query = query.where('minor', '=', q.minor ? 1 : 0);
    if (q.start !== undefined) query = query.where('timestamp', older ? '<=' : '>=', q.start);
    if (q.end !== undefined) query = query.where('timestamp', older ? '>=' : '<=', q.end);
    const watcher = q.watchedBy;
    if (watcher) {
      // EXISTS (… watchlist WHERE (wiki, user_id, namespace, title) = … AND unexpired): watchlist_pk.
      query = query.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('watchlist')
            .select('watchlist.user_id')
            .whereRef('watchlist.wiki', '=', 'recentchange.wiki')
            .where('watchlist.user_id', '=', watcher.userId)
            .whereRef('watchlist.namespace', '=', 'recentchange.namespace')
            .whereRef('watchlist.title', '=', 'recentchange.title')
            .where((eb) =>
              eb.or([eb('watchlist.expiry', 'is', null), eb('watchlist.expiry', '>', watcher.now)]),
            ),
        ),
      );
    }
    const after = q.after;
    if (after) {
      query = query.where((eb) =>
        eb(eb.refTuple('timestamp', 'rc_id'), older ? '<' : '>', eb.tuple(after.timestamp, after.id)),
      );
    }
    const order = older ? 'desc' : 'asc';
    const rows = await query.orderBy('timestamp', order).orderBy('rc_id', order).limit(q.limit).execute();
    return this.withTags(wiki, rows);
  }

  async setPatrolled(wiki: string, rcId: number, patrolled: 0 | 1 | 2): Promise<void> {
    await this.ctx
      .db()
      .updateTable('recentchange')
      .set({ patrolled })
      .where('wiki', '=', wiki)
      .where('rc_id', '=', rcId)
      .execute();
  }

  /** UPDATE recentchange SET … WHERE wiki = ? AND rev_id IN (…) (recentchange_rev_idx). */
  async markRevisions(wiki: string, revIds: number[], set: { bot?: true; patrolled?: 1 | 2 }): Promise<void> {
    const changes: { bot?: number; patrolled?: number } = {};
    if (set.bot) changes.bot = 1;
    if (set.patrolled !== undefined) changes.patrolled = set.patrolled;
    if (revIds.length === 0 || Object.keys(changes).length === 0) return;
    for (let i = 0; i < revIds.length; i += 500) {
      await this.ctx
        .db()
        .updateTable('recentchange')
        .set(changes)
        .where('wiki', '=', wiki)
        .where('rev_id', 'in', revIds.slice(i, i + 500))
        .execute();
    }
  }

  private async withTags(wiki: string, rows: Selectable<RecentChangeTable>[]): Promise<RecentChange[]> {
    if (rows.length === 0) return [];
    const tags = await this.tags.forRecentChanges(
      wiki,
      rows.map((r) => ({ id: r.rc_id, revId: r.rev_id, logId: r.log_id })),
    );
    return rows.map((r) => ({
      wiki: r.wiki,
      id: r.rc_id,
      timestamp: r.timestamp,
      actorId: r.actor_id,
      actorName: r.actor_name,
      namespace: r.namespace,
      title: r.title,
      pageId: r.page_id,
      revId: r.rev_id,
      oldRevId: r.old_rev_id,
      type: r.rc_type as RecentChange['type'],
      minor: r.minor === 1,
      bot: r.bot === 1,
      patrolled: r.patrolled as RecentChange['patrolled'],
      comment: r.comment,
      oldLen: r.old_len,
      newLen: r.new_len,
      logId: r.log_id,
      logType: r.log_type,
      logAction: r.log_action,
      tags: tags.get(r.rc_id) ?? [],
    }));
  }
}
