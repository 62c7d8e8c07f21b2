import {
  CoreErrorCode,
  TenonError,
  type ApplicationContext,
  type ModuleContext,
  type Type,
} from '@tenon/core';
import { EnhancerNotProvidedError, InvalidEnhancerError } from '../errors/enhancer.errors';
import { isEnhancerClass } from './enhancer-classes';

export type EnhancerKind = 'guard' | 'interceptor' | 'pipe' | 'filter' | 'middleware';

const METHOD: Record<EnhancerKind, string> = {
  guard: 'canActivate',
  interceptor: 'intercept',
  pipe: 'transform',
  filter: 'catch',
  middleware: 'use',
};

function codeOf(error: unknown): string | undefined {
  return error instanceof TenonError ? error.code : undefined;
}

// A request-scoped enhancer cannot be fetched at boot: this stand-in resolves the current
// request's instance on each call.
function perRequest(kind: EnhancerKind, context: ModuleContext, cls: Type): object {
  const method = METHOD[kind];
  return {
    [method]: (...args: unknown[]) =>
      context
        .resolve<Record<string, (...a: unknown[]) => unknown>>(cls)
        .then((instance) => instance[method]!(...args)),
  };
}

/**
 * Turns enhancer references into instances once, at boot: instances are checked and used as
 * they are; classes are taken from the module that declares the route (where the boot
 * extension registered them), so they get constructor injection.
 */
export class EnhancerResolver {
  private readonly cache = new Map<ModuleContext, Map<Function, object>>();
  // What was resolved from a class that needs a request scope: request-scoped, or injecting one.
  private readonly scoped = new WeakSet<object>();

  constructor(
    private readonly root: ModuleContext,
    /** False when the context was booted without http's boot extension (see `fromContext`). */
    private readonly registered = true,
    /** Answers `needsScope()`; without it, only request-scoped enhancers need one. */
    private readonly app?: ApplicationContext,
  ) {}

  /**
   * Whether an enhancer this resolver gave (or one marked with `markScoped`) needs a request
   * scope when it runs. An instance made by hand is taken as needing none: boot cannot see
   * what it holds (a route that then meets a request-scoped proxy fails with
   * `TENON_HTTP_ROUTE_WITHOUT_REQUEST_SCOPE`).
   */
  needsScope(enhancer: unknown): boolean {
    return typeof enhancer === 'object' && enhancer !== null && this.scoped.has(enhancer);
  }

  /** Records that `enhancer` needs a request scope (an `APP_*` provider of a token of its own). */
  markScoped(enhancer: unknown): void {
    if (typeof enhancer === 'object' && enhancer !== null) this.scoped.add(enhancer);
  }

  /** Whether the provider of `token`, as `module` sees it, needs a request scope. */
  tokenNeedsScope(token: unknown, module?: ModuleContext): boolean {
    return this.app?.needsRequestScope(token as Type, module) ?? false;
  }

  resolve<T>(ref: unknown, kind: EnhancerKind, where: string, module?: ModuleContext): T {
    if (!isEnhancerClass(ref)) {
      if (kind === 'middleware' && typeof ref === 'function') return ref as T;
      this.check(ref, kind, where);
      return ref as T;
    }
    const context = module ?? this.root;
    let byClass = this.cache.get(context);
    if (!byClass) this.cache.set(context, (byClass = new Map()));
    const cached = byClass.get(ref);
    if (cached) return cached as T;
    const instance = this.instantiate(ref, kind, context);
    this.check(instance, kind, where, ref);
    byClass.set(ref, instance);
    if (this.tokenNeedsScope(ref, module)) this.scoped.add(instance);
    return instance as T;
  }

  private instantiate(cls: Type, kind: EnhancerKind, context: ModuleContext): object {
    try {
      return context.get<object>(cls);
    } catch (error) {
      const code = codeOf(error);
      if (code === CoreErrorCode.WRONG_SCOPE_LOOKUP) {
        const standIn = perRequest(kind, context, cls);
        this.scoped.add(standIn);
        return standIn;
      }
      if (code === CoreErrorCode.PROVIDER_NOT_FOUND) {
        // A class without constructor parameters needs no injection: build it directly.
        if (cls.length === 0) return new (cls as unknown as new () => object)();
        throw new EnhancerNotProvidedError(kind, cls, this.registered);
      }
      throw error;
    }
  }

  // `named` is the class an instance was built from: the message names the class the user wrote.
  private check(value: unknown, kind: EnhancerKind, where: string, named: unknown = value): void {
    const method = METHOD[kind];
    if (
      typeof value !== 'object' ||
      value === null ||
      typeof (value as Record<string, unknown>)[method] !== 'function'
    ) {
      throw new InvalidEnhancerError(kind, named, where);
    }
  }
}
