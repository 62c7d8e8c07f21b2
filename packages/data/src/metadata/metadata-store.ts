// Types only: the user loads the polyfill (`import 'reflect-metadata'`); @tenon/core checks it at import.
import type {} from 'reflect-metadata';
import type { Type } from '@tenon/core';
import type { ColumnOptions, ColumnRole, EntityOptions } from './entity-metadata';

/** What a column decorator recorded, before types are resolved. */
export interface RawColumn {
  property: string;
  options: ColumnOptions;
  role: ColumnRole | undefined;
  generated: 'identity' | 'uuid' | true | undefined;
  designType: unknown;
}

export interface RawRelation {
  property: string;
  kind: 'many-to-one' | 'one-to-many';
  target: () => Type;
  foreignKey: string;
}

export interface RawEntity {
  table: string | undefined;
  options: EntityOptions;
}

const ENTITY = Symbol('tenon:data:entity');
const COLUMNS = Symbol('tenon:data:columns');
const RELATIONS = Symbol('tenon:data:relations');

// Decorator metadata lives on the classes themselves (reflect-metadata), never in a module-level
// map, so two copies of the package or two test files cannot see each other's entities.
export function recordEntity(target: Function, raw: RawEntity): void {
  Reflect.defineMetadata(ENTITY, raw, target);
}

export function readEntity(target: Function): RawEntity | undefined {
  return Reflect.getOwnMetadata(ENTITY, target) as RawEntity | undefined;
}

export function recordColumn(prototype: object, column: RawColumn): void {
  const target = prototype.constructor;
  const own = (Reflect.getOwnMetadata(COLUMNS, target) as RawColumn[] | undefined) ?? [];
  Reflect.defineMetadata(COLUMNS, [...own.filter((c) => c.property !== column.property), column], target);
}

export function recordRelation(prototype: object, relation: RawRelation): void {
  const target = prototype.constructor;
  const own = (Reflect.getOwnMetadata(RELATIONS, target) as RawRelation[] | undefined) ?? [];
  Reflect.defineMetadata(RELATIONS, [...own, relation], target);
}

/** Columns of the class and its ancestors, ancestors first; a subclass overrides by property. */
export function readColumns(target: Function): RawColumn[] {
  const byProperty = new Map<string, RawColumn>();
  for (const cls of ancestry(target)) {
    for (const column of (Reflect.getOwnMetadata(COLUMNS, cls) as RawColumn[] | undefined) ?? []) {
      byProperty.set(column.property, column);
    }
  }
  return [...byProperty.values()];
}

export function readRelations(target: Function): RawRelation[] {
  return ancestry(target).flatMap(
    (cls) => (Reflect.getOwnMetadata(RELATIONS, cls) as RawRelation[] | undefined) ?? [],
  );
}

function ancestry(target: Function): Function[] {
  const chain: Function[] = [];
  for (
    let c: Function | null = target;
    c && c !== Function.prototype;
    c = Object.getPrototypeOf(c) as Function | null
  ) {
    chain.unshift(c);
  }
  return chain;
}
