import { DataError } from './data.error';
import { DataErrorCode } from './errors';

/** Where a connection was going, for messages: `postgres at 127.0.0.1:5432`. */
export interface ConnectionTarget {
  dialect: string;
  host?: string;
  port?: number;
  /** A file or folder for the embedded dialects. */
  location?: string;
}

/**
 * The database cannot be reached right now (refused, connect timeout, connection lost mid-query,
 * closed during shutdown): nothing the client sent is wrong, and the same request may succeed
 * once the database is back. `status = 503` lets the HTTP layer answer a 503 problem instead of
 * a 500 without knowing this package.
 */
export class DatabaseUnavailableError extends DataError {
  /** The HTTP status this error maps to. */
  readonly status = 503;
}

export function describeTarget(target: ConnectionTarget): string {
  if (target.host !== undefined)
    return `${target.dialect} at ${target.host}:${target.port ?? 'default port'}`;
  return `${target.dialect} (${target.location ?? 'memory'})`;
}

export function invalidUrl(url: string, reason: string): DataError {
  return new DataError(
    DataErrorCode.INVALID_URL,
    `The database URL "${redactUrl(url)}" cannot be used: ${reason}. Use one of pglite://memory, ` +
      `pglite://<folder>, postgres://user:password@host:5432/db, mysql://user:password@host:3306/db, sqlite://<file>.`,
  );
}

export function unsupportedDialect(url: string, scheme: string): DataError {
  return new DataError(
    DataErrorCode.UNSUPPORTED_DIALECT,
    `The database URL "${redactUrl(url)}" uses the scheme "${scheme}:", which @tenon/data has no dialect for. ` +
      `Use pglite:, postgres: (or postgresql:), mysql: (or mariadb:) or sqlite:.`,
  );
}

export function driverNotInstalled(dialect: string, pkg: string, cause: unknown): DataError {
  return new DataError(
    DataErrorCode.DRIVER_NOT_INSTALLED,
    `The ${dialect} dialect needs the package "${pkg}", which is not installed. ` +
      `Install it with: npm install ${pkg}`,
    { cause },
  );
}

export function invalidPgliteTierUp(value: unknown, source: string, allowed: readonly string[]): DataError {
  return new DataError(
    DataErrorCode.INVALID_PGLITE_TIER_UP,
    `${source} is ${JSON.stringify(value)}, which is not a tier-up setting of the embedded database. ` +
      `Use ${allowed.map((a) => `"${a}"`).join(' or ')}: "after-start" (the default) holds V8's optimisation of ` +
      `PGlite's WebAssembly back while the database starts, "v8" leaves V8's own tiering alone.`,
  );
}

export function connectionRefused(target: ConnectionTarget, cause: unknown): DataError {
  return new DatabaseUnavailableError(
    DataErrorCode.CONNECTION_REFUSED,
    `Could not connect to ${describeTarget(target)}: the connection was refused. ` +
      `Check that the database server is running and listening on ${target.host}:${target.port}, ` +
      `and that the URL names the right host and port.`,
    { cause },
  );
}

export function connectionFailed(target: ConnectionTarget, cause: unknown): DataError {
  return new DataError(
    DataErrorCode.CONNECTION_FAILED,
    `Could not connect to ${describeTarget(target)}: ${messageOf(cause)}. ` +
      `Check the credentials, the database name and the server's logs.`,
    { cause },
  );
}

export function connectionTimeout(target: ConnectionTarget, cause: unknown): DataError {
  return new DatabaseUnavailableError(
    DataErrorCode.CONNECTION_TIMEOUT,
    `Could not connect to ${describeTarget(target)}: nothing answered within the connect timeout. ` +
      `Check that ${target.host}:${target.port} is the database server (a firewall that drops packets, ` +
      `or another service on that port, looks like this), or raise pool.connectTimeoutMs if the server is slow to accept.`,
    { cause },
  );
}

export function connectionLost(target: ConnectionTarget, cause: unknown): DataError {
  return new DatabaseUnavailableError(
    DataErrorCode.CONNECTION_LOST,
    `The connection to ${describeTarget(target)} was lost while running a query: ${messageOf(cause)}. ` +
      `The query did not complete (a transaction it belonged to is rolled back); the pool opens a new ` +
      `connection for the next query, so retry the operation once the database is reachable.`,
    { cause },
  );
}

export function databaseClosed(target: ConnectionTarget): DataError {
  return new DatabaseUnavailableError(
    DataErrorCode.DATABASE_CLOSED,
    `The database ${describeTarget(target)} was closed: a query ran after Database.close() ` +
      `(or after the application shut down). Finish queries before closing, or open a new Database.`,
  );
}

export function statementTimeout(target: ConnectionTarget, cause: unknown): DataError {
  return new DataError(
    DataErrorCode.STATEMENT_TIMEOUT,
    `A query on ${describeTarget(target)} was cancelled because it ran longer than the statement timeout ` +
      `(${messageOf(cause)}). Make the query cheaper (an index, a smaller page) or raise statementTimeoutMs.`,
    { cause },
  );
}

/** Passwords never reach messages or logs. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z0-9+.-]+:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

/** An error's message without a final period, to embed in a sentence. */
export function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.replace(/\.+$/, '');
}
