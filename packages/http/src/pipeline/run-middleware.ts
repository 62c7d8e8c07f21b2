import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MiddlewareFunction } from '../metadata/enhancer-types';
import { isThenable } from './thenable';

/**
 * Runs middleware in order, Express style: each calls `next()` to continue or `next(error)` to
 * fail; a middleware that sends the reply ends the chain. Then runs `then` unless the reply was
 * sent.
 */
export function runMiddleware(
  middleware: readonly MiddlewareFunction[],
  request: FastifyRequest,
  reply: FastifyReply,
  then: () => unknown,
): Promise<unknown> {
  let index = 0;
  return new Promise<void>((resolve, reject) => {
    const next = (error?: unknown): void => {
      if (error !== undefined && error !== null) return reject(error);
      if (reply.sent) return resolve();
      const mw = middleware[index++];
      if (!mw) return resolve();
      try {
        const out = mw(request, reply, next);
        if (isThenable(out)) Promise.resolve(out).catch(reject);
      } catch (e) {
        reject(e);
      }
    };
    next();
  }).then(() => (reply.sent ? undefined : then()));
}
