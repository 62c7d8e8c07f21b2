import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { HttpApplicationOptions } from './http-application-options';
import { clientErrorHandler, type ClientErrorAnswerer } from './client-error-handler';
import { jsonBodyParser } from './json-body-parser';
import { lazyModule } from './lazy-module';
import type { OutsideHookHeaders } from './security-headers';
import { requestIdGenerator, requestIdHeaderOf } from './request-id';
import { tenonServerFactory, type ServerGate } from './server-factory';
import { resolveServerLimits } from './server-limits';

const JSON_TYPES = /^application\/([\w.-]+\+)?json(\s*;.*)?$/i;

type SerializerFactory = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildSerializer']
>;

const serializerCompiler = lazyModule<{ SerializerSelector: () => SerializerFactory }>(
  '@fastify/fast-json-stringify-compiler',
  'fastify',
);

// Fastify's own serializer factory, loaded for the first route with a response schema: Fastify
// requires it in its constructor, and with it fast-json-stringify, its own copy of Ajv and
// ajv-formats (tens of milliseconds of every start), which routes without one never use.
const buildSerializer: SerializerFactory = (externalSchemas, serializerOptions) =>
  serializerCompiler().SerializerSelector()(externalSchemas, serializerOptions);

type ValidatorFactory = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator']
>;

type ValidatorSelector = (externalSchemas: unknown, ajvOptions: unknown) => unknown;

const validatorCompiler = lazyModule<{ AjvCompiler: () => ValidatorSelector }>(
  '@fastify/ajv-compiler',
  'fastify',
);
let validatorSelector: ValidatorSelector | undefined;

// Fastify's own validator factory, loaded for the first route with a request schema: Fastify
// requires it (and Ajv with it, about twenty milliseconds of every start) in its constructor,
// although routes without a schema never use it. One selector, as Fastify keeps one: it caches
// a compiler per set of shared schemas and options.
const buildValidator = ((externalSchemas: unknown, ajvOptions: unknown) =>
  (validatorSelector ??= validatorCompiler().AjvCompiler())(externalSchemas, ajvOptions)) as ValidatorFactory;

/**
 * Fastify takes any `buildValidator` for a custom one, and then stops lower-casing the property
 * names of header schemas. Ours is Fastify's own, loaded late: the flag is put back, so routes
 * declared on `app.fastify` with a headers schema behave as on a plain Fastify instance.
 */
function markDefaultValidator(fastify: FastifyInstance): void {
  const key = Object.getOwnPropertySymbols(fastify).find((s) => s.description === 'fastify.schemaController');
  const controller = key && (fastify as unknown as Record<symbol, unknown>)[key];
  if (typeof controller !== 'object' || controller === null) return;
  const flags = controller as {
    isCustomValidatorCompiler?: boolean;
    opts?: { isCustomValidatorCompiler?: boolean };
  };
  flags.isCustomValidatorCompiler = false;
  if (flags.opts) flags.opts.isCustomValidatorCompiler = false;
}

// Header versioning as a find-my-way constraint: exact version strings, and requests without
// the header count as the default version.
function versionConstraint(header: string, defaultVersion: string | undefined) {
  const name = header.toLowerCase();
  return {
    name: 'tenonVersion',
    storage: () => {
      const map = new Map<string, unknown>();
      return {
        get: (version: string) => map.get(version) ?? null,
        set: (version: string, store: unknown) => void map.set(version, store),
      };
    },
    validate: (value: unknown) => {
      if (typeof value !== 'string') throw new TypeError('A route version must be a string');
    },
    deriveConstraint: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const value = request.headers[name];
      return typeof value === 'string' && value !== '' ? value : defaultVersion;
    },
    mustMatchWhenDerived: false,
  };
}

/**
 * Creates the Fastify instance with Tenon's defaults: request ids from `x-request-id` (echoed
 * back), the strict JSON body parser, prototype-poisoning protection, the body limit and
 * trust-proxy settings, and header versioning when asked for.
 */
