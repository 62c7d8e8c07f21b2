import type {
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
  TransactionSettings,
} from 'kysely';

type CompileQuery = QueryCompiler['compileQuery'];

/**
 * A dialect whose driver is `map(the inner dialect's driver)`. Delegation, not `Object.create`:
 * Kysely's dialects and drivers keep their state in `#private` fields, which only the original
 * object can read.
 */
export function mapDriver(inner: Dialect, map: (driver: Driver) => Driver): Dialect {
  return {
    createDriver: () => map(inner.createDriver()),
    createAdapter: (): DialectAdapter => inner.createAdapter(),
    createQueryCompiler: (): QueryCompiler => inner.createQueryCompiler(),
    // Kysely's own signature takes Kysely<any>.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    createIntrospector: (db: Kysely<any>): DatabaseIntrospector => inner.createIntrospector(db),
  };
}

/** A driver that hands every call to `inner`: the base of those that change one or two. */
export class DelegatingDriver implements Driver {
  constructor(protected readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return this.inner.acquireConnection();
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  savepoint(connection: DatabaseConnection, name: string, compile: CompileQuery): Promise<void> {
    return this.inner.savepoint!(connection, name, compile);
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: CompileQuery): Promise<void> {
    return this.inner.rollbackToSavepoint!(connection, name, compile);
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: CompileQuery): Promise<void> {
    return this.inner.releaseSavepoint!(connection, name, compile);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/**
 * The driver of an engine the caller started and still owns (`pglite` in the connection
 * options): everything is delegated except `destroy`, so `Database.close()` leaves it running.
 */
export class BorrowedEngineDriver extends DelegatingDriver {
  override destroy(): Promise<void> {
    return Promise.resolve();
  }
}
