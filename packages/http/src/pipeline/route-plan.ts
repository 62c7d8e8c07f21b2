import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Type } from '@tenon/core';
import type {
  CanActivate,
  ExecutionContext,
  ExceptionFilter,
  MiddlewareFunction,
  TenonInterceptor,
} from '../metadata/enhancer-types';

/** Computes one handler argument; may return a promise (async pipes). */
export type ArgumentResolver = (
  request: FastifyRequest,
  reply: FastifyReply,
  context: ExecutionContext | undefined,
) => unknown;

/** A filter with the error types it handles (empty: every error). */
export interface FilterEntry {
  filter: ExceptionFilter;
  types: readonly Function[];
}

/** Everything needed to serve one route, resolved at boot. */
export interface RoutePlan {
  controller: Type;
  handler: Function;
  /** The controller instance, or a function giving the current request's instance. */
  instance: object | (() => Promise<object>);
  args: ArgumentResolver[];
  /** Per argument: whether its resolver can return a promise (the request and reply are thenable themselves). */
  argsMayBeAsync: boolean[];
  /** Per argument: whether its resolver can give an `ArgumentRefusal` (a compiled body's failure). */
  argsMayRefuse?: boolean[];
  /** Whether some argument reads the execution context (custom parameter decorators). */
  argsNeedContext: boolean;
  middleware: MiddlewareFunction[];
  guards: CanActivate[];
  interceptors: TenonInterceptor[];
  /** Route filters first, then controller, then global. */
  filters: FilterEntry[];
  /** Sends the handler's result. */
  respond: (result: unknown, request: FastifyRequest, reply: FastifyReply) => unknown;
  /**
   * How errors name the route when it runs without a request scope (`GET /todos
   * (TodosController.list)`): a request-scoped provider used there anyway becomes
   * `TENON_HTTP_ROUTE_WITHOUT_REQUEST_SCOPE`. Absent for routes that run in a scope.
   */
  unscoped?: string;
  /** Sends the default problem response for an error no filter handled. */
  fail: (error: unknown, request: FastifyRequest, reply: FastifyReply) => void;
}
