import { InjectionToken } from '../metadata/injection-token';
import type { Token } from '../metadata/token';

/*
 * The application-level enhancer tokens live in core, not in @tenon/http: every application
 * collects them at boot (see `app-enhancers.extension.ts`), so that a worker booted with a plain
 * `ApplicationContext` (message handlers, no HTTP) has them as an HTTP application does.
 * @tenon/http re-exports them typed with its enhancer interfaces.
 */

/**
 * Registers a global guard from any module, with injection from that module:
 * `{ provide: APP_GUARD, useClass | useExisting | useFactory | useValue }`. Several modules may
 * each add some; imported modules' run before those of the modules importing them, and within a
 * module in declaration order. They apply to HTTP routes and to message handlers.
 *
 * @example
 * @Module({ providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }] })
 * export class AuthModule {}
 */
export const APP_GUARD = new InjectionToken<unknown>('APP_GUARD');

/**
 * Registers a global interceptor from any module (see `APP_GUARD` for the order).
 *
 * @example
 * providers: [{ provide: APP_INTERCEPTOR, useClass: LoggingInterceptor }]
 */
export const APP_INTERCEPTOR = new InjectionToken<unknown>('APP_INTERCEPTOR');

/**
 * Registers a global pipe from any module (see `APP_GUARD` for the order).
 *
 * @example
 * providers: [{ provide: APP_PIPE, useValue: new ValidationPipe({ forbidNonWhitelisted: true }) }]
 */
export const APP_PIPE = new InjectionToken<unknown>('APP_PIPE');

/**
 * Registers a global exception filter from any module (see `APP_GUARD` for the order).
 *
 * @example
 * providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }]
 */
export const APP_FILTER = new InjectionToken<unknown>('APP_FILTER');

export type AppEnhancerKind = 'guard' | 'interceptor' | 'pipe' | 'filter';

/** One `APP_*` provider, as boot found it: a class to resolve in its module, or a token of its own. */
export interface AppEnhancerEntry {
  readonly kind: AppEnhancerKind;
  /** The `ref` of the module that declared it. */
  readonly module: object;
  /** How messages name it: `APP_GUARD of AuthModule`. */
  readonly where: string;
  /** A class (resolved like a class named in `@UseGuards`), or the token it was moved to. */
  readonly target: { readonly cls: Function } | { readonly token: Token };
}

/** Registered globally at boot when a module has `APP_*` providers: every entry, in run order. */
export const APP_ENHANCERS = new InjectionToken<AppEnhancerEntry[]>('APP_ENHANCERS');
