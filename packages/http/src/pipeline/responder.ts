import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RedirectMetadata } from '../decorators/response.decorators';
import { serializeResult } from './serialize-result';

/** What a route's successful response looks like, read from its decorators at boot. */
export interface ResponsePlan {
  httpCode: number | undefined;
  headers: [string, string][];
  redirect: RedirectMetadata | undefined;
  render: string | undefined;
  /** `@Res()` without passthrough: the handler sends the response itself. */
  handlerSends: boolean;
  serializeGroups: string[] | undefined;
}

/**
 * Builds the function that sends a handler's result: status (`@HttpCode`, else 201 for POST
 * (given by the route compiler as `httpCode`), else 200, or 204
 * for `undefined`), static headers, redirects, views, and class-transformer serialization.
 */
export function buildResponder(
  plan: ResponsePlan,
): (result: unknown, request: FastifyRequest, reply: FastifyReply) => unknown {
  if (plan.handlerSends) return () => undefined;
  const headers = plan.headers.length > 0 ? Object.fromEntries(plan.headers) : undefined;
  const { httpCode, redirect, render, serializeGroups } = plan;
  if (redirect) {
    return (result, _request, reply) => {
      if (reply.sent) return undefined;
      if (headers) reply.headers(headers);
      const override = (typeof result === 'object' && result !== null ? result : {}) as {
        url?: string;
        statusCode?: number;
      };
      return reply.redirect(override.url ?? redirect.url, override.statusCode ?? redirect.status);
    };
  }
  if (render !== undefined) {
    return (result, _request, reply) => {
      if (reply.sent) return undefined;
      if (headers) reply.headers(headers);
      reply.code(httpCode ?? 200);
      return (reply as unknown as { view(t: string, d: unknown): unknown }).view(render, result ?? {});
    };
  }
  return (result, _request, reply) => {
    if (reply.sent) return undefined;
    if (headers) reply.headers(headers);
    if (result === undefined) {
      reply.code(httpCode ?? 204).send();
      return undefined;
    }
    if (httpCode !== undefined) reply.code(httpCode);
    reply.send(serializeResult(result, serializeGroups));
    return undefined;
  };
}
