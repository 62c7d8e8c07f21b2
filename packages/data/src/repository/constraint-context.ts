import {
  ForeignKeyViolationError,
  UniqueViolationError,
  type ForeignKeyViolationDetails,
} from '../errors/constraint.errors';
import type { ColumnMetadata, EntityMetadata } from '../metadata/entity-metadata';

/** What a repository statement did, which tells the side of a foreign key SQLite leaves unsaid. */
export type WriteOperation = 'insert' | 'update' | 'delete';

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((name) => b.includes(name));

/**
 * Completes a constraint violation with what the repository knows and the driver did not say:
 * the table (MariaDB names only the key), the columns of a named constraint (MySQL), the name of
 * a constraint given by its columns (SQLite), and the entity's property names. Any other error
 * is returned as it is.
 */
export function explainViolation(error: unknown, entity: EntityMetadata, operation: WriteOperation): unknown {
  if (error instanceof UniqueViolationError) return explainUnique(error, entity);
  if (error instanceof ForeignKeyViolationError) return explainForeignKey(error, entity, operation);
  return error;
}

function explainUnique(error: UniqueViolationError, entity: EntityMetadata): UniqueViolationError {
  const { details } = error;
  // Raised by another table (a trigger): nothing this entity can add.
  if (details.table !== undefined && details.table !== entity.table) return error;
  const primary = { name: undefined, columns: [entity.id] as readonly ColumnMetadata[] };
  const candidates = entity.uniques;
  const match =
    details.constraint !== undefined
      ? (candidates.find((u) => u.name === details.constraint) ??
        (details.constraint === 'PRIMARY' || details.constraint === `${entity.table}_pkey`
          ? primary
          : undefined))
      : details.columns !== undefined
        ? (candidates.find((u) =>
            sameSet(
              u.columns.map((c) => c.name),
              details.columns!,
            ),
          ) ?? (sameSet([entity.id.name], details.columns) ? primary : undefined))
        : undefined;
  const columns = details.columns ?? match?.columns.map((c) => c.name);
  const byName = new Map(entity.columns.map((c) => [c.name, c.property]));
  const properties = columns?.map((name) => byName.get(name));
  return new UniqueViolationError(
    {
      ...details,
      table: entity.table,
      ...(details.constraint === undefined && match?.name !== undefined ? { constraint: match.name } : {}),
      ...(columns !== undefined ? { columns } : {}),
      entity: entity.name,
      ...(properties !== undefined && properties.every((p) => p !== undefined)
        ? { properties: properties as string[] }
        : {}),
    },
    { cause: error.cause },
  );
}

function explainForeignKey(
  error: ForeignKeyViolationError,
  entity: EntityMetadata,
  operation: WriteOperation,
): ForeignKeyViolationError {
  const details: ForeignKeyViolationDetails = error.details;
  // Only a delete can leave rows of other tables referring to nothing; an insert or update of
  // this entity's rows can only refer to something missing (repositories never change ids).
  const reason = details.reason ?? (operation === 'delete' ? 'still-referenced' : 'missing-reference');
  const filled: ForeignKeyViolationDetails =
    reason === 'missing-reference'
      ? { ...details, reason, table: details.table ?? entity.table }
      : { ...details, reason, referencedTable: details.referencedTable ?? entity.table };
  if (
    filled.table === details.table &&
    filled.referencedTable === details.referencedTable &&
    details.reason === reason
  )
    return error;
  return new ForeignKeyViolationError(filled, { cause: error.cause });
}
