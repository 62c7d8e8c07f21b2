import type {
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
} from 'fastify';
import { isPackageMissing, loadOptionalPackage, type RequireFn } from '../application/load-optional-package';
import type { CompiledRoute } from '../application/route-compiler';
import type { OpenApiOptions } from './openapi-options';
import { describeRoute } from './route-docs';

/** Attaches route descriptions for the OpenAPI document. */
export interface OpenApiRegistry {
  describe(route: CompiledRoute): void;
}

type Plugin = FastifyPluginAsync<Record<string, unknown>>;

const SWAGGER_UI = '@fastify/swagger-ui';

// Loaded only when the document is on, so apps that turn it off do not pay for it at boot.
function load(name: string, requireFn: RequireFn): Plugin {
  const mod = requireFn(name) as { default?: Plugin } & Plugin;
  return mod.default ?? mod;
}

// @fastify/swagger-ui (and @fastify/static under it) is an optional peer. Asked for by name
// (`docsPath: '/docs'`), a missing one is a coded boot error; by default the UI is simply not
// served, with one log line saying how to get it, so an API without it still boots.
function loadSwaggerUi(
  fastify: FastifyInstance,
  options: OpenApiOptions,
  requireFn: RequireFn,
): Plugin | undefined {
  if (options.docsPath !== undefined) {
    const mod = loadOptionalPackage<{ default?: Plugin } & Plugin>(
      SWAGGER_UI,
      `Swagger UI (openapi.docsPath '${String(options.docsPath)}')`,
      [SWAGGER_UI],
      requireFn,
    );
    return mod.default ?? mod;
  }
  try {
    return load(SWAGGER_UI, requireFn);
  } catch (error) {
    if (!isPackageMissing(error, SWAGGER_UI)) throw error;
    fastify.log.info(
      `Swagger UI is not served at /docs: the package ${SWAGGER_UI} is not installed ` +
        `(npm install ${SWAGGER_UI}, or set openapi.docsPath to false to silence this line).`,
    );
    return undefined;
  }
}

/**
 * @fastify/swagger-ui redirects `<docs>/static/index.html` to `<docs>/` by rewriting the URL's
 * end, which a query string hides: `/docs/static/index.html?x=1` is redirected to itself,
 * forever. Its handler is replaced by one redirect to the UI's page, the query kept.
 */
function routeAroundIndexRedirect(fastify: FastifyInstance, docsPath: string): void {
  const base = docsPath.replace(/\/+$/, '');
  const staticIndex = `${base}/static/index.html`;
  fastify.addHook('onRoute', (route) => {
    if (route.url !== staticIndex) return;
    route.handler = (request: FastifyRequest, reply: FastifyReply) => {
      const q = request.url.indexOf('?');
      return reply.redirect(`${base}/${q === -1 ? '' : request.url.slice(q)}`);
    };
  });
}

/**
 * Registers @fastify/swagger (OpenAPI 3.1, served at `/openapi.json`) and @fastify/swagger-ui
 * (at `/docs`, its assets served from the package, no network; an optional peer, see
 * `loadSwaggerUi`). Route descriptions come from
 * `describeRoute()` through each route's `swaggerTransform`, so they never turn into Fastify
 * validation or serialization schemas.
 */
export async function registerOpenApi(
  fastify: FastifyInstance,
  options: OpenApiOptions,
  /** Loads the plugins; tests pass their own to simulate a missing one. */
  requireFn: RequireFn = require,
): Promise<OpenApiRegistry> {
  const path = options.path ?? '/openapi.json';
  const docsPath = options.docsPath ?? '/docs';
  await fastify.register(load('@fastify/swagger', requireFn), {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: options.title ?? 'API',
        version: options.version ?? '1.0.0',
        ...(options.description ? { description: options.description } : {}),
      },
    },
  });
  const swaggerUi = docsPath === false ? undefined : loadSwaggerUi(fastify, options, requireFn);
  if (swaggerUi) {
    routeAroundIndexRedirect(fastify, docsPath as string);
    await fastify.register(swaggerUi, {
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
