import { DataError } from './data.error';
import { DataErrorCode } from './errors';

/** What the database (and, through a repository, the entity) tells about a unique violation. */
export interface UniqueViolationDetails {
  /** The table written to. */
  readonly table?: string;
  /** The constraint or unique index name (`users_email_key`; MySQL's `PRIMARY` for the key). */
  readonly constraint?: string;
  /** Its columns, in the database's names. */
  readonly columns?: readonly string[];
  /** Set when a repository wrote the row: the entity and the properties of `columns`. */
  readonly entity?: string;
  readonly properties?: readonly string[];
}

/**
 * A write would have stored a second row with the same values in a unique constraint. Thrown
 * the same way on every dialect (PostgreSQL/PGlite `23505`, MySQL/MariaDB `ER_DUP_ENTRY`,
 * SQLite `SQLITE_CONSTRAINT_UNIQUE`/`_PRIMARYKEY`), with the driver's error as `cause`.
 * `status = 409` lets the HTTP layer answer a conflict without knowing this package.
 *
 * @example
 * try { await users.save({ email }); }
 * catch (e) {
 *   if (e instanceof UniqueViolationError && e.properties?.includes('email')) throw new ConflictException('email taken');
 *   throw e;
 * }
 */
export class UniqueViolationError extends DataError {
  /** The HTTP status this error maps to. */
  readonly status = 409;
  readonly table: string | undefined;
  readonly constraint: string | undefined;
  readonly columns: readonly string[] | undefined;
  readonly entity: string | undefined;
  readonly properties: readonly string[] | undefined;

  /** What a production response says: the entity's properties when known, never tables or constraints. */
  get clientMessage(): string {
    const names = this.properties;
    return names === undefined || names.length === 0
      ? 'The request conflicts with an existing resource: a value that must be unique is already taken.'
      : names.length === 1
        ? `The request conflicts with an existing resource: the ${names[0]} is already taken.`
        : `The request conflicts with an existing resource: the combination of ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} is already taken.`;
  }

  constructor(details: UniqueViolationDetails, options?: { cause?: unknown }) {
    super(DataErrorCode.UNIQUE_VIOLATION, uniqueMessage(details), options);
    this.table = details.table;
    this.constraint = details.constraint;
    this.columns = details.columns;
    this.entity = details.entity;
    this.properties = details.properties;
  }

  /** The details, to build an enriched copy. */
  get details(): UniqueViolationDetails {
    return defined({
      table: this.table,
      constraint: this.constraint,
      columns: this.columns,
      entity: this.entity,
      properties: this.properties,
    });
  }
}

/** Which side of a foreign key a refused statement was on. */
export type ForeignKeyViolationReason =
  /** An insert or update names a row of the referenced table that does not exist. */
  | 'missing-reference'
  /** A delete or key update would leave rows of another table pointing at nothing. */
  | 'still-referenced';

/** What the database (and, through a repository, the operation) tells about a foreign key violation. */
export interface ForeignKeyViolationDetails {
  readonly reason?: ForeignKeyViolationReason;
  /** The table holding the foreign key. */
  readonly table?: string;
  /** The table it points to. */
  readonly referencedTable?: string;
  readonly constraint?: string;
  /** The foreign key's columns, when the driver names them. */
  readonly columns?: readonly string[];
}

/**
 * A write would break a foreign key: a row referring to a missing row, or a delete of a row
 * other rows still refer to. PostgreSQL/PGlite `23503`, MySQL/MariaDB `1452`/`1451`, SQLite
 * `SQLITE_CONSTRAINT_FOREIGNKEY` (SQLite names neither the key nor the tables; a repository
 * fills in its own table and which side failed). `status = 409`.
 *
 * @example
 * try { await authors.deleteById(id); }
 * catch (e) { if (e instanceof ForeignKeyViolationError && e.reason === 'still-referenced') ... }
 */
export class ForeignKeyViolationError extends DataError {
  /** The HTTP status this error maps to. */
  readonly status = 409;
  readonly reason: ForeignKeyViolationReason | undefined;
  readonly table: string | undefined;
  readonly referencedTable: string | undefined;
  readonly constraint: string | undefined;
  readonly columns: readonly string[] | undefined;

  /** What a production response says, without tables, columns or key names. */
  get clientMessage(): string {
    switch (this.reason) {
      case 'missing-reference':
        return 'The request refers to a resource that does not exist (it may have just been deleted).';
      case 'still-referenced':
        return 'The resource is still referred to by other resources, so it cannot be removed or changed.';
      default:
        return 'The request conflicts with related resources.';
    }
  }

  constructor(details: ForeignKeyViolationDetails, options?: { cause?: unknown }) {
    super(DataErrorCode.FOREIGN_KEY_VIOLATION, foreignKeyMessage(details), options);
    this.reason = details.reason;
    this.table = details.table;
    this.referencedTable = details.referencedTable;
    this.constraint = details.constraint;
    this.columns = details.columns;
  }

  /** The details, to build an enriched copy. */
  get details(): ForeignKeyViolationDetails {
    return defined({
      reason: this.reason,
      table: this.table,
      referencedTable: this.referencedTable,
      constraint: this.constraint,
      columns: this.columns,
    });
  }
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// Messages carry names, never the values: they reach API clients (409 problem details) and logs.
function uniqueMessage(d: UniqueViolationDetails): string {
  const names = d.properties ?? d.columns;
  const what =
    names === undefined || names.length === 0
      ? 'the same value in a unique column'
      : names.length === 1
        ? `the same ${names[0]}`
        : `the same combination of ${names.join(', ')}`;
  return (
    `Another row${d.table !== undefined ? ` of "${d.table}"` : ''} already has ${what}` +
    `${d.constraint !== undefined ? ` (unique constraint "${d.constraint}")` : ''}, so the write was refused. ` +
    `Check for an existing row before writing, and answer a conflict (this error's status is 409) ` +
    `when concurrent requests race past that check.`
  );
}

function foreignKeyMessage(d: ForeignKeyViolationDetails): string {
  const key = [
    ...(d.columns !== undefined && d.columns.length > 0 ? [`through ${d.columns.join(', ')}`] : []),
    ...(d.constraint !== undefined ? [`foreign key "${d.constraint}"`] : []),
  ];
  const keyText = key.length > 0 ? ` (${key.join(', ')})` : '';
  // Drivers disagree on which columns a "still referenced" error lists (PostgreSQL: the
  // referenced key; MySQL: the foreign key), so that message names the constraint only.
  const constraintText = d.constraint !== undefined ? ` (foreign key "${d.constraint}")` : '';
  switch (d.reason) {
    case 'missing-reference':
      return (
        `A row${d.table !== undefined ? ` of "${d.table}"` : ''} would refer${keyText} to a row` +
        `${d.referencedTable !== undefined ? ` of "${d.referencedTable}"` : ''} that does not exist, so the write was refused. ` +
        `Check that the referenced row exists (it may have just been deleted) before writing.`
      );
    case 'still-referenced':
      return (
        `A row${d.referencedTable !== undefined ? ` of "${d.referencedTable}"` : ''} is still referenced ` +
        `${d.table !== undefined ? `from "${d.table}"` : 'from another table'}${constraintText}, so the change was refused. ` +
        `Delete or reassign the referencing rows first, or declare the foreign key ON DELETE CASCADE in a migration.`
      );
    default:
      return (
        `A foreign key constraint failed${d.table !== undefined ? ` on "${d.table}"` : ''}${keyText}, so the statement was refused. ` +
        `Insert referenced rows before the rows that refer to them, and delete referring rows before the rows they refer to.`
      );
  }
}
