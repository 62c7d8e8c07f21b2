/** A class that can be constructed. */
export interface Type<T = unknown> extends Function {
  new (...args: never[]): T;
}

/** An abstract class: usable as a token, never constructed by the container. */
export interface Abstract<T = unknown> extends Function {
  prototype: T;
}

export function isClass(value: unknown): value is Type {
  return typeof value === 'function' && value.prototype !== undefined;
}
