import type { PGlite } from '@electric-sql/pglite';
import type {
  CompiledQuery,
  DatabaseConnection,
  Driver,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import { STATEMENT_PRELUDE, type PreludeConnection } from '../statement-prelude';
import { PgliteStatementRunner, type PgliteProtocol } from './pglite-statement-runner';

type CompileQuery = QueryCompiler['compileQuery'];

/**
 * Kysely's PGlite driver with its statements run by {@link PgliteStatementRunner}: prepared
 * once, then one synchronous protocol call each. Transactions, savepoints and the statements
 * the runner does not take stay with Kysely's driver and `PGlite.query()`.
 */
export class PreparedPgliteDriver implements Driver {
  private connection: PreparedPgliteConnection | undefined;

  /**
   * @param engine the PGlite instance, known once `init()` has run
   * @param helpers PGlite's protocol module, loaded on the first statement
   */
  constructor(
    private readonly inner: Driver,
    private readonly engine: () => PGlite | undefined,
    private readonly helpers: () => PgliteProtocol,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return this.inner.acquireConnection().then((connection) => this.wrap(connection));
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await this.inner.beginTransaction(unwrap(connection), settings);
    setInTransaction(connection, true);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.commitTransaction(unwrap(connection));
    } finally {
      setInTransaction(connection, false);
    }
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.rollbackTransaction(unwrap(connection));
    } finally {
      setInTransaction(connection, false);
    }
  }

  savepoint(connection: DatabaseConnection, name: string, compile: CompileQuery): Promise<void> {
    return this.inner.savepoint!(unwrap(connection), name, compile);
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: CompileQuery): Promise<void> {
    return this.inner.rollbackToSavepoint!(unwrap(connection), name, compile);
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: CompileQuery): Promise<void> {
    return this.inner.releaseSavepoint!(unwrap(connection), name, compile);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(unwrap(connection));
  }

  async destroy(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    await connection?.release();
    await this.inner.destroy();
  }

  // PGlite has one session, so Kysely's driver hands out one connection: it gets one wrapper.
  private wrap(connection: DatabaseConnection): DatabaseConnection {
    if (this.connection?.inner === connection) return this.connection;
    const pglite = this.engine();
    if (pglite === undefined || !PgliteStatementRunner.supports(pglite)) return connection;
    this.connection = new PreparedPgliteConnection(connection, pglite, this.helpers);
    return this.connection;
  }
}

class PreparedPgliteConnection implements DatabaseConnection, PreludeConnection {
  inTransaction = false;
  private runner: PgliteStatementRunner | undefined;

  constructor(
    readonly inner: DatabaseConnection,
    private readonly pglite: PGlite,
    private readonly helpers: () => PgliteProtocol,
  ) {}

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    this.runner ??= new PgliteStatementRunner(this.pglite, this.helpers());
    return (
      this.runner.run<R>(compiled.sql, compiled.parameters, this.inTransaction) ??
      this.inner.executeQuery<R>(compiled)
    );
  }

  /** The prelude in the statement's own protocol message; `exec()` first when the runner declines. */
  [STATEMENT_PRELUDE]<R>(prelude: string, compiled: CompiledQuery): Promise<QueryResult<R>> {
    this.runner ??= new PgliteStatementRunner(this.pglite, this.helpers());
    return (
      this.runner.run<R>(compiled.sql, compiled.parameters, this.inTransaction, prelude) ??
      this.pglite.exec(prelude).then(() => this.inner.executeQuery<R>(compiled))
    );
  }

  release(): Promise<void> {
    return this.runner?.release() ?? Promise.resolve();
  }

  streamQuery<R>(compiled: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(compiled, chunkSize);
  }
}

function unwrap(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof PreparedPgliteConnection ? connection.inner : connection;
}

function setInTransaction(connection: DatabaseConnection, value: boolean): void {
  if (connection instanceof PreparedPgliteConnection) connection.inTransaction = value;
}
