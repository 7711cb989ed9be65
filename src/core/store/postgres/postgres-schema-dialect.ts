import { sql, type Kysely } from 'kysely';
import type { SchemaDialect } from '../migrations/schema-dialect.ts';
import { fullTextVector } from './full-text.ts';

export const postgresSchemaDialect: SchemaDialect = Object.freeze({
  bigint: 'bigint',
  serial: 'bigint',
  serialPrimaryKey: (column) => column.primaryKey().generatedByDefaultAsIdentity(),
  // The "C" collation orders by code point, whatever the database's default collation is.
  codePointOrder: (column) => column.modifyEnd(sql`collate "C"`),
  // A change of collation alone keeps the stored values: no table rewrite, only its indexes rebuilt.
  async orderByCodePoint(db, table, column) {
    await sql`alter table ${sql.id(table)} alter column ${sql.id(column)} type text collate "C"`.execute(db);
  },
  computed: (column, expression) => column.generatedAlwaysAs(sql.raw(expression)).stored(),

  // pg_trgm's GIN operator class answers LIKE '%text%' (postgres-queries.ts).
  async createSubstringIndex(db, { name, table, column }) {
    const schema = await trigramSchema(db);
    await sql`create index ${sql.id(name)} on ${sql.id(table)} using gin (${sql.id(column)} ${sql.id(schema)}.gin_trgm_ops)`.execute(
      db,
    );
  },

  // One GIN index per field over the expression postgres-queries.ts matches (fullTextVector).
  async createFullTextIndex(db, { name, table, fields }) {
    for (const [field, columns] of Object.entries(fields)) {
      await sql`create index if not exists ${sql.id(`${name}_${field}`)} on ${sql.id(table)} using gin (${fullTextVector(columns)})`.execute(
        db,
      );
    }
  },

  async dropFullTextIndex(db, { name, table }) {
    const { rows } = await sql<{
      indexname: string;
    }>`select indexname from pg_indexes where schemaname = current_schema() and tablename = ${table}`.execute(
      db,
    );
    for (const r of rows.filter((r) => r.indexname.startsWith(`${name}_`)))
      await sql`drop index if exists ${sql.id(r.indexname)}`.execute(db);
  },

  // Statement-level triggers with transition tables: one counter upsert per statement and group,
  // not per row, so bulk writes stay cheap and hold the counter rows briefly.
  async createGroupCounter(db, { counter, table, groups }) {
    const cols = groups.map((g) => `"${g.column}"`).join(', ');
    const exprs = (row: string) => groups.map((g) => `${g.expression(row)} as "${g.column}"`).join(', ');
    const source = (newRows: boolean, oldRows: boolean) =>
      [
        ...(newRows ? [`select ${exprs('r')}, 1 as d from new_rows r`] : []),
        ...(oldRows ? [`select ${exprs('r')}, -1 as d from old_rows r`] : []),
      ].join(' union all ');
    const events: [string, boolean, boolean, string][] = [
      ['insert', true, false, 'new table as new_rows'],
      ['delete', false, true, 'old table as old_rows'],
      ['update', true, true, 'old table as old_rows new table as new_rows'],
    ];
    for (const [event, newRows, oldRows, referencing] of events) {
      const fn = `${counter}_${event}`;
      const body = `begin
        insert into "${counter}" (${cols}, n)
          select ${cols}, sum(d) from (${source(newRows, oldRows)}) s group by ${cols} having sum(d) <> 0
          on conflict (${cols}) do update set n = "${counter}".n + excluded.n;
        return null;
      end`;
      await sql`create function ${sql.id(fn)}() returns trigger language plpgsql as ${sql.lit(body)}`.execute(
        db,
      );
      await sql`create trigger ${sql.id(fn)} after ${sql.raw(event)} on ${sql.id(table)} referencing ${sql.raw(referencing)} for each statement execute function ${sql.id(fn)}()`.execute(
        db,
      );
    }
  },

  async dropGroupCounter(db, { counter, table }) {
    for (const event of ['insert', 'delete', 'update']) {
      const fn = `${counter}_${event}`;
      await sql`drop trigger if exists ${sql.id(fn)} on ${sql.id(table)}`.execute(db);
      await sql`drop function if exists ${sql.id(fn)}()`.execute(db);
    }
  },
} satisfies SchemaDialect);

/**
 * The schema pg_trgm lives in, installing it in `public` when missing. Extensions are per database,
 * so a store in its own schema (tests) must not own it, or dropping that schema would drop it for all.
 */
async function trigramSchema(db: Kysely<unknown>): Promise<string> {
  const find = async () =>
    (
      await sql<{
        schema: string;
      }>`select extnamespace::regnamespace::text as schema from pg_extension where extname = 'pg_trgm'`.execute(
        db,
      )
    ).rows[0]?.schema;
  let schema = await find();
  if (schema === undefined) {
    try {
      await sql`create extension if not exists pg_trgm schema public`.execute(db);
    } catch (e) {
      // Another store created it at the same moment; use theirs.
      if ((await find()) === undefined) throw e;
    }
    schema = await find();
  }
  if (schema === undefined) throw new Error('pg_trgm is not installed');
  return schema.replace(/^"|"$/g, '');
}
