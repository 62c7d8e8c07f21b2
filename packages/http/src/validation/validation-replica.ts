import type { ValidationArguments, ValidationError } from 'class-validator';
import type { ConstraintMetadata } from 'class-validator/types/metadata/ConstraintMetadata';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { classValidator } from './class-libraries';
import { fastReject, type FastReject } from './fast-accept';
import { replaceMessageTokens } from './message-tokens';

/** The validator options `ValidationPipe` gives class-validator, as far as they change the errors. */
export interface ReplicaOptions {
  groups: string[] | undefined;
  whitelist: boolean;
  forbidNonWhitelisted: boolean;
  skipMissingProperties: boolean;
}

/** An error of class-validator's tree; plain objects, read by the flattening as the real ones. */
type Failure = Pick<ValidationError, 'target' | 'value' | 'property' | 'children' | 'constraints'>;

interface Validator {
  validate(value: unknown, args: ValidationArguments): unknown;
  defaultMessage?(args: ValidationArguments): string;
}

/** The last message built for a check, reused while the template and class are the same. */
interface MessageMemo {
  text: string;
  targetName: string;
  message: string;
  /** The check's constraints are primitives without `$`: `$constraintN` cannot bring in `$value`. */
  plainConstraints: boolean;
}

function plainConstraints(constraints: unknown[] | undefined): boolean {
  return (constraints ?? []).every(
    (c) =>
      (c === undefined || c === null || ['string', 'number', 'boolean'].includes(typeof c)) &&
      !String(c).includes('$'),
  );
}

interface Check {
  meta: ValidationMetadata;
  /** The constraint classes' metadata and instances, as `getTargetValidatorConstraints` gives them. */
  constraints: { name: string; instance: Validator; memo: MessageMemo; reject: FastReject | undefined }[];
}

interface PropertyPlan {
  name: string;
  defined: Check[];
  custom: Check[];
  nested: ValidationMetadata[];
  conditions: ((object: object, value: unknown) => unknown)[];
}

interface ClassPlan {
  /** `object.constructor.name`, which class-validator reads for every check. */
  targetName: string;
  empty: boolean;
  grouped: Record<string, ValidationMetadata[]>;
  properties: PropertyPlan[];
}

const CUSTOM = 'customValidation';
const NESTED = 'nestedValidation';
const CONDITIONAL = 'conditionalValidation';
const IS_DEFINED = 'isDefined';
const WHITELIST = 'whitelistValidation';

