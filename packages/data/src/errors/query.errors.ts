import { nearestNames } from '../metadata/nearest-names';
import { DataError } from './data.error';
import { DataErrorCode } from './errors';

export function undefinedCriteria(entity: string, property: string, where: string): DataError {
  return new DataError(
    DataErrorCode.UNDEFINED_CRITERIA,
    `The ${where} criteria for ${entity} has "${property}: undefined". An undefined value never means ` +
      `"match all" (that would turn a missing input into a query over every row). Remove the key to ` +
      `not filter on it, or pass null (or IsNull()) to match NULL.`,
  );
}

export function unknownColumn(
  entity: string,
  property: string,
  where: string,
  known: readonly string[],
): DataError {
  const near = nearestNames(property, known);
  return new DataError(
    DataErrorCode.UNKNOWN_COLUMN,
    `${entity} has no column "${property}" (used in ${where}). ` +
      (near.length > 0 ? `Did you mean ${near.map((n) => `"${n}"`).join(' or ')}? ` : '') +
      `Its columns are: ${known.join(', ')}.`,
  );
}

export function invalidSortDirection(entity: string, property: string, direction: unknown): DataError {
  return new DataError(
    DataErrorCode.INVALID_SORT_DIRECTION,
    `orderBy for ${entity}.${property} is ${JSON.stringify(direction) ?? String(direction)}; it must be 'asc' or 'desc'.`,
  );
}

/**
 * A value the column cannot hold reached the repository: input the application did not
 * validate. `status = 422` lets the HTTP layer answer it as a client error instead of a 500;
 * `clientMessage` is what a production response says (no entity, table or column names).
 */
export class InvalidValueError extends DataError {
  /** The HTTP status this error maps to. */
  readonly status = 422;

  constructor(
    code: DataErrorCode,
    message: string,
    /** The problem in the client's terms, for production responses. */
    readonly clientMessage: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

export function invalidValue(entity: string, property: string, problem: string): DataError {
  return new InvalidValueError(
    DataErrorCode.INVALID_VALUE,
    `Invalid value for ${entity}.${property}: ${problem}.`,
    `The request holds a value for ${property} that cannot be stored: check its type, range and length.`,
  );
}

/** What was wrong with a value the database refused. */
export type RefusedValueKind =
  'out-of-range' | 'invalid-format' | 'invalid-datetime' | 'too-long' | 'invalid-character';

const REFUSED_PROBLEMS: Record<RefusedValueKind, string> = {
  'out-of-range': 'a number outside the range of its type',
  'invalid-format': 'a value its type cannot read (text or a fraction for an integer, say)',
  'invalid-datetime': 'a date or time that does not exist or cannot be read',
  'too-long': 'a string longer than the column holds',
  'invalid-character': "a character the database's encoding cannot store (NUL, say)",
};

/** What the driver told about a refused value: the column (MySQL, SQLite) or the type (PostgreSQL). */
export interface RefusedValueDetails {
  column?: string;
  type?: string;
  /** `SQLSTATE 22003`, `ER_WARN_DATA_OUT_OF_RANGE`: for the logs, the same on every message of a kind. */
  driverCode: string;
}

/**
 * The database refused a value of a statement that bypassed repository validation (`this.query()`,
 * raw `sql`) or that the validation could not judge (a decimal's precision). The message names
 * the column or type, never the value: it is answered to the client as a 422.
 */
export function refusedValue(
  kind: RefusedValueKind,
  details: RefusedValueDetails,
  cause: unknown,
): InvalidValueError {
  const subject =
    details.column !== undefined
      ? ` for column "${details.column}"`
      : details.type !== undefined
        ? ` of type ${details.type}`
        : '';
  return new InvalidValueError(
    DataErrorCode.INVALID_VALUE,
    `The database refused a value${subject}: ${REFUSED_PROBLEMS[kind]} (${details.driverCode}). ` +
      `Validate the input before it reaches the database (types, ranges and lengths on the DTO, ` +
      `e.g. @IsInt() @Max(2147483647) for an integer column), or write through a repository, which ` +
      `checks values against their columns before any SQL runs.`,
    `The request holds a value that cannot be stored: ${REFUSED_PROBLEMS[kind].replace('the column holds', 'allowed')}.`,
    { cause },
  );
}

export function valueTooLong(entity: string, property: string, limit: number, actual: number): DataError {
  return new InvalidValueError(
    DataErrorCode.VALUE_TOO_LONG,
    `The value for ${entity}.${property} has ${actual} characters; the column holds at most ${limit}. ` +
      `Validate the input's length (e.g. @Length(1, ${limit}) on the DTO) or widen the column.`,
    `The value for ${property} is too long: at most ${limit} characters are allowed.`,
  );
}

export function invalidPageable(problem: string): DataError {
  return new DataError(
    DataErrorCode.INVALID_PAGEABLE,
    `Invalid page request: ${problem}. page is a 0-based integer >= 0 and size an integer from 1 to 10000.`,
  );
}

export function emptyCriteria(entity: string, operation: string, instead: string): DataError {
  return new DataError(
    DataErrorCode.EMPTY_CRITERIA,
    `${operation} on ${entity} was called with empty criteria, which would affect every row. ` +
      `Pass at least one condition, or call ${instead} to mean every row.`,
  );
}

/**
 * `save()` found no row to update: it was deleted (often by a concurrent request) after it was
 * read. `status = 404` lets the HTTP layer answer "not found" instead of a 500.
 *
 * @example
 * try { await todos.save(todo); }
 * catch (e) { if (e instanceof EntityNotFoundError) throw new NotFoundException('That todo is gone.'); throw e; }
 */
export class EntityNotFoundError extends DataError {
  /** The HTTP status this error maps to. */
  readonly status = 404;
  /** What a production response says. */
  readonly clientMessage = 'The resource does not exist: it may have just been deleted.';

  constructor(
    readonly entity: string,
    readonly id: unknown,
  ) {
    super(
      DataErrorCode.ENTITY_NOT_FOUND,
      `save() found no ${entity} with id ${String(id)} to update: it was deleted, or the id was set by hand ` +
        `on a generated key. Leave the id empty to insert a new row.`,
    );
  }
}

export function entityNotFound(entity: string, id: unknown): DataError {
  return new EntityNotFoundError(entity, id);
}
