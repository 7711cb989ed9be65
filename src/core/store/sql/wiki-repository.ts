import type { Selectable } from 'kysely';
import type { NamespaceInfo } from '../../domain/namespaces.ts';
import type { WikiInfo } from '../../domain/wiki.ts';
import type { WikiTable } from '../schema.ts';
import type { WikiRepository } from '../repositories/wikis-and-ids.ts';
import type { SqlContext } from './sql-context.ts';

export class SqlWikiRepository implements WikiRepository {
  constructor(private readonly ctx: SqlContext) {}

  async list(): Promise<WikiInfo[]> {
    const rows = await this.ctx.db().selectFrom('wiki').selectAll().orderBy('wiki').execute();
    return rows.map(toWikiInfo);
  }

  async get(id: string): Promise<WikiInfo | undefined> {
    const row = await this.ctx.db().selectFrom('wiki').selectAll().where('wiki', '=', id).executeTakeFirst();
    return row && toWikiInfo(row);
  }

  /** Inserts or replaces the wiki; `created_at` keeps its first value. */
  async upsert(wiki: WikiInfo, now: number): Promise<void> {
    const row = {
      wiki: wiki.id,
      lang: wiki.lang,
      sitename: wiki.sitename,
      base_url: wiki.baseUrl,
      namespaces: JSON.stringify(wiki.namespaces),
      settings: JSON.stringify(wiki.settings),
      is_media_repo: wiki.isMediaRepo ? 1 : 0,
      source: wiki.source,
      created_at: now,
    };
    await this.ctx
      .db()
      .insertInto('wiki')
      .values(row)
      .onConflict((oc) =>
        oc.column('wiki').doUpdateSet({
          lang: row.lang,
          sitename: row.sitename,
          base_url: row.base_url,
          namespaces: row.namespaces,
          settings: row.settings,
          is_media_repo: row.is_media_repo,
          source: row.source,
        }),
      )
      .execute();
  }
}

function toWikiInfo(row: Selectable<WikiTable>): WikiInfo {
  return {
    id: row.wiki,
    lang: row.lang,
    sitename: row.sitename,
    baseUrl: row.base_url,
    namespaces: JSON.parse(row.namespaces) as NamespaceInfo[],
    isMediaRepo: row.is_media_repo === 1,
    source: row.source as WikiInfo['source'],
    settings: JSON.parse(row.settings) as Record<string, unknown>,
  };
}
