import type { ForwardReference } from '../metadata/forward-ref';
import type { Token } from '../metadata/token';
import type { Type } from '../metadata/type';
import type { Provider } from './provider';

/** What a module may import: a module class, a dynamic module, or a forward reference to one. */
export type ModuleImport = Type | DynamicModule | ForwardReference<Type | DynamicModule>;

/** What a module may export: a token it provides or re-exports, or a module it imports. */
export type ModuleExport = Token | Type | DynamicModule | ForwardReference<Type | DynamicModule>;

/** The argument of `@Module()`. */
export interface ModuleMetadata {
  imports?: ModuleImport[];
  providers?: Provider[];
  /** Controllers are instantiated like providers and collected by the HTTP layer. */
  controllers?: Type[];
  exports?: ModuleExport[];
  /** Makes the exports visible everywhere without importing the module. */
  global?: boolean;
}

/**
 * A module built at run time by a static method such as `forRoot(options)`. Each object is its
 * own module instance: two `forFeature([...])` calls give two modules.
 *
 * @example
 * static forRoot(options: CacheOptions): DynamicModule {
 *   return { module: CacheModule, providers: [{ provide: CACHE_OPTIONS, useValue: options }], exports: [CACHE_OPTIONS] };
 * }
 */
export interface DynamicModule extends ModuleMetadata {
  module: Type;
}

export function isDynamicModule(value: unknown): value is DynamicModule {
  return typeof value === 'object' && value !== null && typeof (value as DynamicModule).module === 'function';
}
