import type { Notification } from '../../domain/wiki.ts';

/** Echo-style notifications to users (a page's creator told of a review, …), newest first. */
export interface NotificationRepository {
  insert(n: Notification): Promise<void>;
  listForUser(
    wiki: string,
    userId: number,
    q: { unreadOnly?: boolean; limit: number; beforeId?: number },
  ): Promise<Notification[]>;
  markRead(wiki: string, userId: number, ids: number[] | 'all', now: number): Promise<void>;
  /** Marks read notifications of the user unread again (Echo's `unreadlist`). */
  markUnread(wiki: string, userId: number, ids: number[]): Promise<void>;
  countUnread(wiki: string, userId: number): Promise<number>;
}
