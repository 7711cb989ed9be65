import type { Kysely, Migration } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/**
 * Media files carry what is read from the file itself (bit depth, SHA-1) and from its description
 * page (categories), and who uploaded it: imageinfo's `bitdepth`, `sha1`, `user` and extmetadata's
 * `Categories`. Existing rows get empty values until their repository stores them again (the demo
 * loader does on a new demo).
 */
export function mediaFilesMigration(_d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const columns: [string, 'integer' | 'text', string | number][] = [
        ['bit_depth', 'integer', 0],
        ['sha1', 'text', ''],
        ['categories', 'text', ''],
        ['uploader', 'text', ''],
      ];
      for (const [name, type, fallback] of columns)
        await db.schema
          .alterTable('media_file')
          .addColumn(name, type, (c) => c.notNull().defaultTo(fallback))
          .execute();
    },
  };
}
