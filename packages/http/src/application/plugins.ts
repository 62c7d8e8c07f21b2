import type { FastifyInstance, FastifyPluginAsync, FastifyPluginCallback } from 'fastify';
import { corsPluginOptions } from './cors-options';
import type { HttpApplicationOptions } from './http-application-options';
import { loadOptionalPackage, type RequireFn } from './load-optional-package';
import { registerSecurityHeaders, type OutsideHookHeaders } from './security-headers';

type AnyPlugin = FastifyPluginCallback<Record<string, unknown>> | FastifyPluginAsync<Record<string, unknown>>;

// Plugins load only when an option asks for them: apps that do not serve files or views do not
// pay for loading those libraries at boot.
function load(name: string): AnyPlugin {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(name) as { default?: AnyPlugin } & AnyPlugin;
  return mod.default ?? mod;
}

// @fastify/view, eta and @fastify/static are optional peers: a missing one is a coded boot error.
function loadPeer(
  name: string,
  feature: string,
  install: readonly string[],
  requireFn: RequireFn,
): AnyPlugin {
  const mod = loadOptionalPackage<{ default?: AnyPlugin } & AnyPlugin>(name, feature, install, requireFn);
  return mod.default ?? mod;
}

/**
 * Registers the official Fastify plugins the options ask for, before any route, so their hooks
 * apply to every route: @fastify/cors, helmet's security headers (unless `helmet: false`),
 * @fastify/rate-limit (for every route with the `rateLimit` option, else only for `@RateLimit()`
 * routes when there are any), @fastify/view (eta, escaping on), @fastify/static. The last three
 * are optional peers of @tenon/http, loaded only when `views` or `staticFiles` is set.
 */
export async function registerPlugins(
  fastify: FastifyInstance,
  options: HttpApplicationOptions,
  /** Where the static security headers go for the answers no hook sees. */
  outsideHookHeaders: OutsideHookHeaders,
  /** Whether some route has its own `@RateLimit()`. */
  routeRateLimits = false,
  /** Loads the optional peers; tests pass their own to simulate a missing one. */
  requireFn: RequireFn = require,
): Promise<void> {
  if (options.cors) await fastify.register(load('@fastify/cors'), { ...corsPluginOptions(options.cors) });
  // Security headers are on unless turned off: an application is deployed with its defaults.
  if (options.helmet !== false)
    await registerSecurityHeaders(
      fastify,
      options.helmet === undefined || options.helmet === true ? {} : options.helmet,
      (helmet) => fastify.register(load('@fastify/helmet'), { ...helmet }),
      outsideHookHeaders,
    );
  if (options.rateLimit)
    await fastify.register(load('@fastify/rate-limit'), { global: true, ...options.rateLimit });
  else if (routeRateLimits) await fastify.register(load('@fastify/rate-limit'), { global: false });
  if (options.views) {
    const feature = 'The views option (templates for @Render())';
    const view = loadPeer('@fastify/view', feature, ['@fastify/view', 'eta'], requireFn);
    const { Eta } = loadOptionalPackage<typeof import('eta')>(
      'eta',
      feature,
      ['@fastify/view', 'eta'],
      requireFn,
    );
    // autoEscape is eta's default; it is set here so that turning it off is a visible choice.
    const eta = new Eta({ views: options.views.root, autoEscape: true, ...options.views.etaOptions });
    await fastify.register(view, {
      engine: { eta },
      root: options.views.root,
      viewExt: 'eta',
    });
  }
  const statics =
    options.staticFiles === undefined
      ? []
      : Array.isArray(options.staticFiles)
        ? options.staticFiles
        : [options.staticFiles];
  const serveStatic =
    statics.length > 0
      ? loadPeer('@fastify/static', 'The staticFiles option', ['@fastify/static'], requireFn)
      : undefined;
  for (const [i, s] of statics.entries()) {
    // @fastify/static decorates reply.sendFile once: later registrations must not decorate again.
    await fastify.register(serveStatic!, { root: s.root, prefix: s.prefix ?? '/', decorateReply: i === 0 });
  }
}
