import { codePointLength } from '@tenon/core';
import { invalidValue, valueTooLong } from '../errors/query.errors';
import type { ColumnMetadata, EntityMetadata } from '../metadata/entity-metadata';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `integer` is 32-bit on PostgreSQL and MySQL; SQLite would store more, but the column means the same. */
export const INTEGER_RANGE = { min: -2_147_483_648, max: 2_147_483_647 } as const;
const BIGINT_MIN = -(2n ** 63n);
const BIGINT_MAX = 2n ** 63n - 1n;

/**
 * True when `value` has the right type for an integer or bigint column but lies outside its
 * range: no row can hold it, so a lookup by it finds nothing.
 */
export function outOfIntegerRange(column: ColumnMetadata, value: unknown): boolean {
  if (column.type === 'integer')
    return (
      Number.isSafeInteger(value) &&
      ((value as number) < INTEGER_RANGE.min || (value as number) > INTEGER_RANGE.max)
    );
  if (column.type === 'bigint') {
    const big =
      typeof value === 'bigint'
        ? value
        : typeof value === 'string' && /^-?\d+$/.test(value)
          ? BigInt(value)
          : undefined;
    return big !== undefined && (big < BIGINT_MIN || big > BIGINT_MAX);
  }
  return false;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date)
    return `Date ${Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()}`;
  const text =
    typeof value === 'string'
      ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
      : String(value);
  return `${Array.isArray(value) ? 'array' : typeof value} ${text}`;
}

/**
 * Checks a value against its column before any SQL runs, so every dialect rejects the same
 * inputs (MySQL in non-strict mode would truncate a long string; SQLite would store anything).
 */
export function validateValue(entity: EntityMetadata, column: ColumnMetadata, value: unknown): void {
  if (value === null) {
    if (!column.nullable)
      throw invalidValue(entity.name, column.property, 'the column is not nullable, got null');
    return;
  }
  const fail = (expected: string): never => {
    throw invalidValue(entity.name, column.property, `expected ${expected}, got ${describe(value)}`);
  };
  switch (column.type) {
    case 'string':
    case 'text':
      if (typeof value !== 'string') fail('a string');
      // PostgreSQL text cannot store NUL; rejecting it on every dialect keeps them alike.
      if ((value as string).includes('\u0000')) fail('a string without the NUL character (\\u0000)');
      if (column.length !== undefined && (value as string).length > column.length) {
        // A string's UTF-16 length is at least its length in code points, so only strings
        // longer than the limit in units are counted again, in characters as the engines do.
        const characters = codePointLength(value as string);
        if (characters > column.length)
          throw valueTooLong(entity.name, column.property, column.length, characters);
      }
      return;
    case 'uuid':
      if (typeof value !== 'string' || !UUID.test(value)) fail('a UUID string');
      return;
    case 'integer':
      if (!Number.isSafeInteger(value)) fail('an integer');
      if (outOfIntegerRange(column, value))
        fail(`an integer from ${INTEGER_RANGE.min} to ${INTEGER_RANGE.max} (the column is 32-bit)`);
      return;
    case 'bigint':
      if (
        typeof value !== 'bigint' &&
        !Number.isSafeInteger(value) &&
        !(typeof value === 'string' && /^-?\d+$/.test(value))
      )
        fail('a bigint or an integer');
      if (outOfIntegerRange(column, value))
        fail(`an integer from ${BIGINT_MIN} to ${BIGINT_MAX} (the column is 64-bit)`);
      return;
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) fail('a finite number');
      return;
    case 'decimal':
      if (
        !(typeof value === 'number' && Number.isFinite(value)) &&
        !(typeof value === 'string' && DECIMAL.test(value))
      )
        fail('a decimal number or numeric string');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail('a boolean');
      return;
    case 'date':
      if (
        !(typeof value === 'string' && DATE.test(value)) &&
        !(value instanceof Date && !Number.isNaN(value.getTime()))
      )
        fail("a 'YYYY-MM-DD' string or a Date");
      return;
    case 'timestamp':
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) fail('a valid Date');
        return;
      }
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) fail('a Date or an ISO 8601 string');
      return;
    case 'json':
      if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint')
        fail('a JSON value');
      return;
    case 'bytes':
      if (!(value instanceof Uint8Array)) fail('a Uint8Array or Buffer');
      return;
  }
}
