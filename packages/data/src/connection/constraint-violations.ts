import {
  ForeignKeyViolationError,
  UniqueViolationError,
  type ForeignKeyViolationDetails,
  type UniqueViolationDetails,
} from '../errors/constraint.errors';

interface DriverError {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
  detail?: unknown;
  table?: unknown;
  constraint?: unknown;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** `"a", b` → [a, b]: identifiers as PostgreSQL's detail, MySQL's and SQLite's messages list them. */
function identifiers(list: string): string[] {
  return list.split(/,\s*/).map((name) => name.trim().replace(/^[`"]|[`"]$/g, ''));
}

function withDefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The coded error for a unique or foreign key violation reported by any driver, or undefined
 * for every other error. Only names are read from the driver's error, never the values.
 */
export function constraintViolation(
  error: unknown,
): UniqueViolationError | ForeignKeyViolationError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as DriverError;
  const code = text(e.code);
  const message = text(e.message) ?? '';
  // PostgreSQL and PGlite: SQLSTATE plus table, constraint and a detail listing the columns.
  if (code === '23505') {
    const columns = /^Key \((.+?)\)=/.exec(text(e.detail) ?? '')?.[1];
    return unique(error, {
      table: text(e.table),
      constraint: text(e.constraint),
      columns: columns !== undefined ? identifiers(columns) : undefined,
    });
  }
  if (code === '23503') {
    const detail = text(e.detail) ?? '';
    const missing = /^Key \((.+?)\)=.* is not present in table "(.+)"\.?$/.exec(detail);
    if (missing) {
      return foreignKey(error, {
        reason: 'missing-reference',
        table: text(e.table),
        constraint: text(e.constraint),
        columns: identifiers(missing[1]!),
        referencedTable: missing[2],
      });
    }
    const still = / is still referenced from table "(.+)"\.?$/.test(detail);
    return foreignKey(error, {
      ...(still ? { reason: 'still-referenced' as const } : {}),
      table: text(e.table),
      constraint: text(e.constraint),
      referencedTable: still ? /on table "([^"]+)" violates/.exec(message)?.[1] : undefined,
    });
  }
  // MySQL / MariaDB: the key name (MySQL 8 prefixes it with the table) in the message.
  if (e.errno === 1062 || code === 'ER_DUP_ENTRY') {
    const key = /for key '([^']*)'$/.exec(message)?.[1];
    const dot = key?.indexOf('.') ?? -1;
    return unique(error, {
      table: key !== undefined && dot > 0 ? key.slice(0, dot) : undefined,
      constraint: key !== undefined && dot > 0 ? key.slice(dot + 1) : key,
    });
  }
  const mysqlForeignKey =
    e.errno === 1452 || e.errno === 1216
      ? 'missing-reference'
      : e.errno === 1451 || e.errno === 1217
        ? 'still-referenced'
        : undefined;
  if (mysqlForeignKey !== undefined) {
    const parts =
      /fails \(`[^`]*`\.`([^`]+)`, CONSTRAINT `([^`]+)` FOREIGN KEY \((.+?)\) REFERENCES `([^`]+)`/.exec(
        message,
      );
    return foreignKey(error, {
      reason: mysqlForeignKey,
      table: parts?.[1],
      constraint: parts?.[2],
      columns: parts ? identifiers(parts[3]!) : undefined,
      referencedTable: parts?.[4],
    });
  }
  // SQLite (better-sqlite3): "UNIQUE constraint failed: members.team, members.handle".
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const failed = /constraint failed: (.+)$/.exec(message)?.[1];
    const index = failed !== undefined ? /^index '(.+)'$/.exec(failed)?.[1] : undefined;
    if (failed === undefined || index !== undefined) return unique(error, { constraint: index });
    const qualified = identifiers(failed);
    const table = qualified[0]!.includes('.')
      ? qualified[0]!.slice(0, qualified[0]!.indexOf('.'))
      : undefined;
    return unique(error, {
      table,
      columns: qualified.map((name) => name.slice(name.indexOf('.') + 1)),
    });
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return foreignKey(error, {});
  return undefined;
}

function unique(cause: unknown, details: UniqueViolationDetails): UniqueViolationError {
  return new UniqueViolationError(withDefined(details), { cause });
}

function foreignKey(cause: unknown, details: ForeignKeyViolationDetails): ForeignKeyViolationError {
  return new ForeignKeyViolationError(withDefined(details), { cause });
}
