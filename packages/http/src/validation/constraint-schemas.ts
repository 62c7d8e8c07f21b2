import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { builtInConstraintSchema } from './constraint-keyword';
import type { JsonSchema } from './json-schema';

/** How one class-validator constraint reads as JSON Schema. */
export interface ConstraintSchema {
  /** Accepts exactly the values class-validator accepts (or fewer, never more). */
  exact: JsonSchema | undefined;
  /** For documentation: the closest description, even when not exact. */
  doc: JsonSchema;
  /** Whether class-validator accepts `undefined` for this constraint (the property may be absent). */
  acceptsUndefined: boolean;
}

const primitive = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

// Each entry reproduces the validator function of class-validator 0.15 for JSON input; a
// constraint missing here makes the DTO fall back to class-validator alone.
const EXACT: Record<string, (c: unknown[]) => JsonSchema | undefined> = {
  isString: () => ({ type: 'string' }),
  isInt: () => ({ type: 'integer' }),
  isBoolean: () => ({ type: 'boolean' }),
  isArray: () => ({ type: 'array' }),
  isObject: () => ({ type: 'object' }),
  // allowNaN / allowInfinity cannot matter for JSON; maxDecimalPlaces can.
  isNumber: (c) => {
    const o = (c[0] ?? {}) as { maxDecimalPlaces?: number };
    return o.maxDecimalPlaces === undefined ? { type: 'number' } : undefined;
  },
  isDefined: () => ({ not: { type: 'null' } }),
  isNotEmpty: () => ({ not: { enum: ['', null] } }),
  isEmpty: () => ({ enum: ['', null] }),
  min: (c) => (num(c[0]) ? { type: 'number', minimum: c[0] } : undefined),
  max: (c) => (num(c[0]) ? { type: 'number', maximum: c[0] } : undefined),
  isPositive: () => ({ type: 'number', exclusiveMinimum: 0 }),
  isNegative: () => ({ type: 'number', exclusiveMaximum: 0 }),
  // validator.js does not count U+FE0E/U+FE0F in lengths and JSON Schema does: refusing them
  // keeps the schema from accepting a string class-validator would find too short.
  minLength: (c) =>
    num(c[0]) ? { type: 'string', minLength: c[0], not: { pattern: '[\\uFE0E\\uFE0F]' } } : undefined,
  maxLength: (c) => (num(c[0]) ? { type: 'string', maxLength: c[0] } : undefined),
  isLength: (c) => {
    if (!num(c[0])) return undefined;
    const s: JsonSchema = { type: 'string', minLength: c[0], not: { pattern: '[\\uFE0E\\uFE0F]' } };
    if (c[1] !== undefined) {
      if (!num(c[1])) return undefined;
      s.maxLength = c[1];
    }
    return s;
  },
  matches: (c) => {
    const [pattern, modifiers] = c;
    if (pattern instanceof RegExp)
      return pattern.flags === '' ? { type: 'string', pattern: pattern.source } : undefined;
    if (typeof pattern === 'string' && (modifiers === undefined || modifiers === ''))
      return { type: 'string', pattern };
    return undefined;
  },
  isIn: (c) =>
    Array.isArray(c[0]) && c[0].every(primitive) ? { enum: [...(c[0] as unknown[])] } : undefined,
  isNotIn: (c) =>
    Array.isArray(c[0]) && c[0].every(primitive) ? { not: { enum: [...(c[0] as unknown[])] } } : undefined,
  equals: (c) => (primitive(c[0]) ? { const: c[0] } : undefined),
  notEquals: (c) => (primitive(c[0]) ? { not: { const: c[0] } } : undefined),
  isEnum: (c) => {
    const entity = c[0] as Record<string, unknown> | undefined;
    if (typeof entity !== 'object' || entity === null) return undefined;
    const values = Object.keys(entity).map((k) => entity[k]);
    return values.every(primitive) ? { enum: values } : undefined;
  },
  arrayMinSize: (c) => (num(c[0]) ? { type: 'array', minItems: c[0] } : undefined),
  arrayMaxSize: (c) => (num(c[0]) ? { type: 'array', maxItems: c[0] } : undefined),
  arrayNotEmpty: () => ({ type: 'array', minItems: 1 }),
  // Deep equality in JSON Schema rejects more than class-validator's identity check: still a subset.
  arrayUnique: (c) => (c[0] === undefined ? { type: 'array', uniqueItems: true } : undefined),
};

const ACCEPTS_UNDEFINED = new Set(['isEmpty']);

// Documentation-only readings of constraints that have no exact JSON Schema equivalent.
const DOC: Record<string, (c: unknown[]) => JsonSchema> = {
  isEmail: () => ({ type: 'string', format: 'email' }),
  isUuid: () => ({ type: 'string', format: 'uuid' }),
  isUrl: () => ({ type: 'string', format: 'uri' }),
  isDateString: () => ({ type: 'string', format: 'date-time' }),
  isIso8601: () => ({ type: 'string', format: 'date-time' }),
  isDate: () => ({ type: 'string', format: 'date-time' }),
  isIp: () => ({ type: 'string', format: 'ipv4' }),
  isNumberString: () => ({ type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' }),
  isNumber: () => ({ type: 'number' }),
  matches: (c) => ({ type: 'string', pattern: c[0] instanceof RegExp ? c[0].source : String(c[0]) }),
  isDivisibleBy: (c) => ({ type: 'number', multipleOf: c[0] as number }),
};

/** The JSON Schema reading of one constraint; `exact` is undefined when there is none. */
export function constraintSchema(meta: ValidationMetadata): ConstraintSchema {
  const name = meta.name ?? meta.type;
  const constraints = meta.constraints ?? [];
  const native = EXACT[name]?.(constraints);
  const exact = native ?? builtInConstraintSchema(meta);
  // The constraint keyword means nothing to OpenAPI readers: documents keep the closest keywords.
  const doc = native ?? DOC[name]?.(constraints) ?? {};
  return { exact, doc, acceptsUndefined: ACCEPTS_UNDEFINED.has(name) };
}
