import type { AuthSession, SessionRepository } from '../repositories/users-and-sessions.ts';
import type { SqlContext } from './sql-context.ts';

export class SqlSessionRepository implements SessionRepository {
  constructor(private readonly ctx: SqlContext) {}

  async insert(session: AuthSession): Promise<void> {
    await this.ctx
      .db()
      .insertInto('auth_session')
      .values({
        session_hash: session.idHash,
        wiki: session.wiki,
        user_id: session.userId,
        csrf_secret: session.csrfSecret,
        app_id: session.appId,
        remember: session.remember ? 1 : 0,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  async get(idHash: string, now: number): Promise<AuthSession | undefined> {
    const row = await this.ctx
      .db()
      .selectFrom('auth_session')
      .selectAll()
      .where('session_hash', '=', idHash)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return (
      row && {
        idHash: row.session_hash,
        wiki: row.wiki,
        userId: Number(row.user_id),
        csrfSecret: row.csrf_secret,
        appId: row.app_id,
        remember: Number(row.remember) === 1,
        createdAt: Number(row.created_at),
        expiresAt: Number(row.expires_at),
      }
    );
  }

  async extend(idHash: string, expiresAt: number): Promise<void> {
    await this.ctx
      .db()
      .updateTable('auth_session')
      .set({ expires_at: expiresAt })
      .where('session_hash', '=', idHash)
      .execute();
  }

  async delete(idHash: string): Promise<void> {
    await this.ctx.db().deleteFrom('auth_session').where('session_hash', '=', idHash).execute();
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
