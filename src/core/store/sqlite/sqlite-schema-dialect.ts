import { sql } from 'kysely';
import type { SchemaDialect } from '../migrations/schema-dialect.ts';

/** SQLite integers are 64-bit already; BINARY (the default collation) compares UTF-8 bytes. */
export const sqliteSchemaDialect: SchemaDialect = Object.freeze({
  bigint: 'integer',
  serial: 'integer',
  // INTEGER PRIMARY KEY AUTOINCREMENT: the rowid, never reused after deletes (purged jobs).
  serialPrimaryKey: (column) => column.primaryKey().autoIncrement(),
  codePointOrder: (column) => column,
  orderByCodePoint: () => Promise.resolve(),
  computed: (column, expression) => column.generatedAlwaysAs(sql.raw(expression)),

  // An external-content FTS5 table: it stores only the trigram index (detail=none), the text stays
  // in `table`. Queries AND the trigrams and re-check the substring on the row (sqlite-queries.ts).
  async createSubstringIndex(db, { name, table, key, column }) {
    const [n, t, k, c] = [name, table, key, column].map((s) => sql.id(s));
    await sql`create virtual table ${n} using fts5(${c}, content=${sql.lit(table)}, content_rowid=${sql.lit(key)}, tokenize='trigram case_sensitive 1', detail=none)`.execute(
      db,
    );
    await sql`create trigger ${sql.id(`${name}_insert`)} after insert on ${t} begin
      insert into ${n} (rowid, ${c}) values (new.${k}, new.${c}); end`.execute(db);
    await sql`create trigger ${sql.id(`${name}_delete`)} after delete on ${t} begin
      insert into ${n} (${n}, rowid, ${c}) values ('delete', old.${k}, old.${c}); end`.execute(db);
    await sql`create trigger ${sql.id(`${name}_update`)} after update of ${c} on ${t} when old.${c} is not new.${c} begin
      insert into ${n} (${n}, rowid, ${c}) values ('delete', old.${k}, old.${c});
      insert into ${n} (rowid, ${c}) values (new.${k}, new.${c}); end`.execute(db);
  },

  // An external-content FTS5 table over the word columns: the words stay in `table`. The columns
  // hold lowercase words separated by spaces already, so unicode61 only splits at the spaces.
  async createFullTextIndex(db, { name, table, key, fields }) {
    const columns = [...new Set(Object.values(fields).flat())];
    const [n, t, k] = [name, table, key].map((s) => sql.id(s));
    const cols = sql.join(columns.map((c) => sql.id(c)));
    const values = (row: string) => sql.join(columns.map((c) => sql`${sql.raw(row)}.${sql.id(c)}`));
    const changed = sql.raw(columns.map((c) => `old."${c}" is not new."${c}"`).join(' or '));
    await sql`create virtual table ${n} using fts5(${cols}, content=${sql.lit(table)}, content_rowid=${sql.lit(key)}, tokenize='unicode61 remove_diacritics 0')`.execute(
      db,
    );
    await sql`create trigger ${sql.id(`${name}_insert`)} after insert on ${t} begin
      insert into ${n} (rowid, ${cols}) values (new.${k}, ${values('new')}); end`.execute(db);
    await sql`create trigger ${sql.id(`${name}_delete`)} after delete on ${t} begin
      insert into ${n} (${n}, rowid, ${cols}) values ('delete', old.${k}, ${values('old')}); end`.execute(db);
    await sql`create trigger ${sql.id(`${name}_update`)} after update on ${t} when ${changed} begin
      insert into ${n} (${n}, rowid, ${cols}) values ('delete', old.${k}, ${values('old')});
      insert into ${n} (rowid, ${cols}) values (new.${k}, ${values('new')}); end`.execute(db);
  },

  async dropFullTextIndex(db, { name }) {
    for (const event of GROUP_COUNTER_EVENTS)
      await sql`drop trigger if exists ${sql.id(`${name}_${event}`)}`.execute(db);
    await sql`drop table if exists ${sql.id(name)}`.execute(db);
  },

  async createGroupCounter(db, { counter, table, groups }) {
    const cols = sql.raw(groups.map((g) => `"${g.column}"`).join(', '));
    const values = (row: string) => sql.raw(groups.map((g) => g.expression(row)).join(', '));
    const match = (row: string) =>
      sql.raw(groups.map((g) => `"${g.column}" = ${g.expression(row)}`).join(' and '));
    const changed = sql.raw(
      groups.map((g) => `${g.expression('old')} is not ${g.expression('new')}`).join(' or '),
    );
    const [c, t] = [sql.id(counter), sql.id(table)];
    const add = sql`insert into ${c} (${cols}, n) values (${values('new')}, 1) on conflict (${cols}) do update set n = n + 1;`;
    const remove = sql`update ${c} set n = n - 1 where ${match('old')};`;
    await sql`create trigger ${sql.id(`${counter}_insert`)} after insert on ${t} begin ${add} end`.execute(
      db,
    );
    await sql`create trigger ${sql.id(`${counter}_delete`)} after delete on ${t} begin ${remove} end`.execute(
      db,
    );
    await sql`create trigger ${sql.id(`${counter}_update`)} after update on ${t} when ${changed} begin ${remove} ${add} end`.execute(
      db,
    );
  },

  async dropGroupCounter(db, { counter }) {
    for (const event of GROUP_COUNTER_EVENTS)
      await sql`drop trigger if exists ${sql.id(`${counter}_${event}`)}`.execute(db);
  },
} satisfies SchemaDialect);

const GROUP_COUNTER_EVENTS = ['insert', 'delete', 'update'] as const;
