import type { ValidationError } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { classValidator } from './class-libraries';
import { nestedType } from './dto-class';

interface NestedProperty {
  name: string;
  /** Whether the declared type is a collection (`Item[]`, `Set<Item>`): one level of array is allowed. */
  collection: boolean;
  /** The class `@Type()` names, for the checks one level down. */
  child: Function | undefined;
  /** `@ValidateIf()` / `@IsOptional()` conditions: when one says no, class-validator skips the property. */
  conditions: ValidationMetadata[];
}

const COLLECTIONS = new Set<unknown>([Array, Set, Map]);
const plans = new WeakMap<Function, NestedProperty[]>();

function isArrayLike(value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> {
  return Array.isArray(value) || value instanceof Set || value instanceof Map;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !isArrayLike(value);
}

function planOf(target: Function, groups: string[] | undefined): NestedProperty[] {
  // Groups change which metadata apply: only the default (no groups) plan is cached.
  const cached = groups === undefined ? plans.get(target) : undefined;
  if (cached) return cached;
  const metas = classValidator()
    .getMetadataStorage()
    .getTargetValidationMetadatas(target, '', false, false, groups);
  const plan: NestedProperty[] = [];
  for (const meta of metas) {
    if (meta.type !== 'nestedValidation' || plan.some((p) => p.name === meta.propertyName)) continue;
    const declared = Reflect.getMetadata?.(
      'design:type',
      target.prototype as object,
      meta.propertyName,
    ) as unknown;
    plan.push({
      name: meta.propertyName,
      // Without emitted type metadata the declaration is unknown: arrays are given the benefit.
      collection: declared === undefined || COLLECTIONS.has(declared),
      child: nestedType(target, meta.propertyName),
      conditions: metas.filter(
        (m) => m.type === 'conditionalValidation' && m.propertyName === meta.propertyName,
      ),
    });
  }
  if (groups === undefined) plans.set(target, plan);
  return plan;
}

function error(
  property: string,
  value: unknown,
  target: object,
  message?: string,
  children: ValidationError[] = [],
): ValidationError {
  const e = new (classValidator().ValidationError)();
  e.target = target;
  e.property = property;
  e.value = value;
  if (message !== undefined) e.constraints = { nestedValidation: message };
  e.children = children;
  return e;
}

/**
 * What `@ValidateNested()` lets through and a handler cannot use: class-validator walks any
 * array it meets as a list of nested objects, at any depth, so `[[]]` (or `[[{...}]]`) passes
 * where `items: Item[]` expects objects, and `[]` passes where `item: Item` expects one. Returns
 * the errors for those, in class-validator's shape (`items.0`, `item`), one level of array being
 * allowed only where the property is declared as a collection; nested DTOs are checked in turn.
 */
export function nestedShapeErrors(
  object: object,
  target: Function,
  groups: string[] | undefined,
  seen = new Set<object>(),
): ValidationError[] {
  const plan = planOf(target, groups);
  if (plan.length === 0 || seen.has(object)) return [];
  seen.add(object);
  const out: ValidationError[] = [];
  const record = object as Record<string, unknown>;
  for (const p of plan) {
    const value = record[p.name];
    if (value === undefined || value === null) continue;
    if (
      p.conditions.some(
        (c) => (c.constraints[0] as (o: object, v: unknown) => boolean)(object, value) === false,
      )
    )
      continue;
    if (!isArrayLike(value)) {
      const children = isObject(value) ? inner(p, value, groups, seen) : [];
      if (children.length > 0) out.push(error(p.name, value, object, undefined, children));
      continue;
    }
    if (!p.collection) {
      out.push(error(p.name, value, object, `nested property ${p.name} must be an object, not an array`));
      continue;
    }
    const elements: ValidationError[] = [];
    const entries =
      value instanceof Map ? [...value.entries()] : [...value].map((v, i) => [String(i), v] as const);
    for (const [key, element] of entries) {
      if (isArrayLike(element))
        elements.push(
          error(
            String(key),
            element,
            value,
            `each value in nested property ${p.name} must be an object, not an array`,
          ),
        );
      else if (isObject(element)) {
        const children = inner(p, element, groups, seen);
        if (children.length > 0) elements.push(error(String(key), element, value, undefined, children));
      }
    }
    if (elements.length > 0) out.push(error(p.name, value, object, undefined, elements));
  }
  return out;
}

/** The checks one level down, for a nested object of the property. */
function inner(
  p: NestedProperty,
  value: object,
  groups: string[] | undefined,
  seen: Set<object>,
): ValidationError[] {
  const type = value.constructor !== Object ? value.constructor : p.child;
  return type ? nestedShapeErrors(value, type, groups, seen) : [];
}

/** Merges `extra` into class-validator's error tree, property by property. */
export function mergeValidationErrors(
  errors: ValidationError[],
  extra: readonly ValidationError[],
): ValidationError[] {
  for (const e of extra) {
    const same = errors.find((x) => x.property === e.property);
    if (!same) {
      errors.push(e);
      continue;
    }
    if (e.constraints) same.constraints = { ...(same.constraints ?? {}), ...e.constraints };
    if (e.children && e.children.length > 0)
      same.children = mergeValidationErrors(same.children ?? [], e.children);
  }
  return errors;
}
