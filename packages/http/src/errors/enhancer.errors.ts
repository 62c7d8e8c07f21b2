import { tokenName } from '@tenon/core';
import { HttpErrorCode } from './errors';
import { HttpBootError } from './http-boot.error';

const METHOD: Record<string, string> = {
  guard: 'canActivate(context)',
  interceptor: 'intercept(context, next)',
  pipe: 'transform(value, metadata)',
  filter: 'catch(exception, context)',
  middleware: 'use(request, reply, next)',
};

/**
 * Something given as a guard, interceptor, pipe, filter or middleware lacks the method that
 * role needs.
 *
 * @example
 * // @UseGuards(new Date()) → Date is not a guard: it has no canActivate(context) method
 */
export class InvalidEnhancerError extends HttpBootError {
  constructor(kind: string, value: unknown, where: string) {
    super(
      HttpErrorCode.INVALID_ENHANCER,
      `${tokenName(value)} is used as a ${kind} on ${where} but has no ${METHOD[kind] ?? kind} method. ` +
        `Fix: implement ${METHOD[kind] ?? kind} in that class, or pass a ${kind} instead.`,
    );
  }
}

/**
 * An enhancer class is not a provider and has constructor parameters, so it cannot be built:
 * given to `useGlobalGuards()` (and friends) after boot, or named in a decorator of a context
 * that was booted without `HttpApplication.bootExtension()` and served with `fromContext()`.
 *
 * @example
 * app.useGlobalGuards(AuthGuard); // AuthGuard is not provided by any module
 */
export class EnhancerNotProvidedError extends HttpBootError {
  /** The enhancer's class name, e.g. `AuthGuard`. */
  readonly enhancer: string;

  constructor(
    /** `'guard'`, `'interceptor'`, `'pipe'`, `'filter'` or `'middleware'`. */
    readonly kind: string,
    value: unknown,
    bootedWithExtension = true,
  ) {
    const name = tokenName(value);
    super(
      HttpErrorCode.ENHANCER_NOT_PROVIDED,
      bootedWithExtension
        ? `The ${kind} ${name} was given as a class, but no module provides it and it has constructor parameters, so it cannot be built. ` +
            `Fix: pass it in HttpApplication.create(AppModule, { global${kind[0]!.toUpperCase()}${kind.slice(1)}s: [${name}] }) so it is registered at boot, add it to a module's providers, or pass an instance.`
        : `The ${kind} ${name} is not a provider and has constructor parameters, so it cannot be built: the context given to HttpApplication.fromContext() was booted without @tenon/http's boot extension, which registers enhancer classes. ` +
            `Fix: boot the context with extensions: [HttpApplication.bootExtension(options)] (with the same global enhancers as the options), or add ${name} to a module's providers.`,
    );
    this.enhancer = name;
  }
}

/**
 * `useGlobal*()` or `use()` was called after the routes were composed.
 *
 * @example
 * await app.inject('/'); app.useGlobalGuards(new AuthGuard()); // too late
 */
export class AlreadyInitializedError extends HttpBootError {
  constructor(method: string) {
    super(
      HttpErrorCode.ALREADY_INITIALIZED,
      `app.${method}() was called after the application started serving: the pipeline of every route is composed once, at the first listen(), inject() or init(). ` +
        `Fix: call app.${method}() before listen()/inject()/init(), or pass it in the options of HttpApplication.create().`,
    );
  }
}
