import { sql, type Kysely, type Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultNamespaces } from '../../src/core/domain/namespaces.ts';
import {
  migratedBefore as migrateUpTo,
  migrationBackends,
  type Backend,
} from '../factories/migration-backends.ts';
import { migrateStep } from '../factories/test-store.ts';

describe.each(migrationBackends)('migration 008-redirect (%s)', (_name, make) => {
  let backend: Backend | undefined;
  afterEach(async () => backend?.close());

  const run = typeof make === 'string' ? it.skip : it;
  const title = (t: string) => (typeof make === 'string' ? `${t} [skipped: ${make}]` : t);

  async function migratedBefore(): Promise<{ db: Kysely<unknown>; migrator: Migrator }> {
    backend = await (make as () => Promise<Backend>)();
    const { db } = backend;
    const migrator = await migrateUpTo(backend, '008-redirect');
    await sql`insert into wiki (wiki, lang, sitename, base_url, namespaces, settings, is_media_repo, source, created_at)
      values ('w', 'de', 'W', '', ${JSON.stringify(defaultNamespaces())}, '{}', 0, 'local', 0)`.execute(db);
    return { db, migrator };
  }

  async function page(db: Kysely<unknown>, id: number, isRedirect: boolean, texts: string[]) {
    let rev = id * 10;
    for (const text of texts) {
      await sql`insert into revision (wiki, rev_id, page_id, parent_id, timestamp, user_id, user_text, comment, minor, len, sha1, text)
        values ('w', ${++rev}, ${id}, null, ${rev}, 0, 'X', '', 0, ${text.length}, '', ${text})`.execute(db);
    }
    await sql`insert into page (wiki, page_id, namespace, title, is_redirect, latest_rev_id, len, created_at, touched_at, content_model)
      values ('w', ${id}, 0, ${`P${id}`}, ${isRedirect ? 1 : 0}, ${rev}, 0, 0, 0, 'wikitext')`.execute(db);
  }

  const rows = async (db: Kysely<unknown>) =>
    (
      await sql<{
        page_id: number | string;
        namespace: number;
        title: string;
        fragment: string;
        interwiki: string;
      }>`select page_id, namespace, title, fragment, interwiki from redirect order by page_id`.execute(db)
    ).rows.map((r) => ({ ...r, page_id: Number(r.page_id) }));

  run(title('fills the table from the latest text of the redirects stored before it'), async () => {
    const { db, migrator } = await migratedBefore();
    await page(db, 1, true, ['#REDIRECT [[Old target]]', '#REDIRECT [[Help:New target#Section]]']);
    await page(db, 2, true, ['#WEITERLEITUNG [[Ziel]]']);
    await page(db, 3, true, ['#REDIRECT [[wikt:Wort]]']);
    await page(db, 4, false, ['#REDIRECT [[Looks like one]] but the page is not a redirect']);
    await page(db, 5, true, ['#REDIRECT without a link']);
    expect((await migrateStep(() => migrator.migrateToLatest())).error).toBeUndefined();
    expect(await rows(db)).toEqual([
      { page_id: 1, namespace: 12, title: 'New_target', fragment: 'Section', interwiki: '' },
      { page_id: 2, namespace: 0, title: 'Ziel', fragment: '', interwiki: '' },
      { page_id: 3, namespace: 0, title: 'Wort', fragment: '', interwiki: 'wikt' },
    ]);
  });

  run(title('completes a fill that was interrupted after creating the table'), async () => {
    const { db, migrator } = await migratedBefore();
    await page(db, 1, true, ['#REDIRECT [[Current target]]']);
    await sql`create table redirect (wiki text not null, page_id bigint not null, namespace integer not null,
      title text not null, fragment text not null, interwiki text not null, constraint redirect_pk primary key (wiki, page_id))`.execute(
      db,
    );
    await sql`insert into redirect values ('w', 1, 0, 'Stale', '', '')`.execute(db);
    expect((await migrateStep(() => migrator.migrateToLatest())).error).toBeUndefined();
    expect(await rows(db)).toEqual([
      { page_id: 1, namespace: 0, title: 'Current_target', fragment: '', interwiki: '' },
    ]);
  });
});
