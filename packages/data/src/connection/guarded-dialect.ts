import type { AsyncLocalStorage } from 'node:async_hooks';
import type {
  CompiledQuery,
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import { databaseClosed, type ConnectionTarget } from '../errors/connection.errors';
import { singleConnectionDeadlock } from '../errors/transaction.errors';
import { flowOwns, type TransactionFlow } from '../transaction/transaction-flow';
import type { ConnectionGate } from './connection-gate';
import { translateConnectError, translateQueryError } from './driver-errors';
import { AcquireFailure, isDirectDriver } from './postgres-direct-driver';

type CompileQuery = QueryCompiler['compileQuery'];

/** What the guard needs to know about its database. */
export interface DriverGuardContext {
  readonly target: ConnectionTarget;
  readonly flows: AsyncLocalStorage<TransactionFlow>;
  /** Present on single-connection engines only. */
  readonly gate: ConnectionGate | undefined;
  isClosed(): boolean;
}

/**
 * Wraps a Kysely dialect so that every driver call (1) turns connection failures into coded
 * errors naming the host, (2) on single-connection engines waits its turn for the connection,
 * or throws instead of deadlocking when the current flow's own transaction holds it.
 */
export class GuardedDialect implements Dialect {
  private driver: GuardedDriver | undefined;

  constructor(
    private readonly inner: Dialect,
    private readonly context: DriverGuardContext,
  ) {}

  createDriver(): Driver {
    this.driver = new GuardedDriver(this.inner.createDriver(), this.context);
    return this.driver;
  }

  /**
   * Runs a compiled statement on the driver directly, once Kysely has initialised it (connected):
   * the same acquire, error translation and release as through Kysely, with fewer promises.
   */
  run<R>(compiled: CompiledQuery): Promise<QueryResult<R>> | undefined {
    const driver = this.driver;
    return driver !== undefined && driver.initialized ? driver.run<R>(compiled) : undefined;
  }

  createQueryCompiler(): QueryCompiler {
    return this.inner.createQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    const adapter = this.inner.createAdapter();
    if (this.context.gate === undefined) return adapter;
    // Kysely serialises single-connection engines with its own mutex, taken before the driver
    // is asked for the connection. Our gate replaces it: it does the same queueing, and also
    // knows which async flow holds the connection, so it throws instead of waiting for itself.
    return Object.create(adapter, { supportsMultipleConnections: { get: () => true } }) as DialectAdapter;
  }

  // Kysely's own signature takes Kysely<any>.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return this.inner.createIntrospector(db);
  }
}

class GuardedDriver implements Driver {
  // One guarded wrapper per driver connection, made once: pooled connections are reused, and a
  // new wrapper per query would cost an allocation and make Kysely set up each one again.
  private readonly guarded = new WeakMap<DatabaseConnection, GuardedConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly context: DriverGuardContext,
  ) {}

  initialized = false;

  async init(): Promise<void> {
    try {
      await this.inner.init();
      this.initialized = true;
    } catch (error) {
      throw translateConnectError(error, this.context.target);
    }
  }

  run<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { inner, context } = this;
    if (context.gate === undefined && isDirectDriver(inner)) {
      if (context.isClosed()) return Promise.reject(databaseClosed(context.target));
      return inner.runDirect<R>(compiled).catch((error: unknown) => {
        throw error instanceof AcquireFailure
          ? translateConnectError(error.cause, context.target)
          : translateQueryError(error, context.target);
      });
    }
    return this.acquireConnection().then((connection) => {
      let running: Promise<QueryResult<R>>;
      try {
        running = connection.executeQuery<R>(compiled);
      } catch (error) {
        running = Promise.reject(error as Error);
      }
      return running.then(
        (result) => this.releaseConnection(connection).then(() => result),
        (error: unknown) =>
          this.releaseConnection(connection).then(
            () => Promise.reject(error as Error),
            () => Promise.reject(error as Error),
          ),
      );
    });
  }

  // Not async, like releaseConnection and GuardedConnection.executeQuery: every query passes
  // here, and each async frame adds promises (which also pay the promise hooks that an
  // AsyncLocalStorage, such as the request context, turns on).
  acquireConnection(): Promise<DatabaseConnection> {
    const { gate, flows, target } = this.context;
    if (this.context.isClosed()) return Promise.reject(databaseClosed(target));
    if (gate === undefined) return this.acquireInner();
    const flow = flows.getStore();
    const holder = gate.current;
    if (holder !== undefined && flow !== undefined && flowOwns(flow, holder)) {
      return Promise.reject(
        singleConnectionDeadlock(
          target.dialect,
          flow.acquiringFor !== undefined
            ? 'A new transaction (REQUIRES_NEW) was started'
            : 'A query ran outside the open transaction (through the root executor or a suspended context)',
        ),
      );
    }
    const waiting = gate.acquire(flow?.acquiringFor ?? {});
    return waiting === undefined ? this.acquireInner() : waiting.then(() => this.acquireInner());
  }

  private acquireInner(): Promise<DatabaseConnection> {
    const fail = (error: unknown): never => {
      this.context.gate?.release();
      throw translateConnectError(error, this.context.target);
    };
    let acquiring: Promise<DatabaseConnection>;
    try {
      acquiring = this.inner.acquireConnection();
    } catch (error) {
      return Promise.reject(error).catch(fail);
    }
    return acquiring.then((connection) => this.guard(connection), fail);
  }

  private guard(connection: DatabaseConnection): GuardedConnection {
    let guarded = this.guarded.get(connection);
    if (guarded === undefined) {
      guarded = new GuardedConnection(connection, this.context.target);
      this.guarded.set(connection, guarded);
    }
    return guarded;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await this.call(() => this.inner.beginTransaction(this.unwrap(connection), settings));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.call(() => this.inner.commitTransaction(this.unwrap(connection)));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await this.call(() => this.inner.rollbackTransaction(this.unwrap(connection)));
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: CompileQuery): Promise<void> {
    await this.call(() => this.inner.savepoint!(this.unwrap(connection), name, compile));
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: CompileQuery,
  ): Promise<void> {
    await this.call(() => this.inner.rollbackToSavepoint!(this.unwrap(connection), name, compile));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: CompileQuery): Promise<void> {
    await this.call(() => this.inner.releaseSavepoint!(this.unwrap(connection), name, compile));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    const { gate } = this.context;
    let releasing: Promise<void>;
    try {
      releasing = this.inner.releaseConnection(this.unwrap(connection));
    } catch (error) {
      gate?.release();
      return Promise.reject(error);
    }
    if (gate === undefined) return releasing;
    return releasing.then(
      () => gate.release(),
      (error: unknown) => {
        gate.release();
        throw error;
      },
    );
  }

  async destroy(): Promise<void> {
    await this.inner.destroy();
  }

  private unwrap(connection: DatabaseConnection): DatabaseConnection {
    return connection instanceof GuardedConnection ? connection.inner : connection;
  }

  private async call(fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (error) {
      throw translateQueryError(error, this.context.target);
    }
  }
}

class GuardedConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly target: ConnectionTarget,
  ) {}

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    let running: Promise<QueryResult<R>>;
    try {
      running = this.inner.executeQuery<R>(compiledQuery);
    } catch (error) {
      return Promise.reject(translateQueryError(error, this.target));
    }
    return running.then(undefined, (error: unknown) => {
      throw translateQueryError(error, this.target);
    });
  }

  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize: number,
  ): AsyncIterableIterator<QueryResult<R>> {
    try {
      yield* this.inner.streamQuery<R>(compiledQuery, chunkSize);
    } catch (error) {
      throw translateQueryError(error, this.target);
    }
  }
}
