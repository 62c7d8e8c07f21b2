import type { FastifyInstance, FastifyPluginAsync, FastifySchema } from 'fastify';
import type { CompiledRoute } from '../application/route-compiler';
import type { OpenApiOptions } from './openapi-options';
import { describeRoute } from './route-docs';

/** Attaches route descriptions for the OpenAPI document. */
export interface OpenApiRegistry {
  describe(route: CompiledRoute): void;
}

type Plugin = FastifyPluginAsync<Record<string, unknown>>;

// Loaded only when the document is on, so apps that turn it off do not pay for it at boot.
function load(name: string): Plugin {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(name) as { default?: Plugin } & Plugin;
  return mod.default ?? mod;
}

/**
 * Registers @fastify/swagger (OpenAPI 3.1, served at `/openapi.json`) and @fastify/swagger-ui
 * (at `/docs`, its assets served from the package, no network). Route descriptions come from
 * `describeRoute()` through each route's `swaggerTransform`, so they never turn into Fastify
 * validation or serialization schemas.
 */
export async function registerOpenApi(
  fastify: FastifyInstance,
  options: OpenApiOptions,
): Promise<OpenApiRegistry> {
  const path = options.path ?? '/openapi.json';
  const docsPath = options.docsPath ?? '/docs';
  await fastify.register(load('@fastify/swagger'), {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: options.title ?? 'API',
        version: options.version ?? '1.0.0',
        ...(options.description ? { description: options.description } : {}),
      },
    },
  });
  if (docsPath !== false) {
    await fastify.register(load('@fastify/swagger-ui'), {
      routePrefix: docsPath,
      uiConfig: { deepLinking: false },
    });
  }
  fastify.get(path, { schema: { hide: true } as FastifySchema }, (_request, reply) => {
    void reply.send((fastify as unknown as { swagger(): unknown }).swagger());
  });
  return {
    describe(route) {
      const schema = describeRoute(route.definition);
      const config: Record<string, unknown> = {
        ...(route.options.config as object | undefined),
        swaggerTransform: () => (schema ? { schema } : { schema: { hide: true } }),
      };
      route.options.config = config;
    },
  };
}
