import { CoreErrorCode, TenonError } from '@tenon/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RouteWithoutRequestScopeError } from '../errors/route-without-request-scope.error';

type Fail = (error: unknown, request: FastifyRequest, reply: FastifyReply) => void;

/**
 * For a route that runs without a request scope: turns core's `TENON_CORE_OUTSIDE_REQUEST_SCOPE`
 * (whose message can only guess why there is no request) into an error that names the route and
 * the fix. Other errors pass unchanged. Runs on the error path only.
 */
export function nameRoute(route: string): (error: unknown) => unknown {
  return (error) =>
    error instanceof TenonError && error.code === CoreErrorCode.OUTSIDE_REQUEST_SCOPE
      ? new RouteWithoutRequestScopeError(route, error)
      : error;
}

/** `fail` of a route, naming the route as `nameRoute` does (errors thrown by filters reach it). */
export function withRouteNamed(route: string | undefined, fail: Fail): Fail {
  if (route === undefined) return fail;
  const named = nameRoute(route);
  return (error, request, reply) => fail(named(error), request, reply);
}
