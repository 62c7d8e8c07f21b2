import type { ColumnKeys } from './entity-types';

/** Which comparison an {@link Operator} stands for. */
export type OperatorKind =
  'in' | 'not' | 'gt' | 'gte' | 'lt' | 'lte' | 'between' | 'like' | 'ilike' | 'isNull';

/**
 * A comparison in a criteria object, made by `In`, `Not`, `Gt`, … The type parameter is the
 * column's value type. It is checked bivariantly (a method signature), so `Like('%x%')` fits a
 * string-literal union column and `In([])` fits any column, while `Gt(1)` on a string column
 * is still a compile error.
 */
export class Operator<V> {
  /** Never set: carries the value type for the compiler. */
  declare readonly __accepts?: { check(value: V): void }['check'];

  constructor(
    readonly kind: OperatorKind,
    readonly args: readonly unknown[],
  ) {}
}

/** What a criteria object accepts for a column of type `V`. */
export type CriterionValue<V> = NonNullable<V> | Operator<NonNullable<V>> | null;

/**
 * A typed filter: every key is a column; the conditions are ANDed. `null` matches NULL;
 * `undefined` is an error (never "match all").
 *
 * @example
 * const where: Criteria<User> = { status: In(['active', 'invited']), age: Gte(18), deletedAt: null };
 */
export type Criteria<T> = { [K in ColumnKeys<T>]?: CriterionValue<T[K]> };

/** `'asc'` or `'desc'` (either case). */
export type SortDirection = 'asc' | 'desc' | 'ASC' | 'DESC';

/**
 * Ordering by known columns only; keys apply in the order written.
 *
 * @example
 * { orderBy: { createdAt: 'desc', id: 'asc' } }
 */
export type OrderBy<T> = { [K in ColumnKeys<T>]?: SortDirection };

/**
 * Options of `findAll` / `findBy`.
 *
 * @example
 * await todos.findAll({ where: { done: false }, orderBy: { createdAt: 'desc' }, limit: 20 });
 * await todos.findAll({ where: [{ title: Like('a%') }, { done: true }] }); // OR of two criteria
 */
export interface FindOptions<T> {
  /** One criteria object, or an array of them ORed together. */
  where?: Criteria<T> | readonly Criteria<T>[];
  orderBy?: OrderBy<T>;
  limit?: number;
  offset?: number;
}

/** The column is one of `values` (an empty list matches nothing). @example { status: In(['a', 'b']) } */
export function In<V>(values: readonly V[]): Operator<V> {
  return new Operator('in', [values]);
}

/**
 * Negates a value or another operator; `Not(null)` is IS NOT NULL.
 * @example { status: Not('deleted') }  { id: Not(In([1, 2])) }
 */
export function Not(value: null): Operator<unknown>;
export function Not<V>(value: V | Operator<V>): Operator<V>;
export function Not<V>(value: V | Operator<V> | null): Operator<V> {
  return new Operator('not', [value]);
}

/** Greater than. @example { age: Gt(17) } */
export function Gt<V>(value: V): Operator<V> {
  return new Operator('gt', [value]);
}

/** Greater than or equal. @example { age: Gte(18) } */
export function Gte<V>(value: V): Operator<V> {
  return new Operator('gte', [value]);
}

/** Less than. @example { price: Lt(100) } */
export function Lt<V>(value: V): Operator<V> {
  return new Operator('lt', [value]);
}

/** Less than or equal. @example { createdAt: Lte(new Date()) } */
export function Lte<V>(value: V): Operator<V> {
  return new Operator('lte', [value]);
}

/** Inclusive range. @example { age: Between(18, 65) } */
export function Between<V>(low: V, high: V): Operator<V> {
  return new Operator('between', [low, high]);
}

/** SQL LIKE with the pattern as given (`%` and `_` are wildcards). @example { title: Like('Intro%') } */
export function Like(pattern: string): Operator<string> {
  return new Operator('like', [pattern]);
}

/**
 * Case-insensitive LIKE: native `ILIKE` on PostgreSQL, `lower(column) LIKE lower(pattern)` elsewhere.
 * @example { email: ILike('%@EXAMPLE.com') }
 */
export function ILike(pattern: string): Operator<string> {
  return new Operator('ilike', [pattern]);
}

/** IS NULL (same as `null`, for readability). @example { deletedAt: IsNull() } */
export function IsNull(): Operator<unknown> {
  return new Operator('isNull', []);
}
