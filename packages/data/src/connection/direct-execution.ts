import type { CompiledQuery, QueryResult } from 'kysely';

/**
 * @internal How a repository runs a compiled statement outside any transaction straight on the
 * guarded driver, without Kysely's executor round (connection provider, runtime driver, result
 * plugins: a dozen promises per statement that cost as much as a PGlite lookup).
 */
export const RUN_COMPILED = Symbol('tenon:data:runCompiled');

export interface DirectExecution {
  /**
   * Runs `compiled` on a connection of the pool (or the single connection, through the gate),
   * or returns undefined when that path is not available: the driver has not connected yet, or a
   * query log is set (Kysely writes the log events).
   */
  [RUN_COMPILED]<R>(compiled: CompiledQuery): Promise<QueryResult<R>> | undefined;
}
