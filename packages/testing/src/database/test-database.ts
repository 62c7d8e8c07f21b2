import type { Type } from '@tenon/core';
import type { Database, QueryLogEvent } from '@tenon/data';
import type { Driver } from 'kysely';
import {
  DatabaseNotStartedError,
  NoTestRunnerError,
  TestTransactionOpenError,
  TransactionLeftOpenError,
} from '../errors/database.errors';
import { loadPeer } from '../util/load-peer';
import { pgliteSimpleQuery } from './pglite-simple-query';
import { RollbackDriver } from './rollback-driver';
import { schemaKey } from './schema-key';
import { resolveTarget, type TestTarget } from './test-database-target';
import { workerSingleton } from './worker-registry';

type DataModule = typeof import('@tenon/data');

/** Options of `TestDatabase.setup()` / `TestDatabase.create()`. */
export interface TestDatabaseOptions {
  /** Tables to create from these entities (once per worker). */
  entities?: Type[];
  /** Migrations to run (once per worker), before tables are created from `entities`. */
  migrationsFolder?: string;
  /**
   * A PostgreSQL server to use instead of the embedded PGlite; each worker gets its own database
   * on it. Default: `TENON_TEST_POSTGRES_URL` when set. `false` always uses PGlite.
   */
  postgresUrl?: string | false;
  /** Called after every statement, like `DataModule`'s `log`. */
  log?: (event: QueryLogEvent) => void;
  /** Time limit of the `beforeAll` that starts the database (default 120 s: PGlite's first start). */
  startTimeout?: number;
}

type Hook = (fn: () => Promise<void>, timeout?: number) => void;

/**
 * A real database for tests, fast enough for every test: each jest worker starts one embedded
 * PGlite (or uses one database of its own on a PostgreSQL server) and creates the schema once;
 * every test then runs inside a transaction that is rolled back when it ends, so tests never see
 * each other's rows, in any order. The application's own transactions (`@Transactional`,
 * `TransactionManager.run`) become savepoints inside the test's transaction and behave as in
 * production.
 *
 * @example
 * const db = TestDatabase.setup({ entities: [Todo] });
 *
 * it('saves a todo', async () => {
 *   const todos = db.database.repository(TodoRepository);
 *   await todos.save({ title: 'write tests' });
 *   expect(await todos.count()).toBe(1); // and 0 again in the next test
 * });
 *
 * // with the application's modules: the app uses the test database instead of its own
 * const app = await Test.createTestingModule({ imports: [AppModule] })
 *   .overrideProvider(Database).useValue(db.database)
 *   .createHttpApplication();
 */
export class TestDatabase {
  private real?: Database;
  private view?: Database;
  private driver?: RollbackDriver;
  private target?: TestTarget;
  private data?: DataModule;
  private stopped = false;

  private constructor(private readonly options: TestDatabaseOptions) {}

  /**
   * A test database whose lifecycle you drive: `start()` in `beforeAll`, `begin()` in
   * `beforeEach`, `rollback()` in `afterEach`, `stop()` in `afterAll`.
   *
   * @example
   * const db = TestDatabase.create({ entities: [Todo] });
   * beforeAll(() => db.start());
   * beforeEach(() => db.begin());
   * afterEach(() => db.rollback());
   * afterAll(() => db.stop());
   */
  static create(options: TestDatabaseOptions = {}): TestDatabase {
    return new TestDatabase(options);
  }

  /**
   * Creates a test database and registers its jest hooks in the current file (or describe
   * block): start in `beforeAll`, a transaction per test rolled back in `afterEach`, stop in
   * `afterAll`.
   *
   * @example
   * const db = TestDatabase.setup({ entities: [Todo, User] });
   */
  static setup(options: TestDatabaseOptions = {}): TestDatabase {
    const hooks = globalThis as unknown as Record<
      'beforeAll' | 'beforeEach' | 'afterEach' | 'afterAll',
      Hook | undefined
    >;
    for (const name of ['beforeAll', 'beforeEach', 'afterEach', 'afterAll'] as const) {
      if (typeof hooks[name] !== 'function') throw new NoTestRunnerError(name);
    }
    const db = new TestDatabase(options);
    hooks.beforeAll!(() => db.start().then(() => undefined), options.startTimeout ?? 120_000);
    hooks.beforeEach!(() => db.begin());
    // One call between two tests: the rollback also opens the next test's transaction.
    hooks.afterEach!(() => db.rollback({ beginNext: true }));
    hooks.afterAll!(() => db.stop());
    return db;
  }

