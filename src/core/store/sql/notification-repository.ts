import type { Notification } from '../../domain/wiki.ts';
import type { NotificationRepository } from '../repositories/notifications.ts';
import { chunkKeys } from './batching.ts';
import type { SqlContext } from './sql-context.ts';

/** Echo-style notifications, over notification_user_idx (wiki, user_id, notification_id). */
export class SqlNotificationRepository implements NotificationRepository {
  constructor(private readonly ctx: SqlContext) {}

  async insert(n: Notification): Promise<void> {
    await this.ctx
      .db()
      .insertInto('notification')
      .values({
        wiki: n.wiki,
        notification_id: n.id,
        user_id: n.userId,
        event_type: n.eventType,
        category: n.category,
        agent_id: n.agentId,
        agent_name: n.agentName,
        page_namespace: n.pageNamespace,
        page_title: n.pageTitle,
        page_id: n.pageId,
        extra: JSON.stringify(n.extra),
        timestamp: n.timestamp,
        read_at: n.readAt,
      })
      .execute();
  }

  /** Newest first (by id); `beforeId` continues below that id. */
  async listForUser(
    wiki: string,
    userId: number,
    q: { unreadOnly?: boolean; limit: number; beforeId?: number },
  ): Promise<Notification[]> {
    let query = this.ctx
      .db()
      .selectFrom('notification')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('user_id', '=', userId);
    if (q.unreadOnly) query = query.where('read_at', 'is', null);
    if (q.beforeId !== undefined) query = query.where('notification_id', '<', q.beforeId);
    const rows = await query.orderBy('notification_id', 'desc').limit(q.limit).execute();
    return rows.map((r) => ({
      wiki: r.wiki,
      id: r.notification_id,
      userId: r.user_id,
      eventType: r.event_type,
      category: r.category,
      agentId: r.agent_id,
      agentName: r.agent_name,
      pageNamespace: r.page_namespace,
      pageTitle: r.page_title,
      pageId: r.page_id,
      extra: JSON.parse(r.extra) as Record<string, unknown>,
      timestamp: r.timestamp,
      readAt: r.read_at,
    }));
  }

  /** Marks unread notifications of the user read at `now`; ones already read keep their time. */
  async markRead(wiki: string, userId: number, ids: number[] | 'all', now: number): Promise<void> {
    const update = () =>
      this.ctx
        .db()
        .updateTable('notification')
        .set({ read_at: now })
        .where('wiki', '=', wiki)
        .where('user_id', '=', userId)
        .where('read_at', 'is', null);
    if (ids === 'all') {
      await update().execute();
      return;
    }
    for (const chunk of chunkKeys(ids)) await update().where('notification_id', 'in', chunk).execute();
  }

  async markUnread(wiki: string, userId: number, ids: number[]): Promise<void> {
    for (const chunk of chunkKeys(ids))
      await this.ctx
        .db()
        .updateTable('notification')
        .set({ read_at: null })
        .where('wiki', '=', wiki)
        .where('user_id', '=', userId)
        .where('notification_id', 'in', chunk)
        .execute();
  }

  async countUnread(wiki: string, userId: number): Promise<number> {
    const row = await this.ctx
      .db()
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('wiki', '=', wiki)
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
