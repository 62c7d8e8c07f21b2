import type { Token } from '../metadata/token';

export interface GetOptions {
  /** Only providers visible from this module; by default every module is searched after it. */
  strict?: boolean;
}

/**
 * Lookups as seen from one module: what `context.select(SomeModule)` returns.
 *
 * @example
 * const users = context.select(UsersModule).get(UsersService);
 */
export interface ModuleContext {
  /** The singleton for `token` (an array for multi providers). */
  get<T>(token: Token<T>, options?: GetOptions): T;
  /** Like `get`, and also builds transient providers and finds the current request's instance. */
  resolve<T>(token: Token<T>, options?: GetOptions): Promise<T>;
}
