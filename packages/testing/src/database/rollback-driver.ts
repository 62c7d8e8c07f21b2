import type { CompiledQuery, DatabaseConnection, Driver, QueryResult, TransactionSettings } from 'kysely';
import { rawQuery } from './raw-query';

/** What the test transaction looks like from outside, for TestDatabase and its errors. */
export interface TestTransactionState {
  /** A test transaction is open: everything runs inside it. */
  readonly open: boolean;
  /** Application transactions open inside it (each one a savepoint). */
  readonly depth: number;
}

/** How a RollbackDriver reaches its database beyond the wrapped driver. */
export interface RollbackDriverOptions {
  /** Close the wrapped driver in destroy() (false for the worker's shared PGlite). */
  closeInner: boolean;
  /**
   * Runs the bookkeeping statements (one or several) in one round trip (the simple query
   * protocol), in turn with the database's other statements; without it they go through the
   * connection.
   */
  exec?: (sql: string) => Promise<void>;
  /**
   * The connection takes several statements in one parameterless query (node-postgres sends
   * those with the simple protocol): bookkeeping then costs one round trip, not one per statement.
   */
  multiStatement?: boolean;
  /**
   * The database library was loaded outside the test file's realm (the worker's shared PGlite,
   * loaded once by Node's own require): its `instanceof Date` does not recognise the file's dates,
   * so Date parameters are sent as the ISO strings the library itself would make of them.
   */
  foreignRealm?: boolean;
  /**
   * Runs parameterless statements and then a query in one call to the database when the
   * connection can (@tenon/data's `executeWithPrelude`), or returns undefined: the savepoint
   * that follows the test's writes then moves in the same call as the next statement.
   */
  prelude?: <R>(
    connection: DatabaseConnection,
    prelude: string,
    query: CompiledQuery,
  ) => Promise<QueryResult<R>> | undefined;
}

function isoDates(query: CompiledQuery): CompiledQuery {
  const { parameters } = query;
  let copy: unknown[] | undefined;
  for (let i = 0; i < parameters.length; i++) {
    const value = parameters[i];
    if (Object.prototype.toString.call(value) === '[object Date]') {
      copy ??= [...parameters];
      copy[i] = (value as Date).toISOString();
    }
  }
  return copy === undefined ? query : { ...query, parameters: copy };
}

// The savepoint kept just before the next statement outside application transactions: a failing
// statement rolls back to it. After a write it is behind, and moves up with the next statement.
const STATEMENT_SAVEPOINT = 'tenon_test_stmt';
const MOVE_SAVEPOINT = [`release savepoint ${STATEMENT_SAVEPOINT}`, `savepoint ${STATEMENT_SAVEPOINT}`];
const MOVE_SAVEPOINT_SQL = MOVE_SAVEPOINT.map((s) => `${s};`).join(' ');
const BEGIN_TEST = ['begin', `savepoint ${STATEMENT_SAVEPOINT}`];

/** Statements that cannot change data: the savepoint does not fall behind them. */
const READ_ONLY = /^\s*(select|show|explain|values)\b/i;

/**
 * Wraps a Kysely driver whose database has a single connection (PGlite, or a PostgreSQL pool of
 * one) so that a whole test can run inside one transaction that is rolled back at its end:
 *
 * - `beginTest()` opens the transaction on the connection; `rollbackTest()` rolls it back.
 * - While it is open, the application's transactions become savepoints (`begin` → `savepoint`,
 *   `commit` → `release savepoint`, `rollback` → `rollback to savepoint`), so `@Transactional`,
 *   propagation and rollback-on-error behave as in production, inside the test's transaction.
 * - A statement run outside any application transaction that fails (a unique violation the test
 *   expects) is undone alone instead of aborting the test's transaction, as autocommit does in
 *   production (psql's ON_ERROR_ROLLBACK does the same). A savepoint kept just before the next
 *   statement makes that possible. It moves lazily: a write leaves it behind, and the next
 *   statement moves it first, in the same call where the connection allows (PGlite), so a test
 *   pays no call of its own for it and nothing after its last write.
 */
