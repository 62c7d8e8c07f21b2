import type { ValidationError } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { classValidator } from './class-libraries';
import { guardConstraints } from './constraint-guard';
import { hasAsyncConstraints, nestedType } from './dto-class';
import { compileDtoSchema } from './dto-schema-compiler';
import { replicaInstantiator } from './instance-replica';
import { mergeValidationErrors, nestedShapeErrors } from './nested-shape';
import { ValidationReplica, type ReplicaOptions } from './validation-replica';

/**
 * The error tree `ValidationPipe` would build for a JSON body, or `undefined` where only
 * class-transformer and class-validator themselves can say (the pipe then runs them).
 */
export type FailureReplica = (body: Record<string, unknown>) => ValidationError[] | undefined;

const REPRODUCED = new Set(['customValidation', 'isDefined', 'nestedValidation', 'whitelistValidation']);

// Every class of the DTO's tree, each once.
function classesOf(target: Function, seen = new Set<Function>()): Set<Function> {
  if (seen.has(target)) return seen;
  seen.add(target);
  for (const meta of metadataOf(target))
    if (meta.type === 'nestedValidation') {
      const child = nestedType(target, meta.propertyName);
      if (child) classesOf(child, seen);
    }
  return seen;
}

// All of a class's metadata, whatever its groups (no groups given means no group filter).
function metadataOf(target: Function): ValidationMetadata[] {
  return classValidator().getMetadataStorage().getTargetValidationMetadatas(target, '', false, false);
}

function reproducible(meta: ValidationMetadata): boolean {
  if ((meta as { validateIf?: unknown }).validateIf !== undefined) return false;
  if (meta.type === 'conditionalValidation') return meta.name === 'isOptional';
  return REPRODUCED.has(meta.type);
}

/**
 * Compiles, once per DTO class and pipe options, what a refused body costs: the instance
 * class-transformer would build (`replicaInstantiator`) checked the way class-validator checks
 * it (`ValidationReplica`), with the pipe's own extra checks (`nestedShapeErrors`). Only for the
 * DTOs of the compiled validation path (every constraint has an exact JSON Schema reading, so
 * none is asynchronous, conditional beyond `@IsOptional()` or converting); `undefined` for the
 * others, which keep class-validator. The differential test runs both on generated bodies.
 *
 * @example
 * const replica = compileFailureReplica(CreateUserDto, { groups: undefined, whitelist: true, forbidNonWhitelisted: false, skipMissingProperties: false });
 * const errors = replica?.({ name: '' }); // ValidationError[] as class-validator gives them
 */
export function compileFailureReplica(target: Function, options: ReplicaOptions): FailureReplica | undefined {
  const schemaOptions: Parameters<typeof compileDtoSchema>[1] = {
    whitelist: options.whitelist,
    forbidNonWhitelisted: options.forbidNonWhitelisted,
    skipMissingProperties: options.skipMissingProperties,
  };
  if (options.groups !== undefined) schemaOptions.groups = options.groups;
  if (compileDtoSchema(target, schemaOptions).validation === undefined) return undefined;
  if (hasAsyncConstraints(target)) return undefined;
  const classes = classesOf(target);
  for (const c of classes) if (!metadataOf(c).every(reproducible)) return undefined;
  // The same wrapped constraints class-validator will call (see guardConstraints).
  guardConstraints(target);
  const instantiate = replicaInstantiator(target);
  const validator = new ValidationReplica(options);
  for (const c of classes) validator.planOf(c);
  // nestedShapeErrors looks at @ValidateNested() properties only.
  const nested = metadataOf(target).some((m) => m.type === 'nestedValidation');
  return (body) => {
    try {
      const instance = instantiate(body);
      if (instance === undefined) return undefined;
      let errors = validator.validate(instance);
      if (!nested) return errors;
      const shape = nestedShapeErrors(instance, target, options.groups);
      if (shape.length > 0) errors = mergeValidationErrors(errors, shape);
      return errors;
    } catch {
      // A constraint or message that throws, a promise: class-validator gives its own answer.
      return undefined;
    }
  };
}
