import { tokenName, type FactoryDependency, type ProviderOverride, type Token, type Type } from '@tenon/core';
import { InvalidOverrideError } from '../errors/invalid-override.error';

/**
 * What may replace a provider of `T`: for objects any part of `T` (a fake needs only what the
 * test uses; a misspelt method is still a compile error), otherwise `T` itself.
 */
export type OverrideValue<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends object
    ? Partial<T>
    : T;

/** The argument of `.useFactory()`: a factory and the tokens whose values it receives. */
export interface OverrideFactory<T> {
  factory: (...args: never[]) => OverrideValue<T> | Promise<OverrideValue<T>>;
  inject?: FactoryDependency[];
}

/**
 * The second half of an override: how the token is provided instead. Each method returns the
 * builder, so overrides chain.
 *
 * @example
 * Test.createTestingModule({ imports: [UsersModule] })
 *   .overrideProvider(UsersRepository).useValue({ findById: async () => alice })
 *   .overrideProvider(Clock).useClass(FixedClock)
 *   .overrideProvider(API_URL).useFactory({ factory: (c: AppConfig) => c.stubUrl, inject: [AppConfig] })
 *   .compile();
 */
export interface OverrideBy<T, B> {
  /** Provides this value as it is. */
  useValue(value: OverrideValue<T>): B;
  /** Provides an instance of this class, built with injection like any provider. */
  useClass(cls: Type<OverrideValue<T>>): B;
  /** Provides what the factory returns (it may be async); `inject` lists its arguments. */
  useFactory(options: OverrideFactory<T>): B;
  /** Makes the token an alias of another provided token. */
  useExisting(token: Token): B;
}

function describeValue(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (typeof value === 'function') return `the function ${value.name || '<anonymous>'} (not a class)`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** Builds the `OverrideBy` of one `override…()` call; `complete` records the result. */
export function overrideBy<T, B>(
  call: string,
  complete: (override: ProviderOverride) => B,
): OverrideBy<T, B> {
  return {
    useValue: (value) => complete({ useValue: value }),
    useClass: (cls) => {
      if (typeof cls !== 'function' || cls.prototype === undefined) {
        throw new InvalidOverrideError(
          `${call}.useClass()`,
          'a class',
          describeValue(cls),
          'pass a class, or use useValue() for an object or an arrow function.',
        );
      }
      return complete({ useClass: cls });
    },
    useFactory: (options) => {
      if (typeof options?.factory !== 'function') {
        throw new InvalidOverrideError(
          `${call}.useFactory()`,
          '{ factory, inject? } with a factory function',
          typeof options === 'object' && options !== null
            ? `factory: ${describeValue(options.factory)}`
            : describeValue(options),
          `write ${call}.useFactory({ factory: (dep) => fake, inject: [Dep] }).`,
        );
      }
      return complete({ useFactory: options.factory, inject: options.inject ?? [] });
    },
    useExisting: (token) => {
      if (token === undefined || token === null) {
        throw new InvalidOverrideError(
          `${call}.useExisting()`,
          'a token',
          tokenName(token),
          'check for a circular import that leaves the class undefined when this line runs.',
        );
      }
      return complete({ useExisting: token });
    },
  };
}
