import type { DialectName } from '../connection/database-url';
import type { ColumnMetadata } from '../metadata/entity-metadata';

/** The SQL type a column gets in `create` mode and generated migrations. */
export function sqlType(column: ColumnMetadata, dialect: DialectName): string {
  const pg = dialect === 'postgres' || dialect === 'pglite';
  const sqlite = dialect === 'sqlite';
  switch (column.type) {
    case 'string':
      return sqlite ? 'text' : `varchar(${column.length ?? 255})`;
    case 'text':
      return 'text';
    case 'integer':
      return dialect === 'mysql' ? 'int' : 'integer';
    case 'bigint':
      return sqlite ? 'integer' : 'bigint';
    case 'float':
      return pg ? 'double precision' : sqlite ? 'real' : 'double';
    case 'decimal':
      return sqlite
        ? 'numeric'
        : `${pg ? 'numeric' : 'decimal'}(${column.precision ?? 18}, ${column.scale ?? 2})`;
    case 'boolean':
      return sqlite ? 'integer' : 'boolean';
    case 'date':
      return sqlite ? 'text' : 'date';
    case 'timestamp':
      return pg ? 'timestamptz' : sqlite ? 'text' : 'datetime(3)';
    case 'json':
      return pg ? 'jsonb' : sqlite ? 'text' : 'json';
    case 'uuid':
      return pg ? 'uuid' : sqlite ? 'text' : 'char(36)';
    case 'bytes':
      return pg ? 'bytea' : sqlite ? 'blob' : 'longblob';
  }
}

/**
 * The families an introspected type may belong to for a column type, used by `validate` to
 * compare loosely (`int4` and `integer` are the same; `varchar` vs `text` is not drift worth
 * failing a boot for, but `text` vs `integer` is).
 */
export function compatibleTypes(column: ColumnMetadata): readonly string[] {
  switch (column.type) {
    case 'string':
    case 'text':
      return [
        'varchar',
        'character varying',
        'text',
        'char',
        'bpchar',
        'character',
        'longtext',
        'mediumtext',
        'tinytext',
      ];
    case 'integer':
      return ['int4', 'integer', 'int', 'int2', 'smallint', 'mediumint', 'int8', 'bigint'];
    case 'bigint':
      return ['int8', 'bigint', 'integer'];
    case 'float':
      return ['float8', 'double precision', 'double', 'real', 'float4', 'float'];
    case 'decimal':
      return ['numeric', 'decimal'];
    case 'boolean':
      return ['bool', 'boolean', 'tinyint', 'integer'];
    case 'date':
      return ['date', 'text'];
    case 'timestamp':
      return ['timestamptz', 'timestamp', 'datetime', 'text'];
    case 'json':
      return ['jsonb', 'json', 'longtext', 'text'];
    case 'uuid':
      return ['uuid', 'char', 'varchar', 'text', 'bpchar'];
    case 'bytes':
      return ['bytea', 'blob', 'longblob', 'mediumblob'];
  }
}
