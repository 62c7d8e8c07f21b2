import type { Type } from '@tenon/core';
import {
  columnTypeUnknown,
  entityWithoutId,
  invalidIndex,
  invalidRelation,
  notAnEntity,
} from '../errors/entity.errors';
import { COLUMN_TYPES, columnTypeFromDesign, type ColumnType } from './column-type';
import type {
  ColumnMetadata,
  EntityMetadata,
  IndexDefinition,
  IndexMetadata,
  RelationMetadata,
} from './entity-metadata';
import { readColumns, readEntity, readRelations, type RawColumn } from './metadata-store';
import { constraintName, snakeCase } from './naming';
import { nearestNames } from './nearest-names';

// A cache, not state: the value is a pure function of the decorators, which run once at import.
const cache = new WeakMap<Function, EntityMetadata>();

/** True when the class has `@Entity()`. */
export function isEntity(target: unknown): target is Type {
  return typeof target === 'function' && readEntity(target) !== undefined;
}

/**
 * The resolved metadata of an entity class: table, columns with their types, id, version,
 * audit columns and relations. Built on first use and checked then.
 *
 * @example
 * getEntityMetadata(Todo).table; // 'todos'
 */
export function getEntityMetadata(target: Function, usedBy?: string): EntityMetadata {
  const cached = cache.get(target);
  if (cached) return cached;
  const raw = readEntity(target);
  if (raw === undefined) throw notAnEntity(target.name || '<anonymous class>', usedBy);
  const name = target.name;
  const columns = readColumns(target).map((c) => resolveColumn(name, c));
  const id = columns.find((c) => c.role === 'id');
  if (id === undefined) throw entityWithoutId(name);
  const byProperty = new Map(columns.map((c) => [c.property, c]));
  const relations = new Map<string, RelationMetadata>();
  for (const relation of readRelations(target)) {
    if (byProperty.has(relation.property)) {
      throw invalidRelation(
        name,
        relation.property,
        'the property is also a @Column; the foreign key needs its own property',
      );
    }
    if (relation.kind === 'many-to-one' && !byProperty.has(relation.foreignKey)) {
      throw invalidRelation(
        name,
        relation.property,
        `its foreign key "${relation.foreignKey}" is not a @Column of ${name}; declare it, e.g. @Column() ${relation.foreignKey}!: number;`,
      );
    }
    relations.set(relation.property, { ...relation });
  }
  const byRole = (role: ColumnMetadata['role']) => columns.find((c) => c.role === role);
  const table = raw.table ?? snakeCase(name);
  const resolve = (kind: 'unique' | 'index') => (definition: IndexDefinition) =>
    resolveIndex(name, table, byProperty, definition, kind);
  const uniques = [
    ...columns.filter((c) => c.unique && c.role !== 'id').map((c) => resolve('unique')([c.property])),
    ...(raw.options.uniques ?? []).map(resolve('unique')),
  ];
  const indexes = (raw.options.indexes ?? []).map(resolve('index'));
  const names = new Set<string>();
  for (const index of [...uniques, ...indexes]) {
    if (names.has(index.name)) {
      throw invalidIndex(
        name,
        index.unique ? 'unique constraint' : 'index',
        `the name "${index.name}" is used twice`,
      );
    }
    names.add(index.name);
  }
  const metadata: EntityMetadata = {
    target: target as Type,
    name,
    table,
    columns,
    byProperty,
    id,
    version: byRole('version'),
    createdDate: byRole('createdDate'),
    lastModifiedDate: byRole('lastModifiedDate'),
    createdBy: byRole('createdBy'),
    lastModifiedBy: byRole('lastModifiedBy'),
    relations,
    uniques,
    indexes,
  };
  cache.set(target, metadata);
  return metadata;
}

function resolveColumn(entity: string, raw: RawColumn): ColumnMetadata {
  const { options } = raw;
  let generated: ColumnMetadata['generated'];
  if (raw.generated === 'identity' || raw.generated === 'uuid') generated = raw.generated;
  else if (raw.generated === true) generated = raw.designType === String ? 'uuid' : 'identity';
  const type: ColumnType | undefined =
    options.type ??
    (generated === 'identity' ? 'integer' : generated === 'uuid' ? 'uuid' : undefined) ??
    (raw.role === 'version' ? 'integer' : undefined) ??
    (raw.role === 'createdDate' || raw.role === 'lastModifiedDate' ? 'timestamp' : undefined) ??
    columnTypeFromDesign(raw.designType);
  if (type === undefined || !COLUMN_TYPES.includes(type)) {
    throw columnTypeUnknown(entity, raw.property, raw.designType, options.type);
  }
  return {
    property: raw.property,
    name: options.name ?? snakeCase(raw.property),
    type,
    nullable: options.nullable ?? (raw.role === 'createdBy' || raw.role === 'lastModifiedBy'),
    unique: options.unique ?? false,
    default: options.default ?? (raw.role === 'version' ? 0 : undefined),
    length: options.length ?? (type === 'string' ? 255 : undefined),
    precision: options.precision,
    scale: options.scale,
    role: raw.role,
    generated,
    designType: raw.designType,
  };
}

function resolveIndex(
  entity: string,
  table: string,
  byProperty: ReadonlyMap<string, ColumnMetadata>,
  definition: IndexDefinition,
  kind: 'unique' | 'index',
): IndexMetadata {
  const what = kind === 'unique' ? 'unique constraint' : 'index';
  const properties: readonly unknown[] = Array.isArray(definition)
    ? definition
    : (((definition as { columns?: unknown }).columns as readonly unknown[] | undefined) ?? []);
  if (!Array.isArray(properties) || properties.length === 0) {
    throw invalidIndex(entity, what, "it names no property; give at least one, e.g. ['userId', 'articleId']");
  }
  const columns = properties.map((property) => {
    const column = typeof property === 'string' ? byProperty.get(property) : undefined;
    if (column === undefined) {
      throw invalidIndex(
        entity,
        what,
        `"${String(property)}" is not a @Column of ${entity}${nearHint(String(property), [...byProperty.keys()])}`,
      );
    }
    return column;
  });
  if (new Set(columns).size !== columns.length) {
    throw invalidIndex(entity, what, `it names a property twice (${properties.join(', ')})`);
  }
  const given = Array.isArray(definition) ? undefined : (definition as { name?: unknown }).name;
  if (given !== undefined && (typeof given !== 'string' || given.trim() === '')) {
    throw invalidIndex(entity, what, `its name must be a non-empty string, got ${JSON.stringify(given)}`);
  }
  return {
    name:
      (given as string | undefined) ??
      constraintName(
        table,
        columns.map((c) => c.name),
        kind === 'unique' ? 'key' : 'idx',
      ),
    columns,
    unique: kind === 'unique',
  };
}

function nearHint(property: string, known: readonly string[]): string {
  const near = nearestNames(property, known);
  return `${near.length > 0 ? ` (did you mean ${near.map((n) => `"${n}"`).join(' or ')}?)` : ''}; its columns are ${known.join(', ')}`;
}
