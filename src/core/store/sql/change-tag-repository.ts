import type { ChangeTagRepository } from '../repositories/logs-and-changes.ts';
import { chunkKeys, chunkRows } from './batching.ts';
import type { SqlContext } from './sql-context.ts';

/**
 * Change tags, one row per (tag, target) where the target names any of a revision, a log entry and
 * a recent change (0 = none), as MediaWiki's change_tag does. Adding a tag twice is a no-op.
 */
export class SqlChangeTagRepository implements ChangeTagRepository {
  constructor(private readonly ctx: SqlContext) {}

  async add(
    wiki: string,
    tags: string[],
    target: { revId?: number; logId?: number; rcId?: number },
  ): Promise<void> {
    const rows = [...new Set(tags)].map((tag) => ({
      wiki,
      tag,
      rev_id: target.revId ?? 0,
      log_id: target.logId ?? 0,
      rc_id: target.rcId ?? 0,
    }));
    for (const chunk of chunkRows(rows, 5, this.ctx.dialect.maxParameters)) {
      await this.ctx
        .db()
        .insertInto('change_tag')
        .values(chunk)
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }

  /** Tags per revision (change_tag_rev_idx), sorted; revisions without tags are absent. */
  forRevisions(wiki: string, revIds: number[]): Promise<Map<number, string[]>> {
    return this.tagsBy(wiki, 'rev_id', revIds);
  }

  /** Tags per log entry (change_tag_log_idx), sorted; entries without tags are absent. */
  forLogs(wiki: string, logIds: number[]): Promise<Map<number, string[]>> {
    return this.tagsBy(wiki, 'log_id', logIds);
  }

  /**
   * Tags of recent changes: those added for the change itself and for its revision or log entry,
   * sorted; changes without tags are absent.
   */
  async forRecentChanges(
    wiki: string,
    changes: { id: number; revId: number; logId: number }[],
  ): Promise<Map<number, string[]>> {
    const [byRc, byRev, byLog] = await Promise.all([
      this.tagsBy(
        wiki,
        'rc_id',
        changes.map((c) => c.id),
      ),
      this.tagsBy(
        wiki,
        'rev_id',
        changes.flatMap((c) => (c.revId > 0 ? [c.revId] : [])),
      ),
      this.tagsBy(
        wiki,
        'log_id',
        changes.flatMap((c) => (c.logId > 0 ? [c.logId] : [])),
      ),
    ]);
    const out = new Map<number, string[]>();
    for (const c of changes) {
      const tags = new Set([
        ...(byRc.get(c.id) ?? []),
        ...(c.revId > 0 ? (byRev.get(c.revId) ?? []) : []),
        ...(c.logId > 0 ? (byLog.get(c.logId) ?? []) : []),
      ]);
      if (tags.size > 0) out.set(c.id, [...tags].sort());
    }
    return out;
  }

  /**
   * Distinct revisions of the page carrying `tag`: the page's revisions (revision_page_time_idx)
   * probed in the unique key (wiki, tag, rev_id, …), rather than every revision with the tag.
   */
  async countForPage(wiki: string, pageId: number, tag: string): Promise<number> {
    const row = await this.ctx
      .db()
      .selectFrom('change_tag')
      .select((eb) => eb.fn.count('rev_id').distinct().as('n'))
      .where('wiki', '=', wiki)
      .where('tag', '=', tag)
      .where('rev_id', 'in', (eb) =>
        eb.selectFrom('revision').select('rev_id').where('wiki', '=', wiki).where('page_id', '=', pageId),
      )
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private async tagsBy(
    wiki: string,
    column: 'rev_id' | 'log_id' | 'rc_id',
    ids: number[],
  ): Promise<Map<number, string[]>> {
    const sets = new Map<number, Set<string>>();
    for (const chunk of chunkKeys([...new Set(ids)].filter((id) => id > 0))) {
      const rows = await this.ctx
        .db()
        .selectFrom('change_tag')
        .select([column, 'tag'])
        .where('wiki', '=', wiki)
        .where(column, 'in', chunk)
        .execute();
      for (const r of rows) {
        const id = r[column];
        const set = sets.get(id) ?? new Set<string>();
        set.add(r.tag);
        sets.set(id, set);
      }
    }
    return new Map([...sets].map(([id, set]) => [id, [...set].sort()]));
  }
}
