import type { Token } from '../metadata/token';
import type { Type } from '../metadata/type';
import type { Scope } from '../module/scope';
import type { ModuleContext } from '../application/module-context';

/** A module as discovery shows it. */
export interface DiscoveredModule {
  readonly name: string;
  readonly metatype: Type;
  /** The class or dynamic-module object that identifies the module. */
  readonly ref: object;
  /** Lookups as seen from inside this module. */
  readonly context: ModuleContext;
}

/** A provider or controller as discovery shows it. */
export interface DiscoveredClass {
  readonly token: Token;
  readonly name: string;
  /** The class, when the provider is a class (`useClass` or a plain class). */
  readonly metatype: Type | undefined;
  /** The singleton instance; `undefined` for transient and request-scoped providers. */
  readonly instance: unknown;
  readonly scope: Scope;
  readonly isController: boolean;
  readonly module: DiscoveredModule;
}

/** A method found by `DiscoveryService.methodsWithMetadata`. */
export interface DiscoveredMethod<T> {
  readonly owner: DiscoveredClass;
  readonly methodName: string;
  readonly metadata: T;
}
