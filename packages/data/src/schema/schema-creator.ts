import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { DialectName } from '../connection/database-url';
import type { DynamicSchema } from '../connection/dynamic-schema';
import type { ColumnMetadata, EntityMetadata } from '../metadata/entity-metadata';
import { getEntityMetadata } from '../metadata/entity-metadata.registry';
import { constraintName } from '../metadata/naming';
import { liveTables } from './live-schema';
import { sqlType } from './sql-types';

/** Entities ordered so that a table comes after the tables its foreign keys point to. */
export function orderByDependencies(entities: readonly EntityMetadata[]): EntityMetadata[] {
  const ordered: EntityMetadata[] = [];
  const visiting = new Set<EntityMetadata>();
  const byTarget = new Map(entities.map((e) => [e.target, e]));
  const visit = (entity: EntityMetadata) => {
    if (ordered.includes(entity) || visiting.has(entity)) return;
    visiting.add(entity);
    for (const relation of entity.relations.values()) {
      if (relation.kind !== 'many-to-one') continue;
      const target = byTarget.get(relation.target());
      if (target !== undefined && target !== entity) visit(target);
    }
    ordered.push(entity);
  };
  entities.forEach(visit);
  return ordered;
}

/** A literal SQL default for a column, or undefined (function defaults apply in JavaScript only). */
export function literalDefault(
  column: ColumnMetadata,
  dialect: DialectName,
): string | number | boolean | null | undefined {
  const value = column.default;
  if (value === undefined || typeof value === 'function') return undefined;
  // MySQL refuses literal defaults on TEXT/JSON/BLOB columns.
  if (dialect === 'mysql' && (column.type === 'text' || column.type === 'json' || column.type === 'bytes'))
    return undefined;
  if (typeof value === 'boolean' && dialect === 'sqlite') return value ? 1 : 0;
  return value;
}

/** Adds the entity's columns, unique constraints and foreign keys to a CREATE TABLE builder. */
export function defineTable(
  builder: CreateTableBuilder<string, never>,
  entity: EntityMetadata,
  dialect: DialectName,
): CreateTableBuilder<string, never> {
  let table = builder;
  for (const column of entity.columns) {
    table = table.addColumn(column.name, sql.raw(sqlType(column, dialect)), (col) => {
      let c = col;
      if (column.role === 'id') {
        c = c.primaryKey();
        if (column.generated === 'identity') {
          c =
            dialect === 'postgres' || dialect === 'pglite'
              ? c.generatedByDefaultAsIdentity()
              : c.autoIncrement();
        }
      }
      if (!column.nullable) c = c.notNull();
      const fallback = literalDefault(column, dialect);
      if (fallback !== undefined) c = c.defaultTo(fallback);
      return c;
    });
  }
  // Kysely types constraint columns from the builder's known columns; ours are only known at run time.
  const untyped = () => table as unknown as CreateTableBuilder<string, string>;
  // Named table constraints (not column-level UNIQUE) so every engine reports the same name.
  for (const unique of entity.uniques) {
    table = untyped().addUniqueConstraint(
      unique.name,
      unique.columns.map((c) => c.name),
    ) as unknown as CreateTableBuilder<string, never>;
  }
  for (const { name, columns, target } of foreignKeyConstraints(entity)) {
    table = untyped().addForeignKeyConstraint(name, columns, target.table, [
      target.id.name,
    ]) as unknown as CreateTableBuilder<string, never>;
  }
  return table;
}

/** The foreign keys of the entity's many-to-one relations, named `<table>_<column>_fkey`. */
export function foreignKeyConstraints(
  entity: EntityMetadata,
): Array<{ name: string; columns: [string]; target: EntityMetadata }> {
  return [...entity.relations.values()]
    .filter((relation) => relation.kind === 'many-to-one')
    .map((relation) => {
      const fk = entity.byProperty.get(relation.foreignKey)!;
      return {
        name: constraintName(entity.table, [fk.name], 'fkey'),
        columns: [fk.name],
        target: getEntityMetadata(relation.target()),
      };
    });
}

/**
 * Creates the tables of the given entities that do not exist yet (`schema: 'create'`), with their
 * unique constraints, foreign keys and indexes: for tests and first runs. Existing tables are
 * left as they are; use migrations to change them.
 *
 * @example
 * await createSchema(database.kysely, [User, Post], 'pglite');
 */
export async function createSchema(
  db: Kysely<DynamicSchema>,
  entities: readonly Function[],
  dialect: DialectName,
): Promise<void> {
  const metadata = orderByDependencies(entities.map((e) => getEntityMetadata(e)));
  const existing = await liveTables(db, dialect);
  for (const entity of metadata) {
    if (existing.has(entity.table)) continue;
    // ifNotExists still: another process may create the table between the check and here.
    await defineTable(db.schema.createTable(entity.table).ifNotExists(), entity, dialect).execute();
    for (const index of entity.indexes) {
      let create = db.schema
        .createIndex(index.name)
        .on(entity.table)
        .columns(index.columns.map((c) => c.name));
      // MySQL has no CREATE INDEX IF NOT EXISTS (MariaDB has); the table was just created anyway.
      if (dialect !== 'mysql') create = create.ifNotExists();
      await create.execute();
    }
  }
}

/** Drops the tables of the given entities (children first). For tests and `create` resets. */
export async function dropSchema(db: Kysely<DynamicSchema>, entities: readonly Function[]): Promise<void> {
  const metadata = orderByDependencies(entities.map((e) => getEntityMetadata(e))).reverse();
  for (const entity of metadata) await db.schema.dropTable(entity.table).ifExists().execute();
}
