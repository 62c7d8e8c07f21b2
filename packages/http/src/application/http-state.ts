import { CoreErrorCode, InjectionToken, TenonError, type ApplicationContext } from '@tenon/core';

/** What the HTTP application tells its own providers (health readiness reads `shuttingDown`). */
export interface HttpState {
  shuttingDown: boolean;
}

/** Registered globally by `HttpApplication.create()`. */
export const HTTP_STATE = new InjectionToken<HttpState>('HTTP_STATE');

/**
 * A provider that configures the Fastify instance before routes are registered (hooks,
 * decorators). `HttpApplication` finds such providers through discovery.
 *
 * @example
 * @Injectable()
 * export class TimingHook implements HttpConfigurer {
 *   configureHttp(fastify: FastifyInstance) { fastify.addHook('onResponse', async (req, reply) => {}); }
 * }
 */
export interface HttpConfigurer {
  configureHttp(fastify: import('fastify').FastifyInstance): void | Promise<void>;
}

// The state registered by http's boot extension (health readiness reads it); undefined for a
// context booted without the extension, whose application then keeps a state of its own.
export function httpStateOf(context: ApplicationContext): HttpState | undefined {
  try {
    return context.get(HTTP_STATE);
  } catch (error) {
    if (error instanceof TenonError && error.code === CoreErrorCode.PROVIDER_NOT_FOUND) return undefined;
    throw error;
  }
}
