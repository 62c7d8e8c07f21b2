/** The operator keywords of derived finder names and what each compiles to. */
export type DerivedOperatorKind =
  | 'eq'
  | 'ne'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'between'
  | 'in'
  | 'notIn'
  | 'like'
  | 'notLike'
  | 'containing'
  | 'notContaining'
  | 'startingWith'
  | 'endingWith'
  | 'isNull'
  | 'isNotNull'
  | 'true'
  | 'false';

/**
 * Keyword → operator. The type-level parser (`derived-query.types.ts`) has the same keys; a type
 * test checks they stay equal.
 */
export const DERIVED_OPERATORS = {
  '': 'eq',
  Is: 'eq',
  Equals: 'eq',
  Not: 'ne',
  IsNot: 'ne',
  GreaterThan: 'gt',
  IsGreaterThan: 'gt',
  GreaterThanEqual: 'gte',
  IsGreaterThanEqual: 'gte',
  LessThan: 'lt',
  IsLessThan: 'lt',
  LessThanEqual: 'lte',
  IsLessThanEqual: 'lte',
  After: 'gt',
  IsAfter: 'gt',
  Before: 'lt',
  IsBefore: 'lt',
  Between: 'between',
  IsBetween: 'between',
  In: 'in',
  IsIn: 'in',
  NotIn: 'notIn',
  IsNotIn: 'notIn',
  Like: 'like',
  IsLike: 'like',
  NotLike: 'notLike',
  IsNotLike: 'notLike',
  Containing: 'containing',
  IsContaining: 'containing',
  Contains: 'containing',
  NotContaining: 'notContaining',
  IsNotContaining: 'notContaining',
  StartingWith: 'startingWith',
  IsStartingWith: 'startingWith',
  StartsWith: 'startingWith',
  EndingWith: 'endingWith',
  IsEndingWith: 'endingWith',
  EndsWith: 'endingWith',
  IsNull: 'isNull',
  Null: 'isNull',
  IsNotNull: 'isNotNull',
  NotNull: 'isNotNull',
  True: 'true',
  IsTrue: 'true',
  False: 'false',
  IsFalse: 'false',
} as const satisfies Record<string, DerivedOperatorKind>;

export type DerivedOperatorKeyword = keyof typeof DERIVED_OPERATORS;

/** How many arguments each operator takes. */
export const OPERATOR_ARITY: Record<DerivedOperatorKind, number> = {
  eq: 1,
  ne: 1,
  gt: 1,
  gte: 1,
  lt: 1,
  lte: 1,
  between: 2,
  in: 1,
  notIn: 1,
  like: 1,
  notLike: 1,
  containing: 1,
  notContaining: 1,
  startingWith: 1,
  endingWith: 1,
  isNull: 0,
  isNotNull: 0,
  true: 0,
  false: 0,
};

/** Keywords longest first, so `GreaterThanEqual` wins over `GreaterThan` and `IsNotNull` over `NotNull`. */
export const KEYWORDS_LONGEST_FIRST: readonly DerivedOperatorKeyword[] = (
  Object.keys(DERIVED_OPERATORS) as DerivedOperatorKeyword[]
).sort((a, b) => b.length - a.length);
