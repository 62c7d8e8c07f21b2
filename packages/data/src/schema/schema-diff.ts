import { sql } from 'kysely';
import type { Database } from '../connection/database';
import type { ColumnMetadata, EntityMetadata } from '../metadata/entity-metadata';
import { getEntityMetadata } from '../metadata/entity-metadata.registry';
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE } from './migrations';
import { orderByDependencies } from './schema-creator';
import { compatibleTypes } from './sql-types';

/** A column as the live database has it. */
export interface LiveColumn {
  name: string;
  dataType: string;
  nullable: boolean;
}

/** What differs between entity metadata and the live schema. */
export interface SchemaDiff {
  /** Entities whose table does not exist, in creation order. */
  missingTables: EntityMetadata[];
  /** Columns missing from existing tables. */
  missingColumns: Array<{ entity: EntityMetadata; column: ColumnMetadata }>;
  /** Differences that need a hand-written change (types, nullability). */
  conflicts: string[];
}

/** Every difference as one readable line. */
export function describeDiff(diff: SchemaDiff): string[] {
  return [
    ...diff.missingTables.map((e) => `table "${e.table}" (entity ${e.name}) does not exist`),
    ...diff.missingColumns.map(
      ({ entity, column }) =>
        `column "${entity.table}.${column.name}" (${entity.name}.${column.property}) does not exist`,
    ),
    ...diff.conflicts,
  ];
}

/** The live tables of the current schema (PostgreSQL: `current_schema()`), migration tables left out. */
export async function liveTables(database: Database): Promise<Map<string, Map<string, LiveColumn>>> {
  const { dialect } = database.capabilities;
  let schema: string | undefined;
  if (dialect === 'postgres' || dialect === 'pglite') {
    const rows = await sql<{ s: string }>`select current_schema() as s`.execute(database.kysely);
    schema = rows.rows[0]?.s;
  }
  const tables = await database.kysely.introspection.getTables();
  const result = new Map<string, Map<string, LiveColumn>>();
  for (const table of tables) {
    if (schema !== undefined && table.schema !== schema) continue;
    if (table.name === MIGRATION_TABLE || table.name === MIGRATION_LOCK_TABLE || table.isView) continue;
    result.set(
      table.name,
      new Map(
        table.columns.map((c) => [
          c.name,
          {
            name: c.name,
            dataType: c.dataType.toLowerCase().replace(/\(.*$/, '').trim(),
            nullable: c.isNullable,
          },
        ]),
      ),
    );
  }
  return result;
}

/**
 * Compares entity metadata with the live schema: missing tables and columns, columns whose type
 * belongs to another family, and columns the entity may set to NULL but the database refuses.
 */
export async function diffSchema(database: Database, entities: readonly Function[]): Promise<SchemaDiff> {
  const live = await liveTables(database);
  const diff: SchemaDiff = { missingTables: [], missingColumns: [], conflicts: [] };
  for (const entity of orderByDependencies(entities.map((e) => getEntityMetadata(e)))) {
    const table = live.get(entity.table);
    if (table === undefined) {
      diff.missingTables.push(entity);
      continue;
    }
    for (const column of entity.columns) {
      const liveColumn = table.get(column.name);
      if (liveColumn === undefined) {
        diff.missingColumns.push({ entity, column });
        continue;
      }
      const where = `column "${entity.table}.${column.name}" (${entity.name}.${column.property})`;
      if (!compatibleTypes(column).includes(liveColumn.dataType)) {
        diff.conflicts.push(
          `${where} is ${liveColumn.dataType} in the database, but the entity declares ${column.type}`,
        );
      }
      if (column.nullable && !liveColumn.nullable) {
        diff.conflicts.push(`${where} is NOT NULL in the database, but the entity allows null`);
      }
    }
  }
  return diff;
}
