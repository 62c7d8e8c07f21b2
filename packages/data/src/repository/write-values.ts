import { randomUUID } from 'node:crypto';
import type { DialectName } from '../connection/database-url';
import { invalidValue } from '../errors/query.errors';
import type { EntityMetadata } from '../metadata/entity-metadata';
import { columnFor } from './criteria-parser';
import { toDatabase } from './value-codec';
import { validateValue } from './value-validator';

type Row = Record<string, unknown>;

/**
 * Completes a new entity with what the repository sets (a generated uuid, version 0, the
 * creation and modification audit, column defaults for unset properties), then returns the
 * values to insert, validated and converted for the driver (column name → value). Unset
 * properties, and an identity id left null, are not written: the database fills them.
 */
export function insertValues(
  entity: EntityMetadata,
  target: Row,
  auditor: unknown,
  dialect: DialectName,
): Row {
  const now = new Date();
  for (const column of entity.columns) {
    if (column.generated === 'uuid' && target[column.property] == null)
      target[column.property] = randomUUID();
    if (column.role === 'version') target[column.property] = 0;
    if (column.role === 'createdDate' || column.role === 'lastModifiedDate') target[column.property] = now;
    if (column.role === 'createdBy' || column.role === 'lastModifiedBy')
      target[column.property] = auditor ?? null;
    if (target[column.property] === undefined && column.default !== undefined) {
      target[column.property] = typeof column.default === 'function' ? column.default() : column.default;
    }
  }
  const values: Row = {};
  for (const column of entity.columns) {
    const value = target[column.property];
    if (value === undefined || (column.generated === 'identity' && value === null)) continue;
    validateValue(entity, column, value);
    values[column.name] = toDatabase(column, value, dialect);
  }
  return values;
}

/**
 * The values of a bulk update's patch, validated and converted for the driver (column name →
 * value, in the patch's order); undefined properties are left out, and the columns the
 * repository manages (id, version, audit) are refused.
 */
export function patchValues(entity: EntityMetadata, patch: object, dialect: DialectName): Row {
  const values: Row = {};
  for (const [property, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const column = columnFor(entity, property, 'update patch');
    if (column.role !== undefined) {
      throw invalidValue(
        entity.name,
        property,
        `it is managed by the repository (${column.role}) and cannot be patched`,
      );
    }
    validateValue(entity, column, value);
    values[column.name] = toDatabase(column, value, dialect);
  }
  return values;
}
