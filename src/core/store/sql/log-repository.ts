import type { Selectable } from 'kysely';
import type { LogEntry } from '../../domain/wiki.ts';
import type { LoggingTable } from '../schema.ts';
import type { LogQuery, LogRepository } from '../repositories/logs-and-changes.ts';
import { chunkKeys } from './batching.ts';
import type { SqlChangeTagRepository } from './change-tag-repository.ts';
import type { SqlContext } from './sql-context.ts';

export class SqlLogRepository implements LogRepository {
  constructor(
    private readonly ctx: SqlContext,
    private readonly tags: SqlChangeTagRepository,
  ) {}

  /** Stores the entry and its `tags` (as change tags of the log entry). */
  async insert(entry: LogEntry): Promise<void> {
    await this.ctx
      .db()
      .insertInto('logging')
      .values({
        wiki: entry.wiki,
        log_id: entry.id,
        log_type: entry.type,
        log_action: entry.action,
        timestamp: entry.timestamp,
        actor_id: entry.actorId,
        actor_name: entry.actorName,
        namespace: entry.namespace,
        title: entry.title,
        page_id: entry.pageId,
        comment: entry.comment,
        params: JSON.stringify(entry.params),
      })
      .execute();
    if (entry.tags.length > 0) await this.tags.add(entry.wiki, entry.tags, { logId: entry.id });
  }

  async get(wiki: string, logId: number): Promise<LogEntry | undefined> {
    const row = await this.ctx
      .db()
      .selectFrom('logging')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('log_id', '=', logId)
      .executeTakeFirst();
    return row && (await this.withTags(wiki, [row]))[0];
  }

  /**
   * list=logevents: keyset on (timestamp, log_id) in `dir` order. `start` is where the listing
   * begins and `end` where it stops (both inclusive), as MediaWiki's lestart/leend. Indexes:
   * logging_time_idx, or logging_type_time_idx / logging_title_idx / logging_actor_time_idx when
   * that filter is given.
   */
  async list(wiki: string, q: LogQuery): Promise<LogEntry[]> {
    const older = q.dir === 'older';
    let query = this.ctx.db().selectFrom('logging').selectAll().where('wiki', '=', wiki);
    if (q.type !== undefined) query = query.where('log_type', '=', q.type);
    if (q.action !== undefined) query = query.where('log_action', '=', q.action);
    if (q.actorName !== undefined) query = query.where('actor_name', '=', q.actorName);
    if (q.namespace !== undefined) query = query.where('namespace', '=', q.namespace);
    if (q.title !== undefined) query = query.where('title', '=', q.title);
    if (q.start !== undefined) query = query.where('timestamp', older ? '<=' : '>=', q.start);
    if (q.end !== undefined) query = query.where('timestamp', older ? '>=' : '<=', q.end);
    const after = q.after;
    if (after) {
      query = query.where((eb) =>
        eb(eb.refTuple('timestamp', 'log_id'), older ? '<' : '>', eb.tuple(after.timestamp, after.id)),
      );
    }
    const order = older ? 'desc' : 'asc';
    const rows = await query.orderBy('timestamp', order).orderBy('log_id', order).limit(q.limit).execute();
    return this.withTags(wiki, rows);
  }

  /** logging_title_idx. */
  async exists(
    wiki: string,
    type: string,
    actions: string[],
    namespace: number,
    title: string,
  ): Promise<boolean> {
    if (actions.length === 0) return false;
    const row = await this.ctx
      .db()
      .selectFrom('logging')
      .select('log_id')
      .where('wiki', '=', wiki)
      .where('namespace', '=', namespace)
      .where('title', '=', title)
      .where('log_type', '=', type)
      .where('log_action', 'in', actions)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Per namespace of the titles given, over logging_title_idx:
   *   SELECT DISTINCT namespace, title FROM logging WHERE wiki = ? AND namespace = ?
   *     AND title IN (…) AND log_type = ? AND log_action IN (…)
   */
  async existsMany(
    wiki: string,
    type: string,
    actions: string[],
    titles: { namespace: number; title: string }[],
  ): Promise<boolean[]> {
    const found = new Set<string>();
    const key = (namespace: number, title: string) => `${namespace}|${title}`;
    if (actions.length > 0) {
      const byNamespace = new Map<number, Set<string>>();
      for (const t of titles) {
        const set = byNamespace.get(t.namespace) ?? new Set<string>();
        set.add(t.title);
        byNamespace.set(t.namespace, set);
      }
      for (const [namespace, set] of byNamespace) {
        for (const chunk of chunkKeys([...set])) {
          const rows = await this.ctx
            .db()
            .selectFrom('logging')
            .select(['namespace', 'title'])
            .distinct()
            .where('wiki', '=', wiki)
            .where('namespace', '=', namespace)
            .where('title', 'in', chunk)
            .where('log_type', '=', type)
            .where('log_action', 'in', actions)
            .execute();
          for (const r of rows) found.add(key(r.namespace, r.title));
        }
      }
    }
    return titles.map((t) => found.has(key(t.namespace, t.title)));
  }

  private async withTags(wiki: string, rows: Selectable<LoggingTable>[]): Promise<LogEntry[]> {
    if (rows.length === 0) return [];
    const tags = await this.tags.forLogs(
      wiki,
      rows.map((r) => r.log_id),
    );
    return rows.map((r) => ({
      wiki: r.wiki,
      id: r.log_id,
      type: r.log_type,
      action: r.log_action,
      timestamp: r.timestamp,
      actorId: r.actor_id,
      actorName: r.actor_name,
      namespace: r.namespace,
      title: r.title,
      pageId: r.page_id,
      comment: r.comment,
      params: JSON.parse(r.params) as Record<string, unknown>,
      tags: tags.get(r.log_id) ?? [],
    }));
  }
}
