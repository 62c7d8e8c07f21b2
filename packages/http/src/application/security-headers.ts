import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The security headers of answers written where no Fastify hook runs: a URL that does not
 * decode, a request Node's parser refused, a request arriving while the server closes. Filled at
 * boot when the headers are the same for every response (helmet's options without per-request
 * parts); empty otherwise, and with `helmet: false`.
 */
export interface OutsideHookHeaders {
  headers: Readonly<Record<string, string>>;
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

// helmet's own package, built once here; @fastify/helmet builds the middleware again for every
// request (about 20 µs, as much as the rest of a small request).
function helmetMiddleware(options: Record<string, unknown>): Middleware {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('helmet') as { default?: (o: unknown) => Middleware } & ((o: unknown) => Middleware);
  return (mod.default ?? mod)(options);
}

function hasFunction(value: unknown, depth = 0): boolean {
  if (typeof value === 'function') return true;
  if (depth > 3 || typeof value !== 'object' || value === null) return false;
  return Object.values(value).some((v) => hasFunction(v, depth + 1));
}

/** The headers helmet's middleware writes, captured once on a stand-in response. */
function staticHeaders(middleware: Middleware): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
      return res;
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
    getHeader(name: string) {
      return headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  middleware(
    { headers: {}, method: 'GET', url: '/' } as IncomingMessage,
    res as unknown as ServerResponse,
    (e) => {
      failure = e;
    },
  );
  if (failure) throw failure;
  return headers;
}

/**
 * Security headers on every response, with helmet's options and defaults. Options that need
 * per-request work (`enableCSPNonces`, `global: false`, per-route settings) get @fastify/helmet
 * itself; otherwise helmet's headers are computed once at boot (once per request only when a
 * CSP directive is a function) and set by one hook.
 */
export async function registerSecurityHeaders(
  fastify: FastifyInstance,
  options: FastifyHelmetOptions,
  /** Registers @fastify/helmet with the options, for what only the plugin does. */
  registerPlugin: (options: FastifyHelmetOptions) => PromiseLike<unknown>,
  /** Given the static headers, for the answers written outside the hooks. */
  outside: OutsideHookHeaders,
): Promise<void> {
  const { enableCSPNonces, global, ...helmetOptions } = options;
  if (enableCSPNonces === true || global === false) {
    await registerPlugin(options);
    return;
  }
  const middleware = helmetMiddleware(helmetOptions as Record<string, unknown>);
  if (hasFunction(helmetOptions.contentSecurityPolicy)) {
    fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) =>
      middleware(request.raw, reply.raw, (error) => done(error as Error | undefined)),
    );
    return;
  }
  const headers = staticHeaders(middleware);
  outside.headers = headers;
  fastify.addHook('onRequest', (_request: FastifyRequest, reply: FastifyReply, done) => {
    reply.headers(headers);
    done();
  });
}
