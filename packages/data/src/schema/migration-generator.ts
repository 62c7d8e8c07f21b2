import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DialectName } from '../connection/database-url';
import type { ColumnMetadata, EntityMetadata, IndexMetadata } from '../metadata/entity-metadata';
import { foreignKeyConstraints, literalDefault } from './schema-creator';
import type { SchemaDiff } from './schema-diff';
import { sqlType } from './sql-types';

/** Source code of a migration file: TypeScript or CommonJS JavaScript. */
export type MigrationFormat = 'ts' | 'js';

function columnCode(column: ColumnMetadata, dialect: DialectName, forNewTable: boolean): string {
  const calls: string[] = [];
  if (column.role === 'id' && forNewTable) {
    calls.push('primaryKey()');
    if (column.generated === 'identity') {
      calls.push(
        dialect === 'postgres' || dialect === 'pglite' ? 'generatedByDefaultAsIdentity()' : 'autoIncrement()',
      );
    }
  }
  const fallback = literalDefault(column, dialect);
  // NOT NULL on a column added to a table with rows needs a default.
  if (!column.nullable && (forNewTable || fallback !== undefined)) calls.push('notNull()');
  if (fallback !== undefined) calls.push(`defaultTo(${JSON.stringify(fallback)})`);
  const modifiers = calls.length > 0 ? `, (col) => col.${calls.join('.')}` : '';
  return `.addColumn('${column.name}', sql\`${sqlType(column, dialect)}\`${modifiers})`;
}

const list = (columns: readonly ColumnMetadata[]) => `[${columns.map((c) => `'${c.name}'`).join(', ')}]`;

function tableConstraints(entity: EntityMetadata): string[] {
  return [
    ...entity.uniques.map((u) => `.addUniqueConstraint('${u.name}', ${list(u.columns)})`),
    ...foreignKeyConstraints(entity).map(
      ({ name, columns, target }) =>
        `.addForeignKeyConstraint('${name}', ['${columns[0]}'], '${target.table}', ['${target.id.name}'])`,
    ),
  ];
}

function createIndex(entity: EntityMetadata, index: IndexMetadata): string {
  return `  await db.schema.createIndex('${index.name}').on('${entity.table}').columns(${list(index.columns)})${index.unique ? '.unique()' : ''}.execute();`;
}

function dropIndex(entity: EntityMetadata, index: IndexMetadata, dialect: DialectName): string {
  // MySQL drops an index through its table.
  return `  await db.schema.dropIndex('${index.name}')${dialect === 'mysql' ? `.on('${entity.table}')` : ''}.execute();`;
}

/**
 * Writes the body of a migration that creates the missing tables, columns, unique constraints
 * and indexes of `diff`, and the reverse in `down`. Conflicts (type or nullability changes) become TODO comments: they need a
 * human decision about existing data.
 */
export function migrationSource(diff: SchemaDiff, dialect: DialectName, format: MigrationFormat): string {
  const up: string[] = [];
  const down: string[] = [];
  for (const entity of diff.missingTables) {
    up.push(
      [
        `  await db.schema`,
        `    .createTable('${entity.table}')`,
        ...entity.columns.map((c) => `    ${columnCode(c, dialect, true)}`),
        ...tableConstraints(entity).map((line) => `    ${line}`),
        `    .execute();`,
      ].join('\n'),
    );
    up.push(...entity.indexes.map((index) => createIndex(entity, index)));
    down.unshift(`  await db.schema.dropTable('${entity.table}').execute();`);
  }
  for (const { entity, column } of diff.missingColumns) {
    const todo =
      !column.nullable && literalDefault(column, dialect) === undefined
        ? `  // TODO: ${entity.table}.${column.name} is NOT NULL in ${entity.name}: fill existing rows, then set NOT NULL.\n`
        : '';
    up.push(
      `${todo}  await db.schema.alterTable('${entity.table}')${columnCode(column, dialect, false)}.execute();`,
    );
    down.unshift(`  await db.schema.alterTable('${entity.table}').dropColumn('${column.name}').execute();`);
  }
  // Unique constraints on existing tables become unique indexes: the same guarantee, and the one
  // form every engine can add to an existing table (SQLite has no ALTER TABLE ADD CONSTRAINT).
  for (const { entity, index } of diff.missingIndexes) {
    up.push(createIndex(entity, index));
    down.unshift(dropIndex(entity, index, dialect));
  }
  for (const conflict of diff.conflicts) up.push(`  // TODO: ${conflict}`);
  if (up.length === 0) up.push('  // The schema already matches the entities.');
  if (down.length === 0) down.push('  // Nothing to revert.');
  if (format === 'js') {
    return [
      `'use strict';`,
      `const { sql } = require('@tenon/data');`,
      ``,
      `/** @param {import('@tenon/data').Kysely<any>} db */`,
      `exports.up = async function up(db) {`,
      ...up,
      `};`,
      ``,
      `/** @param {import('@tenon/data').Kysely<any>} db */`,
      `exports.down = async function down(db) {`,
      ...down,
      `};`,
      ``,
    ].join('\n');
  }
  return [
    `import { sql, type Kysely } from '@tenon/data';`,
    ``,
    `// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema`,
    `export async function up(db: Kysely<any>): Promise<void> {`,
    ...up,
    `}`,
    ``,
    `// eslint-disable-next-line @typescript-eslint/no-explicit-any`,
    `export async function down(db: Kysely<any>): Promise<void> {`,
    ...down,
    `}`,
    ``,
  ].join('\n');
}

/** `20240131120000_add_todos.ts`: sortable by time, so Kysely runs them in order. */
export function migrationFileName(name: string, format: MigrationFormat, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'migration';
  return `${stamp}_${slug}.${format}`;
}

/** Writes the migration file; returns its path. */
export function writeMigration(
  folder: string,
  name: string,
  source: string,
  format: MigrationFormat,
): string {
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, migrationFileName(name, format));
  writeFileSync(file, source, { flag: 'wx' });
  return file;
}
