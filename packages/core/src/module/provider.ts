import type { Token } from '../metadata/token';
import type { Type } from '../metadata/type';
import type { ForwardReference } from '../metadata/forward-ref';
import type { Scope } from './scope';

/** A dependency of a factory: a token, or a token that may be missing. */
export type FactoryDependency =
  Token | ForwardReference | { token: Token | ForwardReference; optional: boolean };

interface BaseProvider<T> {
  provide: Token<T>;
  /** Contribute one value to a list: injecting the token gives every contribution in order. */
  multi?: boolean;
}

/** Registers `useClass` under `provide`. */
export interface ClassProvider<T = unknown> extends BaseProvider<T> {
  useClass: Type<T>;
  scope?: Scope;
}

/** Registers a ready value. */
export interface ValueProvider<T = unknown> extends BaseProvider<T> {
  useValue: T;
}

/** Registers what a (possibly async) factory returns; `inject` lists its arguments. */
export interface FactoryProvider<T = unknown> extends BaseProvider<T> {
  // Factories receive whatever their `inject` list resolves to; the list is checked at boot.
  useFactory: (...args: never[]) => T | Promise<T>;
  inject?: FactoryDependency[];
  scope?: Scope;
}

/** Makes `provide` an alias of another token. */
export interface ExistingProvider<T = unknown> extends BaseProvider<T> {
  useExisting: Token<T> | ForwardReference;
}

/**
 * What a module's `providers` list accepts: a class, or one of the provider objects.
 *
 * @example
 * providers: [
 *   UsersService,
 *   { provide: CLOCK, useValue: () => new Date() },
 *   { provide: DB, useFactory: async (cfg: AppConfig) => connect(cfg.url), inject: [AppConfig] },
 *   { provide: Mailer, useClass: SmtpMailer },
 *   { provide: 'Users', useExisting: UsersService },
 * ]
 */
export type Provider<T = unknown> =
  Type<T> | ClassProvider<T> | ValueProvider<T> | FactoryProvider<T> | ExistingProvider<T>;
