import type { Database } from '../connection/database';
import type { ColumnMetadata, EntityMetadata, IndexMetadata } from '../metadata/entity-metadata';
import { getEntityMetadata } from '../metadata/entity-metadata.registry';
import { liveTables, type LiveIndex } from './live-schema';
import { orderByDependencies } from './schema-creator';
import { compatibleTypes } from './sql-types';

/** What differs between entity metadata and the live schema. */
export interface SchemaDiff {
  /** Entities whose table does not exist, in creation order. */
  missingTables: EntityMetadata[];
  /** Columns missing from existing tables. */
  missingColumns: Array<{ entity: EntityMetadata; column: ColumnMetadata }>;
  /**
   * Unique constraints and indexes of existing tables that the database lacks: no unique index
   * over the same columns, or no index starting with the same columns in the same order.
   */
  missingIndexes: Array<{ entity: EntityMetadata; index: IndexMetadata }>;
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
    ...diff.missingIndexes.map(
      ({ entity, index }) =>
        `${index.unique ? 'unique constraint' : 'index'} "${index.name}" on "${entity.table}" ` +
        `(${index.columns.map((c) => c.name).join(', ')}) of ${entity.name} does not exist`,
    ),
    ...diff.conflicts,
  ];
}

/**
 * Compares entity metadata with the live schema: missing tables and columns, columns whose type
 * belongs to another family, and columns the entity may set to NULL but the database refuses.
 */
export async function diffSchema(database: Database, entities: readonly Function[]): Promise<SchemaDiff> {
  const live = await liveTables(database.kysely, database.capabilities.dialect);
  const diff: SchemaDiff = { missingTables: [], missingColumns: [], missingIndexes: [], conflicts: [] };
  for (const entity of orderByDependencies(entities.map((e) => getEntityMetadata(e)))) {
    const table = live.get(entity.table);
    if (table === undefined) {
      diff.missingTables.push(entity);
      continue;
    }
    for (const column of entity.columns) {
      const liveColumn = table.columns.get(column.name);
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
    for (const index of [...entity.uniques, ...entity.indexes]) {
      if (!table.indexes.some((live) => covers(live, index))) diff.missingIndexes.push({ entity, index });
    }
  }
  return diff;
}

// Compared by columns, not names: a hand-written migration names its indexes its own way.
function covers(live: LiveIndex, wanted: IndexMetadata): boolean {
  const columns = wanted.columns.map((c) => c.name);
  if (wanted.unique) {
    return (
      live.unique && live.columns.length === columns.length && columns.every((c) => live.columns.includes(c))
    );
  }
  return columns.every((c, i) => live.columns[i] === c);
}
