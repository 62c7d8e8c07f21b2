import type { ColumnKeys } from '../repository/entity-types';

/** Argument tuples per operator keyword, for a column of type `V`. Keys mirror DERIVED_OPERATORS. */
export interface DerivedOperatorArgs<V> {
  '': [value: V | null];
  Is: [value: V | null];
  Equals: [value: V | null];
  Not: [value: V | null];
  IsNot: [value: V | null];
  GreaterThan: [value: V];
  IsGreaterThan: [value: V];
  GreaterThanEqual: [value: V];
  IsGreaterThanEqual: [value: V];
  LessThan: [value: V];
  IsLessThan: [value: V];
  LessThanEqual: [value: V];
  IsLessThanEqual: [value: V];
  After: [value: V];
  IsAfter: [value: V];
  Before: [value: V];
  IsBefore: [value: V];
  Between: [low: V, high: V];
  IsBetween: [low: V, high: V];
  In: [values: readonly V[]];
  IsIn: [values: readonly V[]];
  NotIn: [values: readonly V[]];
  IsNotIn: [values: readonly V[]];
  Like: [pattern: string];
  IsLike: [pattern: string];
  NotLike: [pattern: string];
  IsNotLike: [pattern: string];
  Containing: [text: string];
  IsContaining: [text: string];
  Contains: [text: string];
  NotContaining: [text: string];
  IsNotContaining: [text: string];
  StartingWith: [prefix: string];
  IsStartingWith: [prefix: string];
  StartsWith: [prefix: string];
  EndingWith: [suffix: string];
  IsEndingWith: [suffix: string];
  EndsWith: [suffix: string];
  IsNull: [];
  Null: [];
  IsNotNull: [];
  NotNull: [];
  True: [];
  IsTrue: [];
  False: [];
  IsFalse: [];
}

type Keyword = keyof DerivedOperatorArgs<unknown>;

type IsUpper<C extends string> = C extends Uppercase<C> ? (C extends Lowercase<C> ? false : true) : false;

/** Splits on `Sep` only where an uppercase letter follows (so `OrderId` is not split at `Or`). */
type SplitWord<
  S extends string,
  Sep extends string,
  Acc extends string = '',
> = S extends `${infer Head}${Sep}${infer Tail}`
  ? Tail extends `${infer C}${string}`
    ? IsUpper<C> extends true
      ? [`${Acc}${Head}`, ...SplitWord<Tail, Sep>]
      : SplitWord<Tail, Sep, `${Acc}${Head}${Sep}`>
    : [`${Acc}${S}`]
  : [`${Acc}${S}`];

type SplitAll<Parts extends string[], Sep extends string> = Parts extends [
  infer H extends string,
  ...infer R extends string[],
]
  ? [...SplitWord<H, Sep>, ...SplitAll<R, Sep>]
  : [];

type StripIgnoreCase<P extends string> = P extends `${infer R}IgnoreCase`
  ? R
  : P extends `${infer R}IgnoringCase`
    ? R
    : P;

/** `[property, keyword]` pairs a part can mean (usually one). */
type MatchPart<T, P extends string> = {
  [K in ColumnKeys<T>]: StripIgnoreCase<P> extends `${Capitalize<K>}${infer Op}`
    ? Op extends Keyword
      ? [K, Op]
      : never
    : never;
}[ColumnKeys<T>];

type PartArgs<T, P extends string> =
  MatchPart<T, P> extends [infer K extends keyof T, infer Op extends Keyword]
    ? DerivedOperatorArgs<NonNullable<T[K]>>[Op]
    : never;

type ArgsOf<T, Parts extends string[]> = Parts extends [infer H extends string, ...infer R extends string[]]
  ? [...PartArgs<T, H>, ...ArgsOf<T, R>]
  : [];

type FirstBadPart<T, Parts extends string[]> = Parts extends [
  infer H extends string,
  ...infer R extends string[],
]
  ? [MatchPart<T, H>] extends [never]
    ? H
    : FirstBadPart<T, R>
  : never;

