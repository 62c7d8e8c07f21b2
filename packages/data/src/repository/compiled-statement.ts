import {
  createQueryId,
  type CompiledQuery,
  type Compilable,
  type Kysely,
  type KyselyPlugin,
  type QueryResult,
} from 'kysely';
import { ClosedGuardPlugin } from '../connection/closed-guard.plugin';
import type { Database } from '../connection/database';
import { RUN_COMPILED } from '../connection/direct-execution';
import type { DynamicSchema } from '../connection/dynamic-schema';
import { markPreparable } from '../connection/prepared-statement-names';
import { TransactionGuardPlugin } from '../transaction/transaction-guard.plugin';

const leavesResults = (plugin: KyselyPlugin): boolean =>
  plugin instanceof ClosedGuardPlugin || plugin instanceof TransactionGuardPlugin;

/**
 * A statement built and compiled once, then run with new parameters. `findById` is the hottest
 * repository call, and building and compiling Kysely's query tree for it cost about as much as
 * the embedded engine takes to answer it. Every run still passes the tree through the
 * executor's plugins (`transformQuery`), so the closed-database and transaction guards check
 * each statement as they do a freshly built one; should a plugin rewrite the tree, the statement
 * is built and compiled anew for that run.
 */
export class CompiledStatement {
  private template: CompiledQuery | undefined;
  private uncacheable = false;

  /**
   * @param build builds the statement with the given parameter values, which should become the
   *   compiled statement's parameters in that order (checked on the first compile).
   * @param prepare whether PostgreSQL connections prepare its text (`markPreparable`): false for
   *   a statement made for one call, past a cache's bound, so the server's prepared statements do
   *   not grow with the variety of calls.
   */
  constructor(
    private readonly build: (db: Kysely<DynamicSchema>, parameters: readonly unknown[]) => Compilable,
    private readonly prepare = true,
  ) {}

  /** Runs the statement with `parameters` and maps its result, in one promise chain. */
  run<R, M>(
    database: Database,
    executor: Kysely<DynamicSchema>,
    parameters: readonly unknown[],
    map: (result: QueryResult<R>) => M,
  ): Promise<M> {
    let template = this.template;
    if (template === undefined) {
      const compiled = this.build(executor, parameters).compile();
      if (this.uncacheable || !this.keep(compiled, parameters))
        return executor.executeQuery<R>(compiled).then(map);
      template = compiled;
    }
    const queryId = createQueryId();
    const runner = executor.getExecutor();
    const node = runner.transformQuery(template.query, queryId);
    const mapRows = map;
    if (node !== template.query)
      return executor.executeQuery<R>(this.build(executor, parameters).compile()).then(mapRows);
    const compiled: CompiledQuery = { query: node, queryId, sql: template.sql, parameters };
    // Tenon's own plugins leave results as they are: with only them, the statement goes straight
    // to a connection, without Kysely's result-transforming round (a promise per plugin).
    if (!runner.plugins.every(leavesResults)) return executor.executeQuery<R>(compiled).then(mapRows);
    // Outside a transaction the root executor is asked for: the guarded driver can run it itself.
    if (executor === database.kysely) {
      const direct = database[RUN_COMPILED]<R>(compiled);
      if (direct !== undefined) return direct.then(mapRows);
    }
    return runner.provideConnection((connection) => connection.executeQuery<R>(compiled)).then(mapRows);
  }

  /**
   * Keeps the first compile as the template when its parameters are exactly the given values, in
   * order: only then can it be reused with others (a value that compiles to SQL rather than a
   * parameter could not). Otherwise the statement is built per call from then on, as without
   * this class, and without compiling a template again on each call.
   */
  private keep(compiled: CompiledQuery, parameters: readonly unknown[]): boolean {
    const same =
      compiled.parameters.length === parameters.length &&
      compiled.parameters.every((value, i) => Object.is(value, parameters[i]));
    if (!same) {
      this.uncacheable = true;
      return false;
    }
    this.template = compiled;
    if (this.prepare) markPreparable(compiled.sql);
    return true;
  }
}
