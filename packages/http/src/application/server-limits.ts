import type { Server } from 'node:http';

/**
 * How long the HTTP server waits for clients and how many it holds, in milliseconds and
 * connections. Every limit has a default that closes slow or idle clients (slowloris, slow
 * bodies, forgotten keep-alive connections) long before they can pile up; `0` turns a timeout
 * off.
 *
 * @example
 * await HttpApplication.create(AppModule, {
 *   headersTimeout: 5_000,       // the request line and headers
 *   requestTimeout: 120_000,     // the whole request, for slow uploads
 *   keepAliveTimeout: 65_000,    // above a load balancer's idle timeout (60 s on AWS ALB)
 *   maxConnections: 2_000,
 * });
 */
export interface ServerLimitsOptions {
  /**
   * Time to receive the request line and every header, from the connection's first byte or
   * the end of the previous request (default 10,000). A client slower than this gets a 408
   * problem (`TENON_HTTP_REQUEST_TIMEOUT`) and the connection is closed; a connection that
   * sends nothing at all is closed after it too. At most `requestTimeout` when both are set.
   */
  headersTimeout?: number;
  /**
   * Time to receive the whole request, headers and body (default 30,000): a body trickling in
   * slower gets the same 408 and the connection is closed. Raise it for routes that take
   * large uploads over slow networks.
   */
  requestTimeout?: number;
  /**
   * How long an idle keep-alive connection stays open after a response (default 5,000).
   * Behind a proxy or load balancer that reuses connections, set it above the proxy's own
   * idle timeout, so that the proxy, not the server, closes idle connections.
   */
  keepAliveTimeout?: number;
  /**
   * Inactivity timeout of a socket (Fastify's `connectionTimeout`; default 0, off): a socket on
   * which no byte moves for this long is destroyed, whatever the request's state. It also cuts
   * handlers that answer later than this and clients that stop reading a response.
   */
  connectionTimeout?: number;
  /**
   * Open connections the server holds at most (default 10,000); connections beyond it are
   * closed as soon as they are accepted, so the process keeps its file descriptors and memory
   * for the clients it already serves. `0`: no cap.
   */
  maxConnections?: number;
  /** Requests served on one keep-alive connection before it is closed (default 0, no limit). */
  maxRequestsPerSocket?: number;
}

/** Every limit with its default applied. */
export type ServerLimits = Required<ServerLimitsOptions>;

/** The defaults of `ServerLimitsOptions`. */
export const DEFAULT_SERVER_LIMITS: Readonly<ServerLimits> = Object.freeze({
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  connectionTimeout: 0,
  maxConnections: 10_000,
  maxRequestsPerSocket: 0,
});

/** The names of the limits, for option validation. */
export const SERVER_LIMIT_NAMES = Object.keys(DEFAULT_SERVER_LIMITS) as (keyof ServerLimits)[];

/** The limits of `options`, each one defaulted. */
export function resolveServerLimits(options: ServerLimitsOptions): ServerLimits {
  const limits = { ...DEFAULT_SERVER_LIMITS };
  for (const name of SERVER_LIMIT_NAMES) {
    const value = options[name];
    if (value !== undefined) limits[name] = value;
  }
  return limits;
}

/**
 * How often Node looks for connections past `headersTimeout` or `requestTimeout`. Node's own
 * interval is 30 s, which would let a slow client hold its connection up to 30 s past either
 * timeout: a quarter of the shorter one, between 50 ms and 1 s, keeps the overrun small for a
 * few microseconds of work per check.
 */
export function connectionsCheckingInterval(limits: ServerLimits): number {
  const timeouts = [limits.headersTimeout, limits.requestTimeout].filter((t) => t > 0);
  if (timeouts.length === 0) return 30_000;
  return Math.min(1_000, Math.max(50, Math.floor(Math.min(...timeouts) / 4)));
}

/**
 * The options of `http.createServer()` for the limits: the timeouts Node checks while it
 * parses a request are creation options (the checking interval can only be set there).
 */
export function serverCreationOptions(limits: ServerLimits): {
  headersTimeout: number;
  requestTimeout: number;
  keepAliveTimeout: number;
  connectionsCheckingInterval: number;
} {
  return {
    headersTimeout: limits.headersTimeout,
    requestTimeout: limits.requestTimeout,
    keepAliveTimeout: limits.keepAliveTimeout,
    connectionsCheckingInterval: connectionsCheckingInterval(limits),
  };
}

/** Applies the limits Node's server takes as properties. */
export function applyServerLimits(server: Server, limits: ServerLimits): void {
  server.keepAliveTimeout = limits.keepAliveTimeout;
  server.requestTimeout = limits.requestTimeout;
  server.setTimeout(limits.connectionTimeout);
  if (limits.maxConnections > 0) server.maxConnections = limits.maxConnections;
  if (limits.maxRequestsPerSocket > 0) server.maxRequestsPerSocket = limits.maxRequestsPerSocket;
}
