import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DialectName } from '../connection/database-url';
import type { DialectCapabilities } from '../connection/dialect-capabilities';
import type { ColumnMetadata } from '../metadata/entity-metadata';
import { toDatabase } from './value-codec';

/** One condition on one column: what criteria objects and derived finders both compile to. */
export type Condition =
  | {
      kind: 'compare';
      column: ColumnMetadata;
      op: '=' | '<>' | '<' | '<=' | '>' | '>=';
      value: unknown;
      ignoreCase: boolean;
    }
  | { kind: 'in'; column: ColumnMetadata; values: readonly unknown[]; negate: boolean; ignoreCase: boolean }
  | { kind: 'between'; column: ColumnMetadata; low: unknown; high: unknown }
  | {
      kind: 'like';
      column: ColumnMetadata;
      pattern: string;
      negate: boolean;
      ignoreCase: boolean;
      escaped: boolean;
    }
  | { kind: 'null'; column: ColumnMetadata; negate: boolean }
  | { kind: 'not'; inner: Condition };

/** The escape character for patterns built from user values (Containing, StartingWith, EndingWith). */
export const LIKE_ESCAPE = '!';

/** Escapes `%`, `_` and the escape character so a value matches literally inside a LIKE pattern. */
export function escapeLike(value: string): string {
  return value.replace(/[!%_]/g, (c) => `${LIKE_ESCAPE}${c}`);
}

/** Hands out the parameter values of a statement, one per call, in the order its SQL binds them. */
export type NextValue = () => unknown;

/** A NextValue over `values`, from `start` on. */
export function valuesFrom(values: readonly unknown[], start = 0): NextValue {
  let index = start;
  return () => values[index++];
}

/**
 * The values `orSql` binds for these groups, converted for the driver, in the order the SQL
 * takes them (appended to `into`). The SQL and its values are computed apart so a statement can
 * be compiled once and run with the values of later calls; both walk the conditions in the same
 * order, and `orSql` takes every value it binds from a NextValue, so they agree by construction.
 */
export function conditionValues(
  groups: readonly (readonly Condition[])[],
  dialect: DialectName,
  into: unknown[] = [],
): unknown[] {
  for (const group of groups) for (const condition of group) pushValues(condition, dialect, into);
  return into;
}

function pushValues(condition: Condition, dialect: DialectName, into: unknown[]): void {
  switch (condition.kind) {
    case 'compare':
      into.push(toDatabase(condition.column, condition.value, dialect));
      return;
    case 'in':
      for (const value of condition.values) into.push(toDatabase(condition.column, value, dialect));
      return;
    case 'between':
      into.push(toDatabase(condition.column, condition.low, dialect));
      into.push(toDatabase(condition.column, condition.high, dialect));
      return;
    case 'like':
      into.push(condition.pattern);
      return;
    case 'null':
      return;
    case 'not':
      pushValues(condition.inner, dialect, into);
  }
}

/**
 * A key for the SQL `orSql` compiles these groups to: groups with the same key compile to the
 * same text (their values aside). Column names end with a NUL, which no identifier holds.
 */
export function conditionShape(groups: readonly (readonly Condition[])[]): string {
  let key = '';
  for (const group of groups) {
    for (const condition of group) key += shapeOf(condition);
    key += '\u0001';
  }
  return key;
}

function shapeOf(condition: Condition): string {
  const flag = (on: boolean) => (on ? '1' : '0');
  switch (condition.kind) {
    case 'compare':
      return `c${condition.op} ${flag(condition.ignoreCase)}${condition.column.name}\u0000`;
    case 'in':
      // An empty list compiles to a constant, a longer one to one placeholder per value.
      return `i${flag(condition.negate)}${flag(condition.ignoreCase)}${condition.values.length} ${condition.column.name}\u0000`;
    case 'between':
      return `b${condition.column.name}\u0000`;
    case 'like':
      return `l${flag(condition.negate)}${flag(condition.ignoreCase)}${flag(condition.escaped)}${condition.column.name}\u0000`;
    case 'null':
      return `n${flag(condition.negate)}${condition.column.name}\u0000`;
    case 'not':
      return `!${shapeOf(condition.inner)}`;
  }
}

/**
 * Compiles one condition to an SQL boolean expression. Column names come from entity metadata
 * (never from input) and are quoted by Kysely; every value is a bound parameter, taken from
 * `next` (see conditionValues): only the shape of the condition is read here, never its values.
 */
export function conditionSql(
  condition: Condition,
  capabilities: DialectCapabilities,
  next: NextValue,
): RawBuilder<SqlBool> {
  switch (condition.kind) {
    case 'compare': {
      const value = next();
      const op = sql.raw(condition.op);
      if (condition.ignoreCase)
        return sql<SqlBool>`lower(${sql.ref(condition.column.name)}) ${op} lower(${value})`;
      return sql<SqlBool>`${sql.ref(condition.column.name)} ${op} ${value}`;
    }
    case 'in': {
      if (condition.values.length === 0) return condition.negate ? sql<SqlBool>`1 = 1` : sql<SqlBool>`1 = 0`;
      const values = condition.values.map(() => next());
      const list = condition.ignoreCase ? sql.join(values.map((v) => sql`lower(${v})`)) : sql.join(values);
      const ref = condition.ignoreCase
        ? sql`lower(${sql.ref(condition.column.name)})`
        : sql.ref(condition.column.name);
      return condition.negate ? sql<SqlBool>`${ref} not in (${list})` : sql<SqlBool>`${ref} in (${list})`;
    }
    case 'between': {
      const low = next();
      const high = next();
      return sql<SqlBool>`${sql.ref(condition.column.name)} between ${low} and ${high}`;
    }
    case 'like': {
      const pattern = next();
      const ref = sql.ref(condition.column.name);
      const not = condition.negate ? sql.raw('not ') : sql.raw('');
      const escape = condition.escaped ? sql.raw(` escape '${LIKE_ESCAPE}'`) : sql.raw('');
      if (condition.ignoreCase && capabilities.ilike)
        return sql<SqlBool>`${ref} ${not}ilike ${pattern}${escape}`;
      if (condition.ignoreCase) return sql<SqlBool>`lower(${ref}) ${not}like lower(${pattern})${escape}`;
      return sql<SqlBool>`${ref} ${not}like ${pattern}${escape}`;
    }
    case 'null':
      return condition.negate
        ? sql<SqlBool>`${sql.ref(condition.column.name)} is not null`
        : sql<SqlBool>`${sql.ref(condition.column.name)} is null`;
    case 'not':
      return sql<SqlBool>`not (${conditionSql(condition.inner, capabilities, next)})`;
  }
}

/** ANDs conditions; an empty list is TRUE. */
export function andSql(
  conditions: readonly Condition[],
  capabilities: DialectCapabilities,
  next: NextValue,
): RawBuilder<SqlBool> {
  if (conditions.length === 0) return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`(${sql.join(
    conditions.map((c) => conditionSql(c, capabilities, next)),
    sql` and `,
  )})`;
}

/** ORs groups of ANDed conditions, binding the values `next` hands out (see conditionValues). */
export function orSql(
  groups: readonly (readonly Condition[])[],
  capabilities: DialectCapabilities,
  next: NextValue,
): RawBuilder<SqlBool> {
  if (groups.length === 1) return andSql(groups[0]!, capabilities, next);
  if (groups.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(
    groups.map((g) => andSql(g, capabilities, next)),
    sql` or `,
  )})`;
}
