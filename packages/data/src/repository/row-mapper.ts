import type { DialectName } from '../connection/database-url';
import type { EntityMetadata } from '../metadata/entity-metadata';
import { fromDatabase } from './value-codec';

/**
 * Turns a row into an entity instance (its prototype, so methods work; its constructor is not
 * run, so field initialisers do not overwrite loaded values).
 */
export function rowToEntity<T>(
  entity: EntityMetadata,
  row: Record<string, unknown>,
  dialect: DialectName,
): T {
  const instance = Object.create(entity.target.prototype as object) as Record<string, unknown>;
  for (const column of entity.columns) {
    if (column.name in row) instance[column.property] = fromDatabase(column, row[column.name], dialect);
  }
  return instance as T;
}
