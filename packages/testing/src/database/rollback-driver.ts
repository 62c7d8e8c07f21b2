import type { DatabaseConnection, Driver, QueryResult, TransactionSettings } from 'kysely';
import { rawQuery } from './raw-query';

/** What the test transaction looks like from outside, for TestDatabase and its errors. */
export interface TestTransactionState {
  /** A test transaction is open: everything runs inside it. */
  readonly open: boolean;
  /** Application transactions open inside it (each one a savepoint). */
  readonly depth: number;
}

/**
 * Wraps a Kysely driver whose database has a single connection (PGlite, or a PostgreSQL pool of
 * one) so that a whole test can run inside one transaction that is rolled back at its end:
 *
 * - `beginTest()` opens the transaction on the connection; `rollbackTest()` rolls it back.
 * - While it is open, the application's transactions become savepoints (`begin` → `savepoint`,
 *   `commit` → `release savepoint`, `rollback` → `rollback to savepoint`), so `@Transactional`,
 *   propagation and rollback-on-error behave as in production, inside the test's transaction.
 * - A statement run outside any application transaction gets a savepoint of its own, as in psql's
 *   ON_ERROR_ROLLBACK: a failing statement (a unique violation the test expects) is undone alone
 *   instead of aborting the test's transaction, which is what autocommit does in production.
 */
export class RollbackDriver implements Driver {
  private open = false;
  private depth = 0;
  private readonly connections = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly options: { closeInner: boolean },
  ) {}

  get state(): TestTransactionState {
    return { open: this.open, depth: this.depth };
  }

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    return this.wrap(connection);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(this.unwrap(connection));
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    if (!this.open) return this.inner.beginTransaction(this.unwrap(connection), settings);
    // Isolation level and access mode cannot change inside a transaction: a savepoint keeps the
    // test transaction's (read committed, read-write).
    this.depth++;
    await this.run(connection, `savepoint tenon_test_tx_${this.depth}`);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.open) return this.inner.commitTransaction(this.unwrap(connection));
    const name = `tenon_test_tx_${this.depth}`;
    this.depth--;
    await this.run(connection, `release savepoint ${name}`);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.open) return this.inner.rollbackTransaction(this.unwrap(connection));
    const name = `tenon_test_tx_${this.depth}`;
    this.depth--;
    await this.run(connection, `rollback to savepoint ${name}`);
    await this.run(connection, `release savepoint ${name}`);
  }

  savepoint(...[connection, name, compile]: Parameters<NonNullable<Driver['savepoint']>>): Promise<void> {
    return this.inner.savepoint!(this.unwrap(connection), name, compile);
  }

  rollbackToSavepoint(
    ...[connection, name, compile]: Parameters<NonNullable<Driver['rollbackToSavepoint']>>
  ): Promise<void> {
    return this.inner.rollbackToSavepoint!(this.unwrap(connection), name, compile);
  }

  releaseSavepoint(
    ...[connection, name, compile]: Parameters<NonNullable<Driver['releaseSavepoint']>>
  ): Promise<void> {
    return this.inner.releaseSavepoint!(this.unwrap(connection), name, compile);
  }

  async destroy(): Promise<void> {
    // The worker's shared PGlite outlives every test file's database.
    if (this.options.closeInner) await this.inner.destroy();
  }

  /** Opens the test transaction. */
  async beginTest(): Promise<void> {
    await this.withConnection((c) => c.executeQuery(rawQuery('begin')));
    this.open = true;
    this.depth = 0;
  }

  /**
   * Rolls the test transaction back, application savepoints included. Returns how many
   * application transactions were still open (work the test did not await).
   */
  async rollbackTest(): Promise<number> {
    const leftOpen = this.depth;
    this.open = false;
    this.depth = 0;
    await this.withConnection((c) => c.executeQuery(rawQuery('rollback')));
    return leftOpen;
  }

  private async withConnection<R>(fn: (connection: DatabaseConnection) => Promise<R>): Promise<R> {
    const connection = await this.inner.acquireConnection();
    try {
      return await fn(connection);
    } finally {
      await this.inner.releaseConnection(connection);
    }
  }

  private async run(connection: DatabaseConnection, text: string): Promise<void> {
    await this.unwrap(connection).executeQuery(rawQuery(text));
  }

  private wrap(inner: DatabaseConnection): DatabaseConnection {
    const outer: DatabaseConnection = {
      executeQuery: <R>(query: Parameters<DatabaseConnection['executeQuery']>[0]): Promise<QueryResult<R>> =>
        !this.open || this.depth > 0
          ? inner.executeQuery<R>(query)
          : this.statementInSavepoint<R>(inner, query),
      streamQuery: <R>(
        ...args: Parameters<DatabaseConnection['streamQuery']>
      ): AsyncIterableIterator<QueryResult<R>> => inner.streamQuery<R>(...args),
    };
    this.connections.set(outer, inner);
    return outer;
  }

  private unwrap(connection: DatabaseConnection): DatabaseConnection {
    return this.connections.get(connection) ?? connection;
  }

  private async statementInSavepoint<R>(
    inner: DatabaseConnection,
    query: Parameters<DatabaseConnection['executeQuery']>[0],
  ): Promise<QueryResult<R>> {
    await inner.executeQuery(rawQuery('savepoint tenon_test_stmt'));
    try {
      const result = await inner.executeQuery<R>(query);
      await inner.executeQuery(rawQuery('release savepoint tenon_test_stmt'));
      return result;
    } catch (error) {
      await inner.executeQuery(rawQuery('rollback to savepoint tenon_test_stmt'));
      await inner.executeQuery(rawQuery('release savepoint tenon_test_stmt'));
      throw error;
    }
  }
}
