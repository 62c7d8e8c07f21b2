import type { FastifyReply, FastifyRequest, RouteGenericInterface } from 'fastify';

/**
 * The request object handlers, guards, filters and middleware receive: Fastify's request, named
 * so that applications need not depend on `fastify` directly, with room for the `user` an
 * authentication guard sets (`unknown` here: narrow it where it is read). The type parameter
 * types `params`, `query`, `body` and `headers`. It is the default type of
 * `ctx.switchToHttp().getRequest()`.
 *
 * @example
 * canActivate(ctx: ExecutionContext) {
 *   return ctx.getRequest<HttpRequest>().headers.authorization !== undefined;
 * }
 * find(@Req() request: HttpRequest<{ Params: { id: string } }>) { return request.params.id; }
 */
export type HttpRequest<Route extends RouteGenericInterface = RouteGenericInterface> =
  FastifyRequest<Route> & {
    /** Set by an authentication guard (e.g. `@tenon/security`'s); `undefined` until then. */
    user?: unknown;
  };

/**
 * The reply object (Fastify's), for filters, middleware and `@Res()`.
 *
 * @example
 * catch(error: HttpException, ctx: ExecutionContext) {
 *   ctx.getReply<HttpReply>().code(422).send({ errors: { body: [error.message] } });
 * }
 */
export type HttpReply = FastifyReply;
