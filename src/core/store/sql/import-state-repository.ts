import type { ImportState, ImportStateRepository } from '../repositories/import-state.ts';
import type { SqlContext } from './sql-context.ts';

/** Resumable dump-import progress, one row per source. */
export class SqlImportStateRepository implements ImportStateRepository {
  constructor(private readonly ctx: SqlContext) {}

  async get(sourceKey: string): Promise<ImportState | undefined> {
    const row = await this.ctx
      .db()
      .selectFrom('import_state')
      .selectAll()
      .where('source_key', '=', sourceKey)
      .executeTakeFirst();
    return (
      row && {
        sourceKey: row.source_key,
        wiki: row.wiki,
        pagesDone: row.pages_done,
        revisionsDone: row.revisions_done,
        startedAt: row.started_at,
        finishedAt: row.finished_at,
        ...(row.cursor === '' ? {} : { cursor: row.cursor }),
      }
    );
  }

  async save(state: ImportState): Promise<void> {
    const row = {
      source_key: state.sourceKey,
      wiki: state.wiki,
      pages_done: state.pagesDone,
      revisions_done: state.revisionsDone,
      started_at: state.startedAt,
      finished_at: state.finishedAt,
      cursor: state.cursor ?? '',
    };
    await this.ctx
      .db()
      .insertInto('import_state')
      .values(row)
      .onConflict((oc) =>
        oc.column('source_key').doUpdateSet({
          wiki: row.wiki,
          pages_done: row.pages_done,
          revisions_done: row.revisions_done,
          started_at: row.started_at,
          finished_at: row.finished_at,
          cursor: row.cursor,
        }),
      )
      .execute();
  }
}
