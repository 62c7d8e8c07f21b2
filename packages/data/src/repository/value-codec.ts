import type { DialectName } from '../connection/database-url';
import type { ColumnMetadata } from '../metadata/entity-metadata';

/**
 * Converts an entity value to what the driver binds. Drivers differ: SQLite binds neither
 * booleans nor Dates, pg turns JS arrays into PostgreSQL arrays (so JSON is sent as text), and
 * bigint is sent as text everywhere but SQLite.
 */
export function toDatabase(column: ColumnMetadata, value: unknown, dialect: DialectName): unknown {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'boolean':
      return dialect === 'sqlite' ? (value ? 1 : 0) : value;
    case 'timestamp': {
      const date = value instanceof Date ? value : new Date(String(value));
      return dialect === 'sqlite' ? date.toISOString() : date;
    }
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : value;
    case 'json':
      return JSON.stringify(value);
    case 'bigint':
      return dialect === 'sqlite' ? value : String(value);
    case 'decimal':
      return String(value);
    case 'bytes':
      return dialect === 'pglite' ? value : Buffer.from(value as Uint8Array);
    default:
      return value;
  }
}

/** Converts what the driver returned to the entity's JavaScript type. */
export function fromDatabase(column: ColumnMetadata, raw: unknown, dialect: DialectName): unknown {
  if (raw === null || raw === undefined) return null;
  switch (column.type) {
    case 'boolean':
      return raw === true || raw === 1 || raw === '1' || raw === 't' || raw === 'true';
    case 'integer':
    case 'float':
      return typeof raw === 'number' ? raw : Number(raw);
    case 'bigint':
      return column.designType === BigInt ? BigInt(raw as string) : Number(raw);
    case 'decimal':
      // SQLite's NUMERIC affinity stores 12.50 as the REAL 12.5; the other engines return the
      // declared scale ('12.50'), and the entity must read the same everywhere.
      return typeof raw === 'number' ? raw.toFixed(column.scale ?? 2) : String(raw);
    case 'timestamp':
      return raw instanceof Date ? raw : new Date(raw as string);
    case 'date':
      return raw instanceof Date ? localDate(raw) : String(raw).slice(0, 10);
    case 'json':
      return parseJson(raw, dialect);
    case 'string':
    case 'text':
    case 'uuid':
      return typeof raw === 'string' ? raw : String(raw);
    default:
      return raw;
  }
}

// pg parses a `date` as local midnight; its local calendar day is the stored one.
function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function parseJson(raw: unknown, dialect: DialectName): unknown {
  // PostgreSQL drivers parse jsonb themselves; MariaDB (JSON is LONGTEXT) and SQLite return text.
  if (typeof raw !== 'string' || dialect === 'postgres' || dialect === 'pglite') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    // MySQL 8 returns parsed JSON, so a JSON string value arrives as a plain string.
    return raw;
  }
}
