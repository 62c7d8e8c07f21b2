import { derivedQueryArguments } from '../errors/derived-query.errors';
import { invalidValue, undefinedCriteria } from '../errors/query.errors';
import type { EntityMetadata } from '../metadata/entity-metadata';
import { escapeLike, type Condition } from '../repository/condition';
import type { RepositoryEngine } from '../repository/repository-engine';
import { validateValue } from '../repository/value-validator';
import type { DerivedPart, DerivedQueryPlan } from './derived-query.parser';

/** Runs a parsed derived finder with its call arguments. */
export async function executeDerivedQuery(
  repository: string,
  plan: DerivedQueryPlan,
  engine: RepositoryEngine<object>,
  args: readonly unknown[],
): Promise<unknown> {
  if (args.length !== plan.arity)
    throw derivedQueryArguments(repository, plan.method, plan.arity, args.length);
  let next = 0;
  const groups = plan.groups.map((group) =>
    group.map((part) => {
      const values = args.slice(next, next + part.arity);
      next += part.arity;
      return toCondition(engine.entity, `${repository}.${plan.method}`, part, values);
    }),
  );
  switch (plan.subject) {
    case 'count':
      return engine.countWhere(groups);
    case 'exists':
      return engine.existsWhere(groups);
    case 'delete':
      return engine.deleteWhere(groups);
    case 'one':
    case 'first':
      return (await engine.select(groups, plan.order, 1))[0] ?? null;
    case 'firstN':
      return engine.select(groups, plan.order, plan.limit);
    case 'find':
      return engine.select(groups, plan.order);
  }
}

function toCondition(entity: EntityMetadata, where: string, part: DerivedPart, values: unknown[]): Condition {
  const { column, ignoreCase } = part;
  values.forEach((value) => {
    if (value === undefined) throw undefinedCriteria(entity.name, column.property, where);
  });
  const check = (value: unknown) =>
    validateValue(entity, { ...column, nullable: true, length: undefined }, value);
  const text = (value: unknown): string => {
    if (typeof value !== 'string')
      throw invalidValue(entity.name, column.property, `expected a string, got ${typeof value}`);
    return value;
  };
  const [a, b] = values;
  switch (part.operator) {
    case 'eq':
      if (a === null) return { kind: 'null', column, negate: false };
      check(a);
      return { kind: 'compare', column, op: '=', value: a, ignoreCase };
    case 'ne':
      if (a === null) return { kind: 'null', column, negate: true };
      check(a);
      return { kind: 'compare', column, op: '<>', value: a, ignoreCase };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      check(a);
      return { kind: 'compare', column, op: OPS[part.operator], value: a, ignoreCase };
    case 'between':
      check(a);
      check(b);
      return { kind: 'between', column, low: a, high: b };
    case 'in':
    case 'notIn':
      if (!Array.isArray(a)) throw invalidValue(entity.name, column.property, `${where} expects an array`);
      a.forEach(check);
      return { kind: 'in', column, values: a, negate: part.operator === 'notIn', ignoreCase };
    case 'like':
    case 'notLike':
      return {
        kind: 'like',
        column,
        pattern: text(a),
        negate: part.operator === 'notLike',
        ignoreCase,
        escaped: false,
      };
    case 'containing':
    case 'notContaining':
      return {
        kind: 'like',
        column,
        pattern: `%${escapeLike(text(a))}%`,
        negate: part.operator === 'notContaining',
        ignoreCase,
        escaped: true,
      };
    case 'startingWith':
      return {
        kind: 'like',
        column,
        pattern: `${escapeLike(text(a))}%`,
        negate: false,
        ignoreCase,
        escaped: true,
      };
    case 'endingWith':
      return {
        kind: 'like',
        column,
        pattern: `%${escapeLike(text(a))}`,
        negate: false,
        ignoreCase,
        escaped: true,
      };
    case 'isNull':
      return { kind: 'null', column, negate: false };
    case 'isNotNull':
      return { kind: 'null', column, negate: true };
    case 'true':
    case 'false':
      return { kind: 'compare', column, op: '=', value: part.operator === 'true', ignoreCase: false };
  }
}

const OPS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
