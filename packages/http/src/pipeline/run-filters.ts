import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ExecutionContext } from '../metadata/enhancer-types';
import type { FilterEntry } from './route-plan';
import { isThenable } from './thenable';

function matches(entry: FilterEntry, error: unknown): boolean {
  if (entry.types.length === 0) return true;
  for (const type of entry.types) if (error instanceof (type as new () => object)) return true;
  return false;
}

/** The first filter whose `@Catch()` types match the error (no types: every error). */
export function firstMatchingFilter(
  filters: readonly FilterEntry[],
  error: unknown,
): FilterEntry | undefined {
  for (const entry of filters) if (matches(entry, error)) return entry;
  return undefined;
}

/**
 * Gives an error to the first filter whose `@Catch()` types match it. A filter sends the reply
 * itself or returns a value to send; a filter that does neither, throws, or rejects, and an
 * error no filter matches, go to `fail` (the problem response).
 */
export function runFilters(
  filters: readonly FilterEntry[],
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  context: ExecutionContext,
  fail: (error: unknown, request: FastifyRequest, reply: FastifyReply) => void,
): void {
  const entry = firstMatchingFilter(filters, error);
  if (entry) {
    let out: unknown;
    try {
      out = entry.filter.catch(error, context);
    } catch (next) {
      return fail(next, request, reply);
    }
    const finish = (value: unknown): void => {
      if (!reply.sent && value !== undefined) reply.send(value);
      else if (!reply.sent) fail(error, request, reply);
    };
    if (isThenable(out)) Promise.resolve(out).then(finish, (next: unknown) => fail(next, request, reply));
    else finish(out);
    return;
  }
  fail(error, request, reply);
}
