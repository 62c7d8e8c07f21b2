import { createQueryId, type CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { DynamicSchema } from '../connection/dynamic-schema';

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

  /**
   * @param build builds the statement with the given parameter values; the values must become
   *   the compiled statement's parameters, in that order (checked on the first compile).
   */
  constructor(
    private readonly build: (db: Kysely<DynamicSchema>, parameters: readonly unknown[]) => Compilable,
  ) {}

  async rows<R>(executor: Kysely<DynamicSchema>, parameters: readonly unknown[]): Promise<R[]> {
    const template = this.template ?? this.compile(executor, parameters);
    const queryId = createQueryId();
    const node = executor.getExecutor().transformQuery(template.query, queryId);
    const compiled: CompiledQuery =
      node === template.query
        ? { query: node, queryId, sql: template.sql, parameters }
        : this.build(executor, parameters).compile();
    return (await executor.executeQuery<R>(compiled)).rows;
  }

  private compile(executor: Kysely<DynamicSchema>, parameters: readonly unknown[]): CompiledQuery {
    const compiled = this.build(executor, parameters).compile();
    const same =
      compiled.parameters.length === parameters.length &&
      compiled.parameters.every((value, i) => Object.is(value, parameters[i]));
    // A builder whose parameters are not exactly the given values cannot be reused: it would run
    // with stale values. That is a bug in the caller, caught on its first use.
    if (!same)
      throw new Error(
        `CompiledStatement: the statement's parameters are not the given ones (${compiled.sql})`,
      );
    this.template = compiled;
    return compiled;
  }
}
