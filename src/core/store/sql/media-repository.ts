import type { MediaFile } from '../../domain/wiki.ts';
import type { MediaFileTable } from '../schema.ts';
import type { MediaFileDescription, MediaRepository, MediaShape } from '../repositories/links-and-media.ts';
import { chunkKeys, chunkRows, lastPerKey } from './batching.ts';
import type { SqlContext } from './sql-context.ts';

const mediaColumns = 16;

export class SqlMediaRepository implements MediaRepository {
  constructor(private readonly ctx: SqlContext) {}

  /** Multi-row upsert on (repo, name); within one call a later file with the same name wins. */
  async upsertMany(files: MediaFile[]): Promise<void> {
    const rows = lastPerKey(files, (f) => `${f.repo}\u0000${f.name}`).map(toRow);
    for (const chunk of chunkRows(rows, mediaColumns, this.ctx.dialect.maxParameters)) {
      await this.ctx
        .db()
        .insertInto('media_file')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['repo', 'name']).doUpdateSet((eb) => ({
            size: eb.ref('excluded.size'),
            width: eb.ref('excluded.width'),
            height: eb.ref('excluded.height'),
            media_type: eb.ref('excluded.media_type'),
            mime: eb.ref('excluded.mime'),
            bit_depth: eb.ref('excluded.bit_depth'),
            sha1: eb.ref('excluded.sha1'),
            categories: eb.ref('excluded.categories'),
            uploader: eb.ref('excluded.uploader'),
            license: eb.ref('excluded.license'),
            author: eb.ref('excluded.author'),
            description: eb.ref('excluded.description'),
            url: eb.ref('excluded.url'),
            timestamp: eb.ref('excluded.timestamp'),
          })),
        )
        .execute();
    }
  }

  /** One UPDATE of the four description columns, by the primary key (repo, name). */
  async setDescription(repo: string, name: string, d: MediaFileDescription): Promise<boolean> {
    const result = await this.ctx
      .db()
      .updateTable('media_file')
      .set({
        license: d.license,
        author: d.author,
        description: d.description,
        categories: d.categories.join('|'),
      })
      .where('repo', '=', repo)
      .where('name', '=', name)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Reads the primary key (repo, name) and three columns, the names sent as one parameter. */
  async getShapes(repo: string, names: string[]): Promise<Map<string, MediaShape>> {
    const out = new Map<string, MediaShape>();
    for (const chunk of chunkKeys([...new Set(names)])) {
      const rows = await this.ctx
        .db()
        .selectFrom('media_file')
        .select(['name', 'width', 'height', 'media_type'])
        .where('repo', '=', repo)
        .where(this.ctx.dialect.anyOf('name', chunk))
        .execute();
      for (const r of rows)
        out.set(r.name, { width: Number(r.width), height: Number(r.height), mediaType: r.media_type });
    }
    return out;
  }

  /** Files in name order; unknown names are left out. Reads the primary key (repo, name). */
  async getMany(repo: string, names: string[]): Promise<MediaFile[]> {
    const out: MediaFile[] = [];
    for (const chunk of chunkKeys([...new Set(names)])) {
      const rows = await this.ctx
        .db()
        .selectFrom('media_file')
        .selectAll()
        .where('repo', '=', repo)
        .where(this.ctx.dialect.anyOf('name', chunk))
        .orderBy('name')
        .execute();
      out.push(
        ...rows.map((r) => ({
          repo: r.repo,
          name: r.name,
          size: r.size,
          width: r.width,
          height: r.height,
          mediaType: r.media_type,
          mime: r.mime,
          bitDepth: r.bit_depth,
          sha1: r.sha1,
          license: r.license,
          author: r.author,
          description: r.description,
          categories: r.categories === '' ? [] : r.categories.split('|'),
          uploader: r.uploader,
          url: r.url,
          timestamp: r.timestamp,
        })),
      );
    }
    return out;
  }
}

function toRow(f: MediaFile): MediaFileTable {
  return {
    repo: f.repo,
    name: f.name,
    size: f.size,
    width: f.width,
    height: f.height,
    media_type: f.mediaType,
    mime: f.mime,
    bit_depth: f.bitDepth,
    sha1: f.sha1,
    license: f.license,
    author: f.author,
    description: f.description,
    categories: f.categories.join('|'),
    uploader: f.uploader,
    url: f.url,
    timestamp: f.timestamp,
  };
}
