import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { ModuleContext, Type } from '@tenon/core';
import {
  FILTERS,
  GUARDS,
  INTERCEPTORS,
  PIPES,
  getCatchTypes,
  getEnhancers,
} from '../decorators/enhancer.decorators';
import { getParamMetadata } from '../decorators/param.decorators';
import {
  successStatus,
  getRedirect,
  getRenderTemplate,
  getResponseHeaders,
} from '../decorators/response.decorators';
import { isNoStore, noStoreHook } from '../decorators/no-store.decorator';
import { SERIALIZE_OPTIONS, type SerializeOptions } from '../decorators/serialize-options.decorator';
import { getRateLimit } from '../decorators/rate-limit.decorator';
import type {
  CanActivate,
  ExceptionFilter,
  PipeTransform,
  TenonInterceptor,
} from '../metadata/enhancer-types';
import { buildArgumentResolver } from '../pipeline/argument-resolvers';
import { composeRoute, type RouteErrorHandler } from '../pipeline/compose-route';
import { buildResponder } from '../pipeline/responder';
import type { FilterEntry } from '../pipeline/route-plan';
import type { RouteDefinition } from '../routing/route-table';
import { bodyValidatorCompiler } from '../validation/body-validator-compiler';
import { isDtoClass } from '../validation/dto-class';
import { compileDtoSchema } from '../validation/dto-schema-compiler';
import type { JsonSchema } from '../validation/json-schema';
import { ValidationPipe } from '../validation/validation.pipe';
import type { EnhancerResolver } from './enhancer-resolver';
import { isEnhancerClass } from './enhancer-classes';
import type { MiddlewareMatcher } from './middleware-matcher';
import { API_RESPONSES } from '../metadata/metadata-keys';
import type { ApiResponseOptions } from '../openapi/api.decorators';

/** What a route's module and controller give the compiler. */
export interface RouteOwner {
  module: ModuleContext;
  /** The controller singleton, or a function giving the request's instance. */
  instance: object | (() => Promise<object>);
}

export interface GlobalEnhancers {
  guards: unknown[];
  interceptors: unknown[];
  pipes: unknown[];
  filters: unknown[];
  middleware: MiddlewareMatcher;
  defaultValidation: ValidationPipe | undefined;
  compiledValidation: boolean;
  compiledSerialization: boolean;
  /** The application's `errorFormat`: pipes word their rejections as NestJS's with `'nest'`. */
  errorFormat: 'problem' | 'nest';
  /** Every route runs in a request scope (see `scopesEveryRequest`); else only those that need one. */
  scopeEveryRequest: boolean;
}

/** A route ready for `fastify.route()`, with what OpenAPI needs to describe it. */
export interface CompiledRoute {
  options: RouteOptions;
  definition: RouteDefinition<RouteOwner>;
  /** Whether Fastify's compiled validator checks the body first. */
  compiledBody: boolean;
  /** The route's filter chain, for errors Fastify raises before the handler (body parsing). */
  catchError: RouteErrorHandler;
  /** Whether each request of this route runs in its own request scope. */
  scoped: boolean;
}

// Built for the first route whose body is compiled: each is an Ajv instance with its plugins.
const bodyCompilers: Partial<Record<'strip' | 'keep', ReturnType<typeof bodyValidatorCompiler>>> = {};

/**
 * Turns one route definition into Fastify route options with a composed handler: resolves the
 * route's enhancers (global, then controller, then route), builds argument resolvers and the
 * responder, and decides whether the body can be checked by Fastify's compiled validator.
 */
