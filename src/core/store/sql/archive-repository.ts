import type { Revision } from '../../domain/wiki.ts';
import type { ArchiveRepository } from '../repositories/pages-and-revisions.ts';
import { toRevision } from './revision-repository.ts';
import type { SqlContext } from './sql-context.ts';

/** Revisions of deleted pages (filled by revisions.archivePage), over index archive_title_idx. */
export class SqlArchiveRepository implements ArchiveRepository {
  constructor(private readonly ctx: SqlContext) {}

  async listForTitle(wiki: string, namespace: number, title: string): Promise<Revision[]> {
    const rows = await this.ctx
      .db()
      .selectFrom('archive')
      .selectAll()
      .where('wiki', '=', wiki)
      .where('namespace', '=', namespace)
      .where('title', '=', title)
      .orderBy('timestamp', 'asc')
      .orderBy('rev_id', 'asc')
      .execute();
    return rows.map(toRevision);
  }

  async takeForTitle(wiki: string, namespace: number, title: string): Promise<Revision[]> {
    const rows = await this.ctx
      .db()
      .deleteFrom('archive')
      .where('wiki', '=', wiki)
      .where('namespace', '=', namespace)
      .where('title', '=', title)
      .returningAll()
      .execute();
    return rows.map(toRevision).sort((a, b) => a.timestamp - b.timestamp || a.id - b.id);
  }
}
