import 'reflect-metadata';
import { DataError } from '@tenon/data';
import { refusedValueError } from '../../src/connection/invalid-values';

const ADVICE =
  'Validate the input before it reaches the database (types, ranges and lengths on the DTO, e.g. @IsInt() @Max(2147483647) for an integer column), or write through a repository, which checks values against their columns before any SQL runs.';

// The contract suite checks PostgreSQL, PGlite and MariaDB end to end; these are the error shapes
// of engines and cases it cannot reach here (SQLite stores out-of-range values unless the table is
// STRICT; MySQL's date errors need a date column).
describe('driver errors to refused values', () => {
  const driverError = (fields: Record<string, unknown>, message: string) =>
    Object.assign(new Error(message), fields);

  it('reads SQLite STRICT tables and the INTEGER PRIMARY KEY mismatch', () => {
    const strict = refusedValueError(
      driverError(
        { code: 'SQLITE_CONSTRAINT_DATATYPE' },
        'cannot store TEXT value in INTEGER column todos.priority',
      ),
    );
    expect(strict).toBeInstanceOf(DataError);
    expect(strict).toMatchObject({ code: 'TENON_DATA_INVALID_VALUE', status: 422 });
    expect(strict!.message).toBe(
      `The database refused a value for column "priority": a value its type cannot read (text or a fraction for an integer, say) (SQLITE_CONSTRAINT_DATATYPE). ${ADVICE}`,
    );
    expect(refusedValueError(driverError({ code: 'SQLITE_MISMATCH' }, 'datatype mismatch'))!.message).toBe(
      `The database refused a value: a value its type cannot read (text or a fraction for an integer, say) (SQLITE_MISMATCH). ${ADVICE}`,
    );
  });

  it('tells MySQL date errors from number errors, and reads qualified column names', () => {
    const date = refusedValueError(
      driverError(
        { errno: 1292, code: 'ER_TRUNCATED_WRONG_VALUE' },
        "Incorrect date value: '2020-13-45' for column `test`.`t`.`due_on` at row 1",
      ),
    );
    expect(date!.message).toBe(
      `The database refused a value for column "due_on": a date or time that does not exist or cannot be read (ER_TRUNCATED_WRONG_VALUE). ${ADVICE}`,
    );
    expect(date!.message).not.toContain('2020-13-45');
    const tooLong = refusedValueError(
      driverError({ errno: 1406, code: 'ER_DATA_TOO_LONG' }, "Data too long for column 's' at row 1"),
    );
    expect(tooLong!.message).toBe(
      `The database refused a value for column "s": a string longer than the column holds (ER_DATA_TOO_LONG). ${ADVICE}`,
    );
  });

  it('leaves other errors alone (syntax, division by zero)', () => {
    expect(
      refusedValueError(driverError({ code: '42601' }, 'syntax error at or near "selec"')),
    ).toBeUndefined();
    expect(refusedValueError(driverError({ code: '22012' }, 'division by zero'))).toBeUndefined();
    expect(refusedValueError('not an object')).toBeUndefined();
  });
});
