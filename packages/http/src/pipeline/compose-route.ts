import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CallHandler, ExecutionContext } from '../metadata/enhancer-types';
import { HttpExecutionContext } from './http-execution-context';
import { ArgumentRefusal } from './argument-refusal';
import type { RoutePlan } from './route-plan';
import { runFilters } from './run-filters';
import { routeGuards, runGuards } from './run-guards';
import { runMiddleware } from './run-middleware';
import { callHandler, settle } from './call-handler';
import { isObservable } from './observable';
import { isThenable } from './thenable';
import { nameRoute, withRouteNamed } from './unscoped-route-errors';

type Stage = (request: FastifyRequest, reply: FastifyReply, context: ExecutionContext | undefined) => unknown;

/** The Fastify handler of one route. */
export type ComposedHandler = (request: FastifyRequest, reply: FastifyReply) => void;

/** Gives an error to a route's filters (route, controller, global), then the problem response. */
export type RouteErrorHandler = (error: unknown, request: FastifyRequest, reply: FastifyReply) => void;

/** One route's handler, and its filter chain for errors raised before the handler (body parsing). */
export interface ComposedRoute {
  handle: ComposedHandler;
  catchError: RouteErrorHandler;
}

/**
 * Composes the pipeline of one route into a plain function, once, at boot: middleware, guards,
 * interceptors, argument resolution with pipes, the handler, the response, and exception
 * filters. Empty stages are left out, and the whole path stays synchronous until a stage
 * returns a promise, so a plain handler costs one function call more than raw Fastify.
 *
 * @example
 * fastify.route({ method: 'GET', url: '/todos', handler: composeRoute(plan).handle });
 */
export function composeRoute(plan: RoutePlan): ComposedRoute {
  const { controller, handler, args, guards, interceptors, middleware, filters, respond } = plan;
  const fail = withRouteNamed(plan.unscoped, plan.fail);
  const needsContext =
    plan.argsNeedContext || guards.length > 0 || interceptors.length > 0 || filters.length > 0;
  const argc = args.length;
  const mayBeAsync = plan.argsMayBeAsync;
  const mayRefuse = plan.argsMayRefuse ?? [];
  // An argument's refusal is returned up to `handle` (or `answer`, through guards, middleware and
  // request-scoped controllers, which pass the value on as it is) and answered like a thrown
  // error; interceptors must see their `next.handle()` fail, so with them it is thrown.
  const refusalThrows = interceptors.length > 0;
  const refusable = !refusalThrows && mayRefuse.some(Boolean);

  const callWith = (
    instance: object,
    request: FastifyRequest,
    reply: FastifyReply,
    context: ExecutionContext | undefined,
  ): unknown => {
    if (argc === 0) return handler.call(instance);
    const values = new Array<unknown>(argc);
    let pending = false;
    for (let i = 0; i < argc; i++) {
      const value = args[i]!(request, reply, context);
      // Later arguments are not resolved, as after a throw.
      if (mayRefuse[i] && value instanceof ArgumentRefusal) {
        if (refusalThrows) throw value.error;
        return value;
      }
      // FastifyReply has a then(): only resolvers that may be async are awaited.
      if (mayBeAsync[i] && isThenable(value)) pending = true;
      values[i] = value;
    }
    if (!pending) return handler.apply(instance, values);
    return Promise.all(values).then((resolved) => handler.apply(instance, resolved));
  };

  const instance = plan.instance;
  let run: Stage;
  if (typeof instance === 'function') {
    // A request-scoped controller: this request's instance is created on first use.
    const current = instance as () => Promise<object>;
    run = (request, reply, context) => current().then((i) => callWith(i, request, reply, context));
  } else {
    run = (request, reply, context) => callWith(instance, request, reply, context);
  }

  if (interceptors.length > 0) {
    const invoke = run;
    const outer = interceptors[0]!;
    run = (request, reply, context) => {
      // The outermost interceptor's result is returned as it is (a value, a promise or an
      // Observable) and settled by answer(); each inner stage gets a `next` of its own.
      let next: CallHandler = callHandler(() => invoke(request, reply, context));
      for (let i = interceptors.length - 1; i > 0; i--) {
        const interceptor = interceptors[i]!;
        const inner = next;
        next = callHandler(() => interceptor.intercept(context!, inner));
      }
      return outer.intercept(context!, next);
    };
  }
  if (guards.length > 0) {
    const inner = run;
    const named = routeGuards(guards, `${controller.name}.${handler.name}`);
    run = (request, reply, context) => runGuards(named, context!, () => inner(request, reply, context));
  }
  if (middleware.length > 0) {
    const inner = run;
    run = (request, reply, context) =>
      runMiddleware(middleware, request, reply, () => inner(request, reply, context));
  }

  const named = plan.unscoped === undefined ? (error: unknown) => error : nameRoute(plan.unscoped);
  const onError = (
    error: unknown,
    request: FastifyRequest,
    reply: FastifyReply,
    context: ExecutionContext | undefined,
  ): void => {
    if (filters.length === 0) fail(error, request, reply);
    else runFilters(filters, named(error), request, reply, context!, fail);
  };

  const answer = (
    result: unknown,
    request: FastifyRequest,
    reply: FastifyReply,
    context: ExecutionContext | undefined,
  ): void => {
    if (refusable && result instanceof ArgumentRefusal) {
      onError(result.error, request, reply, context);
      return;
    }
    // A handler or interceptor may give an RxJS Observable (or a promise of one): its last value
    // is the result. Checked here, once per request, so routes without them pay one type test.
    if (isObservable(result)) {
      settle(result).then(
        (value) => answer(value, request, reply, context),
        (error: unknown) => onError(error, request, reply, context),
      );
      return;
    }
    try {
      const sent = respond(result, request, reply);
      if (isThenable(sent))
        Promise.resolve(sent).catch((error: unknown) => onError(error, request, reply, context));
    } catch (error) {
      onError(error, request, reply, context);
    }
  };

  const handle: ComposedHandler = (request, reply) => {
    const context = needsContext ? new HttpExecutionContext(request, reply, controller, handler) : undefined;
    let result: unknown;
    try {
      result = run(request, reply, context);
    } catch (error) {
      onError(error, request, reply, context);
      return;
    }
    // A handler may return the reply it already used (reply.send() returns it).
    if (result === reply) return;
    if (refusable && result instanceof ArgumentRefusal) {
      onError(result.error, request, reply, context);
      return;
    }
    if (isThenable(result)) {
      Promise.resolve(result).then(
        (value) => answer(value, request, reply, context),
        (error: unknown) => onError(error, request, reply, context),
      );
    } else {
      answer(result, request, reply, context);
    }
  };
  return {
    handle,
    catchError: (error, request, reply) =>
      runFilters(
        filters,
        named(error),
        request,
        reply,
        new HttpExecutionContext(request, reply, controller, handler),
        fail,
      ),
  };
}
