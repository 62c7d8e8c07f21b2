import type { ApplicationContext } from '@tenon/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDefinition } from '../routing/route-table';
import type { TenonRouteConfig } from './pre-handler-errors';
import { REQUEST as REQUEST_TOKEN } from './request-token';
import type { CompiledRoute, RouteOwner } from './route-compiler';

/** What mounting needs besides the compiled routes. */
export interface RouteMountOptions {
  context: ApplicationContext;
  /** The request id header echoed on every answer; `false` sends none. */
  idHeader: string | false;
  /** Called with every route before it is registered (OpenAPI description). */
  describe?: (route: CompiledRoute) => void;
}

/**
 * Registers the compiled routes on Fastify: each handler wrapped so that it echoes the request
 * id and (when the route needs one, see `CompiledRoute.scoped`) runs in its own request scope seeded with the request, and each route's
 * config carrying its error handler for the errors Fastify raises before the handler.
 */
export function mountRoutes(
  fastify: FastifyInstance,
  definitions: readonly RouteDefinition<RouteOwner>[],
  compiled: readonly CompiledRoute[],
  { context, idHeader, describe }: RouteMountOptions,
): void {
  // Fastify adds HEAD to every GET route; an explicit @Head() or @All() on the path wins.
  const explicitHead = new Set(
    definitions.filter((r) => r.method === 'HEAD').map((r) => `${r.path} ${r.version ?? ''}`),
  );
  for (const route of compiled) {
    const def = route.definition;
    if (def.method === 'GET' && explicitHead.has(`${def.path} ${def.version ?? ''}`))
      route.options.exposeHeadRoute = false;
    const handler = emptyLastParamIsNotFound(
      def.path,
      route.options.handler as (request: FastifyRequest, reply: FastifyReply) => void,
    );
    const tenon: TenonRouteConfig = { catchError: route.catchError, scoped: route.scoped };
    route.options.config = { ...(route.options.config as object | undefined), tenon } as Record<
      string,
      unknown
    >;
    // Each request of a scoped route runs in its own request scope, seeded with the request itself.
    route.options.handler = route.scoped
      ? function tenonRoute(request: FastifyRequest, reply: FastifyReply) {
          if (idHeader !== false) reply.header(idHeader, request.id);
          context.runInRequestScope(() => handler(request, reply), {
            id: request.id,
            values: [[REQUEST_TOKEN, request]],
          });
        }
      : function tenonRoute(request: FastifyRequest, reply: FastifyReply) {
          if (idHeader !== false) reply.header(idHeader, request.id);
          handler(request, reply);
        };
    describe?.(route);
    fastify.route(route.options);
  }
}

type RouteHandler = (request: FastifyRequest, reply: FastifyReply) => void;

/**
 * Fastify's router matches `/tags/` to `/tags/:name` with an empty `name`: a path with a
 * trailing slash would reach the handler of another route. Such a request is answered as a path
 * no route has (404, or what the `trailingSlash` option makes of it).
 */
function emptyLastParamIsNotFound(path: string, handler: RouteHandler): RouteHandler {
  const name = /\/:([A-Za-z_$][\w$]*)$/.exec(path)?.[1];
  if (name === undefined) return handler;
  return (request, reply) => {
    if ((request.params as Record<string, string | undefined>)[name] === '') return void reply.callNotFound();
    handler(request, reply);
  };
}
