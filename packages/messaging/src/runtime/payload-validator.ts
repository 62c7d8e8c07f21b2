import type { ValidationError } from 'class-validator';
import { InvalidPayloadError } from '../errors/runtime.errors';

import { lazyModule } from '../util/lazy-module';

// Loaded on the first DTO payload, not by every application that requires @tenon/messaging.
const classValidator = lazyModule<typeof import('class-validator')>('class-validator');
const classTransformer = lazyModule<typeof import('class-transformer')>('class-transformer');

const PLAIN_TYPES = new Set<unknown>([
  String,
  Number,
  Boolean,
  Object,
  Array,
  Promise,
  Symbol,
  BigInt,
  Date,
  Function,
]);

/** True for a parameter type that is a user class (a DTO) rather than a built-in. */
export function isDtoClass(metatype: unknown): metatype is new () => object {
  return typeof metatype === 'function' && !PLAIN_TYPES.has(metatype);
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    return [
      ...Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`),
      ...flatten(e.children ?? [], path),
    ];
  });
}

/**
 * Validates a payload against a DTO class and returns an instance of it, unknown properties
 * stripped (the same rules as @tenon/http's ValidationPipe on a body).
 */
export async function validatePayload(
  value: unknown,
  metatype: new () => object,
  subject: string,
  handler: string,
): Promise<object> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidPayloadError(subject, handler, [
      `payload: expected an object for ${metatype.name}, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
    ]);
  }
  const instance = classTransformer().plainToInstance(metatype, value) as object;
  const errors = await classValidator().validate(instance, { whitelist: true, forbidUnknownValues: false });
  if (errors.length) throw new InvalidPayloadError(subject, handler, flatten(errors));
  return instance;
}
