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
  constructor(
    private readonly inner: Dialect,
    private readonly context: DriverGuardContext,
  ) {}

  createDriver(): Driver {
    return new GuardedDriver(this.inner.createDriver(), this.context);
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
  // Drivers keep private state on their own connection objects, so they get the inner one back.
  private readonly inners = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly context: DriverGuardContext,
  ) {}

  async init(): Promise<void> {
    try {
      await this.inner.init();
    } catch (error) {
      throw translateConnectError(error, this.context.target);
    }
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const { gate, flows, target } = this.context;
    if (this.context.isClosed()) throw databaseClosed(target);
    if (gate !== undefined) {
      const flow = flows.getStore();
      const holder = gate.current;
      if (holder !== undefined && flow !== undefined && flowOwns(flow, holder)) {
        throw singleConnectionDeadlock(
          target.dialect,
          flow.acquiringFor !== undefined
            ? 'A new transaction (REQUIRES_NEW) was started'
            : 'A query ran outside the open transaction (through the root executor or a suspended context)',
        );
      }
      await gate.acquire(flow?.acquiringFor ?? {});
    }
    try {
      const connection = await this.inner.acquireConnection();
      const guarded = new GuardedConnection(connection, target);
      this.inners.set(guarded, connection);
      return guarded;
    } catch (error) {
      gate?.release();
      throw translateConnectError(error, target);
    }
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

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.releaseConnection(this.unwrap(connection));
    } finally {
      this.context.gate?.release();
    }
  }

  async destroy(): Promise<void> {
    await this.inner.destroy();
  }

  private unwrap(connection: DatabaseConnection): DatabaseConnection {
    return this.inners.get(connection) ?? connection;
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
    private readonly inner: DatabaseConnection,
    private readonly target: ConnectionTarget,
  ) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(compiledQuery);
    } catch (error) {
      throw translateQueryError(error, this.target);
    }
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