type ValidOrder<T, O extends string> = O extends ''
  ? true
  : {
      [K in ColumnKeys<T>]: O extends `${Capitalize<K>}${infer Rest}`
        ? Rest extends `Asc${infer R2}`
          ? ValidOrder<T, R2>
          : Rest extends `Desc${infer R2}`
            ? ValidOrder<T, R2>
            : ValidOrder<T, Rest>
        : false;
    }[ColumnKeys<T>];

type Subject = 'find' | 'one' | 'first' | 'firstN' | 'count' | 'exists' | 'delete';

/** `[subject, rest after "By"]`. */
type ParseSubject<N extends string> = N extends `findOneBy${infer R}`
  ? ['one', R]
  : N extends
        `findFirstBy${infer R}` | `findTopBy${infer R}` | `findFirst1By${infer R}` | `findTop1By${infer R}`
    ? ['first', R]
    : N extends `findFirst${infer D}By${infer R}` | `findTop${infer D}By${infer R}`
      ? D extends `${number}`
        ? ['firstN', R]
        : never
      : N extends `findAllBy${infer R}` | `findBy${infer R}`
        ? ['find', R]
        : N extends `countBy${infer R}`
          ? ['count', R]
          : N extends `existsBy${infer R}`
            ? ['exists', R]
            : N extends `deleteBy${infer R}` | `removeBy${infer R}`
              ? ['delete', R]
              : never;

type PredicateOf<R extends string> = R extends `${infer P}OrderBy${string}` ? P : R;
type OrderOf<R extends string> = R extends `${string}OrderBy${infer O}` ? O : '';
type PartsOf<P extends string> = P extends '' ? [] : SplitAll<SplitWord<P, 'Or'>, 'And'>;

type Analyse<T, N extends string> =
  ParseSubject<N> extends [infer S extends Subject, infer R extends string]
    ? PredicateOf<R> extends ''
      ? OrderOf<R> extends ''
        ? { error: `"${N}" has no condition after "By"` }
        : true extends ValidOrder<T, OrderOf<R>>
          ? { subject: S; parts: [] }
          : { error: `"${N}": OrderBy${OrderOf<R>} names no property of the entity` }
      : [FirstBadPart<T, PartsOf<PredicateOf<R>>>] extends [never]
        ? true extends ValidOrder<T, OrderOf<R>>
          ? { subject: S; parts: PartsOf<PredicateOf<R>> }
          : { error: `"${N}": OrderBy${OrderOf<R>} names no property of the entity` }
        : { error: `"${N}": no property of the entity matches "${FirstBadPart<T, PartsOf<PredicateOf<R>>>}"` }
    : {
        error: `"${N}" does not start with findBy, findOneBy, findFirstBy, findTop<n>By, countBy, existsBy or deleteBy`;
      };

type ResultOf<T, S> = S extends 'find' | 'firstN'
  ? T[]
  : S extends 'one' | 'first'
    ? T | null
    : S extends 'count' | 'delete'
      ? number
      : S extends 'exists'
        ? boolean
        : never;

/**
 * `unknown` when `N` is a valid derived finder name for entity `T`, otherwise an object type
 * whose property spells out the problem (it shows in the compiler's error message).
 */
export type ValidDerivedName<T, N extends string> =
  Analyse<T, N> extends { error: infer E extends string } ? { readonly __derivedQueryError: E } : unknown;

/** The parameters of derived finder `N`, in the order of the name's conditions. */
export type DerivedArgs<T, N extends string> =
  Analyse<T, N> extends { parts: infer P extends string[] } ? ArgsOf<T, P> : never;

/** What derived finder `N` resolves to. */
export type DerivedResult<T, N extends string> =
  Analyse<T, N> extends { subject: infer S } ? ResultOf<T, S> : never;

/**
 * A derived finder's function type, computed from its name.
 *
 * @example
 * type F = DerivedFinder<Todo, 'findByTitleContainingAndDone'>; // (text: string, value: boolean | null) => Promise<Todo[]>
 */
export type DerivedFinder<T, N extends string> = (...args: DerivedArgs<T, N>) => Promise<DerivedResult<T, N>>;
