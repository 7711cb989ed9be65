import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migratedBefore, migrationBackends, type Backend } from '../factories/migration-backends.ts';
import { migrateStep } from '../factories/test-store.ts';

describe.each(migrationBackends)('migration 015-reverse-links (%s)', (_name, make) => {
  let backend: Backend | undefined;
  afterEach(async () => backend?.close());

  const run = typeof make === 'string' ? it.skip : it;
  const title = (t: string) => (typeof make === 'string' ? `${t} [skipped: ${make}]` : t);

  run(
    title('gives stored links their source namespace, and category links their type, sort key and time'),
    async () => {
      backend = await (make as () => Promise<Backend>)();
      const { db } = backend;
      const migrator = await migratedBefore(backend, '015-reverse-links');
      const pages: [number, number, string, number][] = [
        [1, 0, 'Apple_pie', 500],
        [2, 14, 'Citrus', 600],
        [3, 6, 'Pear.jpg', 700],
        [4, 2, 'Zed', 800],
      ];
      for (const [id, ns, t, touched] of pages) {
        await sql`insert into page (wiki, page_id, namespace, title, is_redirect, latest_rev_id, len, created_at, touched_at, content_model)
        values ('w', ${id}, ${ns}, ${t}, 0, 1, 0, 0, ${touched}, 'wikitext')`.execute(db);
        await sql`insert into category_link (wiki, from_page_id, category, sortkey) values ('w', ${id}, 'Fruit', ${id === 4 ? 'b' : ''})`.execute(
          db,
        );
        await sql`insert into template_link (wiki, from_page_id, namespace, title) values ('w', ${id}, 10, 'Box')`.execute(
          db,
        );
        await sql`insert into image_link (wiki, from_page_id, file) values ('w', ${id}, 'Pear.jpg')`.execute(
          db,
        );
      }
      expect((await migrateStep(() => migrator.migrateToLatest())).error).toBeUndefined();
      const categories = await sql<{
        from_page_id: number | string;
        type: string;
        collation_key: string;
        added_at: number | string;
      }>`
      select from_page_id, type, collation_key, added_at from category_link order by from_page_id`.execute(
        db,
      );
      expect(
        categories.rows.map((r) => [Number(r.from_page_id), r.type, r.collation_key, Number(r.added_at)]),
      ).toEqual([
        [1, 'page', 'APPLE PIE', 500],
        [2, 'subcat', 'CITRUS', 600],
        [3, 'file', 'PEAR.JPG', 700],
        [4, 'page', 'B\nZED', 800],
      ]);
      for (const table of ['template_link', 'image_link']) {
        const rows = await sql<{ from_page_id: number | string; from_namespace: number }>`
        select from_page_id, from_namespace from ${sql.table(table)} order by from_page_id`.execute(db);
        expect(rows.rows.map((r) => [Number(r.from_page_id), Number(r.from_namespace)])).toEqual([
          [1, 0],
          [2, 14],
          [3, 6],
          [4, 2],
        ]);
      }
    },
  );
});
