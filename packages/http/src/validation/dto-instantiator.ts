import { classValidator } from './class-libraries';
import { nestedType } from './dto-class';

type Instantiate = (value: unknown) => unknown;

const compiled = new WeakMap<Function, Instantiate>();

/**
 * Builds, once per DTO class, a function that turns an already validated body into an
 * instance the way class-transformer's `plainToInstance` does for the DTOs the compiled path
 * accepts (no `@Transform`/`@Expose`/`@Exclude`): construct the class (so property initializers
 * run), copy the properties, and build nested `@Type()` classes. The metadata is read here,
 * once, instead of on every request.
 */
export function dtoInstantiator(target: Function): Instantiate {
  const known = compiled.get(target);
  if (known) return known;
  const Ctor = target as new () => Record<string, unknown>;
  const nested = new Map<string, Instantiate>();
  // Registered before the nested classes are compiled, so self-references terminate.
  compiled.set(target, (value) => instantiate(value));
  const properties = new Set(
    classValidator()
      .getMetadataStorage()
      .getTargetValidationMetadatas(target, '', false, false)
      .map((m) => m.propertyName),
  );
  for (const property of properties) {
    const type = nestedType(target, property);
    if (type && type !== Object) nested.set(property, dtoInstantiator(type));
  }
  const instantiate: Instantiate = (value) => {
    if (typeof value !== 'object' || value === null) return value;
    const instance = new Ctor();
    for (const key of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[key];
      const child = nested.get(key);
      instance[key] =
        child === undefined || v === null || typeof v !== 'object'
          ? v
          : Array.isArray(v)
            ? v.map(child)
            : child(v);
    }
    return instance;
  };
  return compiled.get(target)!;
}
