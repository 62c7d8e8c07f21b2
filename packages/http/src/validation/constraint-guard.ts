import { classValidator } from './class-libraries';
import { countInCodePoints } from './code-point-length';
import { nestedType } from './dto-class';

const GUARDED = Symbol('tenon.guardedConstraint');
const guardedTargets = new WeakSet<Function>();

type Validate = (this: unknown, value: unknown, args: unknown) => unknown;

function guard(constraintCls: Function): void {
  const proto = constraintCls.prototype as ({ validate?: Validate } & Record<symbol, unknown>) | undefined;
  if (!proto || typeof proto.validate !== 'function' || proto[GUARDED]) return;
  const validate = proto.validate;
  proto.validate = function guardedValidate(this: unknown, value: unknown, args: unknown): unknown {
    let result: unknown;
    try {
      result = validate.call(this, value, args);
    } catch {
      return false;
    }
    if (typeof (result as PromiseLike<unknown> | null)?.then === 'function')
      return Promise.resolve(result).catch(() => false);
    return result;
  };
  proto[GUARDED] = true;
}

/**
 * Makes class-validator's length constraints count code points (see `countInCodePoints`), and
 * every constraint of a DTO (and of its nested DTOs) answer "invalid" when it throws,
 * instead of failing the whole validation: validator.js throws on input it does not expect
 * (`@IsEmail()` on a string with a lone surrogate throws `URI malformed`), which would otherwise
 * be a 500 for a client's mistake. The field then gets the constraint's own message, like any
 * value the constraint refuses. Done once per class, on the constraint classes themselves, so
 * class-validator and the compiled path (which calls the same functions) agree.
 */
export function guardConstraints(target: Function): void {
  if (guardedTargets.has(target)) return;
  guardedTargets.add(target);
  const storage = classValidator().getMetadataStorage();
  for (const meta of storage.getTargetValidationMetadatas(target, '', false, false)) {
    if (meta.constraintCls) {
      countInCodePoints(meta.name, meta.constraintCls, meta.constraints ?? []);
      guard(meta.constraintCls);
    }
    if (meta.type === 'nestedValidation') {
      const child = nestedType(target, meta.propertyName);
      if (child) guardConstraints(child);
    }
  }
}
