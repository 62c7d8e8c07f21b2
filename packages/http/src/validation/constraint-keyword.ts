import type { ValidationArguments } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { Ajv } from '@fastify/ajv-compiler';
import { classValidator } from './class-libraries';
import { fastAccept } from './fast-accept';
import type { JsonSchema } from './json-schema';

/** The Ajv keyword that runs a class-validator constraint inside the compiled body validator. */
export const CONSTRAINT_KEYWORD = 'tenonConstraint';

type Check = (value: unknown, parent: unknown) => boolean;

let builtIn: Set<string> | undefined;

// class-validator names each built-in constraint with an exported constant (IS_EMAIL = 'isEmail').
function builtInNames(): Set<string> {
  return (builtIn ??= new Set(
    Object.entries(classValidator())
      .filter(([key, value]) => typeof value === 'string' && /^[A-Z][A-Z0-9_]*$/.test(key))
      .map(([, value]) => value as string),
  ));
}

const checks: Check[] = [];
const indexOf = new WeakMap<ValidationMetadata, number>();

/**
 * The schema piece that runs a built-in class-validator constraint (`@IsEmail()`, `@IsUUID()`,
 * `@IsUrl()`...) through the very function class-validator calls, with the same arguments: exact
 * by construction, so DTOs using them keep the compiled path. Undefined for constraints that are
 * not class-validator's own or that are asynchronous.
 *
 * The check answers `false` whenever it cannot answer `true` for certain (a thrown error, a
 * promise, a non-boolean): the body then goes to class-validator, whose answer is the response.
 */
export function builtInConstraintSchema(meta: ValidationMetadata): JsonSchema | undefined {
  const name = meta.name;
  if (meta.type !== 'customValidation' || name === undefined || !builtInNames().has(name)) return undefined;
  const known = indexOf.get(meta);
  if (known !== undefined) return { [CONSTRAINT_KEYWORD]: known };
  const constraints = classValidator().getMetadataStorage().getTargetValidatorConstraints(meta.constraintCls);
  if (constraints.length !== 1 || constraints[0]!.async || constraints[0]!.name !== name) return undefined;
  const instance = constraints[0]!.instance as {
    validate(value: unknown, args: ValidationArguments): unknown;
  };
  const targetName = meta.target instanceof Function ? meta.target.name : String(meta.target);
  const property = meta.propertyName;
  const args = meta.constraints ?? [];
  const validate = (value: unknown, parent: unknown): unknown =>
    instance.validate(value, {
      value,
      constraints: args,
      targetName,
      object: (typeof parent === 'object' && parent !== null ? parent : {}) as object,
      property,
    });
  const fast = fastAccept(name, args, (value) => validate(value, {}));
  const check: Check = (value, parent) => {
    if (fast?.(value) === true) return true;
    try {
      return validate(value, parent) === true;
    } catch {
      return false;
    }
  };
  const index = checks.push(check) - 1;
  indexOf.set(meta, index);
  return { [CONSTRAINT_KEYWORD]: index };
}

/** An `@fastify/ajv-compiler` plugin that teaches Ajv the constraint keyword. */
export function constraintKeywordPlugin(ajv: Ajv): Ajv {
  return ajv.addKeyword({
    keyword: CONSTRAINT_KEYWORD,
    schemaType: 'number',
    errors: false,
    validate: (index: number, data: unknown, _parentSchema?: unknown, cxt?: { parentData: unknown }) =>
      checks[index]?.(data, cxt?.parentData) === true,
  });
}
