import type { Type } from '@tenon/core';
import type { MiddlewareFunction, TenonMiddleware } from '../metadata/enhancer-types';
import type { HttpMethod } from '../metadata/http-method';
import type { RequestMethod } from './request-method';

/** A route a middleware is applied to or excluded from: a path pattern and its methods. */
export interface RouteInfo {
  /** `'cats'`, `'cats/:id'`, `'cats/*'`; `*` (or `(.*)`, `*name`) is any rest of the path. */
  path: string;
  /** One method or several (default: every method); `RequestMethod.ALL` is every method. */
  method?: RequestMethod | HttpMethod | 'ALL' | Array<RequestMethod | HttpMethod | 'ALL'>;
}

/** What `consumer.apply()` takes: a middleware class (built with injection) or a function. */
export type MiddlewareRef = Type<TenonMiddleware> | MiddlewareFunction;

/**
 * The chain `consumer.apply(...)` returns: `exclude()` routes, then `forRoutes()` to register.
 *
 * @example
 * consumer.apply(LoggerMiddleware).exclude('cats/health').forRoutes(CatsController);
 */
export interface MiddlewareConfigProxy {
  /** Routes the middleware skip, even where `forRoutes()` matches. */
  exclude(...routes: Array<string | RouteInfo>): MiddlewareConfigProxy;
  /** Registers the middleware for these routes: paths, route infos or controllers (all of its routes). */
  forRoutes(...routes: Array<string | Type | RouteInfo>): MiddlewareConsumer;
}

/**
 * Configures middleware in a module's `configure()` (NestJS's `MiddlewareConsumer`): each
 * `apply()` chain ends with `forRoutes()`. Middleware run before guards, in the order applied,
 * and receive Fastify's request and reply (see `TenonMiddleware`).
 *
 * @example
 * @Module({ controllers: [CatsController] })
 * export class CatsModule implements TenonModule {
 *   configure(consumer: MiddlewareConsumer) {
 *     consumer.apply(LoggerMiddleware, cors).forRoutes(CatsController);
 *     consumer.apply(AuditMiddleware).forRoutes({ path: 'cats', method: RequestMethod.POST });
 *   }
 * }
 */
export interface MiddlewareConsumer {
  apply(...middleware: Array<MiddlewareRef | MiddlewareRef[]>): MiddlewareConfigProxy;
}

/**
 * A module that configures middleware (NestJS's `NestModule`): `configure()` is called once at
 * boot on the module's instance (which may inject providers), after every provider is built.
 *
 * @example
 * @Module({ controllers: [CatsController], providers: [LoggerMiddleware] })
 * export class CatsModule implements TenonModule {
 *   configure(consumer: MiddlewareConsumer) { consumer.apply(LoggerMiddleware).forRoutes('cats'); }
 * }
 */
export interface TenonModule {
  configure(consumer: MiddlewareConsumer): void | Promise<void>;
}
