import { getSecretProperties } from '@tenon/core';
import type { ValidationError } from 'class-validator';
import type { ProblemFieldError } from '../exceptions/http.exception';

// Names that usually hold credentials: their values are never echoed in a problem response.
const SECRET_NAME =
  /pass(word|phrase)?|secret|token|api[-_]?key|credential|authorization|cookie|session|private|pin$|cvv|ssn/i;
// Long strings are not echoed either: the client sent them and a 1 MB echo helps no one.
const MAX_ECHO_LENGTH = 256;

// @Secret() lists by class: decorators run when a class is defined, so a list never changes
// once read, and a 400 reads it for every invalid field.
const secretLists = new WeakMap<Function, readonly string[]>();

function isMarkedSecret(owner: Function, property: string): boolean {
  let list = secretLists.get(owner);
  if (list === undefined) secretLists.set(owner, (list = getSecretProperties(owner)));
  return list.includes(property);
}

/** Whether a property's value may appear in an error response. */
export function isSecretName(property: string): boolean {
  return SECRET_NAME.test(property);
}

function echoable(value: unknown, property: string, secret: (path: string) => boolean): boolean {
  if (secret(property)) return false;
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return true;
  return typeof value === 'string' && value.length <= MAX_ECHO_LENGTH;
}

/**
 * Flattens class-validator's error tree into one entry per invalid field, with dotted paths
 * (`items.0.quantity`), in class-validator's order.
 */
export function flattenValidationErrors(
  errors: readonly ValidationError[],
  secret: (path: string) => boolean = () => false,
  prefix = '',
  out: ProblemFieldError[] = [],
): ProblemFieldError[] {
  for (const error of errors) {
    const property = prefix + error.property;
    if (error.constraints && Object.keys(error.constraints).length > 0) {
      const entry: ProblemFieldError = { property, constraints: { ...error.constraints } };
      const leaf = property.slice(property.lastIndexOf('.') + 1);
      // @Secret() from @tenon/core marks DTO properties as well as configuration properties.
      const owner = (error.target as object | undefined)?.constructor;
      const marked = typeof owner === 'function' && isMarkedSecret(owner, error.property);
      if (!marked && echoable(error.value, property, (p) => secret(p) || isSecretName(leaf))) {
        entry.value = error.value as string | number | boolean | null;
      }
      out.push(entry);
    }
    if (error.children && error.children.length > 0) {
      flattenValidationErrors(error.children, secret, `${property}.`, out);
    }
  }
  return out;
}
