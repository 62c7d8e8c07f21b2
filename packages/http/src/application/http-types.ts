import type { FastifyReply, FastifyRequest, RouteGenericInterface } from 'fastify';

/**
 * The request object handlers, guards, filters and middleware receive: Fastify's request, named
 * so that applications need not depend on `fastify` directly. The type parameter types
 * `params`, `query`, `body` and `headers`.
 *
 * @example
 * canActivate(ctx: ExecutionContext) {
 *   return ctx.getRequest<HttpRequest>().headers.authorization !== undefined;
 * }
 * find(@Req() request: HttpRequest<{ Params: { id: string } }>) { return request.params.id; }
 */
export type HttpRequest<Route extends RouteGenericInterface = RouteGenericInterface> = FastifyRequest<Route>;

/**
 * The reply object (Fastify's), for filters, middleware and `@Res()`.
 *
 * @example
 * catch(error: HttpException, ctx: ExecutionContext) {
 *   ctx.getReply<HttpReply>().code(422).send({ errors: { body: [error.message] } });
 * }
 */
export type HttpReply = FastifyReply;
