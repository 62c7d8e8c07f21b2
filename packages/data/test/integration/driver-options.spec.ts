import 'reflect-metadata';
import { PGlite } from '@electric-sql/pglite';
import { Database, DataError, TransactionManager } from '@tenon/data';
import type { CompiledQuery, DatabaseConnection, Driver, QueryResult, TransactionSettings } from 'kysely';

/** Records the transaction calls it forwards; can be told to fail statements like a dying server. */
class RecordingDriver implements Driver {
  readonly calls: string[] = [];
  failNextWith: Error | undefined;

  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    return {
      executeQuery: <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        const failure = this.failNextWith;
        this.failNextWith = undefined;
        return failure ? Promise.reject(failure) : connection.executeQuery<R>(query);
      },
      streamQuery: <R>(query: CompiledQuery, chunkSize: number) =>
        connection.streamQuery<R>(query, chunkSize),
    };
  }

  // The wrapped connection is not the driver's own, so transaction calls run as plain SQL.
  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    this.calls.push('begin');
    await connection.executeQuery({ sql: 'begin', parameters: [] } as unknown as CompiledQuery);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    this.calls.push('commit');
    await connection.executeQuery({ sql: 'commit', parameters: [] } as unknown as CompiledQuery);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    this.calls.push('rollback');
    await connection.executeQuery({ sql: 'rollback', parameters: [] } as unknown as CompiledQuery);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(connection);
  }

  async destroy(): Promise<void> {
    this.calls.push('destroy');
    await this.inner.destroy();
  }
}

describe('a PGlite started by the caller, and a wrapped driver', () => {
  let pglite: PGlite;

  beforeAll(async () => {
    pglite = await PGlite.create();
    await pglite.exec('create table notes (id integer primary key, body text not null)');
  }, 30_000);

  afterAll(async () => {
    await pglite.close();
  });

  it('uses the given instance, and close() leaves it open for its owner', async () => {
    await pglite.exec(`insert into notes values (1, 'from the owner')`);
    const database = await Database.connect({ url: 'pglite://memory', pglite });
    expect(await database.kysely.selectFrom('notes').select(['body']).execute()).toEqual([
      { body: 'from the owner' },
    ]);
    await database.close();
    expect(pglite.closed).toBe(false);
    expect((await pglite.query('select count(*)::int as n from notes')).rows).toEqual([{ n: 1 }]);
    await pglite.exec('delete from notes');
  });

  it('refuses the pglite option with another dialect', () => {
    expect(() => new Database({ url: 'postgres://app@127.0.0.1:5432/shop', pglite })).toThrow(
      expect.objectContaining({
        code: 'TENON_DATA_INVALID_URL',
        message:
          'The database URL "postgres://app@127.0.0.1:5432/shop" cannot be used: the pglite option (an already-started PGlite) needs a pglite:// URL. Use one of pglite://memory, pglite://<folder>, postgres://user:password@host:5432/db, mysql://user:password@host:3306/db, sqlite://<file>.',
      }) as Error,
    );
  });

  it('routes transactions through wrapDriver, inside the guard that translates driver errors', async () => {
    let recording: RecordingDriver | undefined;
    const database = await Database.connect({
      url: 'pglite://memory',
      pglite,
      wrapDriver: (driver) => (recording = new RecordingDriver(driver)),
    });
    await database.transactions.run(async () => {
      await database.executor().insertInto('notes').values({ id: 2, body: 'kept' }).execute();
    });
    await database.transactions
      .run(async () => {
        await database.executor().insertInto('notes').values({ id: 3, body: 'undone' }).execute();
        throw new Error('undo');
      })
      .catch(() => undefined);
    expect(recording!.calls).toEqual(['begin', 'commit', 'begin', 'rollback']);
    expect(await database.kysely.selectFrom('notes').select(['id']).execute()).toEqual([{ id: 2 }]);

    // The guard sits outside the wrapper: a failure the wrapper reports is still translated.
    recording!.failNextWith = Object.assign(
      new Error('terminating connection due to administrator command'),
      {
        code: '57P01',
      },
    );
    const lost = await database.kysely
      .selectFrom('notes')
      .selectAll()
      .execute()
      .catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(DataError);
    expect((lost as DataError).code).toBe('TENON_DATA_CONNECTION_LOST');
    expect(lost).toMatchObject({ status: 503 });

    await database.close();
    expect(recording!.calls.at(-1)).toBe('destroy');
    expect(pglite.closed).toBe(false);
    await pglite.exec('delete from notes');
  });
});

describe('TransactionManager default registrations', () => {
  const open: Database[] = [];
  const manager = () => {
    // Not connected: a manager needs no connection until it runs something.
    const database = new Database({ url: 'postgres://app@127.0.0.1:1/none' });
    open.push(database);
    return database.transactions;
  };

  afterEach(async () => {
    TransactionManager.setDefault(undefined);
    await Promise.all(open.splice(0).map((d) => d.close()));
  });

  it('stacks registrations: clearing one gives the default back to the most recent remaining', () => {
    const first = manager();
    const second = manager();
    TransactionManager.setDefault(first);
    TransactionManager.setDefault(second);
    expect(TransactionManager.getDefault()).toBe(second);
    TransactionManager.clearDefault(second);
    expect(TransactionManager.getDefault()).toBe(first);
    TransactionManager.clearDefault(second); // not registered any more: nothing happens
    expect(TransactionManager.getDefault()).toBe(first);
    TransactionManager.clearDefault(first);
    expect(TransactionManager.getDefault()).toBeUndefined();
  });

  it('removes the registered manager even when it is not the most recent one', () => {
    const first = manager();
    const second = manager();
    TransactionManager.setDefault(first);
    TransactionManager.setDefault(second);
    TransactionManager.clearDefault(first);
    expect(TransactionManager.getDefault()).toBe(second);
    TransactionManager.clearDefault(second);
    expect(TransactionManager.getDefault()).toBeUndefined();
  });

  it('counts each registration of a shared manager (two applications on one Database)', () => {
    const shared = manager();
    const other = manager();
    TransactionManager.setDefault(shared); // the long-lived application
    TransactionManager.setDefault(other);
    TransactionManager.setDefault(shared); // a second application on the same Database
    TransactionManager.clearDefault(shared); // the second application closes
    expect(TransactionManager.getDefault()).toBe(other);
    TransactionManager.clearDefault(other);
    expect(TransactionManager.getDefault()).toBe(shared); // the first still has its manager
  });

  it('setDefault(undefined) drops every registration', () => {
    TransactionManager.setDefault(manager());
    TransactionManager.setDefault(manager());
    TransactionManager.setDefault(undefined);
    expect(TransactionManager.getDefault()).toBeUndefined();
  });
});