export function compileRoute(
  route: RouteDefinition<RouteOwner>,
  globals: GlobalEnhancers,
  resolver: EnhancerResolver,
  fail: (error: unknown, request: FastifyRequest, reply: FastifyReply) => void,
): CompiledRoute {
  const { controller, handler, handlerName, owner } = route;
  const { guards, interceptors, routePipes, filters, paramPipes } = resolveRouteEnhancers(
    route,
    globals,
    resolver,
  );
  const target = { path: route.path, method: route.method, controller: route.controller };
  const middleware = globals.middleware.for(target);
  // A route needs a scope when its controller, or an enhancer or middleware it runs, is
  // request-scoped or injects something that is (REQUEST included), at any depth.
  const scoped =
    globals.scopeEveryRequest ||
    resolver.tokenNeedsScope(controller, owner.module) ||
    [...guards, ...interceptors, ...routePipes, ...[...paramPipes.values()].flat()].some((e) =>
      resolver.needsScope(e),
    ) ||
    filters.some((f) => resolver.needsScope(f.filter)) ||
    globals.middleware.needsScope(target);

  const paramTypes =
    (Reflect.getMetadata('design:paramtypes', controller.prototype as object, handlerName) as
      Function[] | undefined) ?? [];
  const params = getParamMetadata(controller, handlerName);
  const hasOwnValidation = routePipes.some((p) => p instanceof ValidationPipe);
  let compiledBody = false;
  let bodySchema: JsonSchema | undefined;
  let strip = true;
  const args = new Array(params.length === 0 ? 0 : Math.max(...params.map((p) => p.index)) + 1);
  for (let i = 0; i < args.length; i++) args[i] = () => undefined;
  const mayRefuse = new Array<boolean>(args.length).fill(false);
  for (const param of params) {
    const ownPipes = paramPipes.get(param.index) ?? [];
    const usesValidation = hasOwnValidation || ownPipes.some((p) => p instanceof ValidationPipe);
    const pipes =
      param.source === 'custom'
        ? ownPipes
        : [
            ...(globals.defaultValidation && !usesValidation ? [globals.defaultValidation] : []),
            ...routePipes,
            ...ownPipes,
          ];
    const metatype = paramTypes[param.index];
    let fast = false;
    if (
      param.source === 'body' &&
      param.key === undefined &&
      !compiledBody &&
      isDtoClass(metatype) &&
      pipes.length === 1
    ) {
      const pipe = pipes[0];
      if (
        pipe instanceof ValidationPipe &&
        globals.compiledValidation &&
        pipe.options.compiledSchema !== false &&
        // Converted values are not the JSON the schema would check.
        pipe.options.enableImplicitConversion !== true
      ) {
        const o = pipe.options;
        const schemaOptions: Parameters<typeof compileDtoSchema>[1] = {
          whitelist: o.whitelist !== false,
          forbidNonWhitelisted: o.forbidNonWhitelisted === true,
        };
        if (o.groups) schemaOptions.groups = o.groups;
        if (o.skipMissingProperties) schemaOptions.skipMissingProperties = true;
        const compiled = compileDtoSchema(metatype, schemaOptions);
        if (compiled.validation) {
          fast = compiledBody = true;
          bodySchema = compiled.validation;
          strip = o.whitelist !== false && o.forbidNonWhitelisted !== true;
        }
      }
    }
    // The compiled body's resolver gives its failures as an ArgumentRefusal (see composeRoute).
    mayRefuse[param.index] = fast;
    args[param.index] = buildArgumentResolver({
      param,
      metatype,
      pipes,
      controller,
      handler,
      compiledBody: fast,
      errorFormat: globals.errorFormat,
    });
  }

  const serialize =
    (Reflect.getMetadata(SERIALIZE_OPTIONS, handler) as SerializeOptions | undefined) ??
    (Reflect.getMetadata(SERIALIZE_OPTIONS, controller) as SerializeOptions | undefined);
  const res = params.find((p) => p.source === 'res');
  const respond = buildResponder({
    httpCode: successStatus(route.method, handler),
    headers: getResponseHeaders(handler),
    redirect: getRedirect(handler),
    render: getRenderTemplate(handler),
    handlerSends: res !== undefined && res.passthrough !== true,
    serializeGroups: serialize?.groups,
  });
  const composed = composeRoute({
    controller: controller as Type,
    handler,
    instance: owner.instance,
    args,
    argsMayBeAsync: args.map((_, i) => {
      const p = params.find((x) => x.index === i);
      return p !== undefined && p.source !== 'req' && p.source !== 'res' && p.source !== 'ip';
    }),
    argsMayRefuse: mayRefuse,
    argsNeedContext: params.some((p) => p.source === 'custom'),
    middleware,
    guards,
    interceptors,
    filters,
    respond,
    fail,
    ...(scoped ? {} : { unscoped: `${route.method} ${route.path} (${controller.name}.${handlerName})` }),
  });

  const options: RouteOptions = { method: route.method, url: route.path, handler: composed.handle };
  if (isNoStore(controller, handler)) options.onSend = noStoreHook;
  // @fastify/rate-limit reads a route's own limit from its config.
  const rateLimit = getRateLimit(handler, controller);
  if (rateLimit) options.config = { rateLimit };
  const constraints: Record<string, unknown> = {};
  if (route.version !== undefined) constraints.tenonVersion = route.version;
  if (route.host !== undefined) constraints.host = route.host;
  if (Object.keys(constraints).length > 0) options.constraints = constraints;
  if (bodySchema) {
    options.schema = { body: bodySchema };
    options.attachValidation = true;
    const compile = strip
      ? (bodyCompilers.strip ??= bodyValidatorCompiler(true))
      : (bodyCompilers.keep ??= bodyValidatorCompiler(false));
    options.validatorCompiler = ({ schema }) => compile({ schema: schema as JsonSchema });
    // A failed check only tells the handler to run class-validator, whose errors are the answer:
    // Fastify's default formatter built an Error (with its stack) from Ajv's errors for nothing.
    options.schemaErrorFormatter = compiledCheckFailed;
  }
  if (globals.compiledSerialization) {
    const response = responseSchemas(handler, controller);
    if (response) options.schema = { ...(options.schema ?? {}), response };
  }
  return { options, definition: route, compiledBody, catchError: composed.catchError, scoped };
}

