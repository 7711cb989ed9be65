import type { AuthSession, SessionRepository } from '../repositories/users-and-sessions.ts';
import type { SqlContext } from './sql-context.ts';

export class SqlSessionRepository implements SessionRepository {
  constructor(private readonly ctx: SqlContext) {}

  async insert(session: AuthSession): Promise<void> {
    await this.ctx
      .db()
      .insertInto('auth_session')
      .values({
        session_id: session.id,
        wiki: session.wiki,
        user_id: session.userId,
        csrf_secret: session.csrfSecret,
        app_id: session.appId,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  /** The session if it has not expired at `now` (a session is valid while now < expiresAt). */
  async get(sessionId: string, now: number): Promise<AuthSession | undefined> {
    const row = await this.ctx
      .db()
      .selectFrom('auth_session')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return (
      row && {
        id: row.session_id,
        wiki: row.wiki,
        userId: row.user_id,
        csrfSecret: row.csrf_secret,
        appId: row.app_id,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      }
    );
  }

  async delete(sessionId: string): Promise<void> {
    await this.ctx.db().deleteFrom('auth_session').where('session_id', '=', sessionId).execute();
  }

  /** auth_session_expiry_idx. */
  async deleteExpired(now: number): Promise<number> {
    const result = await this.ctx
      .db()
      .deleteFrom('auth_session')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
