import 'reflect-metadata';
import { ForeignKeyViolationError, UniqueViolationError } from '@tenon/data';
import { constraintViolation } from '../../src/connection/constraint-violations';

// The contract suite checks each engine end to end; these are the error shapes of engine versions
// not installed here (MySQL 8 qualifies key names; SQLite reports expression indexes by name).
describe('driver errors to constraint violations', () => {
  const mysqlError = (errno: number, code: string, message: string) =>
    Object.assign(new Error(message), { errno, code, sqlMessage: message });

  it('reads MySQL 8 key names qualified by their table', () => {
    const error = constraintViolation(
      mysqlError(1062, 'ER_DUP_ENTRY', "Duplicate entry 'a@b.c' for key 'users.users_email_key'"),
    );
    expect(error).toBeInstanceOf(UniqueViolationError);
    expect((error as UniqueViolationError).details).toEqual({
      table: 'users',
      constraint: 'users_email_key',
    });
    expect((error as UniqueViolationError).message).not.toContain('a@b.c');
  });

  it('reads MariaDB key names, and the primary key', () => {
    expect(
      (
        constraintViolation(
          mysqlError(1062, 'ER_DUP_ENTRY', "Duplicate entry '1' for key 'PRIMARY'"),
        ) as UniqueViolationError
      ).details,
    ).toEqual({
      constraint: 'PRIMARY',
    });
  });

  it('reads MySQL foreign key messages, both sides', () => {
    const message =
      'Cannot add or update a child row: a foreign key constraint fails (`shop`.`order_lines`, CONSTRAINT `order_lines_order_id_product_id_fkey` FOREIGN KEY (`order_id`, `product_id`) REFERENCES `order_products` (`order_id`, `product_id`))';
    expect(
      (constraintViolation(mysqlError(1452, 'ER_NO_REFERENCED_ROW_2', message)) as ForeignKeyViolationError)
        .details,
    ).toEqual({
      reason: 'missing-reference',
      table: 'order_lines',
      constraint: 'order_lines_order_id_product_id_fkey',
      columns: ['order_id', 'product_id'],
      referencedTable: 'order_products',
    });
    expect(
      (
        constraintViolation(
          mysqlError(
            1451,
            'ER_ROW_IS_REFERENCED_2',
            message.replace('add or update a child', 'delete or update a parent'),
          ),
        ) as ForeignKeyViolationError
      ).reason,
    ).toBe('still-referenced');
    // Older servers say less: the side is still known.
    expect(
      (
        constraintViolation(
          mysqlError(
            1217,
            'ER_ROW_IS_REFERENCED',
            'Cannot delete or update a parent row: a foreign key constraint fails',
          ),
        ) as ForeignKeyViolationError
      ).details,
    ).toEqual({
      reason: 'still-referenced',
    });
  });

  it('reads SQLite messages: columns of a constraint, or the name of an expression index', () => {
    const sqlite = (code: string, message: string) => Object.assign(new Error(message), { code });
    expect(
      (
        constraintViolation(
          sqlite(
            'SQLITE_CONSTRAINT_UNIQUE',
            'UNIQUE constraint failed: favorites.user_id, favorites.article_id',
          ),
        ) as UniqueViolationError
      ).details,
    ).toEqual({ table: 'favorites', columns: ['user_id', 'article_id'] });
    expect(
      (
        constraintViolation(
          sqlite('SQLITE_CONSTRAINT_PRIMARYKEY', 'UNIQUE constraint failed: books.isbn'),
        ) as UniqueViolationError
      ).details,
    ).toEqual({ table: 'books', columns: ['isbn'] });
    expect(
      (
        constraintViolation(
          sqlite('SQLITE_CONSTRAINT_UNIQUE', "UNIQUE constraint failed: index 'users_lower_email'"),
        ) as UniqueViolationError
      ).details,
    ).toEqual({ constraint: 'users_lower_email' });
    const fk = constraintViolation(sqlite('SQLITE_CONSTRAINT_FOREIGNKEY', 'FOREIGN KEY constraint failed'));
    expect(fk).toBeInstanceOf(ForeignKeyViolationError);
    expect((fk as ForeignKeyViolationError).message).toBe(
      'A foreign key constraint failed, so the statement was refused. Insert referenced rows before the rows that refer to them, and delete referring rows before the rows they refer to.',
    );
  });

  it('leaves every other error alone', () => {
    expect(constraintViolation(Object.assign(new Error('syntax error'), { code: '42601' }))).toBeUndefined();
    expect(
      constraintViolation(
        Object.assign(new Error('NOT NULL constraint failed: t.a'), { code: 'SQLITE_CONSTRAINT_NOTNULL' }),
      ),
    ).toBeUndefined();
    expect(constraintViolation('a string')).toBeUndefined();
    expect(constraintViolation(null)).toBeUndefined();
  });
});
