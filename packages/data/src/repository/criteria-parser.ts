import { invalidValue, undefinedCriteria, unknownColumn } from '../errors/query.errors';
import type { ColumnMetadata, EntityMetadata } from '../metadata/entity-metadata';
import type { Condition } from './condition';
import { Operator } from './criteria';
import { validateValue } from './value-validator';

/** Looks up a property used in `where` / `orderBy`, with a coded error listing the real ones. */
export function columnFor(entity: EntityMetadata, property: string, where: string): ColumnMetadata {
  const column = entity.byProperty.get(property);
  if (column === undefined) {
    throw unknownColumn(
      entity.name,
      property,
      where,
      entity.columns.map((c) => c.property),
    );
  }
  return column;
}

/**
 * Turns a criteria object into conditions, checking every key and value: unknown keys and
 * `undefined` values are coded errors, values are type-checked against their columns.
 */
export function parseCriteria(entity: EntityMetadata, criteria: object, where: string): Condition[] {
  if (criteria === null || typeof criteria !== 'object' || Array.isArray(criteria)) {
    throw invalidValue(
      entity.name,
      where,
      `criteria must be an object like { title: 'x' }, got ${String(criteria)}`,
    );
  }
  const conditions: Condition[] = [];
  for (const [property, value] of Object.entries(criteria)) {
    const column = columnFor(entity, property, where);
    if (value === undefined) throw undefinedCriteria(entity.name, property, where);
    conditions.push(parseValue(entity, column, value, where));
  }
  return conditions;
}

function parseValue(
  entity: EntityMetadata,
  column: ColumnMetadata,
  value: unknown,
  where: string,
): Condition {
  if (value === null) return { kind: 'null', column, negate: false };
  if (!(value instanceof Operator)) {
    checkQueryValue(entity, column, value);
    return { kind: 'compare', column, op: '=', value, ignoreCase: false };
  }
  const args = value.args;
  const single = (op: '<' | '<=' | '>' | '>='): Condition => {
    checkQueryValue(entity, column, args[0]);
    return { kind: 'compare', column, op, value: args[0], ignoreCase: false };
  };
  switch (value.kind) {
    case 'gt':
      return single('>');
    case 'gte':
      return single('>=');
    case 'lt':
      return single('<');
    case 'lte':
      return single('<=');
    case 'between':
      checkQueryValue(entity, column, args[0]);
      checkQueryValue(entity, column, args[1]);
      return { kind: 'between', column, low: args[0], high: args[1] };
    case 'in': {
      const values = args[0];
      if (!Array.isArray(values)) throw invalidValue(entity.name, column.property, 'In() needs an array');
      values.forEach((v) => checkQueryValue(entity, column, v));
      return { kind: 'in', column, values, negate: false, ignoreCase: false };
    }
    case 'like':
    case 'ilike': {
      const pattern = args[0];
      if (typeof pattern !== 'string') {
        throw invalidValue(
          entity.name,
          column.property,
          `${value.kind === 'like' ? 'Like' : 'ILike'}() needs a string pattern`,
        );
      }
      return {
        kind: 'like',
        column,
        pattern,
        negate: false,
        ignoreCase: value.kind === 'ilike',
        escaped: false,
      };
    }
    case 'isNull':
      return { kind: 'null', column, negate: false };
    case 'not': {
      if (args[0] === undefined)
        throw undefinedCriteria(entity.name, column.property, `${where} (inside Not())`);
      const inner = parseValue(entity, column, args[0], where);
      if (inner.kind === 'null') return { ...inner, negate: true };
      if (inner.kind === 'compare' && inner.op === '=') return { ...inner, op: '<>' };
      return { kind: 'not', inner };
    }
  }
}

/** Type checks without the length and NOT NULL rules, which concern stored values only. */
function checkQueryValue(entity: EntityMetadata, column: ColumnMetadata, value: unknown): void {
  if (value === undefined) throw undefinedCriteria(entity.name, column.property, 'a criteria operator');
  if (value === null)
    throw invalidValue(entity.name, column.property, 'null is only valid alone or in Not(); use IsNull()');
  validateValue(entity, { ...column, nullable: true, length: undefined }, value);
}
