import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../connection/database-url';
import type { DynamicSchema } from '../connection/dynamic-schema';
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE } from './migrations';

/** A column as the live database has it. */
export interface LiveColumn {
  name: string;
  dataType: string;
  nullable: boolean;
}

/** An index (unique constraints and primary keys included) as the live database has it. */
export interface LiveIndex {
  name: string;
  /** Column names in index order; expression parts are left out. */
  columns: string[];
  unique: boolean;
}

/** A live table: its columns by name and its indexes. */
export interface LiveTable {
  columns: Map<string, LiveColumn>;
  indexes: LiveIndex[];
}

const isPostgres = (dialect: DialectName) => dialect === 'postgres' || dialect === 'pglite';

/**
 * The tables of the current schema (PostgreSQL: `current_schema()`, MySQL: `database()`) with
 * their columns (Kysely's introspector) and indexes (the catalog of each engine), migration
 * tables left out.
 */
export async function liveTables(
  db: Kysely<DynamicSchema>,
  dialect: DialectName,
): Promise<Map<string, LiveTable>> {
  let schema: string | undefined;
  if (isPostgres(dialect)) {
    const rows = await sql<{ s: string }>`select current_schema() as s`.execute(db);
    schema = rows.rows[0]?.s;
  }
  const tables = await db.introspection.getTables();
  const result = new Map<string, LiveTable>();
  for (const table of tables) {
    if (schema !== undefined && table.schema !== schema) continue;
    if (table.name === MIGRATION_TABLE || table.name === MIGRATION_LOCK_TABLE || table.isView) continue;
    const columns = new Map(
      table.columns.map((c) => [
        c.name,
        {
          name: c.name,
          dataType: c.dataType.toLowerCase().replace(/\(.*$/, '').trim(),
          nullable: c.isNullable,
        },
      ]),
    );
    result.set(table.name, { columns, indexes: [] });
  }
  for (const row of await indexRows(db, dialect)) {
    const table = result.get(row.table_name);
    if (table === undefined) continue;
    let index = table.indexes.find((i) => i.name === row.index_name);
    if (index === undefined) {
      index = { name: row.index_name, columns: [], unique: Boolean(Number(row.is_unique)) };
      table.indexes.push(index);
    }
    index.columns.push(row.column_name);
  }
  return result;
}

interface IndexRow {
  table_name: string;
  index_name: string;
  is_unique: unknown;
  column_name: string;
}

/** One row per indexed column, in index order. */
async function indexRows(db: Kysely<DynamicSchema>, dialect: DialectName): Promise<IndexRow[]> {
  if (isPostgres(dialect)) {
    const { rows } = await sql<IndexRow>`
      select t.relname as table_name, i.relname as index_name, ix.indisunique as is_unique,
             a.attname as column_name
      from pg_index ix
      join pg_class t on t.oid = ix.indrelid
      join pg_class i on i.oid = ix.indexrelid
      join pg_namespace n on n.oid = t.relnamespace
      cross join lateral unnest(ix.indkey) with ordinality as k(attnum, ord)
      join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
      where n.nspname = current_schema()
      order by t.relname, i.relname, k.ord`.execute(db);
    return rows;
  }
  if (dialect === 'mysql') {
    const { rows } = await sql<IndexRow>`
      select table_name as table_name, index_name as index_name, non_unique = 0 as is_unique,
             column_name as column_name
      from information_schema.statistics
      where table_schema = database() and column_name is not null
      order by table_name, index_name, seq_in_index`.execute(db);
    return rows;
  }
  const { rows } = await sql<IndexRow>`
    select m.name as table_name, il.name as index_name, il."unique" as is_unique, ii.name as column_name
    from sqlite_master m
    join pragma_index_list(m.name) il
    join pragma_index_info(il.name) ii
    where m.type = 'table' and ii.name is not null
    order by m.name, il.name, ii.seqno`.execute(db);
  return rows;
}
