import { refusedValue, type RefusedValueKind } from '../errors/query.errors';
import type { InvalidValueError } from '../errors/query.errors';

interface DriverError {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

// PostgreSQL / PGlite SQLSTATEs of class 22 ("data exception") that a client's value causes.
// Others of the class (division by zero, a bad regular expression) are bugs in the SQL itself.
const POSTGRES: Record<string, RefusedValueKind> = {
  '22003': 'out-of-range', // numeric_value_out_of_range: 2147483648 into integer
  '22P02': 'invalid-format', // invalid_text_representation: 'abc' or '1.5' into integer
  '22007': 'invalid-datetime', // invalid_datetime_format
  '22008': 'invalid-datetime', // datetime_field_overflow: 2020-13-45
  '22001': 'too-long', // string_data_right_truncation
  '22021': 'invalid-character', // character_not_in_repertoire: NUL, invalid UTF-8
  '22P05': 'invalid-character', // untranslatable_character
};

// MySQL / MariaDB in strict mode (their default), by errno.
const MYSQL: Record<number, RefusedValueKind> = {
  1264: 'out-of-range', // ER_WARN_DATA_OUT_OF_RANGE: "Out of range value for column 'n'"
  1690: 'out-of-range', // ER_DATA_OUT_OF_RANGE: an expression overflowed its type
  1366: 'invalid-format', // ER_TRUNCATED_WRONG_VALUE_FOR_FIELD: "Incorrect integer value: … for column"
  1367: 'invalid-format', // ER_ILLEGAL_VALUE_FOR_TYPE
  1265: 'invalid-format', // WARN_DATA_TRUNCATED: a value not in an ENUM/SET, a cut-off number
  1292: 'invalid-format', // ER_TRUNCATED_WRONG_VALUE: "Incorrect date value" or a number from text
  1406: 'too-long', // ER_DATA_TOO_LONG
};

const SQLITE: Record<string, RefusedValueKind> = {
  SQLITE_MISMATCH: 'invalid-format', // text into an INTEGER PRIMARY KEY
  SQLITE_CONSTRAINT_DATATYPE: 'invalid-format', // STRICT tables: "cannot store TEXT value in INTEGER column t.n"
  SQLITE_TOOBIG: 'too-long',
};

/** `test`.`t`.`n`, 't', t.n → n */
function lastIdentifier(qualified: string): string {
  const parts = qualified.split('.');
  return parts[parts.length - 1]!.replace(/^[`'"]|[`'"]$/g, '');
}

/**
 * The coded 422 for a value the database refused (out of range, unreadable for the column's
 * type, too long, an impossible date, a character the encoding cannot store), or undefined for
 * every other error. Names the column when the driver does (MySQL, SQLite) and the type when it
 * does (PostgreSQL); never the value, which the client sent and the message echoes to it.
 */
export function refusedValueError(error: unknown): InvalidValueError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as DriverError;
  const code = text(e.code);
  const message = text(e.message) ?? '';
  if (code !== undefined && Object.hasOwn(POSTGRES, code)) {
    const type = /for type ([a-z][\w ]*(?:\(\d+(?:,\s*\d+)?\))?)/i.exec(message)?.[1];
    return refusedValue(POSTGRES[code]!, { type, driverCode: `SQLSTATE ${code}` }, error);
  }
  if (typeof e.errno === 'number' && Object.hasOwn(MYSQL, e.errno)) {
    const column = /for column (\S+) at row/.exec(message)?.[1];
    const kind: RefusedValueKind =
      e.errno === 1292 && /^Incorrect (date|time|datetime|timestamp)/i.test(message)
        ? 'invalid-datetime'
        : MYSQL[e.errno]!;
    return refusedValue(
      kind,
      {
        column: column !== undefined ? lastIdentifier(column) : undefined,
        driverCode: code ?? `errno ${e.errno}`,
      },
      error,
    );
  }
  if (code !== undefined && Object.hasOwn(SQLITE, code)) {
    const column = /column (\S+)$/.exec(message)?.[1];
    return refusedValue(
      SQLITE[code]!,
      { column: column !== undefined ? lastIdentifier(column) : undefined, driverCode: code },
      error,
    );
  }
  return undefined;
}
