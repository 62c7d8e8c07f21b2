import type { FastifyCorsOptions } from '@fastify/cors';
import type { FastifyRequest } from 'fastify';

type Delegate = NonNullable<FastifyCorsOptions['delegator']>;
type DelegateCallback = (error: Error | null, options?: FastifyCorsOptions) => void;

// What @fastify/cors reads from its registration options rather than from a delegator's answer.
const REGISTRATION_KEYS = ['hook', 'logLevel', 'hideOptionsRoute'] as const;

/** CORS off for one request: no headers, no preflight answer, the route table decides. */
const NOT_CORS: FastifyCorsOptions = { origin: false };

/**
 * A CORS preflight names the origin and the method it asks for (Fetch standard); any other
 * OPTIONS request is an ordinary request.
 */
function isPreflight(request: FastifyRequest): boolean {
  return (
    request.headers.origin !== undefined && request.headers['access-control-request-method'] !== undefined
  );
}

/**
 * The @fastify/cors registration for the `cors` option. By default (strict preflight) an OPTIONS
 * request that is not a preflight is not CORS's business: it reaches the route table like any
 * other request (an `@Options()` handler, else the 405 problem with `Allow`, or the 404 problem),
 * as with NestJS on Express, instead of @fastify/cors's plain-text 400. `strictPreflight: false`
 * keeps @fastify/cors's answer (every OPTIONS request answered as a preflight).
 */
export function corsPluginOptions(option: true | FastifyCorsOptions): FastifyCorsOptions {
  const given: FastifyCorsOptions = option === true ? {} : { ...option };
  if (given.strictPreflight === false) return given;
  const registration: Record<string, unknown> = {};
  for (const key of REGISTRATION_KEYS) if (given[key] !== undefined) registration[key] = given[key];
  const { delegator, ...rest } = given;
  for (const key of REGISTRATION_KEYS) delete (rest as Record<string, unknown>)[key];
  const corsFor = resolver(delegator, rest);
  const delegate = (request: FastifyRequest, callback: DelegateCallback): void => {
    if (request.raw.method === 'OPTIONS' && !isPreflight(request)) return callback(null, NOT_CORS);
    corsFor(request, callback);
  };
  return { ...registration, delegator: delegate };
}

/** The options of a request: the fixed ones, or the application's own delegator's answer. */
function resolver(
  delegator: Delegate | undefined,
  fixed: FastifyCorsOptions,
): (request: FastifyRequest, callback: DelegateCallback) => void {
  if (delegator === undefined) return (_request, callback) => callback(null, fixed);
  if (delegator.length >= 2)
    return (request, callback) =>
      (delegator as (r: FastifyRequest, cb: DelegateCallback) => void)(request, callback);
  return (request, callback) => {
    (delegator as (r: FastifyRequest) => Promise<FastifyCorsOptions>)(request).then(
      (options) => callback(null, options),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  };
}
