import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';

/**
 * @internal The method of connections that take a prelude; a registered symbol, because the
 * connection and its caller may come from two copies of this package.
 */
export const STATEMENT_PRELUDE: unique symbol = Symbol.for('@tenon/data.statement-prelude');

/** A connection that can send parameterless statements ahead of a query, in the same call. */
export interface PreludeConnection {
  [STATEMENT_PRELUDE]<R>(prelude: string, query: CompiledQuery): Promise<QueryResult<R>>;
}

/**
 * Runs `prelude` (statements without parameters, such as `savepoint s`) and then `query` on
 * `connection` in one call to the database, when the connection can; returns undefined when it
 * cannot, and the caller runs them one after the other. The PGlite and PostgreSQL connections of
 * `Database` can: the prelude travels in the same protocol message as the statement (on
 * PostgreSQL, with the extended protocol and one Sync: the prelude is then split on `;`, so it
 * holds simple statements without `;` in literals and without comments). For drivers
 * that wrap `Database`'s own (`DatabaseOptions.wrapDriver`) and keep a savepoint or a setting
 * just ahead of the next statement: @tenon/testing's test transaction does.
 *
 * An error in the prelude fails the call with that error (the statement, in a transaction the
 * error aborted, does not run).
 *
 * @example
 * const run = executeWithPrelude(connection, 'release savepoint s; savepoint s', query)
 *   ?? connection.executeQuery(CompiledQuery.raw('release savepoint s; savepoint s'))
 *       .then(() => connection.executeQuery(query));
 */
export function executeWithPrelude<R>(
  connection: DatabaseConnection,
  prelude: string,
  query: CompiledQuery,
): Promise<QueryResult<R>> | undefined {
  const capable = connection as Partial<PreludeConnection>;
  return typeof capable[STATEMENT_PRELUDE] === 'function'
    ? (capable as PreludeConnection)[STATEMENT_PRELUDE]<R>(prelude, query)
    : undefined;
}
