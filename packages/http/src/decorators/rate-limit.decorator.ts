import type { FastifyRequest } from 'fastify';
import { RATE_LIMIT } from '../metadata/metadata-keys';

/** The limit of one route (or each route of a controller), as @fastify/rate-limit takes it. */
export interface RouteRateLimit {
  /** Requests allowed per window and client (default: the application's `rateLimit.max`, else 1,000). */
  max?: number;
  /** The window: milliseconds or a span such as `'1 minute'` (default: the application's, else 1 minute). */
  timeWindow?: number | string;
  /** What counts as one client (default: the request's IP, behind `trustProxy` the forwarded one). */
  keyGenerator?: (request: FastifyRequest) => string | number | Promise<string | number>;
}

/**
 * Limits how often each client may call a route (or every route of a controller), through
 * @fastify/rate-limit: over the limit, a 429 problem `TENON_HTTP_TOO_MANY_REQUESTS` with
 * `Retry-After`. Each route counts on its own. Works with or without the application's
 * `rateLimit` option: with it, its values are the defaults; without it, only decorated routes
 * are limited.
 *
 * @example
 * @Post('login') @RateLimit({ max: 10, timeWindow: '1 minute' }) login(@Body() dto: LoginDto) {}
 */
export function RateLimit(limit: RouteRateLimit = {}): ClassDecorator & MethodDecorator {
  return ((target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    Reflect.defineMetadata(RATE_LIMIT, { ...limit }, descriptor ? (descriptor.value as object) : target);
  }) as ClassDecorator & MethodDecorator;
}

/** The route's limit: the handler's `@RateLimit()`, else its controller's. */
export function getRateLimit(handler: Function, controller: Function): RouteRateLimit | undefined {
  return (
    (Reflect.getMetadata(RATE_LIMIT, handler) as RouteRateLimit | undefined) ??
    (Reflect.getMetadata(RATE_LIMIT, controller) as RouteRateLimit | undefined)
  );
}
