/**
 * Class-level metadata of `target` or its nearest ancestor class, like `Reflect.getMetadata`,
 * but the walk stops at `Function.prototype`: a plain class then costs one lookup instead of
 * three (class, `Function.prototype`, `Object.prototype`), which adds up over every provider at
 * boot. Nothing is ever defined on those two objects, so the answer is the same.
 */
export function getClassMetadata<T>(key: string, target: Function): T | undefined {
  for (
    let c: Function | null = target;
    c !== null && c !== Function.prototype;
    c = Object.getPrototypeOf(c) as Function | null
  ) {
    const value = Reflect.getOwnMetadata(key, c) as T | undefined;
    if (value !== undefined) return value;
  }
  return undefined;
}