export function createFastify(
  options: HttpApplicationOptions,
  /** Undefined when the application writes no logs. */
  logger: FastifyBaseLogger | undefined,
  beforeRouting: (error: Error, request: FastifyRequest, reply: FastifyReply) => void,
  /** The application's own answer to errors below the request (its global filters), if any. */
  answerClientError?: ClientErrorAnswerer,
  /** The security headers of the answers written on the socket or before Fastify's handler. */
  securityHeaders: OutsideHookHeaders = { headers: {} },
): FastifyInstance {
  const header = requestIdHeaderOf(options);
  const gate: ServerGate = { closing: false };
  const limits = resolveServerLimits(options);
  const serverOptions: FastifyServerOptions = {
    // Without a logger Fastify skips the per-request child logger and response timing, which
    // are a measurable share of a small request and write nothing when the level is silent.
    ...(logger === undefined ? { logger: false } : { loggerInstance: logger }),
    bodyLimit: options.bodyLimit ?? 1_048_576,
    trustProxy: options.trustProxy ?? false,
    // Without a header, Fastify's own sequential ids: nothing to read, and no UUID to draw.
    ...(header === false ? {} : { genReqId: requestIdGenerator(header) }),
    requestIdHeader: false,
    logController: new LogController({
      requestIdLogLabel: 'reqId',
      disableRequestLogging: options.disableRequestLogging ?? false,
    }),
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Errors Fastify raises before routing (a URL that does not decode) go through the global
    // filters and answer as problems too.
    frameworkErrors: beforeRouting,
    // Requests Node's parser refuses, HTTP/1.1 without Host and requests arriving while the
    // server closes are answered with problem documents too.
    clientErrorHandler: clientErrorHandler(logger, answerClientError, securityHeaders),
    serverFactory: tenonServerFactory(gate, limits, answerClientError, securityHeaders),
    // The server factory applies the limits; given to Fastify as well so that its
    // `initialConfig` tells them (Fastify reads 0 as "its default": those stay out).
    ...(limits.connectionTimeout > 0 ? { connectionTimeout: limits.connectionTimeout } : {}),
    ...(limits.keepAliveTimeout > 0 ? { keepAliveTimeout: limits.keepAliveTimeout } : {}),
    ...(limits.requestTimeout > 0 ? { requestTimeout: limits.requestTimeout } : {}),
    ...(limits.maxRequestsPerSocket > 0 ? { maxRequestsPerSocket: limits.maxRequestsPerSocket } : {}),
    schemaController: { compilersFactory: { buildSerializer, buildValidator } },
  };
  const routerOptions: NonNullable<FastifyServerOptions['routerOptions']> = {
    ignoreTrailingSlash: options.trailingSlash === 'ignore',
  };
  if (options.versioning?.type === 'header') {
    routerOptions.constraints = {
      tenonVersion: versionConstraint(options.versioning.header, options.versioning.defaultVersion),
    } as NonNullable<FastifyServerOptions['routerOptions']>['constraints'];
  }
  serverOptions.routerOptions = routerOptions;
  const fastify = Fastify(serverOptions);
  markDefaultValidator(fastify);
  // Registered first, so it runs as soon as Fastify starts closing (it answers 503 from then on).
  fastify.addHook('preClose', (done) => {
    gate.closing = true;
    done();
  });
  fastify.removeContentTypeParser(['application/json']);
  fastify.addContentTypeParser(
    JSON_TYPES,
    { parseAs: 'buffer' },
    jsonBodyParser(options.maxJsonDepth ?? 128),
  );
  // The id is echoed by every Tenon route and every problem response; other routes (plugins)
  // get it from this hook only when they exist, so Tenon routes skip the hook entirely.
  fastify.addHook('onRoute', (route) => {
    if (header === false || (route.config as { tenon?: boolean } | undefined)?.tenon) return;
    const echo = (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
      reply.header(header, request.id);
      done();
    };
    route.onRequest =
      route.onRequest === undefined
        ? [echo]
        : [echo, ...(Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest])];
  });
  return fastify as unknown as FastifyInstance;
}