/** What `request.validationError` holds when the compiled body check failed (no stack captured). */
class CompiledCheckFailure {
  readonly message = 'The compiled body check failed: class-validator gives the errors.';
}

function compiledCheckFailed(): Error {
  return new CompiledCheckFailure() as unknown as Error;
}

/** A route's enhancers, resolved (and their shapes checked) from its module. */
export interface RouteEnhancers {
  guards: CanActivate[];
  interceptors: TenonInterceptor[];
  /** Global, controller and route pipes. */
  routePipes: PipeTransform[];
  /** Route filters first, then controller, then global. */
  filters: FilterEntry[];
  /** Each parameter's own pipes, by parameter index. */
  paramPipes: Map<number, PipeTransform[]>;
}

/**
 * Resolves every enhancer a route uses (global, controller, route, parameter pipes). A reference
 * that is not a guard, interceptor, pipe or filter, or a class nothing can build, is a coded boot
 * error; `HttpApplication.create()` runs this for every route so these errors come at boot.
 */
export function resolveRouteEnhancers(
  route: RouteDefinition<RouteOwner>,
  globals: Pick<GlobalEnhancers, 'guards' | 'interceptors' | 'pipes' | 'filters'>,
  resolver: EnhancerResolver,
): RouteEnhancers {
  const { controller, handler, handlerName, owner } = route;
  const where = `${controller.name}.${handlerName}`;
  const module = owner.module;
  const collect = <T>(
    key: string,
    kind: 'guard' | 'interceptor' | 'pipe' | 'filter',
    global: unknown[],
  ): T[] => [
    ...global.map((ref) => resolver.resolve<T>(ref, kind, `the global ${kind}s`)),
    ...getEnhancers<T>(key, controller).map((ref) => resolver.resolve<T>(ref, kind, controller.name, module)),
    ...getEnhancers<T>(key, handler).map((ref) => resolver.resolve<T>(ref, kind, where, module)),
  ];
  const guards = collect<CanActivate>(GUARDS, 'guard', globals.guards);
  const interceptors = collect<TenonInterceptor>(INTERCEPTORS, 'interceptor', globals.interceptors);
  const routePipes = collect<PipeTransform>(PIPES, 'pipe', globals.pipes);
  // Filters run nearest first: the route's, then the controller's, then the global ones.
  const filterRefs: [unknown, ModuleContext | undefined, string][] = [
    ...getEnhancers(FILTERS, handler).map((r) => [r, module, where] as [unknown, ModuleContext, string]),
    ...getEnhancers(FILTERS, controller).map(
      (r) => [r, module, controller.name] as [unknown, ModuleContext, string],
    ),
    ...globals.filters.map((r) => [r, undefined, 'the global filters'] as [unknown, undefined, string]),
  ];
  const filters: FilterEntry[] = filterRefs.map(([ref, m, w]) => {
    const filter = resolver.resolve<ExceptionFilter>(ref, 'filter', w, m);
    const cls = isEnhancerClass(ref) ? ref : (filter as object).constructor;
    return { filter, types: getCatchTypes(cls) };
  });
  const paramPipes = new Map<number, PipeTransform[]>();
  for (const param of getParamMetadata(controller, handlerName)) {
    paramPipes.set(
      param.index,
      param.pipes.map((ref) =>
        resolver.resolve<PipeTransform>(ref, 'pipe', `${where} parameter ${param.index}`, module),
      ),
    );
  }
  return { guards, interceptors, routePipes, filters, paramPipes };
}

// Declared success responses with a DTO type get a compiled serializer (fast-json-stringify
// through Fastify): only declared properties are sent. DTOs that class-transformer reshapes
// (`@Expose`/`@Exclude`/`@Transform`) keep the generic path.
function responseSchemas(handler: Function, controller: Function): Record<string, JsonSchema> | undefined {
  const declared = [
    ...((Reflect.getMetadata(API_RESPONSES, controller) as ApiResponseOptions[] | undefined) ?? []),
    ...((Reflect.getMetadata(API_RESPONSES, handler) as ApiResponseOptions[] | undefined) ?? []),
  ];
  const out: Record<string, JsonSchema> = {};
  for (const d of declared) {
    if (d.status < 200 || d.status >= 300 || typeof d.type !== 'function' || !isDtoClass(d.type)) continue;
    const compiled = compileDtoSchema(d.type, { whitelist: true });
    if (!compiled.validation) continue;
    out[String(d.status)] = d.isArray ? { type: 'array', items: compiled.document } : compiled.document;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
