/**
 * The column types `@Column({ type })` accepts. Each maps to one SQL type per dialect
 * (see `schema/sql-types.ts`) and one JavaScript type.
 *
 * | type | JavaScript | PostgreSQL | MySQL/MariaDB | SQLite |
 * |---|---|---|---|---|
 * | string | string | varchar(length=255) | varchar(length=255) | text |
 * | text | string | text | text | text |
 * | integer | number | integer | int | integer |
 * | bigint | bigint or number | bigint | bigint | integer |
 * | float | number | double precision | double | real |
 * | decimal | string | numeric(p,s) | decimal(p,s) | numeric (a double: about 15 significant digits) |
 * | boolean | boolean | boolean | boolean (tinyint) | integer |
 * | date | string `YYYY-MM-DD` | date | date | text |
 * | timestamp | Date | timestamptz | datetime(3) | text (ISO 8601) |
 * | json | any JSON value | jsonb | json | text |
 * | uuid | string | uuid | char(36) | text |
 * | bytes | Uint8Array | bytea | longblob | blob |
 */
export type ColumnType =
  | 'string'
  | 'text'
  | 'integer'
  | 'bigint'
  | 'float'
  | 'decimal'
  | 'boolean'
  | 'date'
  | 'timestamp'
  | 'json'
  | 'uuid'
  | 'bytes';

export const COLUMN_TYPES: readonly ColumnType[] = [
  'string',
  'text',
  'integer',
  'bigint',
  'float',
  'decimal',
  'boolean',
  'date',
  'timestamp',
  'json',
  'uuid',
  'bytes',
];

/** The column type implied by a `design:type`, or undefined when reflection cannot tell. */
export function columnTypeFromDesign(designType: unknown): ColumnType | undefined {
  switch (designType) {
    case String:
      return 'string';
    case Number:
      return 'integer';
    case Boolean:
      return 'boolean';
    case Date:
      return 'timestamp';
    case BigInt:
      return 'bigint';
    case Uint8Array:
    case Buffer:
      return 'bytes';
    default:
      return undefined;
  }
}
