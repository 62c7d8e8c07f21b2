import { DESIGN_TYPE, INJECT_PARAMS, INJECT_PROPERTIES } from '../metadata/metadata-keys';
import type { ForwardReference } from '../metadata/forward-ref';
import type { Token } from '../metadata/token';
import { getClassMetadata } from '../metadata/class-metadata';

const NO_PARAMS: ReadonlyMap<number, Token | ForwardReference> = new Map();
const NO_PROPERTIES: readonly PropertyInjection[] = [];

export interface PropertyInjection {
  key: string | symbol;
  token: Token | ForwardReference | undefined;
}

/**
 * Injects by an explicit token, on a constructor parameter or on a property. Needed for
 * tokens that are not classes (strings, symbols, `InjectionToken`s, interfaces) and for
 * `forwardRef`.
 *
 * @example
 * constructor(@Inject(CONFIG) private readonly config: AppConfig) {}
 * @Inject(Clock) private readonly clock!: Clock;
 */
export function Inject(token?: Token | ForwardReference): ParameterDecorator & PropertyDecorator {
  return (target: object, key: string | symbol | undefined, index?: number) => {
    if (typeof index === 'number') {
      // Parameter of a constructor: `target` is the class itself.
      const params = new Map<number, Token | ForwardReference>(
        (Reflect.getOwnMetadata(INJECT_PARAMS, target) as Map<number, Token> | undefined) ?? [],
      );
      if (token !== undefined) params.set(index, token);
      Reflect.defineMetadata(INJECT_PARAMS, params, target);
      return;
    }
    if (key === undefined) return;
    // Property: `target` is the prototype. The type is the fallback token.
    const own =
      (Reflect.getOwnMetadata(INJECT_PROPERTIES, target.constructor) as PropertyInjection[] | undefined) ??
      [];
    const resolved = token ?? (Reflect.getMetadata(DESIGN_TYPE, target, key) as Token | undefined);
    Reflect.defineMetadata(INJECT_PROPERTIES, [...own, { key, token: resolved }], target.constructor);
  };
}

export function getInjectedParams(target: Function): ReadonlyMap<number, Token | ForwardReference> {
  return getClassMetadata<Map<number, Token | ForwardReference>>(INJECT_PARAMS, target) ?? NO_PARAMS;
}

/** Property injections of the class and its ancestors, ancestors first. */
export function getInjectedProperties(target: Function): readonly PropertyInjection[] {
  const chain: PropertyInjection[][] = [];
  for (
    let c: Function | null = target;
    c && c !== Function.prototype;
    c = Object.getPrototypeOf(c) as Function | null
  ) {
    const own = Reflect.getOwnMetadata(INJECT_PROPERTIES, c) as PropertyInjection[] | undefined;
    if (own) chain.unshift(own);
  }
  return chain.length === 0 ? NO_PROPERTIES : chain.length === 1 ? chain[0]! : chain.flat();
}
