import { sql, type RawBuilder, type SqlBool } from 'kysely';
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

/**
 * Compiles conditions to one SQL boolean expression. Column names come from entity metadata
 * (never from input) and are quoted by Kysely; every value is a bound parameter.
 */
export function conditionSql(condition: Condition, capabilities: DialectCapabilities): RawBuilder<SqlBool> {
  const dialect = capabilities.dialect;
  switch (condition.kind) {
    case 'compare': {
      const value = toDatabase(condition.column, condition.value, dialect);
      const op = sql.raw(condition.op);
      if (condition.ignoreCase)
        return sql<SqlBool>`lower(${sql.ref(condition.column.name)}) ${op} lower(${value})`;
      return sql<SqlBool>`${sql.ref(condition.column.name)} ${op} ${value}`;
    }
    case 'in': {
      if (condition.values.length === 0) return condition.negate ? sql<SqlBool>`1 = 1` : sql<SqlBool>`1 = 0`;
      const values = condition.values.map((v) => toDatabase(condition.column, v, dialect));
      const list = condition.ignoreCase ? sql.join(values.map((v) => sql`lower(${v})`)) : sql.join(values);
      const ref = condition.ignoreCase
        ? sql`lower(${sql.ref(condition.column.name)})`
        : sql.ref(condition.column.name);
      return condition.negate ? sql<SqlBool>`${ref} not in (${list})` : sql<SqlBool>`${ref} in (${list})`;
    }
    case 'between': {
      const low = toDatabase(condition.column, condition.low, dialect);
      const high = toDatabase(condition.column, condition.high, dialect);
      return sql<SqlBool>`${sql.ref(condition.column.name)} between ${low} and ${high}`;
    }
    case 'like': {
      const ref = sql.ref(condition.column.name);
      const not = condition.negate ? sql.raw('not ') : sql.raw('');
      const escape = condition.escaped ? sql.raw(` escape '${LIKE_ESCAPE}'`) : sql.raw('');
      if (condition.ignoreCase && capabilities.ilike)
        return sql<SqlBool>`${ref} ${not}ilike ${condition.pattern}${escape}`;
      if (condition.ignoreCase)
        return sql<SqlBool>`lower(${ref}) ${not}like lower(${condition.pattern})${escape}`;
      return sql<SqlBool>`${ref} ${not}like ${condition.pattern}${escape}`;
    }
    case 'null':
      return condition.negate
        ? sql<SqlBool>`${sql.ref(condition.column.name)} is not null`
        : sql<SqlBool>`${sql.ref(condition.column.name)} is null`;
    case 'not':
      return sql<SqlBool>`not (${conditionSql(condition.inner, capabilities)})`;
  }
}

/** ANDs conditions; an empty list is TRUE. */
export function andSql(
  conditions: readonly Condition[],
  capabilities: DialectCapabilities,
): RawBuilder<SqlBool> {
  if (conditions.length === 0) return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`(${sql.join(
    conditions.map((c) => conditionSql(c, capabilities)),
    sql` and `,
  )})`;
}

/** ORs groups of ANDed conditions. */
export function orSql(
  groups: readonly (readonly Condition[])[],
  capabilities: DialectCapabilities,
): RawBuilder<SqlBool> {
  if (groups.length === 1) return andSql(groups[0]!, capabilities);
  if (groups.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(
    groups.map((g) => andSql(g, capabilities)),
    sql` or `,
  )})`;
}