  /**
   * The database, for repositories (`db.database.repository(TodoRepository)`) and for
   * `overrideProvider(Database).useValue(db.database)`. Applications cannot close it: their
   * shutdown leaves it open for the next test; `stop()` closes it.
   */
  get database(): Database {
    if (!this.view) throw new DatabaseNotStartedError('use the database', this.stopped);
    return this.view;
  }

  /** `pglite` or `postgres`, once started. */
  get dialect(): 'pglite' | 'postgres' {
    if (!this.target) throw new DatabaseNotStartedError('read the dialect', this.stopped);
    return this.target.dialect;
  }

  /** True while a test transaction is open. */
  get inTestTransaction(): boolean {
    return this.driver?.state.open === true;
  }

  /**
   * Connects to the worker's database (starting it on the worker's first use) and creates the
   * schema (on the first use of this schema in the worker).
   */
  async start(): Promise<Database> {
    if (this.view) return this.view;
    if (this.stopped) throw new DatabaseNotStartedError('start', true);
    const data = loadPeer<DataModule>('@tenon/data', 'TestDatabase');
    const serverUrl =
      this.options.postgresUrl === false
        ? undefined
        : (this.options.postgresUrl ?? process.env.TENON_TEST_POSTGRES_URL);
    const target = await resolveTarget(data, serverUrl || undefined);
    const real = await data.Database.connect({
      url: target.url,
      ...(target.dialect === 'pglite' ? { pglite: target.pglite } : { pool: { max: 1, idleTimeoutMs: 0 } }),
      wrapDriver: (driver: Driver) =>
        (this.driver = new RollbackDriver(driver, {
          // @tenon/data leaves a PGlite it was given open; a pool of its own it closes.
          closeInner: true,
          prelude: data.executeWithPrelude,
          ...(target.pglite
            ? { exec: pgliteSimpleQuery(target.pglite), foreignRealm: true }
            : { multiStatement: true }),
        })),
      ...(this.options.log ? { log: this.options.log } : {}),
    });
    try {
      await this.createSchema(data, real, target);
    } catch (error) {
      await real.close();
      throw error;
    }
    this.real = real;
    this.target = target;
    // @Transactional() methods find their manager here; DataModule does the same at boot.
    this.data = data;
    data.TransactionManager.setDefault(real.transactions);
    // Applications close the Database they are given at shutdown; this view ignores that, so one
    // test database serves every application a test file builds.
    this.view = Object.create(real, { close: { value: () => Promise.resolve() } }) as Database;
    return this.view;
  }

  /** Opens the test transaction: everything until `rollback()` is undone then. */
  async begin(): Promise<void> {
    const driver = this.started('begin a test transaction');
    if (driver.state.open) throw new TestTransactionOpenError();
    await driver.beginTest();
  }

  /**
   * Rolls the test transaction back. Fails (after rolling back) when the test left application
   * transactions open, which means it did not await them.
   *
   * With `beginNext`, the next test's transaction is opened in the same call, for the next
   * `begin()` to take over (`setup()`'s `afterEach` does this); a statement that runs before that
   * `begin()` rolls it back first and runs outside any test transaction, as it would without.
   */
  async rollback(options: { beginNext?: boolean } = {}): Promise<void> {
    const driver = this.started('roll back the test transaction');
    if (!driver.state.open) return;
    const leftOpen = await (options.beginNext ? driver.rollbackTestAndBeginNext() : driver.rollbackTest());
    if (leftOpen > 0) throw new TransactionLeftOpenError(leftOpen);
  }

  /** Closes this file's connection; the worker's PGlite stays up for the next file. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const real = this.real;
    this.real = this.view = undefined;
    if (!real) return;
    if (this.driver?.state.open) await this.driver.rollbackTest();
    else await this.driver?.discardNext();
    this.data?.TransactionManager.clearDefault(real.transactions);
    await real.close();
  }

  private started(operation: string): RollbackDriver {
    if (!this.view || !this.driver) throw new DatabaseNotStartedError(operation, this.stopped);
    return this.driver;
  }

  private async createSchema(data: DataModule, database: Database, target: TestTarget): Promise<void> {
    const entities = this.options.entities ?? [];
    const folder = this.options.migrationsFolder;
    const key = schemaKey(
      entities.map((e) => data.getEntityMetadata(e)),
      folder,
    );
    // One PostgreSQL schema per distinct set of tables: files that agree share it, others do not collide.
    await data.sql`create schema if not exists ${data.sql.id(key)}`.execute(database.kysely);
    await data.sql`set search_path to ${data.sql.id(key)}`.execute(database.kysely);
    await workerSingleton(`schema:${target.url}:${key}`, async () => {
      if (folder !== undefined)
        await data.applySchemaMode(database, 'migrate', { migrationsFolder: folder, entities });
      if (entities.length) await data.applySchemaMode(database, 'create', { entities });
    });
  }
}