export class RollbackDriver implements Driver {
  private open = false;
  private depth = 0;
  /** The next test's transaction, opened by `rollbackTestAndBeginNext()` and not yet adopted. */
  private ahead = false;
  /** Writes ran since the statement savepoint was set: it must move before the next statement. */
  private savepointBehind = false;
  private readonly connections = new WeakMap<DatabaseConnection, DatabaseConnection>();
  /** Connections acquired and not yet released (at most one: the database has one connection). */
  private readonly held = new Set<DatabaseConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly options: RollbackDriverOptions,
  ) {}

  get state(): TestTransactionState {
    return { open: this.open, depth: this.depth };
  }

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    this.held.add(connection);
    return this.wrap(connection);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    const inner = this.unwrap(connection);
    this.held.delete(inner);
    return this.inner.releaseConnection(inner);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    if (this.ahead) await this.closeAhead(this.unwrap(connection));
    if (!this.open) return this.inner.beginTransaction(this.unwrap(connection), settings);
    // Isolation level and access mode cannot change inside a transaction: a savepoint keeps the
    // test transaction's (read committed, read-write).
    this.depth++;
    await this.run(connection, [`savepoint tenon_test_tx_${this.depth}`]);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.open) return this.inner.commitTransaction(this.unwrap(connection));
    const name = `tenon_test_tx_${this.depth}`;
    this.depth--;
    await this.run(connection, [`release savepoint ${name}`]);
    // The committed work now lies after the statement savepoint.
    if (this.depth === 0) this.savepointBehind = true;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.open) return this.inner.rollbackTransaction(this.unwrap(connection));
    const name = `tenon_test_tx_${this.depth}`;
    this.depth--;
    await this.run(connection, [`rollback to savepoint ${name}`, `release savepoint ${name}`]);
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

  /** Opens the test transaction (or adopts the one `rollbackTestAndBeginNext()` opened). */
  async beginTest(): Promise<void> {
    if (this.ahead) {
      this.ahead = false;
    } else {
      await this.withConnection((c) => this.run(c, BEGIN_TEST));
    }
    this.open = true;
    this.depth = 0;
    this.savepointBehind = false;
  }

  /**
   * Rolls the test transaction back, application savepoints included. Returns how many
   * application transactions were still open (work the test did not await).
   */
  async rollbackTest(): Promise<number> {
    const leftOpen = this.endTest();
    await this.withConnection((c) => this.run(c, ['rollback']));
    return leftOpen;
  }

  /**
   * `rollbackTest()`, and the next test's transaction opened in the same round trip, for
   * `beginTest()` to adopt: one bookkeeping call between two tests instead of two. Until then
   * nothing runs in it: the first statement or transaction that comes before `beginTest()` (a
   * `beforeAll` of the next describe block, an `afterEach` declared after the test database's)
   * rolls it back first and runs outside any test transaction, as without it.
   */
  async rollbackTestAndBeginNext(): Promise<number> {
    const leftOpen = this.endTest();
    await this.withConnection((c) => this.run(c, ['rollback', ...BEGIN_TEST]));
    this.ahead = true;
    return leftOpen;
  }

  /** Forgets the test transaction's state; returns how many application transactions were open. */
  private endTest(): number {
    const leftOpen = this.depth;
    this.open = false;
    this.depth = 0;
    this.ahead = false;
    this.savepointBehind = false;
    return leftOpen;
  }

  /** Rolls back a transaction `rollbackTestAndBeginNext()` opened that no test adopted. */
  async discardNext(): Promise<void> {
    if (this.ahead) await this.withConnection((c) => this.closeAhead(c));
  }

  private closeAhead(connection: DatabaseConnection): Promise<void> {
    this.ahead = false;
    return this.run(connection, ['rollback']);
  }

  private async withConnection<R>(fn: (connection: DatabaseConnection) => Promise<R>): Promise<R> {
    // A transaction the test did not await may still hold the only connection (a PostgreSQL pool
    // of one would make us wait for it forever): the test transaction is on that connection, so
    // it is ended there.
    const held = this.held.values().next().value;
    if (held !== undefined) return fn(held);
    const connection = await this.inner.acquireConnection();
    try {
      return await fn(connection);
    } finally {
      await this.inner.releaseConnection(connection);
    }
  }

  /** Runs bookkeeping statements: in one round trip when the database allows it. */
  private async run(connection: DatabaseConnection, statements: readonly string[]): Promise<void> {
    const text = statements.map((s) => `${s};`).join(' ');
    if (this.options.exec) return this.options.exec(text);
    const inner = this.unwrap(connection);
    if (this.options.multiStatement) {
      await inner.executeQuery(rawQuery(text));
      return;
    }
    for (const statement of statements) await inner.executeQuery(rawQuery(statement));
  }

  private wrap(inner: DatabaseConnection): DatabaseConnection {
    const convert = this.options.foreignRealm === true ? isoDates : (query: CompiledQuery) => query;
    const execute = <R>(query: CompiledQuery): Promise<QueryResult<R>> =>
      !this.open || this.depth > 0
        ? inner.executeQuery<R>(convert(query))
        : this.autocommitStatement<R>(inner, convert(query));
    const outer: DatabaseConnection = {
      executeQuery: <R>(query: CompiledQuery): Promise<QueryResult<R>> =>
        this.ahead ? this.closeAhead(inner).then(() => execute<R>(query)) : execute<R>(query),
      streamQuery: <R>(
        ...args: Parameters<DatabaseConnection['streamQuery']>
      ): AsyncIterableIterator<QueryResult<R>> =>
        this.ahead ? this.streamAfterClosingAhead<R>(inner, args) : inner.streamQuery<R>(...args),
    };
    this.connections.set(outer, inner);
    return outer;
  }

  private async *streamAfterClosingAhead<R>(
    inner: DatabaseConnection,
    args: Parameters<DatabaseConnection['streamQuery']>,
  ): AsyncIterableIterator<QueryResult<R>> {
    await this.closeAhead(inner);
    yield* inner.streamQuery<R>(...args);
  }

  private unwrap(connection: DatabaseConnection): DatabaseConnection {
    return this.connections.get(connection) ?? connection;
  }

  private async autocommitStatement<R>(
    inner: DatabaseConnection,
    query: Parameters<DatabaseConnection['executeQuery']>[0],
  ): Promise<QueryResult<R>> {
    let result: QueryResult<R>;
    try {
      result = await (this.savepointBehind
        ? this.afterMovingSavepoint<R>(inner, query)
        : inner.executeQuery<R>(query));
    } catch (error) {
      await this.run(inner, [`rollback to savepoint ${STATEMENT_SAVEPOINT}`]);
      throw error;
    }
    if (!READ_ONLY.test(query.sql)) this.savepointBehind = true;
    return result;
  }

  /** Moves the savepoint up to the statement and runs it: one call where the connection allows. */
  private afterMovingSavepoint<R>(inner: DatabaseConnection, query: CompiledQuery): Promise<QueryResult<R>> {
    this.savepointBehind = false;
    return (
      this.options.prelude?.<R>(inner, MOVE_SAVEPOINT_SQL, query) ??
      this.run(inner, MOVE_SAVEPOINT).then(() => inner.executeQuery<R>(query))
    );
  }
}
