import type { ValidationError } from 'class-validator';
import { classValidator } from './class-libraries';

// A number as a client writes one in a query string or a form: decimal digits, an optional
// sign and fraction. `Number()`, which class-transformer converts with, also reads '' and ' '
// as 0 and takes '0x10', '0b1', '1e1', '+16' and ' 16 ', which no client means as a number.
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/**
 * Settles what class-transformer did to the input before class-validator sees it, so that the
 * instance holds what the client sent and nothing is lost silently:
 *
 * - a string class-transformer turned into a number (implicit conversion of query, params and
 *   headers, or `@Type(() => Number)`) that is not written as a decimal number is put back as
 *   the string, so `@IsInt()`, `@IsNumber()`, `@Min()`... refuse it (`limit=0x10`);
 * - a key class-transformer skipped because the instance already has a method of that name
 *   (`toString`, `hasOwnProperty`, `valueOf`, `__defineGetter__`, `isPrototypeOf`, and the
 *   DTO's own methods) never reaches class-validator's whitelist: with `forbidNonWhitelisted`,
 *   it is returned as the whitelist error class-validator gives any other unknown key.
 *
 * Nested DTOs (and arrays of them) are settled in turn; plain objects inside a DTO (free-form
 * maps) are not DTOs and are left alone.
 */
export function settleTransformedInput(
  plain: unknown,
  instance: unknown,
  forbidUnknown: boolean,
): ValidationError[] {
  if (!isRecord(plain) || !isRecord(instance)) return [];
  const errors: ValidationError[] = [];
  for (const key of Object.keys(plain)) {
    const sent = plain[key];
    if (!Object.prototype.hasOwnProperty.call(instance, key)) {
      // `__proto__` cannot be set as a property at all: dropped the same way.
      if (forbidUnknown && (typeof instance[key] === 'function' || key === '__proto__'))
        errors.push(unknownKey(key, sent, instance));
      continue;
    }
    const value = instance[key];
    if (isUnreadNumber(sent, value)) {
      instance[key] = sent;
      continue;
    }
    const children = settleChild(sent, value, forbidUnknown);
    if (children.length > 0) errors.push(parent(key, value, instance, children));
  }
  return errors;
}

function settleChild(sent: unknown, value: unknown, forbidUnknown: boolean): ValidationError[] {
  if (Array.isArray(sent) && Array.isArray(value)) {
    const errors: ValidationError[] = [];
    for (let i = 0; i < Math.min(sent.length, value.length); i++) {
      if (isUnreadNumber(sent[i], value[i])) value[i] = sent[i];
      else {
        const children = settleChild(sent[i], value[i], forbidUnknown);
        if (children.length > 0) errors.push(parent(String(i), value[i], value, children));
      }
    }
    return errors;
  }
  return isDtoInstance(value) ? settleTransformedInput(sent, value, forbidUnknown) : [];
}

function isUnreadNumber(sent: unknown, value: unknown): sent is string {
  return typeof sent === 'string' && typeof value === 'number' && !DECIMAL.test(sent);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDtoInstance(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto !== null && proto !== Object.prototype;
}

function unknownKey(property: string, value: unknown, target: object): ValidationError {
  const e = new (classValidator().ValidationError)();
  e.target = target;
  e.property = property;
  e.value = value;
  e.constraints = { whitelistValidation: `property ${property} should not exist` };
  e.children = [];
  return e;
}

function parent(
  property: string,
  value: unknown,
  target: object,
  children: ValidationError[],
): ValidationError {
  const e = new (classValidator().ValidationError)();
  e.target = target;
  e.property = property;
  e.value = value;
  e.children = children;
  return e;
}
