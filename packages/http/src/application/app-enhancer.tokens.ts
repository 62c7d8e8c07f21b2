import {
  APP_FILTER as CORE_APP_FILTER,
  APP_GUARD as CORE_APP_GUARD,
  APP_INTERCEPTOR as CORE_APP_INTERCEPTOR,
  APP_PIPE as CORE_APP_PIPE,
  type InjectionToken,
} from '@tenon/core';
import type {
  CanActivate,
  ExceptionFilter,
  PipeTransform,
  TenonInterceptor,
} from '../metadata/enhancer-types';

// The tokens are core's (the same objects), typed here with http's enhancer interfaces: core
// collects them in every application, so that message handlers of a worker without HTTP have them.

/**
 * Registers a global guard from any module, with injection from that module:
 * `{ provide: APP_GUARD, useClass | useExisting | useFactory | useValue }`. Several modules may
 * each add some; they run before the guards of `globalGuards`, modules that are imported before
 * the modules importing them, and within a module in declaration order. `@tenon/testing`'s
 * `overrideGuard(Cls)` replaces one given as `useClass: Cls` or `useExisting: Cls`.
 *
 * @example
 * @Module({ providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }, { provide: APP_GUARD, useClass: RolesGuard }] })
 * export class AuthModule {}
 */
export const APP_GUARD = CORE_APP_GUARD as InjectionToken<CanActivate>;

/**
 * Registers a global interceptor from any module (see `APP_GUARD` for the order and overrides).
 *
 * @example
 * providers: [{ provide: APP_INTERCEPTOR, useClass: LoggingInterceptor }]
 */
export const APP_INTERCEPTOR = CORE_APP_INTERCEPTOR as InjectionToken<TenonInterceptor>;

/**
 * Registers a global pipe from any module (see `APP_GUARD` for the order and overrides). A
 * `ValidationPipe` given this way replaces the default one.
 *
 * @example
 * providers: [{ provide: APP_PIPE, useValue: new ValidationPipe({ forbidNonWhitelisted: true }) }]
 */
export const APP_PIPE = CORE_APP_PIPE as InjectionToken<PipeTransform>;

/**
 * Registers a global exception filter from any module (see `APP_GUARD` for the order and
 * overrides). Global filters are tried after route and controller filters.
 *
 * @example
 * providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }]
 */
export const APP_FILTER = CORE_APP_FILTER as InjectionToken<ExceptionFilter>;