function isArrayLike(value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> {
  return Array.isArray(value) || value instanceof Set || value instanceof Map;
}

function isPromiseLike(value: unknown): boolean {
  return (
    value instanceof Promise || (value !== null && typeof (value as { then?: unknown })?.then === 'function')
  );
}

/** Thrown where the replica meets what it does not reproduce (a promise from a check). */
export const REPLICA_UNKNOWN = Symbol('tenon.validationReplicaUnknown');

/**
 * class-validator's `validateSync` (0.15, `ValidationExecutor`) for the DTOs of the compiled
 * validation path, with the metadata read once per class instead of on every call: the same
 * metadata (`getTargetValidationMetadatas` with the pipe's groups, `groupByPropertyName`), the
 * same constraint instances' `validate()` and `defaultMessage()`, the same message tokens, the
 * same order of properties, constraints and children, whitelist and unknown-value errors, then
 * class-validator's removal of empty errors. Asynchronous constraints are not reproduced (the
 * caller does not build a replica for DTOs that have them).
 */
export class ValidationReplica {
  private readonly plans = new Map<Function, ClassPlan>();
  private readonly storage = classValidator().getMetadataStorage();

  constructor(private readonly options: ReplicaOptions) {}

  /** The errors of `validateSync(instance, options)`, empty ones removed. */
  validate(instance: object): ValidationError[] {
    const errors: Failure[] = [];
    this.execute(instance, errors);
    return stripEmptyErrors(errors) as ValidationError[];
  }

  /** The plan of a class, built on first use (warms the plans of its nested classes' too). */
  planOf(target: Function): ClassPlan {
    const known = this.plans.get(target);
    if (known) return known;
    const metas = this.storage.getTargetValidationMetadatas(target, '', false, false, this.options.groups);
    const grouped = this.storage.groupByPropertyName(metas);
    const plan: ClassPlan = {
      targetName: target ? target.name : (undefined as unknown as string),
      empty: metas.length === 0,
      grouped,
      properties: [],
    };
    for (const name of Object.keys(grouped)) {
      const list = grouped[name]!;
      const checks = (type: string): Check[] =>
        list
          .filter((m) => m.type === type)
          .map((meta) => ({
            meta,
            constraints: this.storage.getTargetValidatorConstraints(meta.constraintCls).map((c) => {
              const instance = (c as ConstraintMetadata).instance as Validator;
              const own = (value: unknown): unknown =>
                instance.validate(value, {
                  value,
                  constraints: meta.constraints,
                  targetName: target.name,
                  object: {},
                  property: name,
                });
              return {
                name: c.name,
                instance,
                memo: {
                  text: '',
                  targetName: '',
                  message: '',
                  plainConstraints: plainConstraints(meta.constraints),
                },
                reject: fastReject(c.name, meta.constraints ?? [], own),
              };
            }),
          }));
      plan.properties.push({
        name,
        defined: checks(IS_DEFINED),
        custom: checks(CUSTOM),
        nested: list.filter((m) => m.type === NESTED),
        conditions: list
          .filter((m) => m.type === CONDITIONAL)
          .map((m) => m.constraints[0] as (object: object, value: unknown) => unknown),
      });
    }
    this.plans.set(target, plan);
    return plan;
  }

  private execute(object: object, errors: Failure[]): void {
    const plan = this.planOf(object.constructor);
    if (plan.empty) {
      errors.push({
        target: object,
        value: undefined,
        property: undefined as unknown as string,
        children: [],
        constraints: { unknownValue: 'an unknown value was passed to the validate function' },
      });
      return;
    }
    const record = object as Record<string, unknown>;
    if (this.options.whitelist) this.whitelist(record, plan.grouped, errors);
    for (const p of plan.properties) {
      this.performValidations(
        record,
        record[p.name],
        p.name,
        p.defined,
        p.custom,
        p.nested,
        p.conditions,
        plan.targetName,
        errors,
      );
    }
  }

  private whitelist(
    object: Record<string, unknown>,
    grouped: Record<string, ValidationMetadata[]>,
    errors: Failure[],
  ): void {
    for (const property of Object.keys(object)) {
      // The same test as class-validator's, on the same object (inherited names included).
      if (grouped[property] && grouped[property]!.length !== 0) continue;
      if (this.options.forbidNonWhitelisted)
        errors.push({
          target: object,
          value: object[property],
          property,
          children: undefined as unknown as Failure[],
          constraints: { [WHITELIST]: `property ${property} should not exist` },
        });
      else delete object[property];
    }
  }

  private performValidations(
    object: object,
    value: unknown,
    property: string,
    defined: Check[],
    custom: Check[],
    nested: ValidationMetadata[],
    conditions: PropertyPlan['conditions'],
    targetName: string,
    errors: Failure[],
  ): void {
    const error: Failure = { target: object, value, property, children: [], constraints: {} };
    errors.push(error);
    if (conditions.length > 0) {
      // Every condition runs, as there (map, then reduce).
      const results = conditions.map((c) => c(object, value));
      if (!results.reduce((a, b) => a && b, true as unknown)) return;
    }
    if (defined.length > 0) this.customValidations(object, value, defined, targetName, error);
    if (this.options.skipMissingProperties && (value === null || value === undefined)) return;
    if (custom.length > 0) this.customValidations(object, value, custom, targetName, error);
    if (nested.length > 0) this.nestedValidations(value, nested, error);
  }

  private customValidations(
    object: object,
    value: unknown,
    checks: Check[],
    targetName: string,
    error: Failure,
  ): void {
    for (const { meta, constraints } of checks) {
      const args = validationArguments(targetName, meta, object, value);
      for (const constraint of constraints) {
        if (!meta.each || !isArrayLike(value)) {
          const valid =
            constraint.reject?.(value) === true ? false : constraint.instance.validate(value, args);
          if (isPromiseLike(valid)) throw REPLICA_UNKNOWN;
          if (!valid) this.record(error, object, targetName, value, meta, constraint);
          continue;
        }
        const items = Array.isArray(value) ? value : [...value.values()];
        const results = items.map((item) => constraint.instance.validate(item, args));
        if (results.some(isPromiseLike)) throw REPLICA_UNKNOWN;
        if (!results.every((valid) => valid)) this.record(error, object, targetName, value, meta, constraint);
      }
    }
  }

  private nestedValidations(value: unknown, metas: ValidationMetadata[], error: Failure): void {
    if (value === undefined) return;
    for (const meta of metas) {
      if (isArrayLike(value)) {
        const items = value instanceof Set ? Array.from(value) : value;
        (items as unknown[]).forEach((item, index: unknown) => {
          // No checks of its own here: the class name is not read.
          this.performValidations(
            value,
            item,
            String(index),
            [],
            [],
            metas,
            [],
            '',
            error.children as Failure[],
          );
        });
      } else if (value instanceof Object) {
        this.execute(value, error.children as Failure[]);
      } else {
        const target = meta.target as object;
        const name = target.constructor ? target.constructor.name : (undefined as unknown as string);
        this.record(error, target, name, value, meta, undefined);
      }
    }
  }

  // class-validator's createValidationError, written into the error.
  private record(
    error: Failure,
    object: object,
    targetName: string,
    value: unknown,
    meta: ValidationMetadata,
    constraint: Check['constraints'][number] | undefined,
  ): void {
    const args = validationArguments(targetName, meta, object, value);
    const type = constraint && constraint.name ? constraint.name : meta.type;
    let message: string | ((args: ValidationArguments) => string) = meta.message || '';
    if (!meta.message && constraint && constraint.instance.defaultMessage instanceof Function)
      message = constraint.instance.defaultMessage(args);
    error.constraints![type] =
      constraint && typeof message === 'string'
        ? memoized(constraint.memo, message, args)
        : (replaceMessageTokens(message, args) as string);
  }
}

// What class-validator hands a constraint's validate() and its messages.
function validationArguments(
  targetName: string,
  meta: ValidationMetadata,
  object: object,
  value: unknown,
): ValidationArguments {
  return { targetName, property: meta.propertyName, object, value, constraints: meta.constraints };
}

// A template without `$value` gives a message that depends on nothing but the template, the
// property (one per check), the check's constraints (fixed) and the class name, unless a
// constraint's text brings a `$value` in: the last one is kept.
function memoized(memo: MessageMemo, text: string, args: ValidationArguments): string {
  if (memo.text === text && memo.targetName === args.targetName) return memo.message;
  const message = replaceMessageTokens(text, args) as string;
  // ('$$constraint1' with the constraint 'value' writes a '$value' that is then replaced.)
  const fixed = memo.plainConstraints ? !text.includes('$$constraint') : !text.includes('$constraint');
  if (fixed && !text.includes('$value')) {
    memo.text = text;
    memo.targetName = args.targetName;
    memo.message = message;
  }
  return message;
}

// class-validator's stripEmptyErrors: errors without constraints go, unless they have children.
function stripEmptyErrors(errors: Failure[]): Failure[] {
  return errors.filter((error) => {
    if (error.children) error.children = stripEmptyErrors(error.children);
    if (Object.keys(error.constraints!).length === 0) {
      if (error.children!.length === 0) return false;
      error.constraints = undefined;
    }
    return true;
  });
}
