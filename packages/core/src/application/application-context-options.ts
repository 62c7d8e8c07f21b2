import type { Token } from '../metadata/token';
import type { ProviderOverride } from '../injector/provider-factory';
import type { BootExtension } from './boot-extension';
import type { LoggerOptions } from '../logger/logger-options';

/** Options of `ApplicationContext.create()`. */
export interface ApplicationContextOptions {
  /** How the application's root logger is built; `false` writes nothing. Default: from `LOG_LEVEL` / `LOG_FORMAT`. */
  logger?: LoggerOptions | false;
  /** Packages and plugins that take part in boot (the HTTP layer registers its classes here). */
  extensions?: readonly BootExtension[];
  /** Time limit of each lifecycle hook, in milliseconds (default 10,000). */
  hookTimeout?: number;
  /** Replaces the provider of a token wherever it is declared. Used by `@tenon/testing`. */
  overrides?: ReadonlyMap<unknown, ProviderOverride>;
  /** Replaces a module wherever it is imported. Used by `@tenon/testing`. */
  moduleOverrides?: ReadonlyMap<object, object>;
  /** Builds a value for any dependency that nothing provides. Used by `@tenon/testing`. */
  mocker?: (token: Token) => unknown;
}
