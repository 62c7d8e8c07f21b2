import { classValidator, existingValidatorMetadata, transformerMetadata } from './class-libraries';

const PLAIN_TYPES = new Set<Function>([
  String,
  Number,
  Boolean,
  Object,
  Array,
  Date,
  Promise,
  Symbol,
  BigInt,
  Function,
]);

/**
 * Whether a parameter type is a DTO class worth validating: a user class (not a primitive
 * wrapper) carrying class-validator or class-transformer metadata.
 */
export function isDtoClass(metatype: unknown): metatype is new () => object {
  if (typeof metatype !== 'function' || PLAIN_TYPES.has(metatype) || metatype.prototype === undefined)
    return false;
  const validation = existingValidatorMetadata();
  return (
    (validation !== undefined &&
      validation.getTargetValidationMetadatas(metatype, '', false, false).length > 0) ||
    transformerMetadata().getExposedProperties(metatype as new () => object, 0).length > 0 ||
    hasTypeMetadata(metatype)
  );
}

function hasTypeMetadata(metatype: Function): boolean {
  const storage = transformerMetadata() as unknown as {
    _typeMetadatas: Map<Function, Map<string, unknown>>;
  };
  return storage._typeMetadatas?.get(metatype) !== undefined;
}

/** The class a nested property is turned into (`@Type(() => Child)`), if any. */
export function nestedType(target: Function, property: string): Function | undefined {
  const meta = transformerMetadata().findTypeMetadata(target, property);
  if (!meta) return undefined;
  try {
    return meta.typeFunction({ newObject: undefined, object: {}, property }) as Function;
  } catch {
    return undefined;
  }
}

/** Whether any constraint of the class (or of its nested classes) is asynchronous. */
export function hasAsyncConstraints(target: Function, seen = new Set<Function>()): boolean {
  if (seen.has(target)) return false;
  seen.add(target);
  const storage = classValidator().getMetadataStorage();
  for (const meta of storage.getTargetValidationMetadatas(target, '', false, false)) {
    if (meta.type === 'promiseValidation') return true;
    if (meta.constraintCls && storage.getTargetValidatorConstraints(meta.constraintCls).some((c) => c.async))
      return true;
    if (meta.type === 'nestedValidation') {
      const child = nestedType(target, meta.propertyName);
      if (child && hasAsyncConstraints(child, seen)) return true;
    }
  }
  return false;
}
