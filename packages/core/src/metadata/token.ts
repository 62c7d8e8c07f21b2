import type { Abstract, Type } from './type';
import { InjectionToken } from './injection-token';
import { isForwardReference, type ForwardReference } from './forward-ref';

/** Anything a provider can be registered under. */
export type Token<T = unknown> = Type<T> | Abstract<T> | InjectionToken<T> | string | symbol;

/** The value a token stands for: `Token<Foo>` → `Foo`. */
export type TokenValue<K> =
  K extends Type<infer T>
    ? T
    : K extends Abstract<infer T>
      ? T
      : K extends InjectionToken<infer T>
        ? T
        : unknown;

/**
 * Prints a token as a user wrote it: classes by name, strings quoted, symbols as
 * `Symbol(desc)`, injection tokens by description, forward references resolved.
 */
export function tokenName(token: unknown): string {
  if (isForwardReference(token)) {
    let target: unknown;
    try {
      target = (token as ForwardReference).forwardRef();
    } catch {
      return 'forwardRef(<throws>)';
    }
    return target === undefined ? 'forwardRef(() => undefined)' : tokenName(target);
  }
  if (typeof token === 'function') return token.name || '<anonymous class>';
  if (typeof token === 'string') return `'${token}'`;
  if (typeof token === 'symbol') return token.toString();
  if (token instanceof InjectionToken) return token.toString();
  if (token === undefined) return 'undefined';
  if (token === null) return 'null';
  if (typeof token === 'object') {
    const module = (token as { module?: unknown }).module;
    if (typeof module === 'function') return `${module.name || '<anonymous module>'} (dynamic)`;
    const ctor = (token as object).constructor;
    return ctor && ctor !== Object ? `<${ctor.name} instance>` : '<object>';
  }
  return String(token);
}
