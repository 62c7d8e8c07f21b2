import { codePointLength } from '@tenon/core';

const COUNTED = Symbol('tenon.codePointLength');

type Validate = (this: unknown, value: unknown, args?: { constraints?: unknown[] }) => unknown;

type Bounds = (constraints: unknown[]) => { min: number; max: number };

const num = (value: unknown, fallback: number): number => (typeof value === 'number' ? value : fallback);

// class-validator's length constraints, by name, with the bounds their arguments give.
const LENGTH_CONSTRAINTS: Record<string, Bounds> = {
  maxLength: ([max]) => ({ min: 0, max: num(max, Infinity) }),
  minLength: ([min]) => ({ min: num(min, 0), max: Infinity }),
  isLength: ([min, max]) => ({ min: num(min, 0), max: num(max, Infinity) }),
};

// Strings on which validator.js's count (UTF-16 units less surrogate pairs less variation
// selectors after a character) differs from nothing but code points: a constraint that answers
// them as class-validator's own does with the same bounds is class-validator's own.
const PROBES = ['', 'a', 'ab', 'abc', '😀', '😀😀', 'a\uFE0F', 'a\uFE0Fb\uFE0F'];

/**
 * Makes class-validator's `@MaxLength()`, `@MinLength()` and `@Length()` count code points, as
 * PostgreSQL's `varchar(n)`, Tenon's data layer and the compiled (Ajv) path do. validator.js
 * also discounts a variation selector after a character (`'❤\uFE0F'` is 1 for it, 2 for
 * PostgreSQL), so 2,001 code points written with variation selectors passed `@MaxLength(2000)`
 * and failed at the database. Done on the constraint class of each use, like the guard, so
 * class-validator and the compiled path call the same function. A user's constraint that only
 * borrows the name (it answers the probes differently) is left as it is.
 */
export function countInCodePoints(
  name: string | undefined,
  constraintCls: Function,
  constraints: unknown[],
): void {
  const bounds = name === undefined ? undefined : LENGTH_CONSTRAINTS[name];
  const proto = constraintCls.prototype as ({ validate?: Validate } & Record<symbol, unknown>) | undefined;
  if (!bounds || !proto || typeof proto.validate !== 'function' || proto[COUNTED]) return;
  const original = proto.validate;
  const { min, max } = bounds(constraints);
  const validatorJs = (text: string): boolean => {
    const n =
      text.length - (text.match(/[^\uFE0F\uFE0E][\uFE0F\uFE0E]/g)?.length ?? 0) - surrogatePairs(text);
    return n >= min && n <= max;
  };
  try {
    if (!PROBES.every((p) => original.call(proto, p, { constraints }) === validatorJs(p))) return;
  } catch {
    return;
  }
  proto.validate = function codePointLengthValidate(
    value: unknown,
    args?: { constraints?: unknown[] },
  ): boolean {
    if (typeof value !== 'string') return false;
    const b = bounds(args?.constraints ?? constraints);
    const n = codePointLength(value);
    return n >= b.min && n <= b.max;
  };
  proto[COUNTED] = true;
}

function surrogatePairs(text: string): number {
  return text.length - codePointLength(text);
}
