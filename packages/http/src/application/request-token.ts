import { InjectionToken, Scope, currentRequestContext, type Provider } from '@tenon/core';
import type { FastifyRequest } from 'fastify';

/**
 * The current Fastify request, injectable anywhere: request-scoped providers get it directly,
 * singletons get a proxy that reads the current request.
 *
 * @example
 * @Injectable({ scope: Scope.REQUEST })
 * export class CurrentUser {
 *   constructor(@Inject(REQUEST) private readonly request: FastifyRequest) {}
 *   get id() { return this.request.headers['x-user-id']; }
 * }
 */
export const REQUEST = new InjectionToken<FastifyRequest>('REQUEST');

/** Registered globally by the HTTP layer; each request seeds its value. */
export const REQUEST_PROVIDER: Provider = {
  provide: REQUEST,
  scope: Scope.REQUEST,
  // Only reached outside an HTTP request (a job's request scope): there is no request.
  useFactory: () => currentRequestContext()?.get(REQUEST),
};
